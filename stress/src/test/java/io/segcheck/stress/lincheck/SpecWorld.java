package io.segcheck.stress.lincheck;

import io.segcheck.impl.alloc.AllocatorConfig;
import io.segcheck.model.GrantSource;
import io.segcheck.model.ModelConfig;
import io.segcheck.model.Outcome;
import io.segcheck.model.OwnershipModel;
import io.segcheck.model.Violation;
import io.segcheck.stress.RaceOutcomes;

import java.util.List;

/**
 * The model side of a Lincheck sequential specification: one {@link OwnershipModel} configured
 * like {@link TestWorlds}'s allocator, fed fresh grants (the spec has no real allocator to
 * observe), and a way to say each predicted {@link Outcome} in {@link RaceOutcomes}' words.
 *
 * <p>A violation the model finds while predicting (an illegal transition) is returned as the
 * outcome text, so it can never match what the real system did and Lincheck reports it.
 */
final class SpecWorld {

    private final OwnershipModel model;
    private final GrantSource grants = GrantSource.fresh();
    private int step;

    /** A model of {@link TestWorlds#guardedConfig()} with {@code cacheCount} caches. */
    SpecWorld(int cacheCount) {
        this(TestWorlds.guardedConfig(), cacheCount);
    }

    SpecWorld(AllocatorConfig config, int cacheCount) {
        this.model = new OwnershipModel(new ModelConfig(config.guardMode(), config.quarantineSlices(),
                config.budgetBytes(), config.regionBytes()), cacheCount);
    }

    OwnershipModel model() {
        model.beginStep(step++);
        return model;
    }

    GrantSource grants() {
        return grants;
    }

    /** The prediction in outcome words, or the model's first violation. */
    String say(Outcome<?> predicted) {
        List<Violation> violations = model.drainViolations();
        return violations.isEmpty() ? RaceOutcomes.of(predicted) : "VIOLATION " + violations.getFirst();
    }

    /** A predicted read: the record described, or the error. */
    String sayRecord(Outcome<byte[]> predicted) {
        String said = say(predicted);
        return predicted.isOk() && said.equals(RaceOutcomes.OK) ? RaceOutcomes.describeRecord(predicted.get()) : said;
    }
}
