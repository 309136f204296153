package io.segcheck.fray.scenario;

import org.pastalab.fray.core.ThreadContext;
import org.pastalab.fray.core.concurrency.operations.MemoryOperation;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One or two preemptions, each placed right before the act of a check-then-act: threads run by
 * seeded priorities, the highest enabled one always (so a thread runs on until it blocks or ends,
 * as with no preemption at all), except at the chosen commits: there the thread about to commit is
 * set aside to the lowest priority before it does, and the others run, each to its end or its next
 * block (or its own preemption), before it continues.
 *
 * <p>A commit is a write that acts on something the thread looked at before: a compare-and-set (of
 * any atomic: its expected value was read before it), or a store to a field or array element the
 * thread read since it last wrote it (a value computed from a load written back). Only the system's own
 * commits count, not those of the scenario's bookkeeping. Preempted exactly there, with the
 * others run whole, the look meets whatever they did meanwhile: the free stack's ABA needs one
 * thread held at its pop's CAS while another pops twice and pushes the first back, one
 * preemption that PCT, POS or uniform random choices place among every step a run takes, and this
 * among the few commits.
 *
 * <p>The first preempted commit is drawn log-uniformly from 1 to {@code commits} (the commits an
 * earlier run of the same scenario saw, learnt like PCT's step count), so early commits, where the
 * first call of the first thread is, get as many draws as the whole tail; half the schedules
 * preempt again, a log-uniform number of commits later (the thread that ran meanwhile held at its
 * own act: a push of a slice still leased while the first thread's stale pop completes).
 * Everything comes from {@code seed}, so a schedule runs the same every time.
 */
final class PreemptBeforeWriteScheduler extends Scheduler {

    /** Commits assumed when no run of the scenario has counted them yet. */
    static final int DEFAULT_COMMITS = 32;
    private static final String HARNESS = PreemptBeforeWriteScheduler.class.getPackageName() + ".";
    private static final String ATOMICS = "java.util.concurrent.atomic.";

    private final SplittableRandom random;
    private final List<ThreadContext> priorities = new ArrayList<>();
    /** Per thread, the shared locations it read since it last wrote them. */
    private final Map<ThreadContext, Set<Integer>> readSinceWrite = new HashMap<>();
    /** The commits (1-based) preempted: one, or a second some commits after the first. */
    private final Set<Integer> preemptAt;
    private int commits;

    PreemptBeforeWriteScheduler(Randomness randomness, long seed, int knownCommits) {
        super(randomness);
        this.random = new SplittableRandom(seed ^ 0xC0AA17L);
        int bound = knownCommits > 0 ? knownCommits : DEFAULT_COMMITS;
        int first = logUniform(bound);
        this.preemptAt = random.nextBoolean() ? Set.of(first) : Set.of(first, first + logUniform(bound));
    }

    /** 1 to {@code bound}, each power of two as likely as the next. */
    private int logUniform(int bound) {
        return (int) Math.floor(Math.exp(random.nextDouble() * Math.log(bound + 1.0)));
    }

    @Override
    public ThreadContext scheduleNextOperation(List<ThreadContext> enabled, Collection<ThreadContext> all) {
        for (ThreadContext thread : enabled) {
            if (!priorities.contains(thread)) {
                priorities.add(random.nextInt(priorities.size() + 1), thread);
            }
        }
        ThreadContext next = highest(enabled);
        // Counted only where another thread could run instead: a commit with no choice is no place to preempt.
        if (enabled.size() > 1 && isCommit(next) && preemptAt.contains(++commits)) {
            priorities.remove(next);
            priorities.add(next);
            next = highest(enabled);
        }
        remember(next);
        return next;
    }

    private ThreadContext highest(List<ThreadContext> enabled) {
        for (ThreadContext thread : priorities) {
            if (enabled.contains(thread)) {
                return thread;
            }
        }
        throw new IllegalStateException("no enabled thread among " + enabled);
    }

    /** The chosen thread now does its pending operation: a read is remembered, a write ends the reads of its location. */
    private void remember(ThreadContext chosen) {
        if (chosen.getPendingOperation() instanceof MemoryOperation memory) {
            Set<Integer> reads = readSinceWrite.computeIfAbsent(chosen, thread -> new HashSet<>());
            if (isWrite(memory)) {
                reads.remove(memory.getResource());
            } else {
                reads.add(memory.getResource());
            }
        }
    }

    private boolean isCommit(ThreadContext thread) {
        if (!(thread.getPendingOperation() instanceof MemoryOperation memory) || !isWrite(memory)) {
            return false;
        }
        StackTraceElement[] frames = thread.getThread().getStackTrace();
        int below = belowFray(frames);
        if (below >= frames.length || !inSystem(frames, below)) {
            return false;
        }
        StackTraceElement write = frames[below];
        if (write.getClassName().startsWith(ATOMICS)) {
            // A compare-and-set (or -exchange) acts on the value it expects, read before. Not a plain
            // store after a read: Fray names an atomic array's accesses by the array, not the element,
            // so that matched every store of a stripe's low mark after a read of its head (tried: the
            // free stack's ABA then took 3029 schedules instead of 2311, and a push whose CAS was
            // split by hand into a read and a store was found by POS either way).
            return write.getMethodName().contains("compareAnd") || write.getMethodName().contains("CompareAnd");
        }
        return readSinceWrite.getOrDefault(thread, Set.of()).contains(memory.getResource());
    }

    private static boolean isWrite(MemoryOperation memory) {
        // The operation's type is an enum of Fray's runtime, which is on the boot class path of a
        // Fray run but not on the compile path here; its text ends with the type's name.
        return memory.toString().endsWith(":MEMORY_WRITE");
    }

    /** The first frame below Fray's hook: above it are Fray's frames and this scheduler's (when the thread asking is the one chosen). */
    private static int belowFray(StackTraceElement[] frames) {
        int below = 0;
        for (int index = 0; index < frames.length; index++) {
            if (frames[index].getClassName().startsWith("org.pastalab.")) {
                below = index + 1;
            }
        }
        return below;
    }

    /**
     * The write is the system's, not the scenario's bookkeeping: the innermost frame outside the JDK
     * is not this package's. The runner records every call's invocation and return through atomics
     * of its own; counted as commits, those drew preemptions to where no race of the system can be.
     */
    private static boolean inSystem(StackTraceElement[] frames, int from) {
        for (int index = from; index < frames.length; index++) {
            String name = frames[index].getClassName();
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")
                    && !name.startsWith("kotlin.")) {
                return !name.startsWith(HARNESS);
            }
        }
        return false;
    }

    /** Commits this run saw (the bound a later schedule of the same scenario draws its preemption from). */
    int commits() {
        return commits;
    }

    @Override
    public Scheduler nextIteration(Randomness randomness) {
        throw new UnsupportedOperationException("one schedule is one iteration");
    }
}
