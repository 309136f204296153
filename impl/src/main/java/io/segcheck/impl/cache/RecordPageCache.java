package io.segcheck.impl.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.segcheck.impl.defect.Defects;
import io.segcheck.impl.page.KeyValueLeafPagePool;

import java.time.Duration;
import java.util.concurrent.Executor;

/** The record-page cache: a {@link PageCache} keyed by {@link RecordPageKey}; same behaviour. */
public final class RecordPageCache extends PageCache<RecordPageKey> {

    public RecordPageCache(KeyValueLeafPagePool pool, long maxWeightBytes, Executor executor, Ticker ticker,
                           Defects defects, Duration expireAfterAccess, RemovalObserver<? super RecordPageKey> observer) {
        super(pool, maxWeightBytes, executor, ticker, defects, expireAfterAccess, observer);
    }

    public RecordPageCache(KeyValueLeafPagePool pool, long maxWeightBytes, Executor executor, Ticker ticker,
                           Defects defects) {
        super(pool, maxWeightBytes, executor, ticker, defects);
    }

    public RecordPageCache(KeyValueLeafPagePool pool, long maxWeightBytes) {
        super(pool, maxWeightBytes);
    }
}
