package uk.nhs.incidents.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import uk.nhs.incidents.common.config.PositiveSize;
import uk.nhs.incidents.common.time.PositiveDuration;

@ConfigMapping(prefix = "incidents.http")
public interface HttpConfig {

    /** The largest JSON body accepted; JSON is read whole, so it is held far below the evidence limit. */
    @WithDefault("1M")
    @PositiveSize
    MemorySize maxJsonSize();

    /**
     * The most bytes of JSON bodies held in memory at once ({@link JsonBodyBuffer}), counted by their announced lengths
     * until their requests end; a body beyond is answered 429.
     */
    @WithDefault("128M")
    @PositiveSize
    MemorySize jsonBodyMemory();

    /** The share of {@link #jsonBodyMemory()} one organisation's requests may hold at once; beyond, 429. */
    @WithDefault("16M")
    @PositiveSize
    MemorySize jsonBodyMemoryPerOrganisation();

    /** The Retry-After of a JSON body refused for want of memory. */
    @WithDefault("PT5S")
    @PositiveDuration
    Duration jsonBodyRetryAfter();

    /**
     * How long a request's body, other than an evidence upload's, may take to arrive whole, from the request's start;
     * one still arriving then is answered 408. Below {@code quarkus.http.read-timeout}.
     */
    @WithDefault("PT30S")
    @PositiveDuration
    Duration jsonBodyTimeout();

    /** The longest request URI (path and query) accepted; a longer one answers 414. */
    @WithDefault("8192")
    @Positive
    int maxUriLength();

    /** The most header bytes a request may send; more answers 431. */
    @WithDefault("20K")
    @PositiveSize
    MemorySize maxHeaderSize();
}
