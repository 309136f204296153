package io.segcheck.model.page;

import io.segcheck.api.PageDesign;

import java.util.Objects;

/**
 * One call on a page, as the model names it: which call, on which slot, with which data.
 *
 * @param slot the slot of a write or a read; 0 for the others
 * @param data what a write stores (a copy is kept); null for the others
 */
public record PageCall(Kind kind, int slot, byte[] data) {

    /** The calls of the page seam the model predicts. */
    public enum Kind {
        WRITE_RECORD, WRITE_DEWEY_ID, READ_RECORD, READ_DEWEY_ID, CLEAR, RETURN, RESET, GUARD;

        /** The call whose legality after a return the design declares. */
        public PageDesign.Call designCall() {
            return switch (this) {
                case WRITE_RECORD, WRITE_DEWEY_ID -> PageDesign.Call.WRITE;
                case READ_RECORD, READ_DEWEY_ID -> PageDesign.Call.READ;
                case CLEAR -> PageDesign.Call.CLEAR;
                case RETURN -> PageDesign.Call.RETURN;
                case RESET -> PageDesign.Call.RESET;
                case GUARD -> PageDesign.Call.GUARD;
            };
        }
    }

    public PageCall {
        Objects.requireNonNull(kind, "kind");
        if (isWrite(kind) && data == null) {
            throw new IllegalArgumentException(kind + " needs data");
        }
        data = data == null ? null : data.clone();
    }

    public static PageCall write(boolean deweyIdArea, int slot, byte[] data) {
        return new PageCall(deweyIdArea ? Kind.WRITE_DEWEY_ID : Kind.WRITE_RECORD, slot, data);
    }

    public static PageCall read(boolean deweyIdArea, int slot) {
        return new PageCall(deweyIdArea ? Kind.READ_DEWEY_ID : Kind.READ_RECORD, slot, null);
    }

    /** A call without slot or data: clear, return, reset, guard. */
    public static PageCall of(Kind kind) {
        return new PageCall(kind, 0, null);
    }

    public boolean isWrite() {
        return isWrite(kind);
    }

    public boolean isRead() {
        return kind == Kind.READ_RECORD || kind == Kind.READ_DEWEY_ID;
    }

    /** Whether the call is on the DeweyID area. */
    public boolean deweyIdArea() {
        return kind == Kind.WRITE_DEWEY_ID || kind == Kind.READ_DEWEY_ID;
    }

    /** {@code writeRecord(3, byte[40])}: no addresses, the same in every JVM. */
    public String text() {
        return switch (kind) {
            case WRITE_RECORD -> "writeRecord(" + slot + ", byte[" + data.length + "])";
            case WRITE_DEWEY_ID -> "writeDeweyId(" + slot + ", byte[" + data.length + "])";
            case READ_RECORD -> "readRecord(" + slot + ")";
            case READ_DEWEY_ID -> "readDeweyId(" + slot + ")";
            case CLEAR -> "clear()";
            case RETURN -> "returnSegments()";
            case RESET -> "reset()";
            case GUARD -> "guard()";
        };
    }

    private static boolean isWrite(Kind kind) {
        return kind == Kind.WRITE_RECORD || kind == Kind.WRITE_DEWEY_ID;
    }
}
