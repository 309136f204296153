package io.segcheck.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One page as the model sees it: which leases its two fields hold, the contents of its record and
 * DeweyID slots, its open guards and whether it is orphaned or returned.
 *
 * <p>Entries are {@code [int length][payload]} padded to 4 bytes and packed from offset 0, so the
 * bytes a segment needs are the sum of {@link #entryBytes} over its slots; that is all the layout
 * the model needs to predict resizes and PageFull.
 */
public final class PageModel {

    /** Slots per directory (records and DeweyIDs each). */
    public static final int SLOT_COUNT = 1024;

    private final int id;
    private long recordPageKey;
    private int revision;
    private Lease slotLease;
    private Lease deweyLease;
    private final TreeMap<Integer, byte[]> records = new TreeMap<>();
    private final TreeMap<Integer, byte[]> deweyIds = new TreeMap<>();
    private int openGuards;
    private boolean orphaned;
    private boolean returned;
    private int life;

    PageModel(int id, long recordPageKey, int revision, Lease slotLease, Lease deweyLease) {
        this.id = id;
        this.recordPageKey = recordPageKey;
        this.revision = revision;
        this.slotLease = slotLease;
        this.deweyLease = deweyLease;
    }

    /** Bytes one entry of {@code payloadBytes} takes in its segment: 4-byte length plus padded payload. */
    public static long entryBytes(long payloadBytes) {
        return 4 + ((payloadBytes + 3) & ~3L);
    }

    public int id() {
        return id;
    }

    public long recordPageKey() {
        return recordPageKey;
    }

    public int revision() {
        return revision;
    }

    /** The lease in the slotMemory field (the last one held, after return). */
    public Lease slotLease() {
        return slotLease;
    }

    /** The lease in the deweyIdMemory field; the same object as {@link #slotLease()} when shared. */
    public Lease deweyLease() {
        return deweyLease;
    }

    /** Whether one segment serves both fields (DeweyIDs not stored). */
    public boolean isShared() {
        return slotLease == deweyLease;
    }

    public int openGuards() {
        return openGuards;
    }

    public boolean isOrphaned() {
        return orphaned;
    }

    public boolean isReturned() {
        return returned;
    }

    /**
     * How many times the page was reset for reuse; a guard belongs to one life, so a guard opened
     * before a reset does not count against the page after it.
     */
    public int life() {
        return life;
    }

    /** A copy of the record in {@code slot}, or null when empty. */
    public byte[] record(int slot) {
        byte[] data = records.get(slot);
        return data == null ? null : data.clone();
    }

    /** A copy of the DeweyID in {@code slot}, or null when empty. */
    public byte[] deweyId(int slot) {
        byte[] data = deweyIds.get(slot);
        return data == null ? null : data.clone();
    }

    /** The non-empty record slots and their contents (read-only; do not modify the arrays). */
    public SortedMap<Integer, byte[]> records() {
        return Collections.unmodifiableSortedMap(records);
    }

    /** The non-empty DeweyID slots and their contents (read-only; do not modify the arrays). */
    public SortedMap<Integer, byte[]> deweyIds() {
        return Collections.unmodifiableSortedMap(deweyIds);
    }

    /** Bytes used in the slot segment (records) or the DeweyID segment. */
    public long usedBytes(boolean dewey) {
        long used = 0;
        for (byte[] data : directory(dewey).values()) {
            used += entryBytes(data.length);
        }
        return used;
    }

    TreeMap<Integer, byte[]> directory(boolean dewey) {
        return dewey ? deweyIds : records;
    }

    Lease lease(boolean dewey) {
        return dewey ? deweyLease : slotLease;
    }

    void replaceLease(Lease old, Lease replacement) {
        if (slotLease == old) {
            slotLease = replacement;
        }
        if (deweyLease == old) {
            deweyLease = replacement;
        }
    }

    void clearDirectories() {
        records.clear();
        deweyIds.clear();
    }

    void openGuard() {
        openGuards++;
    }

    void closeGuard() {
        if (openGuards == 0) {
            throw new IllegalStateException("page#" + id + " has no open guard to close");
        }
        openGuards--;
    }

    void orphan() {
        orphaned = true;
    }

    void markReturned() {
        returned = true;
        orphaned = false;
    }

    void reset(long newRecordPageKey, int newRevision, Lease newSlotLease, Lease newDeweyLease) {
        recordPageKey = newRecordPageKey;
        revision = newRevision;
        slotLease = newSlotLease;
        deweyLease = newDeweyLease;
        clearDirectories();
        openGuards = 0;
        orphaned = false;
        returned = false;
        life++;
    }

    /** {@code page#3 (key=7 rev=1)}. */
    public String describe() {
        return "page#" + id + " (key=" + recordPageKey + " rev=" + revision + ")";
    }

    @Override
    public String toString() {
        return describe() + " slot=" + slotLease + (isShared() ? " shared" : " dewey=" + deweyLease)
                + " guards=" + openGuards + (orphaned ? " orphaned" : "") + (returned ? " returned" : "")
                + " records=" + records.keySet() + " deweyIds=" + deweyIds.keySet()
                + " firstRecord=" + (records.isEmpty() ? "-" : Arrays.toString(records.firstEntry().getValue()));
    }
}
