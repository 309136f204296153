/**
 * The page layer: {@link io.segcheck.impl.page.KeyValueLeafPage} (1024 record slots and 1024
 * DeweyID slots stored off-heap in allocator segments), its byte layout
 * ({@link io.segcheck.impl.page.KeyValueLeafPageLayout}), guards that pin a page while it is read,
 * and the {@link io.segcheck.impl.page.KeyValueLeafPagePool} that creates and retires pages.
 *
 * <p>Where a segment changes owner is in one file: {@link io.segcheck.impl.page.PageOwnership}
 * (acquire at borrow and reset, swap at resize, release at return and at the last guard close of
 * an orphan). Every other class asks it.
 *
 * <p>Not here: the allocator ({@code io.segcheck.impl.alloc}) and the Caffeine caches
 * ({@code io.segcheck.impl.cache}).
 */
package io.segcheck.impl.page;
