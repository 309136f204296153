package io.segcheck.sim.pages;

import io.segcheck.api.PageAdapter;
import io.segcheck.api.PageDesign;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** One page of a page world: the adapter, how it keeps DeweyIDs, whether it was returned, and what each slot must read. */
final class SweptPage {

    private final String name;
    private final PageAdapter adapter;
    private final PageDesign.DeweyIds deweyIds;
    private final Map<Integer, byte[]> records = new HashMap<>();
    private final Map<Integer, byte[]> deweyIdEntries = new HashMap<>();
    private final boolean borrowed;
    private boolean returned;
    private boolean givenBack;
    /** Guards the simulator holds open on this page. */
    private int openGuards;

    SweptPage(String name, PageAdapter adapter, PageDesign.DeweyIds deweyIds, boolean borrowed) {
        this.name = name;
        this.adapter = adapter;
        this.deweyIds = deweyIds;
        this.borrowed = borrowed;
    }

    /** Lent by the pool, and not given back yet. */
    boolean lent() {
        return borrowed && !givenBack;
    }

    /** Given back to its pool: the pool's now (it may lend it again), so nothing judges it further. */
    boolean givenBack() {
        return givenBack;
    }

    void markGivenBack() {
        givenBack = true;
    }

    /** Whether a guard is open on it: a pool may keep a guarded page's segments until its last guard closes. */
    boolean guarded() {
        return openGuards > 0;
    }

    void guardOpened() {
        openGuards++;
    }

    void guardClosed() {
        openGuards--;
    }

    String name() {
        return name;
    }

    PageAdapter adapter() {
        return adapter;
    }

    boolean keepsDeweyIds() {
        return deweyIds != PageDesign.DeweyIds.NONE;
    }

    PageDesign.DeweyIds deweyIds() {
        return deweyIds;
    }

    boolean returned() {
        return returned;
    }

    void markReturned() {
        returned = true;
    }

    /** A reset made it live and empty again. */
    void markReset() {
        returned = false;
        forgetEntries();
    }

    void forgetEntries() {
        records.clear();
        deweyIdEntries.clear();
    }

    void remember(boolean deweyIdArea, int slot, byte[] data) {
        (deweyIdArea ? deweyIdEntries : records).put(slot, data.clone());
    }

    /** True when {@code actual} is what slot {@code slot} must read (null when never written since the last clear). */
    boolean readsBack(boolean deweyIdArea, int slot, byte[] actual) {
        return Arrays.equals((deweyIdArea ? deweyIdEntries : records).get(slot), actual);
    }

    /** What slot {@code slot} must read, for messages. */
    String expected(boolean deweyIdArea, int slot) {
        byte[] data = (deweyIdArea ? deweyIdEntries : records).get(slot);
        return data == null ? "null" : "byte[" + data.length + "]";
    }
}
