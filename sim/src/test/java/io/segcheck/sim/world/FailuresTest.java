package io.segcheck.sim.world;

import io.segcheck.api.AllocatorExhaustedException;
import io.segcheck.impl.alloc.PoisonViolationException;
import io.segcheck.api.SegmentOwnershipException;
import io.segcheck.impl.page.PageFullException;
import io.segcheck.model.ErrorKind;
import io.segcheck.model.ViolationKind;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    private static IllegalStateException touchClosedSegment() {
        MemorySegment segment;
        try (Arena arena = Arena.ofConfined()) {
            segment = arena.allocate(16);
        }
        try {
            segment.fill((byte) 0);
        } catch (IllegalStateException closed) {
            return closed;
        }
        throw new AssertionError("a closed segment was writable");
    }

    @Test
    void touchingAClosedSegmentIsUseAfterReleaseNotAnApiError() {
        IllegalStateException closed = touchClosedSegment();
        assertTrue(Failures.isClosedScope(closed));
        assertNull(Failures.errorKind(closed));
        assertEquals(ViolationKind.USE_AFTER_RELEASE, Failures.violationKind(closed));
    }

    @Test
    void aPlainIllegalStateIsTheApisIllegalStateAndPageFullIsItsOwnKind() {
        IllegalStateException returned = new IllegalStateException("page segments were returned");
        assertFalse(Failures.isClosedScope(returned));
        assertEquals(ErrorKind.ILLEGAL_STATE, Failures.errorKind(returned));
        assertEquals(ErrorKind.PAGE_FULL, Failures.errorKind(new PageFullException("page full")));
        assertEquals(ViolationKind.UNEXPECTED_ERROR, Failures.violationKind(returned));
    }

    @Test
    void refusedReleasesMapToTheirKindAndToTheMatchingViolation() {
        for (SegmentOwnershipException.Kind kind : SegmentOwnershipException.Kind.values()) {
            SegmentOwnershipException refused = new SegmentOwnershipException(kind, 0x1000, "test");
            assertEquals(ErrorKind.valueOf(kind.name()), Failures.errorKind(refused));
            assertTrue(Failures.violationKind(refused).name().startsWith(kind.name()), kind + " -> "
                    + Failures.violationKind(refused));
        }
    }

    @Test
    void theOtherApiErrorsMapOneToOne() {
        assertEquals(ErrorKind.EXHAUSTED, Failures.errorKind(new AllocatorExhaustedException(4096, 1, 1, 1)));
        assertEquals(ErrorKind.INDEX_OUT_OF_BOUNDS, Failures.errorKind(new IndexOutOfBoundsException("slot=1024")));
        assertEquals(ErrorKind.NULL_POINTER, Failures.errorKind(new NullPointerException("data")));
        assertEquals(ErrorKind.ILLEGAL_ARGUMENT, Failures.errorKind(new IllegalArgumentException("bytes=0")));
        assertNull(Failures.errorKind(new AssertionError("guardCount=0")));
        assertEquals(ViolationKind.UNEXPECTED_ERROR, Failures.violationKind(new AssertionError("guardCount=0")));
        assertEquals(ViolationKind.USE_AFTER_RELEASE,
                Failures.violationKind(new PoisonViolationException(0x1000, 4096, 8, "page#1")));
    }
}
