package io.segcheck.impl.cache;

/** Key of a {@link RecordPageCache}: a record page and the revision it belongs to. */
public record RecordPageKey(long recordPageKey, int revision) {
}
