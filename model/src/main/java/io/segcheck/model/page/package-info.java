/**
 * The executable page-design model: what a call on a team's page must do under the
 * {@link io.segcheck.api.PageDesign} its author declared, as the allocator model takes an
 * {@link io.segcheck.api.AllocatorDesign}. {@link io.segcheck.model.page.PageDesignModel} holds the
 * design; each {@link io.segcheck.model.page.ExpectedPage} is what one page must read back and
 * whether it is returned; {@link io.segcheck.model.page.ExpectedPage#judge} takes one observed call
 * ({@link io.segcheck.model.page.ObservedCall}: how it ended, the segments the page claimed before
 * and after, what the allocator saw during it) and names the first rule it broke.
 *
 * <p>It runs nothing: the contract kit, the page sweep, the page simulator and the generated
 * concurrent scenarios observe the real page and ask this model. Ownership itself (every claimed
 * segment a live lease of this page alone, every live lease claimed, nothing released twice) is
 * judged by the kit's {@code PageOracle} over what the observing allocator saw, since no design may
 * relax it.
 */
package io.segcheck.model.page;
