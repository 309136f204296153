/**
 * Lincheck tests of segcheck's concurrent ownership changes: page return, resize racing return,
 * cache removal racing guards, and the allocator's allocate/release.
 *
 * <p>Every {@code *LincheckTest} pairs model checking with stress on the same test object, and
 * uses the ownership model ({@code io.segcheck.model.OwnershipModel}) as the sequential
 * specification through {@link io.segcheck.stress.lincheck.SpecWorld}: the real system and the
 * model answer in the same words ({@link io.segcheck.stress.RaceOutcomes}). Each defect with a
 * concurrent symptom has a broken sibling whose model checking must fail with a report naming the
 * symptom ({@link io.segcheck.stress.lincheck.BrokenSiblings}).
 *
 * <p>Limits, stated where they apply: under model checking the page, allocator and Caffeine calls
 * are single steps, because the page's {@code ReentrantLock} cannot be scheduled by Lincheck 3.7
 * ({@link io.segcheck.stress.lincheck.LincheckSettings#modelCheckingOfPages}); size eviction is
 * not driven (Caffeine's victim choice is random). The stress mode and the JCStress tests cover
 * the real interleavings inside those calls.
 */
package io.segcheck.stress.lincheck;
