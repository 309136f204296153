package io.segcheck.examples.page;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

/**
 * A leaf page written apart from segcheck's own, as another team would: 256 record slots and 256
 * DeweyID slots in append-only {@link LogArea}s, memory from the process-wide {@link PageMemoryHolder}.
 *
 * <p>DeweyIDs are kept not at all, in the records' segment (records grow up from its start,
 * DeweyIDs down from its end) or in a segment of their own. Areas start at 4 KiB. A write that
 * does not fit grows the segment to {@code max(live bytes + entry, 150% of it)} rounded up to
 * 4 KiB, at most 64 KiB, packing the live entries; past 64 KiB of live entries it throws
 * {@link PageOverflowException} and nothing changes. A resize takes the new segment, packs into it,
 * publishes it (both fields when shared), and only then gives the old one back.
 *
 * <p>{@link #clear()} zeroes the segments of a live page; on a returned page it only empties the
 * index. {@link #reuse()} takes fresh segments for a returned page. Reads and writes on a returned
 * page throw {@link IllegalStateException}. Thread-safe: every method holds the page's monitor.
 */
public final class AppendLogPage {

    public static final int SLOT_COUNT = 256;
    public static final long INITIAL_AREA_BYTES = 4096;
    public static final long MAX_AREA_BYTES = 64 * 1024;
    public static final int GROWTH_PERCENT = 150;
    private static final long ROUNDING_BYTES = 4096;

    private final boolean keepsDeweyIds;
    private final boolean sharesSegment;
    private final PageVariant variant;
    private final LogArea records = new LogArea(SLOT_COUNT, false);
    private final LogArea deweyIds;
    private MemorySegment recordMemory;
    /** The records' segment when shared, null when DeweyIDs are not kept. */
    private MemorySegment deweyIdMemory;
    /** Only the KEEPS_/READS_REPLACED_SEGMENT variants set it: the segment the last resize gave back. */
    private MemorySegment replaced;
    /** Volatile for RETURN_NOT_IDEMPOTENT, whose return reads it without the monitor. */
    private volatile boolean returned;

    public AppendLogPage(boolean keepsDeweyIds, boolean sharesSegment, PageVariant variant) {
        if (sharesSegment && !keepsDeweyIds) {
            throw new IllegalArgumentException("sharesSegment=true needs keepsDeweyIds=true");
        }
        this.keepsDeweyIds = keepsDeweyIds;
        this.sharesSegment = sharesSegment;
        this.variant = Objects.requireNonNull(variant, "variant");
        this.deweyIds = new LogArea(SLOT_COUNT, sharesSegment);
        takeFirstSegments();
    }

    public synchronized void setRecord(int slot, byte[] data) {
        write(false, slot, data);
    }

    public synchronized byte[] getRecord(int slot) {
        return read(false, slot);
    }

    public synchronized void setDeweyId(int slot, byte[] data) {
        write(true, slot, data);
    }

    public synchronized byte[] getDeweyId(int slot) {
        return read(true, slot);
    }

    /** Gives the page's segments back exactly once; later and racing calls do nothing. */
    public void returnSegmentsToAllocator() {
        if (variant == PageVariant.RETURN_NOT_IDEMPOTENT) {
            // PLANTED: check, release, then mark, with no monitor: two racing calls both release.
            if (!returned) {
                giveBackSegments();
                returned = true;
            }
            return;
        }
        synchronized (this) {
            if (returned) {
                return;
            }
            returned = true;
            if (variant != PageVariant.RETURN_RELEASES_NOTHING) {
                giveBackSegments();
            }
        }
    }

    /** Empties every slot; zeroes the segments only while the page owns them. */
    public synchronized void clear() {
        if (!returned || variant == PageVariant.CLEAR_ZEROES_RETURNED) {
            recordMemory.fill((byte) 0);
            if (deweyIdMemory != null && deweyIdMemory != recordMemory) {
                deweyIdMemory.fill((byte) 0);
            }
        }
        records.reset();
        deweyIds.reset();
    }

    /** A returned page takes fresh segments and is live and empty again. */
    public synchronized void reuse() {
        if (!returned) {
            throw new IllegalStateException("reuse needs a returned page: " + this);
        }
        records.reset();
        deweyIds.reset();
        replaced = null;
        takeFirstSegments();
        returned = false;
    }

    /** The segments the page owns now: none once returned; the shared one once. */
    public synchronized List<MemorySegment> ownedSegments() {
        if (returned) {
            return List.of();
        }
        if (deweyIdMemory == null || deweyIdMemory == recordMemory) {
            return List.of(recordMemory);
        }
        return List.of(recordMemory, deweyIdMemory);
    }

    boolean keepsDeweyIds() {
        return keepsDeweyIds;
    }

    boolean sharesSegment() {
        return sharesSegment;
    }

    @Override
    public String toString() {
        return "appendLogPage(keepsDeweyIds=" + keepsDeweyIds + " sharesSegment=" + sharesSegment + " returned="
                + returned + ")";
    }

