package uk.nhs.incidents.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import uk.nhs.incidents.common.config.PositiveSize;

@ConfigMapping(prefix = "incidents.http")
public interface HttpConfig {

    /** The largest JSON body accepted; JSON is read whole, so it is held far below the evidence limit. */
    @WithDefault("1M")
    @PositiveSize
    MemorySize maxJsonSize();

    /** The longest request URI (path and query) accepted; a longer one answers 414. */
    @WithDefault("8192")
    @Positive
    int maxUriLength();

    /** The most header bytes a request may send; more answers 431. */
    @WithDefault("20K")
    @PositiveSize
    MemorySize maxHeaderSize();
}
