package io.segcheck.fray.scenario;

import io.segcheck.model.ViolationKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run did: every call with its result word and two stamps of one clock (taken when it
 * was invoked and when it returned: a call that returned before another was invoked must come
 * before it in any order that explains the run), and what the threads saw broken inside calls.
 */
final class History {

    /** The lane of the calls made before the threads started. */
    static final int INIT_LANE = -1;
    /** The lane of the removal listener's runs. */
    static final int LISTENER_LANE = 1000;

    /** One call: {@code op} null for a listener run. */
    record Call(int lane, int index, Op op, String token, long invoked, long returned) {

        boolean isListener() {
            return lane == LISTENER_LANE;
        }

        String laneName() {
            return lane == LISTENER_LANE ? "L" : lane == INIT_LANE ? "init" : "t" + lane;
        }

        String describe() {
            return laneName() + "#" + index + " " + (op == null ? "listener" : op.text());
        }
    }

    /** A broken invariant seen inside a call or after the run. */
    record Broken(ViolationKind kind, String message) {
    }

    private final AtomicLong clock = new AtomicLong();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Broken> broken = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerRuns = new AtomicLong();
    private volatile long finalLeased = -1;

    long tick() {
        return clock.incrementAndGet();
    }

    void add(Call call) {
        calls.add(call);
    }

    int listenerRuns() {
        return (int) listenerRuns.getAndIncrement();
    }

    void broken(ViolationKind kind, String message) {
        broken.add(new Broken(kind, message));
    }

    /** A call threw what the API never throws; the listener's failures come here too. */
    void unexpected(int lane, String message, Throwable failure) {
        broken.add(new Broken(ViolationKind.UNEXPECTED_ERROR, (lane == LISTENER_LANE ? "L: " : "t" + lane + ": ")
                + message + (failure == null ? "" : " at " + firstFrame(failure))));
    }

    private static String firstFrame(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length == 0 ? "?" : frames[0].toString();
    }

    /** Every call, in the order they were invoked. */
    List<Call> calls() {
        List<Call> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparingLong(Call::invoked));
        return sorted;
    }

    List<Broken> broken() {
        return List.copyOf(broken);
    }

    void finalLeased(long leased) {
        this.finalLeased = leased;
    }

    /** The leased segment count once every thread and listener run had ended, before quiesce. */
    long finalLeased() {
        return finalLeased;
    }

    /** The results and the order of invocations and returns: equal for two runs that did the same. */
    String signature() {
        List<long[]> events = new ArrayList<>();
        List<Call> sorted = calls();
        StringBuilder text = new StringBuilder();
        for (Call call : sorted) {
            text.append(call.describe()).append('=').append(call.token()).append(';');
            events.add(new long[] {call.invoked(), sorted.indexOf(call)});
            events.add(new long[] {call.returned(), sorted.indexOf(call)});
        }
        events.sort(Comparator.comparingLong(event -> event[0]));
        text.append(" order:");
        for (long[] event : events) {
            text.append(event[1]).append(',');
        }
        return text.append(" final=").append(finalLeased).toString();
    }
}
