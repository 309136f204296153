package io.segcheck.model.page;

import java.util.List;

/**
 * A segment as the page model sees it: where it starts and how large it is. Two views of one lease
 * are the same segment.
 */
public record SegmentRef(long address, long bytes) {

    /** {@code 0x7f00..+4096}, for messages. */
    public String text() {
        return "0x" + Long.toHexString(address) + "+" + bytes;
    }

    /** The segments of {@code from} that {@code in} does not list. */
    static List<SegmentRef> missingFrom(List<SegmentRef> from, List<SegmentRef> in) {
        return from.stream().filter(segment -> !in.contains(segment)).toList();
    }

    /** Whether the two lists name the same segments, in any order. */
    static boolean sameSegments(List<SegmentRef> left, List<SegmentRef> right) {
        return missingFrom(left, right).isEmpty() && missingFrom(right, left).isEmpty();
    }

    @Override
    public String toString() {
        return text();
    }
}
