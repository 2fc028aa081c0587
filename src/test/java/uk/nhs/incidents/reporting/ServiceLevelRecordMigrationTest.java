package uk.nhs.incidents.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.TestDatabase;

/**
 * V9 moves the service-level record that V7 wrote into one partition per event, with each event's London month and
 * its paused time by party in the row. Records written before the upgrade must report as they did.
 */
class ServiceLevelRecordMigrationTest {

    private static String url;

    @BeforeAll
    static void upgradeARecordWrittenBeforeV9() throws SQLException {
        url = TestDatabase.scratch("migration");
        TestDatabase.flyway(url, "8").migrate();
        TestDatabase.addSite(url);
        execute("""
                insert into incident (id, reference, deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods,
                        reporter_user, phase, status, severity, clinical_safety, national_component_suspected, title,
                        description, occurred_at, created_at, updated_at, version, accountable_ods)
                values (1, 'INC-2025-000001', 1, 'S1', 'P1', 'I1', 'P1', 'someone', 'LIVE', 'CLOSED', 2, false,
                        false, 'Title', 'Description', '2025-03-31T23:00:00Z', '2025-03-31T23:30:00Z', now(), 0, 'S1')""",
                // raised at 00:30 on 1 April in London; triaged in March by UTC but April in London; resolved at
                // 01:30 BST on 26 October, half an hour before the clocks went back, having been paused twice
                record(1, "RAISED", "2025-03-31T23:30:00Z", V7_OUTCOME, "null, null, null, null"),
                record(2, "TRIAGED", "2025-03-31T23:40:00Z", V7_OUTCOME, "1800, 600, 0, true"),
                record(3, "RESOLVED", "2025-10-26T00:30:00Z", V7_OUTCOME, "28800, 36000, 36000, false"),
                """
                insert into service_level_record_pause (record_id, waiting_on, seconds)
                values (3, 'PROVIDER', 7200), (3, 'RESOLVED', 28800)""");
        TestDatabase.flyway(url, null).migrate();
    }

    private static final String V7_OUTCOME = "target_seconds, elapsed_seconds, paused_seconds, met";

    /** A row with the columns V7 and V9 share, and {@code columns} set to {@code values} besides. */
    private static String record(long id, String event, String at, String columns, String values) {
        return "insert into service_level_record (id, incident_id, event, occurred_at, phase, severity, deployment_id,"
                + " supplier_ods, provider_ods, icb_ods, reporter_ods, procurement_route, programme, reopened, "
                + columns + ") values (" + id + ", 1, '" + event + "', '" + at
                + "', 'LIVE', 2, 1, 'S1', 'P1', 'I1', 'P1', 'COMMISSIONER', 'BARS', false, " + values + ")";
    }

    @Test
    void eachEventMovesToItsOwnPartitionWithItsLondonMonth() throws SQLException {
        assertThat(rows("select id || ' ' || tableoid::regclass || ' ' || occurred_month from service_level_record"
                + " order by id")).containsExactly(
                        "1 service_level_record_raised 2025-04-01",
                        "2 service_level_record_triaged 2025-04-01",
                        "3 service_level_record_resolved 2025-10-01");
    }

    @Test
    void pausedTimeByPartyMovesIntoTheRecordItself() throws SQLException {
        assertThat(rows("select id || ' ' || coalesce(paused_on::text, '-')"
                + " from service_level_record where event <> 'RAISED' order by id")).containsExactly(
                        "2 -", "3 {\"PROVIDER\": 7200, \"RESOLVED\": 28800}");
        assertThat(rows("select count(*) from pg_tables where tablename in"
                + " ('service_level_record_pause', 'service_level_record_v7')")).containsExactly("0");
        assertThat(rows("select count(*) from information_schema.columns where table_name = 'service_level_record'"
                + " and column_name = 'paused_seconds'")).as("the total, now the sum of the parts").containsExactly("0");
    }

    /** V7's names, beside the one V18 adds for resolution codes. */
    @Test
    void constraintsKeepTheNamesV7GaveThem() throws SQLException {
        assertThat(rows("select conname from pg_constraint where conrelid = 'service_level_record'::regclass"
                + " order by conname")).containsExactly("service_level_record_check", "service_level_record_check1",
                        "service_level_record_event_check", "service_level_record_incident_id_fkey",
                        "service_level_record_paused_on_check", "service_level_record_phase_check",
                        "service_level_record_pkey", "service_level_record_resolution_code_check",
                        "service_level_record_severity_check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"PROVIDER\": \"an hour\"}", "{\"NOBODY\": 60}"})
    void pausedTimeIsSecondsByAKnownParty(String pausedOn) {
        assertThatThrownBy(() -> execute(record(4, "RESOLVED", "2025-10-27T09:00:00Z",
                "target_seconds, elapsed_seconds, met, occurred_month, paused_on",
                "28800, 60, true, '2025-10-01', '" + pausedOn + "'")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
    }

    @Test
    void everyOtherFigureIsCopiedAsItWas() throws SQLException {
        assertThat(rows("select concat_ws(' ', id, incident_id, event, occurred_at at time zone 'UTC', phase, severity,"
                + " deployment_id, supplier_ods, provider_ods, icb_ods, reporter_ods, procurement_route, programme,"
                + " target_seconds, elapsed_seconds, met, reopened, superseded_at) from service_level_record"
                + " order by id")).containsExactly(
                        "1 1 RAISED 2025-03-31 23:30:00 LIVE 2 1 S1 P1 I1 P1 COMMISSIONER BARS f",
                        "2 1 TRIAGED 2025-03-31 23:40:00 LIVE 2 1 S1 P1 I1 P1 COMMISSIONER BARS 1800 600 t f",
                        "3 1 RESOLVED 2025-10-26 00:30:00 LIVE 2 1 S1 P1 I1 P1 COMMISSIONER BARS 28800 36000 f f");
    }

    private static void execute(String... statements) throws SQLException {
        TestDatabase.execute(url, statements);
    }

    private static List<String> rows(String sql) throws SQLException {
        return TestDatabase.rows(url, sql);
    }
}
