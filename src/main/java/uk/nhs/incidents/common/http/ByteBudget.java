package uk.nhs.incidents.common.http;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes that may be held at once, reserved and released by their holders. */
final class ByteBudget {

    private final long total;
    private final AtomicLong reserved = new AtomicLong();

    ByteBudget(long total) {
        this.total = total;
    }

    /** Whether {@code bytes} more fit, reserving them if they do. */
    boolean reserve(long bytes) {
        long before = reserved.getAndUpdate(held -> held + bytes <= total ? held + bytes : held);
        return before + bytes <= total;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }
}
