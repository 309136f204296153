package io.segcheck.sim.world;

/**
 * Deterministic slot payloads: a step carries only a length and a fill number, so a replay line
 * stays short and the bytes are the same in every JVM.
 */
final class Payloads {

    /** The length argument that stands for {@code null} data. */
    static final long NULL_LENGTH = -1;

    private Payloads() {
    }

    /** {@code length} bytes derived from {@code fill}, or null for {@link #NULL_LENGTH}. */
    static byte[] of(long length, long fill) {
        if (length == NULL_LENGTH) {
            return null;
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("length=" + length + " must be -1 (null) or 0.." + (Integer.MAX_VALUE - 8));
        }
        byte[] data = new byte[(int) length];
        // Position-dependent bytes, never all zero, so a zeroed or shifted entry reads back differently.
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (fill * 31 + i * 7 + 1);
        }
        return data;
    }

    /** {@code null}, or {@code byte[12]{3a 41 48 ..}} with the first bytes in hex, for violation sentences. */
    static String describe(byte[] data) {
        if (data == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("byte[" + data.length + "]{");
        for (int i = 0; i < Math.min(4, data.length); i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02x", data[i] & 0xff));
        }
        return text.append(data.length > 4 ? " ..}" : "}").toString();
    }
}
