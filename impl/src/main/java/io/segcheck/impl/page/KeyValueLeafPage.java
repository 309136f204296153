package io.segcheck.impl.page;

import io.segcheck.api.OffHeapAllocator;
import io.segcheck.impl.defect.Defect;
import io.segcheck.impl.defect.Mark;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Optional;

/**
 * A leaf page of 1024 record slots and 1024 DeweyID slots whose entries live off-heap in
 * allocator segments ({@link KeyValueLeafPageLayout}). Created by {@link KeyValueLeafPagePool}.
 *
 * <p>Memory: {@code slotMemory} holds the records, {@code deweyIdMemory} the DeweyIDs. When
 * DeweyIDs are not stored both fields refer to the same segment ("shared") and the DeweyID
 * methods throw {@link IllegalStateException}. A write that does not fit resizes the segment to
 * {@code min(262144, max(2 * currentBytes, bytesNeededAfterWrite))} (the allocator rounds up to
 * a class); see {@link PageOwnership#swapAtResize}.
 *
 * <p>Lifecycle ({@link PageStatus}): LIVE, ORPHANED (retired while guarded), RETURNED. All
 * ownership changes are in {@link PageOwnership}.
 *
 * <p>Errors, checked in this order, each leaving the page unchanged: page RETURNED
 * ({@link IllegalStateException}); DeweyIDs not stored, for the DeweyID methods
 * ({@link IllegalStateException}); slot outside 0..1023 ({@link IndexOutOfBoundsException});
 * null data ({@link NullPointerException}); an entry longer than any segment
 * ({@link IllegalArgumentException}); the area would need more than 262144 bytes
 * ({@link PageFullException}); allocator exhaustion during resize (the allocator's exception).
 *
 * <p>Thread-safe: every method takes the page's lock, so any number of threads may read, write,
 * guard and return concurrently.
 */
public final class KeyValueLeafPage {

    private final PageOwnership ownership;
    private final SlotDirectory slots = new SlotDirectory();
    private final SlotDirectory deweyIds = new SlotDirectory();
    private volatile long recordPageKey;
    private volatile int revision;
    private volatile boolean deweyIdsStored;

    KeyValueLeafPage(long recordPageKey, int revision, PageOwnership ownership, boolean deweyIdsStored) {
        this.recordPageKey = recordPageKey;
        this.revision = revision;
        this.ownership = ownership;
        this.deweyIdsStored = deweyIdsStored;
    }

    /** Writes {@code data} into record slot {@code slot}, resizing the segment when needed. */
    public void setSlot(int slot, byte[] data) {
        write(false, slot, data);
    }

    /** A copy of record slot {@code slot}, or null when it is empty. */
    public byte[] getSlot(int slot) {
        return read(false, slot);
    }

    /** Writes a DeweyID into {@code slot}; throws {@link IllegalStateException} when DeweyIDs are not stored. */
    public void setDeweyId(int slot, byte[] data) {
        write(true, slot, data);
    }

    /** A copy of DeweyID slot {@code slot} or null; throws {@link IllegalStateException} when DeweyIDs are not stored. */
    public byte[] getDeweyId(int slot) {
        return read(true, slot);
    }

    /**
     * Releases the page's segments to the allocator exactly once, whatever the guards, and marks
     * the page RETURNED. Idempotent and thread-safe: later or concurrent calls do nothing.
     */
    public void returnSegmentsToAllocator() {
        ownership.releaseAtReturn();
    }

    /**
     * Empties every record and DeweyID slot. Only bookkeeping changes: segment memory is never
     * written (a returned segment may already belong to someone else). Allowed in any state.
     */
    public void clear() {
        ownership.lock().lock();
        try {
            if (ownership.defects().isEnabled(Defect.CLEAR_ZEROES_RETURNED)) {
                // DEFECT(CLEAR_ZEROES_RETURNED): zero-fills the fields' segments even when they were
                // returned and perhaps leased again by another page.
                ownership.slotMemory().fill((byte) 0);
                ownership.deweyIdMemory().fill((byte) 0);
            }
            slots.reset();
            deweyIds.reset();
        } finally {
            ownership.lock().unlock();
        }
    }

