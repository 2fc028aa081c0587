package uk.nhs.incidents.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.TestDatabase;

/** V15 turns each reference counter into its series' sequence, which carries on where the counter stopped. */
class ReferenceSequencesMigrationTest {

    @Test
    void eachSeriesCarriesOnFromItsCounterAndTheCounterTableIsGone() throws SQLException {
        String url = TestDatabase.scratch("references");
        TestDatabase.flyway(url, "14").migrate();
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.ROLE, TestDatabase.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("insert into reference_counter (series, year, last_value)"
                    + " values ('INC', 2026, 41), ('TST', 2025, 7)");
            TestDatabase.flyway(url, null).migrate();

            assertThat(number(statement, "select nextval('incident_reference_inc_2026')")).isEqualTo(42);
            assertThat(number(statement, "select nextval('incident_reference_tst_2025')")).isEqualTo(8);
            assertThat(number(statement, "select count(*) from pg_class where relname = 'reference_counter'"))
                    .isZero();
        }
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
