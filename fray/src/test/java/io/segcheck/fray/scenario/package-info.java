/**
 * Generated concurrent scenarios: races nobody listed, found by seeded programs of 2-4 threads over
 * the whole public API (the cache's removal listener a thread of its own) on real threads under
 * Fray, each run judged by what the threads saw, the ownership invariants, quiesce and
 * linearizability against the simulator's world (the fixed system with the ownership model in
 * lockstep). A finding shrinks, prints a threads x operations table with the interleaving and the
 * model's expected results, and writes a replay file that runs its one schedule again.
 *
 * <p>Entry points: {@link io.segcheck.fray.scenario.GeneratedScenariosFrayTest} (the build),
 * {@code RacesCommand} ({@code ./segcheck races}), {@code ScenarioProbe} (measuring). Measurements
 * and limits: docs/evidence/races.md.
 */
package io.segcheck.fray.scenario;
