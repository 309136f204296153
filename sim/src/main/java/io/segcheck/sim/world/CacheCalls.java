package io.segcheck.sim.world;

import io.segcheck.impl.cache.RemovalHandling;
import io.segcheck.model.ViolationKind;
import io.segcheck.model.fault.Faults;

/**
 * What the caches did during one real call, fed to the model and checked ({@link Calls} runs the
 * call): removal-listener failures, Caffeine's own evictions, the handling each inline listener
 * reports and, in queued-listener worlds, the evictions and listener runs in the order they
 * happened. Caffeine's evictions are results too and go into the trace.
 */
final class CacheCalls {

    private final World world;
    private final SystemParts parts;
    private final Findings findings;

    CacheCalls(World world, SystemParts parts, Findings findings) {
        this.world = world;
        this.parts = parts;
        this.findings = findings;
    }

    /** After a call in lockstep: every kind of cache event, checked and fed to the model. */
    void check(String what, Calls calls) {
        checkListeners(what, calls);
        applyEvictions();
        checkInlineHandling(what);
        applyQueuedEvents(what);
    }

    private void checkListeners(String what, Calls calls) {
        for (CacheHandle<?> cache : parts.caches) {
            for (RuntimeException failure : cache.newListenerFailures()) {
                if (Faults.isInjected(failure)) {
                    continue; // a fault site's throw after the page was handled; the handling is checked
                }
                findings.report(Failures.violationKind(failure), "during " + what + ", " + cache
                        + "'s removal listener failed: " + Failures.describe(failure) + calls.ownerOf(failure));
            }
        }
    }

    /**
     * Queued-listener worlds: evictions leave the model's cache as they happen and make their
     * listener pending; a listener that ran is checked against what the fixed listener does.
     */
    private void applyQueuedEvents(String what) {
        for (CacheHandle.Event event : parts.events) {
            if (!event.listenerRan()) {
                world.model.observeEviction(event.cacheIndex(), event.key(), event.cause().name());
                findings.takeFrom(world.model);
                continue;
            }
            int pageId = parts.pages.indexOf(event.page());
            String expected = world.model.listenerRan(event.cacheIndex(), event.key(), pageId,
                    (int) event.entryLife(), event.cause().name());
            findings.takeFrom(world.model);
            String actual = event.handling().name();
            if (!expected.equals(actual) && !expected.equals("UNKNOWN")) {
                ViolationKind kind = actual.equals("RETIRED") ? ViolationKind.USE_AFTER_RELEASE
                        : expected.equals("RETIRED") ? ViolationKind.LEAK : ViolationKind.LOST_DATA;
                findings.report(kind, "during " + what + ", cache#" + event.cacheIndex() + "'s removal listener for key="
                        + event.key() + " and " + world.model.page(pageId).describe() + " (cause=" + event.cause()
                        + ") did " + actual + " where the model expects " + expected + why(expected));
            }
        }
        parts.events.clear();
    }

    private static String why(String expected) {
        return switch (expected) {
            case "STILL_MAPPED" -> ": the key maps that page again, so returning it frees a cached page";
            case "LIFE_ENDED" -> ": the life the entry was put in has ended (the page was returned and reset for"
                    + " reuse), so the page's new segments are not the cache's";
            default -> "";
        };
    }

    /** Caffeine's own removals are results too: {@code evicted:SIZE@cache#0/key=3}. */
    void traceEvictions(StringBuilder trace) {
        for (CacheHandle.Event event : parts.events) {
            trace.append(event.listenerRan() ? " listener:" + event.handling() : " evicted:" + event.cause())
                    .append("@cache#").append(event.cacheIndex()).append("/key=").append(event.key());
        }
        for (CacheHandle.Removal removal : parts.removals) {
            if (removal.cause().wasEvicted()) {
                trace.append(" evicted:").append(removal.cause()).append("@cache#").append(removal.cacheIndex())
                        .append("/key=").append(removal.key());
            }
        }
    }

    /** Caffeine's own removals (size eviction, expiry) go to the model, which checks and applies them. */
    private void applyEvictions() {
        for (CacheHandle.Removal removal : parts.removals) {
            if (removal.cause().wasEvicted()) {
                world.model.observeRemoval(removal.cacheIndex(), removal.key(), removal.cause().name());
            }
        }
        findings.takeFrom(world.model);
    }

    /**
     * Inline-listener worlds: what each removal listener says it did must be what the model, after
     * the call, makes of that removal: the key maps the page again (STILL_MAPPED), the life the
     * entry was put in has ended (LIFE_ENDED), else the page was retired (RETIRED). A listener whose
     * handling failed on an injected fault is left out (the fault is the model's to follow). (The
     * inline world used to record the handling and never look at it.)
     */
    private void checkInlineHandling(String what) {
        for (CacheHandle.Removal removal : parts.removals) {
            if (findings.any() || removal.handling() == RemovalHandling.FAILED) {
                continue;
            }
            int pageId = parts.pages.indexOf(removal.page());
            if (pageId < 0) {
                continue; // a page the world never borrowed (the pool's own): nothing to follow
            }
            Integer mapped = world.model.cache(removal.cacheIndex()).pageAt(removal.key());
            RemovalHandling expected = mapped != null && mapped == pageId ? RemovalHandling.STILL_MAPPED
                    : world.model.page(pageId).life() != removal.entryLife() ? RemovalHandling.LIFE_ENDED
                    : RemovalHandling.RETIRED;
            if (removal.handling() != expected) {
                ViolationKind kind = removal.handling() == RemovalHandling.RETIRED ? ViolationKind.USE_AFTER_RELEASE
                        : expected == RemovalHandling.RETIRED ? ViolationKind.LEAK : ViolationKind.LOST_DATA;
                findings.report(kind, "during " + what + ", cache#" + removal.cacheIndex() + "'s removal listener for key="
                        + removal.key() + " and " + world.model.page(pageId).describe() + " (cause=" + removal.cause()
                        + ") did " + removal.handling() + " where the model expects " + expected + why(expected.name()));
            }
        }
        parts.removals.clear();
    }
}
