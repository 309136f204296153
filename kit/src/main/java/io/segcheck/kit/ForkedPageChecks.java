package io.segcheck.kit;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.api.OffHeapAllocator;
import io.segcheck.api.PageFactory;

/**
 * The page checks that may crash a JVM when the page is broken (it touches a segment after giving it
 * back, and the allocator under the observing one may have unmapped it), run by {@link ForkedCheck}
 * in a JVM of their own. The check's name carries the page factory's class:
 * {@code page:CHECK:PAGE_FACTORY_CLASS}; the child rebuilds it by its public no-argument constructor.
 */
final class ForkedPageChecks {

    /** {@link PageChecks#callsAfterReturnTouchNoReleasedMemory}. */
    static final String CALLS_AFTER_RETURN = "callsAfterReturn";
    /** {@link PageChecks#concurrentReturnsReleaseEverySegmentOnce}. */
    static final String CONCURRENT_RETURNS = "concurrentReturns";

    private static final String PREFIX = "page:";

    private ForkedPageChecks() {
    }

    /** Runs {@code check} of a page factory's pages forked, on allocators of {@code allocators}. */
    static void fork(PageFactory pages, AllocatorFactory allocators, AllocatorSettings settings, String check) {
        ForkedCheck.run(allocators, settings, PREFIX + check + ":" + pages.getClass().getName());
    }

    /**
     * In the child: the page check named in {@code encoded}, on pages over {@code allocator} (shared by
     * every bench of the check; the child exits afterwards).
     */
    static void run(String encoded, OffHeapAllocator allocator) throws ForkedChecks.Finding {
        if (!encoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("unknown check " + encoded);
        }
        String[] parts = encoded.substring(PREFIX.length()).split(":", 2);
        PageFactory factory = PageFactory.load(parts[1], ForkedPageChecks.class.getClassLoader());
        PageChecks checks = new PageChecks(factory, () -> allocator);
        try {
            switch (parts[0]) {
                case CALLS_AFTER_RETURN -> checks.callsAfterReturnTouchNoReleasedMemory();
                case CONCURRENT_RETURNS -> checks.concurrentReturnsReleaseEverySegmentOnce();
                default -> throw new IllegalArgumentException("unknown page check " + parts[0]);
            }
        } catch (AssertionError finding) {
            // The parent reports the message as the finding, as it does for the allocator's checks.
            throw new ForkedChecks.Finding(finding.getMessage());
        } catch (RuntimeException thrown) {
            throw new ForkedChecks.Finding(parts[0] + ": the page threw " + thrown);
        }
    }
}
