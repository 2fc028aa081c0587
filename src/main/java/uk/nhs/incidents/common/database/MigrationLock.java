package uk.nhs.incidents.common.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway holds its lock on the migrations for the length of a session rather than of a transaction. A migration that
 * builds an index concurrently, so that writes go on meanwhile (V21), waits for every transaction open on the
 * database; with a transaction-level lock, Flyway's own open transaction would be one, and the migration would
 * wait for ever.
 */
@Singleton
public class MigrationLock implements FlywayConfigurationCustomizer {

    /** The setting, for any Flyway run on the service's migrations (the tests' own runs among them). */
    public static final Map<String, String> SESSION_LOCK = Map.of("flyway.postgresql.transactional.lock", "false");

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.configuration(SESSION_LOCK);
    }
}
