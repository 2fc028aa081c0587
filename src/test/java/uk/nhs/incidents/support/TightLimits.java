package uk.nhs.incidents.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The profile of the tests that need a limit, a timeout or a setting reached within a test, or set as in production
 * where the test profile relaxes it: a connection pool of {@link #POOL}, short transaction, transfer and idle
 * timeouts, JSON bodies of at most 64 KB and a small share of their memory per organisation, an evidence limit of
 * {@link #EVIDENCE_MAX_MB} MB, sweep batches far smaller than what falls due, webhook targets held to HTTPS on public
 * addresses, and tracing exported to a stand-in collector ({@link OtlpCollector}).
 * One profile for all of them, so that Quarkus builds and starts the application once for them, not once each; none
 * of its settings is one another of its tests depends on not having.
 */
public class TightLimits implements QuarkusTestProfile {

    /** Connections, and uploads and downloads each organisation may have in progress. */
    public static final int POOL = 4;
    /** Below a trickling upload's 320 B/s, which holds its slot; above a drip's 20 B/s, which is cut. */
    public static final int MIN_BYTES_PER_SECOND = 100;
    public static final Path SPOOL = Path.of("target", "evidence-spool-tight-limits");
    /** Longer than the tests that hold stalled downloads take to read or close them. */
    public static final String DOWNLOAD_IDLE_TIMEOUT = "8s";
    /** What one organisation's JSON bodies may hold while they arrive: 300 small stalled bodies, not 3 large ones. */
    public static final long JSON_BODY_MEMORY_PER_ORGANISATION = 100_000;
    /** Above the largest recording the transfer tests send (18 MB). */
    public static final int EVIDENCE_MAX_MB = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.max-size", String.valueOf(POOL)),
                Map.entry("quarkus.datasource.jdbc.acquisition-timeout", "3S"),
                Map.entry("quarkus.transaction-manager.default-transaction-timeout", "8S"),
                Map.entry("incidents.evidence.max-size", EVIDENCE_MAX_MB + "M"),
                Map.entry("incidents.evidence.upload.spool-directory", SPOOL.toString()),
                Map.entry("incidents.evidence.upload.idle-timeout", "3s"),
                Map.entry("incidents.evidence.upload.min-bytes-per-second", String.valueOf(MIN_BYTES_PER_SECOND)),
                Map.entry("incidents.evidence.upload.max-per-organisation", String.valueOf(POOL)),
                Map.entry("incidents.evidence.upload.max-concurrent", String.valueOf(POOL + 2)),
                Map.entry("incidents.evidence.upload.retry-after", "7s"),
                Map.entry("incidents.evidence.download.max-per-organisation", String.valueOf(POOL)),
                Map.entry("incidents.evidence.download.max-concurrent", String.valueOf(POOL + 1)),
                Map.entry("incidents.evidence.download.retry-after", "9s"),
                Map.entry("incidents.evidence.download.idle-timeout", DOWNLOAD_IDLE_TIMEOUT),
                Map.entry("incidents.http.json-body-timeout", "3s"),
                Map.entry("incidents.http.max-json-size", "64K"),
                Map.entry("incidents.http.json-body-memory-per-organisation",
                        String.valueOf(JSON_BODY_MEMORY_PER_ORGANISATION)),
                Map.entry("quarkus.http.idle-timeout", "12s"),
                // Two sweeping loops (half the pool) of batches far smaller than what falls due.
                Map.entry("incidents.sla.sweep.batch-size", "3"),
                Map.entry("incidents.sla.sweep.concurrency", "2"),
                Map.entry("incidents.webhooks.require-https", "true"),
                Map.entry("incidents.webhooks.allow-private-targets", "false"),
                Map.entry("incidents.tracing.enabled", "true"),
                Map.entry("incidents.tracing.export-every", "PT0.2S"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OtlpCollector.class));
    }
}
