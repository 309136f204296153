package io.segcheck.model;

import java.util.Objects;

/**
 * A predicted (or observed) result of one call: a value, or a typed error. A void call that
 * succeeds has the value {@link #NONE}.
 *
 * @param value the result when the call succeeds (may be null, e.g. an empty slot)
 * @param error the error kind when the call fails, null on success
 */
public record Outcome<T>(T value, ErrorKind error) {

    /** The value of a successful void call. */
    public static final String NONE = "ok";

    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, null);
    }

    public static Outcome<Object> done() {
        return new Outcome<>(NONE, null);
    }

    public static <T> Outcome<T> failed(ErrorKind error) {
        return new Outcome<>(null, Objects.requireNonNull(error, "error"));
    }

    public boolean isOk() {
        return error == null;
    }

    /** The value of a successful outcome. */
    public T get() {
        if (error != null) {
            throw new IllegalStateException("outcome failed with error=" + error);
        }
        return value;
    }

    /** Same error, another value type: for passing a failure up. */
    @SuppressWarnings("unchecked") // a failed outcome holds no value, so any T is safe
    public <U> Outcome<U> castFailure() {
        if (error == null) {
            throw new IllegalStateException("outcome succeeded, value=" + value);
        }
        return (Outcome<U>) this;
    }

    @Override
    public String toString() {
        return error != null ? "error " + error : "ok " + describe(value);
    }

    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "byte[" + bytes.length + "]";
        }
        return String.valueOf(value);
    }
}