    private void takeFirstSegments() {
        PageMemory memory = PageMemoryHolder.current();
        MemorySegment first = memory.take(INITIAL_AREA_BYTES);
        MemorySegment second = null;
        if (keepsDeweyIds && !sharesSegment) {
            try {
                second = memory.take(INITIAL_AREA_BYTES);
            } catch (RuntimeException | Error failure) {
                memory.giveBack(first);
                throw failure;
            }
        }
        recordMemory = first;
        deweyIdMemory = !keepsDeweyIds ? null : sharesSegment ? first : second;
    }

    private void write(boolean deweyIdArea, int slot, byte[] data) {
        checkAccess(deweyIdArea, slot);
        Objects.requireNonNull(data, "data");
        LogArea area = deweyIdArea ? deweyIds : records;
        MemorySegment memory = deweyIdArea ? deweyIdMemory : recordMemory;
        long used = sharesSegment ? records.usedBytes() + deweyIds.usedBytes() : area.usedBytes();
        if (used + LogArea.entryBytes(data.length) > memory.byteSize()) {
            memory = grow(deweyIdArea, slot, LogArea.entryBytes(data.length));
        }
        area.append(memory, slot, data);
    }

    private byte[] read(boolean deweyIdArea, int slot) {
        checkAccess(deweyIdArea, slot);
        if (variant == PageVariant.READS_REPLACED_SEGMENT && replaced != null) {
            // PLANTED: a consistency check against the segment the last resize already gave back.
            replaced.get(ValueLayout.JAVA_BYTE, 0);
        }
        return deweyIdArea ? deweyIds.read(deweyIdMemory, slot) : records.read(recordMemory, slot);
    }

    /** Takes a larger segment, packs the live entries into it, publishes it, then gives the old one back. */
    private MemorySegment grow(boolean deweyIdArea, int slot, long entryBytes) {
        MemorySegment old = deweyIdArea ? deweyIdMemory : recordMemory;
        long live = sharesSegment ? records.liveBytes() + deweyIds.liveBytes()
                : (deweyIdArea ? deweyIds : records).liveBytes();
        long needed = live + entryBytes;
        if (variant == PageVariant.OVERFLOW_TAKES_BEFORE_REFUSING && needed > MAX_AREA_BYTES) {
            PageMemoryHolder.current().take(MAX_AREA_BYTES); // PLANTED: taken, then dropped by the throw below
        }
        if (needed > MAX_AREA_BYTES) {
            throw new PageOverflowException("slot=" + slot + " bytesNeeded=" + needed + " maxAreaBytes="
                    + MAX_AREA_BYTES + " " + this);
        }
        long grown = Math.max(needed, old.byteSize() * GROWTH_PERCENT / 100);
        long target = Math.min(MAX_AREA_BYTES, (grown + ROUNDING_BYTES - 1) / ROUNDING_BYTES * ROUNDING_BYTES);
        MemorySegment fresh = PageMemoryHolder.current().take(target);
        if (sharesSegment || !deweyIdArea) {
            records.repack(old, fresh);
        }
        if (sharesSegment || deweyIdArea) {
            deweyIds.repack(old, fresh);
        }
        if (variant == PageVariant.RELEASES_BEFORE_PUBLISHING) {
            // PLANTED: for a moment the page's field names a segment that is no longer its own.
            PageMemoryHolder.current().giveBack(old);
            publish(deweyIdArea, fresh);
            return fresh;
        }
        publish(deweyIdArea, fresh);
        if (variant == PageVariant.KEEPS_REPLACED_SEGMENT_UNREAD || variant == PageVariant.READS_REPLACED_SEGMENT) {
            replaced = old;
        }
        PageMemoryHolder.current().giveBack(old);
        return fresh;
    }

    private void publish(boolean deweyIdArea, MemorySegment fresh) {
        if (deweyIdArea) {
            deweyIdMemory = fresh;
        } else {
            recordMemory = fresh;
        }
        if (sharesSegment && variant != PageVariant.SHARED_RESIZE_UPDATES_ONE_FIELD) {
            // PLANTED when skipped: the other field keeps the segment given back just after.
            recordMemory = fresh;
            deweyIdMemory = fresh;
        }
    }

    private void giveBackSegments() {
        PageMemory memory = PageMemoryHolder.current();
        memory.giveBack(recordMemory);
        if (deweyIdMemory != null && deweyIdMemory != recordMemory) {
            memory.giveBack(deweyIdMemory);
        }
    }

    private void checkAccess(boolean deweyIdArea, int slot) {
        if (returned) {
            throw new IllegalStateException("page segments were returned: " + this);
        }
        if (deweyIdArea && !keepsDeweyIds) {
            throw new IllegalStateException("DeweyIDs are not kept: " + this);
        }
        if (slot < 0 || slot >= SLOT_COUNT) {
            throw new IndexOutOfBoundsException("slot=" + slot + " slotCount=" + SLOT_COUNT);
        }
    }
}
