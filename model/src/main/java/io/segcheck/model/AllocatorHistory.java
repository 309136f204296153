package io.segcheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The allocator calls of a concurrent run as its threads saw them: each call with what it returned
 * and two stamps of one clock, taken before the call began and after it returned. Recording is
 * thread-safe; {@link AllocatorLinearizer} judges a history against the model.
 *
 * <p>A caller takes {@link #begin()} before the real call and records the call with that stamp
 * after it returned:
 *
 * <pre>{@code
 * long begun = history.begin();
 * MemorySegment segment = allocator.allocate(bytes);
 * int lease = history.granted(begun, bytes, segment.address(), segment.byteSize());
 * ...
 * begun = history.begin();
 * allocator.release(segment);   // or the refusal it threw
 * history.released(begun, lease, null);
 * }</pre>
 */
public final class AllocatorHistory {

    /** One recorded call: its place in the history, its stamps and what it returned. */
    public sealed interface Call {
        /** Its index in {@link #calls()}. */
        int index();

        /** The clock before the call began. */
        long begun();

        /** The clock after the call returned. */
        long ended();

        /** The call and its result, for reports. */
        String describe();
    }

    /**
     * {@code allocate(requestBytes)}: granted {@code [address, address + grantedBytes)}, or refused
     * with {@code error} (then address and size are 0).
     */
    public record Allocate(int index, long begun, long ended, long requestBytes, long address, long grantedBytes,
                           ErrorKind error) implements Call {
        @Override
        public String describe() {
            return "#" + index + " allocate(" + requestBytes + ") -> " + (error != null ? error
                    : "0x" + Long.toHexString(address) + "+" + grantedBytes);
        }
    }

    /**
     * {@code release} of the segment the allocate call {@code leaseCall} handed out ({@code -1}: a
     * segment no call of this history leased), which returned normally ({@code refusal} null) or threw.
     */
    public record Release(int index, long begun, long ended, int leaseCall, ErrorKind refusal) implements Call {
        @Override
        public String describe() {
            return "#" + index + " release(" + (leaseCall < 0 ? "foreign" : "lease of #" + leaseCall) + ") -> "
                    + (refusal == null ? "ok" : refusal);
        }
    }

    private final AtomicLong clock = new AtomicLong();
    private final List<Call> calls = new ArrayList<>();

    /** The stamp to take just before a call begins. */
    public long begin() {
        return clock.incrementAndGet();
    }

    /** Records an allocate that returned a segment; returns the call's index, which names the lease. */
    public synchronized int granted(long begun, long requestBytes, long address, long grantedBytes) {
        return add(new Allocate(calls.size(), begun, clock.incrementAndGet(), requestBytes, address, grantedBytes, null));
    }

    /** Records an allocate that threw {@code error} (EXHAUSTED, ILLEGAL_ARGUMENT, ...). */
    public synchronized int refused(long begun, long requestBytes, ErrorKind error) {
        return add(new Allocate(calls.size(), begun, clock.incrementAndGet(), requestBytes, 0, 0, error));
    }

    /** Records a release of the lease of call {@code leaseCall} ({@code -1}: foreign) that ended with {@code refusal} (null: normally). */
    public synchronized void released(long begun, int leaseCall, ErrorKind refusal) {
        if (leaseCall >= calls.size() || leaseCall >= 0 && !(calls.get(leaseCall) instanceof Allocate)) {
            throw new IllegalArgumentException("leaseCall=" + leaseCall + " names no allocate call of this history");
        }
        add(new Release(calls.size(), begun, clock.incrementAndGet(), leaseCall, refusal));
    }

    private int add(Call call) {
        calls.add(call);
        return call.index();
    }

    /** Every call recorded so far, in the order they were recorded. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
