package io.segcheck.fray.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One call of a scenario: its kind and integer arguments; text {@code setSlot(0,3,12,1)}. */
record Op(OpKind kind, long[] args) {

    Op {
        if (args.length != kind.argCount()) {
            throw new IllegalArgumentException(kind.text() + " takes " + kind.argCount() + " arguments, got "
                    + args.length);
        }
        args = args.clone();
    }

    static Op of(OpKind kind, long... args) {
        return new Op(kind, args);
    }

    long arg(int index) {
        return args[index];
    }

    Op withArg(int index, long value) {
        long[] changed = args.clone();
        changed[index] = value;
        return new Op(kind, changed);
    }

    String text() {
        StringBuilder text = new StringBuilder(kind.text()).append('(');
        for (int i = 0; i < args.length; i++) {
            text.append(i == 0 ? "" : ",").append(args[i]);
        }
        return text.append(')').toString();
    }

    static Op parse(String text) {
        String trimmed = text.trim();
        int open = trimmed.indexOf('(');
        if (open < 0 || !trimmed.endsWith(")")) {
            throw new IllegalArgumentException("a scenario call looks like name(1,2): " + text);
        }
        String inside = trimmed.substring(open + 1, trimmed.length() - 1).trim();
        List<Long> values = new ArrayList<>();
        if (!inside.isEmpty()) {
            for (String part : inside.split(",")) {
                values.add(Long.parseLong(part.trim()));
            }
        }
        return new Op(OpKind.ofText(trimmed.substring(0, open)), values.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Op op && op.kind == kind && Arrays.equals(op.args, args);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return text();
    }
}
