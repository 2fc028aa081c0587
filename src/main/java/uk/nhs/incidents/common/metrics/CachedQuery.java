package uk.nhs.incidents.common.metrics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A database figure for a gauge, read at most once per period: scrapes from several Prometheus servers, or
 * several gauges over one query, cost one query. The figure is service-wide, the same on every replica.
 */
public final class CachedQuery<T> implements Supplier<T> {

    private final Supplier<T> query;
    private final long periodNanos;
    private T value;
    private long readAt;

    public CachedQuery(Supplier<T> query, Duration period) {
        this.query = query;
        this.periodNanos = period.toNanos();
    }

    @Override
    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt > periodNanos) {
            value = QuarkusTransaction.requiringNew().call(query::get);
            readAt = now;
        }
        return value;
    }
}