    /**
     * Makes a RETURNED page LIVE again with 0 guards, owning the given segments (shared when
     * they are the same instance) and with every slot empty.
     *
     * @throws IllegalStateException when the page is not RETURNED (nothing changes)
     * @throws NullPointerException when a segment is null
     * @throws IllegalArgumentException when a segment is larger than 262144 bytes
     */
    public void resetForReuse(long newRecordPageKey, int newRevision, MemorySegment newSlotMemory,
                              MemorySegment newDeweyIdMemory) {
        ownership.lock().lock();
        try {
            if (ownership.state() != PageStatus.RETURNED) {
                throw new IllegalStateException("resetForReuse needs a returned page: " + this);
            }
            Objects.requireNonNull(newSlotMemory, "slotMemory");
            Objects.requireNonNull(newDeweyIdMemory, "deweyIdMemory");
            checkOwnLease("slotMemory", newSlotMemory);
            checkOwnLease("deweyIdMemory", newDeweyIdMemory);
            checkSegmentSize("slotMemory", newSlotMemory);
            checkSegmentSize("deweyIdMemory", newDeweyIdMemory);
            ownership.acquireAtReset(newSlotMemory, newDeweyIdMemory, toString());
            slots.reset();
            deweyIds.reset();
            recordPageKey = newRecordPageKey;
            revision = newRevision;
            deweyIdsStored = newSlotMemory != newDeweyIdMemory;
        } finally {
            ownership.lock().unlock();
        }
    }

    /**
     * Pins the page until the guard closes.
     *
     * @throws IllegalStateException when the page is ORPHANED or RETURNED
     */
    public PageGuard guard() {
        return new PageGuard(this, ownership.openGuard(toString()));
    }

    /** A guard, or empty when the page is ORPHANED or RETURNED (for caches that race with removal). */
    public Optional<PageGuard> tryGuard() {
        long life = ownership.tryOpenGuard();
        return life < 0 ? Optional.empty() : Optional.of(new PageGuard(this, life));
    }

    /**
     * A guard only while the page is live in life {@code life} (see {@link #life()}); empty once that
     * life ended, even if the page was reset and is live again for another owner.
     */
    public Optional<PageGuard> tryGuard(long life) {
        long guardLife = ownership.tryOpenGuard(life);
        return guardLife < 0 ? Optional.empty() : Optional.of(new PageGuard(this, guardLife));
    }

    /** Which life the page is in: 0 at borrow, one more at every {@link #resetForReuse}. */
    public long life() {
        return ownership.life();
    }

    public long recordPageKey() {
        return recordPageKey;
    }

    public int revision() {
        return revision;
    }

    public PageStatus state() {
        return ownership.state();
    }

    public boolean isReturned() {
        return ownership.state() == PageStatus.RETURNED;
    }

    public int guardCount() {
        return ownership.guardCount();
    }

    /** True when DeweyIDs have their own segment; false when the one segment is shared. */
    public boolean isDeweyIdsStored() {
        return deweyIdsStored;
    }

    /**
     * A read-only view of the record segment (after return: of the released one). Never the
     * lease instance itself, so a caller can neither release the page's memory behind its back
     * (the allocator refuses the view as STALE) nor hand it to another page.
     */
    public MemorySegment slotMemory() {
        return ownership.slotMemory().asReadOnly();
    }

    /** A read-only view of the DeweyID segment; of the same segment as {@link #slotMemory()} when shared. */
    public MemorySegment deweyIdMemory() {
        return ownership.deweyIdMemory().asReadOnly();
    }

    /** True when the record field holds exactly {@code lease}: lets a checker name the lease without it escaping. */
    public boolean holdsSlotMemory(MemorySegment lease) {
        return ownership.slotMemory() == lease;
    }

    /** True when the DeweyID field holds exactly {@code lease}. */
    public boolean holdsDeweyIdMemory(MemorySegment lease) {
        return ownership.deweyIdMemory() == lease;
    }

    /** True when one segment serves records and DeweyIDs (the fields hold the same instance). */
    public boolean sharesMemory() {
        return ownership.slotMemory() == ownership.deweyIdMemory();
    }

    /** Segment bytes the page owns (slot + DeweyID when separate), 0 once returned; the cache weight. */
    public long ownedBytes() {
        return ownership.ownedBytes();
    }

    /** Bytes the record entries use in {@link #slotMemory()}. */
    public long usedSlotBytes() {
        ownership.lock().lock();
        try {
            return slots.usedBytes();
        } finally {
            ownership.lock().unlock();
        }
    }

