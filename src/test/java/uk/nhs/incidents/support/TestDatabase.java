package uk.nhs.incidents.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import uk.nhs.incidents.common.database.MigrationLock;

/**
 * Creates the test role and database on the local PostgreSQL before Quarkus boots, when they are absent, so the
 * suite runs on a fresh machine. Each run starts from an empty schema: Flyway then builds it from the
 * migrations, which also proves they apply to an empty database. Override the server with TEST_DB_ADMIN_URL and
 * TEST_DB_ADMIN_USER, and the database's name with TEST_DB_NAME.
 */
@QuarkusTestResource(TestDatabase.class)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "incidents_test";
    public static final String ROLE = "incidents";
    public static final String PASSWORD = "incidents";

    /**
     * TEST_DB_NAME runs the suite on a database of another name, so that two working copies on one machine can
     * run their tests at the same time without dropping each other's database.
     */
    @Override
    public Map<String, String> start() {
        String database = name();
        recreate(database);
        return database.equals(DATABASE) ? Map.of()
                : Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/" + database);
    }

    /**
     * An empty database of its own for a test that is not a Quarkus test, named after the suite's with the given
     * suffix; returns its JDBC URL, for {@link #ROLE}.
     */
    public static String scratch(String suffix) {
        String database = name() + "_" + suffix;
        recreate(database);
        return "jdbc:postgresql://localhost:5432/" + database;
    }

    /** The suite's database, as the service under test uses it. */
    public static String name() {
        return env("TEST_DB_NAME", DATABASE);
    }

    /** A superuser connection to the server, for what the service's role may not do. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(env("TEST_DB_ADMIN_URL", "jdbc:postgresql://localhost:5432/postgres"),
                env("TEST_DB_ADMIN_USER", "postgres"), env("TEST_DB_ADMIN_PASSWORD", ""));
    }

    /** Drops the database if present and creates it empty, owned by the service's role (created if absent). */
    public static void recreate(String database) {
        String adminUrl = env("TEST_DB_ADMIN_URL", "jdbc:postgresql://localhost:5432/postgres");
        try (Connection admin = admin()) {
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", ROLE)) {
                execute(admin, "create role " + ROLE + " login password '" + PASSWORD + "'");
            }
            if (exists(admin, "select 1 from pg_database where datname = ?", database)) {
                execute(admin, "drop database " + database + " with (force)");
            }
            execute(admin, "create database " + database + " owner " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database " + database + " at " + adminUrl
                    + "; is PostgreSQL running? (src/scripts/ensure-postgres.sh starts it)", e);
        }
    }

    @Override
    public void stop() {
        // The database stays for inspection after a run; the next run recreates it.
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Runs {@code sql} on {@code connection}, in its transaction if it has one open. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The service's migrations on the database at {@code url}, up to {@code target} (all when it is null). */
    public static Flyway flyway(String url, String target) {
        var configuration = Flyway.configure().dataSource(url, ROLE, PASSWORD).locations("classpath:db/migration")
                .placeholders(Map.of("report_zone", "Europe/London")).configuration(MigrationLock.SESSION_LOCK);
        return (target == null ? configuration : configuration.target(target)).load();
    }

    /**
     * For a migration test: supplier S1's system deployed at provider P1 under ICB I1 (deployment 1), written as
     * every schema since V1 holds them.
     */
    public static void addSite(String url) throws SQLException {
        execute(url, """
                insert into organisation (ods_code, name, type, incident_mailbox, created_at, updated_at, version)
                values ('S1', 'Supplier', 'SUPPLIER', 's@example.org', now(), now(), 0),
                       ('P1', 'Provider', 'PROVIDER', 'p@example.org', now(), now(), 0),
                       ('I1', 'ICB', 'ICB', 'i@example.org', now(), now(), 0)""",
                """
                insert into deployment (id, system_name, supplier_ods, provider_ods, icb_ods, programme,
                        procurement_route, icb_support_agreed, created_at, updated_at, version)
                values (1, 'System', 'S1', 'P1', 'I1', 'BARS', 'COMMISSIONER', false, now(), now(), 0)""");
    }

    /** Runs {@code statements} in order on the database at {@code url}, as {@link #ROLE}, each committed. */
    public static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, ROLE, PASSWORD);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of every row {@code sql} returns on the database at {@code url}, as text. */
    public static List<String> rows(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, ROLE, PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        }
    }
}
