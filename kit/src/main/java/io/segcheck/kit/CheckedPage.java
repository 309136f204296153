package io.segcheck.kit;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;
import org.opentest4j.AssertionFailedError;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A page under check and what it must read back: every slot written since its last clear or reset,
 * records and DeweyIDs apart. The expectation is updated only after a write returned normally.
 */
final class CheckedPage {

    private final String name;
    private final PageAdapter page;
    private final PageDesign.DeweyIds deweyIds;
    private final Map<Integer, byte[]> records = new TreeMap<>();
    private final Map<Integer, byte[]> deweyIdEntries = new TreeMap<>();

    CheckedPage(String name, PageAdapter page, PageDesign.DeweyIds deweyIds) {
        this.name = name;
        this.page = page;
        this.deweyIds = deweyIds;
    }

    PageAdapter page() {
        return page;
    }

    PageDesign.DeweyIds deweyIds() {
        return deweyIds;
    }

    boolean keepsDeweyIds() {
        return deweyIds != PageDesign.DeweyIds.NONE;
    }

    /** Writes {@code data} to the record or the DeweyID area and remembers it once the write returned. */
    void write(boolean deweyIdArea, int slot, byte[] data) {
        String what = "a write of " + data.length + " B to " + (deweyIdArea ? "DeweyID" : "record") + " slot " + slot;
        touching(what, () -> {
            if (deweyIdArea) {
                page.writeDeweyId(slot, data);
            } else {
                page.writeRecord(slot, data);
            }
            return null;
        });
        (deweyIdArea ? deweyIdEntries : records).put(slot, data.clone());
    }

    /** After a clear or a reset: every slot reads empty from now on, until written again. */
    void forgetEntries() {
        records.replaceAll((slot, data) -> null);
        deweyIdEntries.replaceAll((slot, data) -> null);
    }

    /** Every slot written (or emptied) since creation reads back what is expected. */
    void assertReadsBack(String when) {
        records.forEach((slot, expected) -> assertArrayEquals(expected,
                touching(when + ": a read of record slot " + slot, () -> page.readRecord(slot)),
                when + ": " + name + " record slot " + slot + " does not read back what was written"));
        deweyIdEntries.forEach((slot, expected) -> assertArrayEquals(expected,
                touching(when + ": a read of DeweyID slot " + slot, () -> page.readDeweyId(slot)),
                when + ": " + name + " DeweyID slot " + slot + " does not read back what was written"));
    }

    /**
     * Runs a page call; the JDK's refusal of an access through a closed view becomes a finding that
     * names the call: the page touched a segment after it was released.
     */
    private <T> T touching(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException refused) {
            if (LeaseWorld.isClosedScope(refused)) {
                throw new AssertionFailedError(this + ": " + what + " touched a released segment (" + refused.getMessage()
                        + ")", refused);
            }
            throw refused;
        }
    }

    /** The page's own probe, never null. */
    List<MemorySegment> held() {
        List<MemorySegment> held = page.heldSegments();
        assertNotNull(held, name + ": heldSegments() returned null");
        return List.copyOf(held);
    }

    /** True when the probe lists the memory of {@code segment}. */
    boolean holds(MemorySegment segment) {
        return page.heldSegments().stream().anyMatch(view -> ObservingAllocator.sameMemory(view, segment));
    }

    @Override
    public String toString() {
        return name + "(" + deweyIds + ")";
    }
}
