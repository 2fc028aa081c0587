package uk.nhs.incidents.evidence.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.config.PositiveSize;
import uk.nhs.incidents.common.time.PositiveDuration;
import uk.nhs.incidents.evidence.domain.EvidenceKind;

@ConfigMapping(prefix = "incidents.evidence")
public interface EvidenceConfig {

    /** The largest evidence file accepted. */
    @WithDefault("500M")
    @PositiveSize
    MemorySize maxSize();

    /**
     * Content types each kind accepts (keys: CALL_REPORT, CALL_RECORDING, SCREENSHOT, LOG, OTHER), checked as the
     * service starts; uploads go by the {@link uk.nhs.incidents.evidence.domain.ContentPolicy} built from them.
     */
    Map<EvidenceKind, List<String>> allowedTypes();

    /** How many downloads of content may be in progress at once. */
    Download download();

    interface Download {

        /**
         * Downloads one organisation may have in progress at once on this instance; more answer 429. Each holds a
         * worker thread for as long as the client takes to read it.
         */
        @WithDefault("6")
        @Positive
        int maxPerOrganisation();

        /** Downloads in progress at once on this instance, all organisations together; more answer 429. */
        @WithDefault("24")
        @Positive
        int maxConcurrent();

        /** What a 429 tells the client to wait before trying again. */
        @WithDefault("30s")
        @PositiveDuration
        Duration retryAfter();

        /** A download whose client reads nothing for this long is cut: its connection is closed. */
        @WithDefault("60s")
        @PositiveDuration
        Duration idleTimeout();

        /**
         * The slowest a download may be read on average once it has lasted {@link #idleTimeout()}; slower, it is cut,
         * so that a client reading a byte now and then cannot hold a download's place and worker thread for ever.
         */
        @WithDefault("4K")
        MemorySize minBytesPerSecond();
    }

    /** How upload bodies are received, before anything reaches the database. */
    Upload upload();

    interface Upload {

        /** Where bodies are spooled while they arrive; the JVM's temporary directory when absent. */
        Optional<Path> spoolDirectory();

        /** An upload that sends nothing for this long is cut (408). */
        @WithDefault("60s")
        @PositiveDuration
        Duration idleTimeout();

        /**
         * The slowest an upload may arrive on average once it has lasted {@link #idleTimeout()}; slower, it is cut
         * (408), so that a client sending a byte now and then cannot hold an upload slot for ever.
         */
        @WithDefault("4K")
        MemorySize minBytesPerSecond();

        /** Uploads one organisation may have in progress at once; more answer 429. */
        @WithDefault("3")
        @Positive
        int maxPerOrganisation();

        /** Uploads in progress at once on this instance, all organisations together; more answer 429. */
        @WithDefault("10")
        @Positive
        int maxConcurrent();

        /** What a 429 tells the client to wait before trying again. */
        @WithDefault("30s")
        @PositiveDuration
        Duration retryAfter();

        default Path spool() {
            return spoolDirectory().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
        }
    }
}