    /** Bytes the DeweyID entries use in {@link #deweyIdMemory()}; 0 when DeweyIDs are not stored. */
    public long usedDeweyIdBytes() {
        ownership.lock().lock();
        try {
            return deweyIds.usedBytes();
        } finally {
            ownership.lock().unlock();
        }
    }

    /** The allocator that leased this page's segments. */
    public OffHeapAllocator allocator() {
        return ownership.allocator();
    }

    PageOwnership ownership() {
        return ownership;
    }

    @Override
    public String toString() {
        return "page(recordPageKey=" + recordPageKey + " revision=" + revision + " state=" + ownership.state() + ")";
    }

    private void write(boolean deweyIdArea, int slot, byte[] data) {
        ownership.lock().lock();
        try {
            checkAccess(deweyIdArea, slot);
            if (data == null) {
                throw new NullPointerException("data is null: slot=" + slot + " " + this);
            }
            checkEntryFitsAnySegment(slot, data.length);
            SlotDirectory directory = deweyIdArea ? deweyIds : slots;
            long bytesAfterWrite = directory.usedBytesAfterWrite(slot, data.length);
            checkPageHasRoom(slot, data.length, bytesAfterWrite);
            MemorySegment memory = deweyIdArea ? ownership.deweyIdMemory() : ownership.slotMemory();
            if (bytesAfterWrite > memory.byteSize()) {
                long newBytes = Math.min(KeyValueLeafPageLayout.MAX_SEGMENT_BYTES,
                        Math.max(2 * memory.byteSize(), bytesAfterWrite));
                memory = ownership.swapAtResize(deweyIdArea, newBytes, directory.usedBytes());
            }
            directory.write(memory, slot, data);
        } finally {
            ownership.lock().unlock();
        }
    }

    private byte[] read(boolean deweyIdArea, int slot) {
        ownership.lock().lock();
        try {
            checkAccess(deweyIdArea, slot);
            SlotDirectory directory = deweyIdArea ? deweyIds : slots;
            return directory.read(deweyIdArea ? ownership.deweyIdMemory() : ownership.slotMemory(), slot);
        } finally {
            ownership.lock().unlock();
        }
    }

    private void checkAccess(boolean deweyIdArea, int slot) {
        if (ownership.state() == PageStatus.RETURNED) {
            throw new IllegalStateException("page segments were returned: " + this);
        }
        if (deweyIdArea && !deweyIdsStored) {
            throw new IllegalStateException("DeweyIDs are not stored: " + this);
        }
        if (slot < 0 || slot >= KeyValueLeafPageLayout.SLOT_COUNT) {
            throw new IndexOutOfBoundsException("slot=" + slot + " slotCount=" + KeyValueLeafPageLayout.SLOT_COUNT);
        }
    }

    private void checkEntryFitsAnySegment(int slot, int payloadBytes) {
        if (payloadBytes > KeyValueLeafPageLayout.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("data too long for any segment: slot=" + slot + " dataBytes="
                    + payloadBytes + " maxDataBytes=" + KeyValueLeafPageLayout.MAX_PAYLOAD_BYTES);
        }
    }

    private void checkPageHasRoom(int slot, int payloadBytes, long bytesAfterWrite) {
        if (bytesAfterWrite > KeyValueLeafPageLayout.MAX_SEGMENT_BYTES) {
            ownership.defects().mark(Mark.PAGE_FULL);
            throw new PageFullException("page full: slot=" + slot + " dataBytes=" + payloadBytes
                    + " bytesNeeded=" + bytesAfterWrite + " maxSegmentBytes=" + KeyValueLeafPageLayout.MAX_SEGMENT_BYTES
                    + " " + this);
        }
    }

    /** A read-only segment is a view another page handed out, never a lease the caller may give away. */
    private static void checkOwnLease(String field, MemorySegment segment) {
        if (segment.isReadOnly()) {
            throw new IllegalArgumentException(field + " is a read-only view (another page's memory), not a lease:"
                    + " address=0x" + Long.toHexString(segment.address()) + " byteSize=" + segment.byteSize());
        }
    }

    private static void checkSegmentSize(String name, MemorySegment segment) {
        if (segment.byteSize() > KeyValueLeafPageLayout.MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException(name + " too large: byteSize=" + segment.byteSize()
                    + " maxSegmentBytes=" + KeyValueLeafPageLayout.MAX_SEGMENT_BYTES);
        }
    }
}
