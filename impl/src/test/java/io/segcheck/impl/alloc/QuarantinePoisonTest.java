package io.segcheck.impl.alloc;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A slice leaving quarantine: intact poison passes; a write at any word, the first one too, is named by its offset. */
class QuarantinePoisonTest {

    @Test
    void aWriteToTheFirstOrTheLastWordIsFoundAtItsOffset() {
        try (Arena arena = Arena.ofConfined()) {
            int sliceBytes = SizeClass.MIN_BYTES;
            Region region = new Region(0, 0, sliceBytes, arena.allocate(SizeClass.MAX_BYTES, sliceBytes), arena, false);
            Quarantine.Entry entry = new Quarantine.Entry(null, 0, region, 0, "owner-7");
            Zeroing.poison(region.slice(0));
            assertDoesNotThrow(() -> Quarantine.verify(entry));
            for (long offset : new long[] {0, sliceBytes - 8}) {
                Zeroing.poison(region.slice(0));
                region.slice(0).set(ValueLayout.JAVA_LONG_UNALIGNED, offset, 42L);
                PoisonViolationException violation = assertThrows(PoisonViolationException.class,
                        () -> Quarantine.verify(entry));
                assertEquals(offset, violation.offsetBytes());
            }
        }
    }
}
