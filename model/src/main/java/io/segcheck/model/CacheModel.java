package io.segcheck.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page cache as the model sees it: which key maps which page. Weights and eviction order are
 * Caffeine's business; the model only learns evictions from the binding and checks them.
 */
public final class CacheModel {

    private final int id;
    private final LinkedHashMap<Long, Integer> entries = new LinkedHashMap<>();

    CacheModel(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The page id mapped by {@code key}, or null. */
    public Integer pageAt(long key) {
        return entries.get(key);
    }

    /** The mapped keys in insertion order. */
    public List<Long> keys() {
        return new ArrayList<>(entries.keySet());
    }

    /** Whether any entry maps {@code pageId}. */
    public boolean maps(int pageId) {
        return entries.containsValue(pageId);
    }

    /** The previous page of {@code key}, or null. */
    Integer put(long key, int pageId) {
        return entries.put(key, pageId);
    }

    Integer remove(long key) {
        return entries.remove(key);
    }

    Map<Long, Integer> snapshot() {
        return new LinkedHashMap<>(entries);
    }

    @Override
    public String toString() {
        return "cache#" + id + entries;
    }
}
