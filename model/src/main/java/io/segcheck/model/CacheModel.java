package io.segcheck.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page cache as the model sees it: which key maps which page, in which life of the page
 * (an entry is dead once that life ended), and each entry's weight (the bytes its page owned when
 * put). Eviction order is Caffeine's business; the model only learns evictions from the binding
 * and checks them.
 */
public final class CacheModel {

    private final int id;
    private final LinkedHashMap<Long, Integer> entries = new LinkedHashMap<>();
    private final Map<Long, Integer> lifeOf = new HashMap<>();
    private final Map<Long, Long> weightOf = new HashMap<>();

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

    /** The life of its page {@code key}'s entry was put in. */
    public int lifeAt(long key) {
        return lifeOf.get(key);
    }

    /** The sum of the entries' weights: what the cache's weight bound applies to. */
    public long weightBytes() {
        long total = 0;
        for (long weight : weightOf.values()) {
            total += weight;
        }
        return total;
    }

    /** The previous page of {@code key}, or null. */
    Integer put(long key, int pageId, int life, long weightBytes) {
        lifeOf.put(key, life);
        weightOf.put(key, weightBytes);
        return entries.put(key, pageId);
    }

    Integer remove(long key) {
        lifeOf.remove(key);
        weightOf.remove(key);
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
