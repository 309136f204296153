package io.segcheck.fray.scenario;

import io.segcheck.impl.page.KeyValueLeafPage;
import io.segcheck.model.ViolationKind;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ownership invariants of what a run holds once its threads ended: no byte held by two
 * holders (raw leases and the memory of pages not returned), and every raw lease's mark as its
 * owner wrote it.
 */
final class OwnershipCheck {

    private OwnershipCheck() {
    }

    static void check(History history, Lane init, List<Lane> lanes) {
        Map<MemorySegment, String> held = new IdentityHashMap<>();
        List<Lane> all = new ArrayList<>(lanes);
        all.add(0, init);
        for (Lane lane : all) {
            for (int i = 0; i < lane.raw.size(); i++) {
                Lane.RawLease lease = lane.raw.get(i);
                if (lease.released) {
                    continue;
                }
                held.put(lease.segment, lane.laneName() + " raw lease #" + i);
                if (!lease.shared && lease.segment.get(ValueLayout.JAVA_LONG, 0) != lease.mark) {
                    history.broken(ViolationKind.ALIAS, lane.laneName() + " raw lease #" + i + " was written by another "
                            + "owner: mark " + lease.segment.get(ValueLayout.JAVA_LONG, 0) + " expected " + lease.mark);
                }
            }
        }
        for (KeyValueLeafPage page : pages(all)) {
            if (!page.isReturned()) {
                held.putIfAbsent(page.slotMemory(), page + " slot memory");
                if (page.deweyIdMemory() != null && !page.sharesMemory()) { // a shared page's DeweyIDs live in its slot memory
                    held.putIfAbsent(page.deweyIdMemory(), page + " DeweyID memory");
                }
            }
        }
        List<Map.Entry<MemorySegment, String>> byAddress = new ArrayList<>(held.entrySet());
        byAddress.sort(Comparator.comparingLong(entry -> entry.getKey().address()));
        for (int i = 1; i < byAddress.size(); i++) {
            MemorySegment before = byAddress.get(i - 1).getKey();
            MemorySegment after = byAddress.get(i).getKey();
            if (before.address() + before.byteSize() > after.address()) {
                history.broken(ViolationKind.ALIAS, "two holders of the same bytes at 0x" + Long.toHexString(after.address())
                        + ": " + byAddress.get(i - 1).getValue() + " and " + byAddress.get(i).getValue());
            }
        }
    }

    /** Every page any lane reached, once each (the pool hands a returned page object out again). */
    static List<KeyValueLeafPage> pages(List<Lane> lanes) {
        Set<KeyValueLeafPage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<KeyValueLeafPage> pages = new ArrayList<>();
        for (Lane lane : lanes) {
            for (KeyValueLeafPage page : lane.pages) {
                if (seen.add(page)) {
                    pages.add(page);
                }
            }
        }
        return pages;
    }
}
