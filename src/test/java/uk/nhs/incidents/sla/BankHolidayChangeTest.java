package uk.nhs.incidents.sla;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.service.ServiceLevelSweep;
import uk.nhs.incidents.sla.data.BankHolidayFile;
import uk.nhs.incidents.sla.service.Calendars;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * A bank-holiday file loaded while clocks run: the deadlines stored for the sweep, the lists and the work queues
 * follow the new holidays at once, not only once the old calendar's next threshold comes round. Pinned instants; no
 * job runs on its own, so each sweep is called where the running service's would have run.
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class BankHolidayChangeTest {

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    @Inject
    ServiceLevelSweep sweep;

    @Inject
    Calendars calendars;

    private Site site;
    private String provider;
    private String shipped;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
        shipped = calendars.shippedDocument();
        // Files other tests loaded at later pinned instants would pass for newer than this test's at a refresh.
        db.execute("delete from bank_holiday_file");
    }

    @AfterEach
    void shippedCalendar() {
        given().auth().oauth2(Tokens.admin()).post("/api/v1/calendars/bank-holidays/shipped").then().statusCode(200);
    }

    @Test
    void aClockWhoseHolidaysAFileDropsWarnsAndBreachesByTheNewCalendar() {
        // Severity 3 triage (4 service hours) from Christmas Eve 16:00: by the shipped holidays 2 h that day, then
        // nothing until Tuesday 29th, due at 10:00. Without Christmas Day as a holiday it is due on the 25th at 10:00.
        long before = raiseAt(3, "2026-12-23T09:00:00Z");
        long id = raiseAt(3, "2026-12-24T16:00:00Z");
        at("2026-12-24T16:30:00Z");
        sweep.sweepOnce();
        long untouched = version(before);
        load(withoutChristmas());

        at("2026-12-25T09:30:00Z");
        sweep.sweepOnce();
        assertThat(triageThresholds(id, "SLA_WARNING")).as("warned at 09:00 on the 25th, not on the 29th").isOne();
        assertThat(ids("AT_RISK")).contains(id);

        at("2026-12-25T10:00:30Z");
        sweep.sweepOnce();
        assertThat(triageThresholds(id, "SLA_BREACH")).isOne();
        assertThat(ids("BREACHED")).contains(id);
        assertThat(storedTriageDue(id)).isEqualTo(Instant.parse("2026-12-25T10:00:00Z"));
        assertThat(version(before)).as("a clock due before the days that changed is not worked out again")
                .isEqualTo(untouched);
    }

    @Test
    void aClockSpanningAHolidayAFileAddsStoresItsLaterDeadlineAtOnce() {
        // Severity 3 triage on Wednesday 2 December at 10:00: due at 14:00, or, with that day a holiday, on
        // Thursday at 12:00.
        long id = raiseAt(3, "2026-12-02T10:00:00Z");
        at("2026-12-02T11:00:00Z");
        load(shipped.replace("\"events\": [", "\"events\": [{\"title\": \"Added\", \"date\": \"2026-12-02\","
                + " \"notes\": \"\", \"bunting\": true}, "));
        at("2026-12-02T11:00:01Z");
        sweep.sweepOnce();

        assertThat(storedTriageDue(id)).as("the deadline the lists filter and sort by")
                .isEqualTo(Instant.parse("2026-12-03T12:00:00Z"));
        at("2026-12-02T14:00:30Z");
        sweep.sweepOnce();
        assertThat(triageThresholds(id, "SLA_WARNING") + triageThresholds(id, "SLA_BREACH")).isZero();
        assertThat(ids("RUNNING")).contains(id);
    }

    /**
     * A file that moves an incident's deadline moves its version: a client holding the incident as it was gets the
     * new deadline, not a 304. One whose deadlines the file cannot move (counted 24x7) keeps its version.
     */
    @Test
    void anIncidentWhoseDeadlineAFileMovesIsReadAgainNotAnsweredNotModified() {
        long untouched = raiseAt(2, "2026-12-02T09:00:00Z");
        long id = raiseAt(3, "2026-12-02T10:00:00Z");
        at("2026-12-02T11:00:00Z");
        String held = etag(id);
        String heldUntouched = etag(untouched);
        load(shipped.replace("\"events\": [", "\"events\": [{\"title\": \"Added\", \"date\": \"2026-12-02\","
                + " \"notes\": \"\", \"bunting\": true}, "));

        given().auth().oauth2(provider).header("If-None-Match", held).get("/api/v1/incidents/" + id).then()
                .statusCode(200).header("ETag", not(equalTo(held)))
                .body("sla.triage.dueAt", equalTo("2026-12-03T12:00:00Z"));
        given().auth().oauth2(provider).header("If-None-Match", heldUntouched).get("/api/v1/incidents/" + untouched)
                .then().statusCode(304);
    }

    /**
     * A change holding an incident (a duplicate's resolution holds its original so, while it waits on nothing else)
     * does not hold up a file's take-up, which holds clocks: waiting there could close a cycle of locks. The incident
     * held keeps its version until its days are made due once more.
     */
    @Test
    void aFileIsTakenUpWithoutWaitingForAnIncidentAChangeHolds() throws Exception {
        long id = raiseAt(3, "2026-12-02T10:00:00Z");
        at("2026-12-02T11:00:00Z");
        ExecutorService admin = Executors.newSingleThreadExecutor();
        try (Connection change = dataSource.getConnection()) {
            change.setAutoCommit(false);
            change.createStatement().execute("select id from incident where id = " + id + " for share");
            Future<Integer> loading = admin.submit(() -> given().auth().oauth2(Tokens.admin())
                    .contentType(ContentType.JSON).body(shipped.replace("\"events\": [", "\"events\": [{\"title\":"
                            + " \"Added\", \"date\": \"2026-12-02\", \"notes\": \"\", \"bunting\": true}, "))
                    .post("/api/v1/calendars/bank-holidays").then().extract().statusCode());
            assertThat(loading.get(20, TimeUnit.SECONDS)).as("taken up while the incident is held").isEqualTo(200);
            change.rollback();
        } finally {
            admin.shutdownNow();
        }
        assertThat(db.count("select count(*) from sla_clock where next_threshold_at = '2026-12-02T11:00:00Z'"
                + " and incident_id = " + id)).as("its clocks made due all the same").isEqualTo(2);
    }

    /** Stopped before any sweep after the take-up: judged by the new holidays, not by the breach stored before. */
    @Test
    void aClockStoppedAfterAFileMovedItsBreachAwayIsJudgedByTheNewCalendar() {
        long id = raiseAt(3, "2026-12-02T10:00:00Z");
        at("2026-12-02T14:00:30Z");
        sweep.sweepOnce();
        assertThat(triageThresholds(id, "SLA_BREACH")).isOne();
        at("2026-12-02T14:01:00Z");
        load(shipped.replace("\"events\": [", "\"events\": [{\"title\": \"Added\", \"date\": \"2026-12-02\","
                + " \"notes\": \"\", \"bunting\": true}, "));

        at("2026-12-02T14:02:00Z");
        Workflow.move(Tokens.as("supplier", site.supplier()), id, "TRIAGED", null).statusCode(200);

        assertThat(db.count("select count(*) from sla_clock where kind = 'TRIAGE' and state = 'MET'"
                + " and incident_id = " + id)).as("due on Thursday at 12:00 by the calendar now").isOne();
        assertThat(db.count("select count(*) from service_level_record where event = 'TRIAGED' and met"
                + " and incident_id = " + id)).isOne();
    }

    /**
     * A clock that ended keeps the time it counted, as the report does: a file loaded afterwards that makes its day
     * a holiday, or one that takes that holiday back, changes none of the figures its incident shows.
     */
    @Test
    void aStoppedOrCancelledClockShowsTheTimeItCountedWhateverFileIsLoadedAfter() {
        String supplier = Tokens.as("supplier", site.supplier());
        long before = raiseAt(3, "2026-12-02T10:00:00Z");
        long cancelled = raiseAt(3, "2026-12-02T10:00:00Z");
        long during = raiseAt(3, "2026-12-02T10:00:00Z");
        at("2026-12-02T11:00:00Z");
        Workflow.move(supplier, before, "TRIAGED", null).statusCode(200);
        Workflow.move(provider, cancelled, "CANCELLED", "Raised in error").statusCode(200);

        at("2026-12-02T12:00:00Z");
        load(shipped.replace("\"events\": [", "\"events\": [{\"title\": \"Added\", \"date\": \"2026-12-02\","
                + " \"notes\": \"\", \"bunting\": true}, "));
        at("2026-12-02T12:30:00Z");
        Workflow.move(supplier, during, "TRIAGED", null).statusCode(200);
        assertThat(triageElapsed(during)).as("the day a holiday as it stopped").isEqualTo("PT0S");
        assertThat(triageElapsed(before)).as("counted before the file made the day a holiday").isEqualTo("PT1H");
        assertThat(triageElapsed(cancelled)).isEqualTo("PT1H");

        at("2026-12-02T13:00:00Z");
        given().auth().oauth2(Tokens.admin()).post("/api/v1/calendars/bank-holidays/shipped").then().statusCode(200);
        assertThat(triageElapsed(during)).as("counted while the day was a holiday").isEqualTo("PT0S");
        assertThat(triageElapsed(before)).isEqualTo("PT1H");
        assertThat(triageElapsed(cancelled)).isEqualTo("PT1H");
        assertThat(db.count("select elapsed_seconds from service_level_record where event = 'TRIAGED'"
                + " and incident_id = " + during)).as("the report's figure").isZero();
    }

    /** An instance of the release before V47 resumes a clock without knowing what it counted: the database forgets. */
    @Test
    void aClockResumedWithoutClearingWhatItCountedForgetsItAllTheSame() {
        long id = raiseAt(3, "2026-12-02T10:00:00Z");
        at("2026-12-02T11:00:00Z");
        Workflow.move(Tokens.as("supplier", site.supplier()), id, "TRIAGED", null).statusCode(200);
        String counted = "select count(*) from sla_clock where counted_micros is not null and paused_micros is not null"
                + " and kind = 'TRIAGE' and incident_id = " + id;
        assertThat(db.count(counted)).isOne();
        db.execute("update sla_clock set stopped_at = null, state = 'RUNNING' where kind = 'TRIAGE' and incident_id = "
                + id);
        assertThat(db.count(counted)).isZero();
    }

    private String triageElapsed(long id) {
        return given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200).extract()
                .jsonPath().getString("sla.triage.elapsed");
    }

    /** A raise or sweep under way here as the file was taken up commits deadlines of the calendar before. */
    @Test
    void aClockWrittenByTheOldCalendarAfterTheTakeUpIsWorkedOutAgainARefreshPeriodLater() {
        calendars.refresh();
        calendars.refresh(); // nothing left queued by other tests' take-ups
        long id = raiseAt(3, "2026-12-24T16:00:00Z");
        at("2026-12-24T16:30:00Z");
        load(withoutChristmas());
        sweep.sweepOnce();
        db.execute("update sla_clock set warning_at = '2026-12-29T09:00:00Z', due_at = '2026-12-29T10:00:00Z',"
                + " next_threshold_at = '2026-12-29T09:00:00Z' where kind = 'TRIAGE' and incident_id = " + id);

        at("2026-12-24T16:35:00Z");
        calendars.refresh();
        sweep.sweepOnce();
        assertThat(storedTriageDue(id)).as("not at the first refresh, which may come at once")
                .isEqualTo(Instant.parse("2026-12-29T10:00:00Z"));
        at("2026-12-24T16:40:00Z");
        calendars.refresh();
        sweep.sweepOnce();
        assertThat(storedTriageDue(id)).isEqualTo(Instant.parse("2026-12-25T10:00:00Z"));
        at("2026-12-25T09:30:00Z");
        sweep.sweepOnce();
        assertThat(triageThresholds(id, "SLA_WARNING")).isOne();
    }

    /**
     * Severity 3 resolution (40 service hours) from Christmas Eve 10:00, waiting for information from Wednesday 30th
     * at 12:00: by the shipped holidays 22 hours counted. A file that makes the 25th and 28th working days counts 42:
     * the target passed on the 30th at 10:00, before the wait. The breach is told now, not when the wait ends, and the
     * lists find the incident breached.
     */
    @Test
    void aPausedClockAFilePutsPastItsTargetBreachesNotWhenItsWaitEnds() {
        String supplier = Tokens.as("supplier", site.supplier());
        long id = raiseAt(3, "2026-12-24T10:00:00Z");
        at("2026-12-24T10:05:00Z");
        Workflow.move(supplier, id, "TRIAGED", null).statusCode(200);
        at("2026-12-30T12:00:00Z");
        Workflow.move(supplier, id, "AWAITING_INFO", "Which release?", site.provider()).statusCode(200);
        at("2026-12-30T12:30:00Z");
        load(shipped.replace("\"date\": \"2026-12-25\"", "\"date\": \"2026-06-30\"")
                .replace("\"date\": \"2026-12-28\"", "\"date\": \"2026-07-01\""));
        at("2026-12-30T12:30:01Z");
        sweep.sweepOnce();

        assertThat(resolutionThresholds(id, "SLA_BREACH")).isOne();
        assertThat(ids("BREACHED")).contains(id);
        assertThat(ids("PAUSED")).doesNotContain(id);
        at("2026-12-31T09:00:00Z");
        Workflow.move(provider, id, "TRIAGED", "Release 4.2").statusCode(200)
                .body("sla.resolution.state", equalTo("BREACHED"));
        sweep.sweepOnce();
        assertThat(resolutionThresholds(id, "SLA_BREACH")).as("told once").isOne();
    }

    @Test
    void aFileWhoseTransactionRollsBackIsNotTakenUp() {
        Calendars.Source inUse = calendars.source();
        BankHolidayFile file = new BankHolidayFile();
        file.division = "england-and-wales";
        file.document = withoutChristmas();
        file.loadedAt = Instant.parse("2026-12-02T11:00:00Z");
        file.loadedBy = "test";

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            calendars.use(file);
            assertThat(calendars.serviceHours().holidays().isHoliday(LocalDate.of(2026, 12, 30))).isTrue();
            throw new IllegalStateException("the transaction fails after the take-up");
        })).hasMessageContaining("after the take-up");

        assertThat(calendars.source()).isEqualTo(inUse);
        assertThat(calendars.serviceHours().holidays().isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
    }

    /**
     * Two admins load files at once, one (stored by another instance, its transaction still open) ending in 2036:
     * the other's file, ending earlier, waits for it and is then refused against it, as if loaded after it. Checked
     * against the calendar this instance had, both were taken and the shorter one, stored last, was used.
     */
    @Test
    void aFileLoadedWhileAnotherIsBeingStoredIsCheckedAgainstThatOne() throws Exception {
        ExecutorService admin = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection(); PreparedStatement insert = other.prepareStatement(
                "insert into bank_holiday_file (id, division, document, first_year, last_year, loaded_at, loaded_by)"
                        + " values (999999001, 'england-and-wales', ?, 2020, 2036, '2026-01-01Z', 'another admin')")) {
            other.setAutoCommit(false);
            other.createStatement().execute("lock table bank_holiday_file in share row exclusive mode");
            // The shipped text, older than any other file stored, so that no later take-up chokes on it.
            insert.setString(1, shipped);
            insert.executeUpdate();
            Future<Integer> loading = admin.submit(() -> given().auth().oauth2(Tokens.admin())
                    .contentType(ContentType.JSON).body(withoutChristmas()).post("/api/v1/calendars/bank-holidays")
                    .then().extract().statusCode());
            Eventually.within(Duration.ofSeconds(20), "the load waiting for the other, or answered", () ->
                    loading.isDone() || db.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like '%bank_holiday_file%'") > 0);
            other.commit();
            assertThat(loading.get(20, TimeUnit.SECONDS)).isEqualTo(422);
        } finally {
            admin.shutdownNow();
        }
    }

    /** Another instance, its clock half an hour ahead, stored a file: one loaded after it here is the newer. */
    @Test
    void aFileLoadedAfterOneAnInstanceAheadStoredIsTheNewest() throws Exception {
        at("2026-12-02T11:00:00Z");
        try (Connection other = dataSource.getConnection(); PreparedStatement insert = other.prepareStatement(
                "insert into bank_holiday_file (id, division, document, first_year, last_year, loaded_at, loaded_by)"
                        + " values (999999002, 'england-and-wales', ?, 2019, 2028, '2026-12-02T11:30:00Z', 'ahead')")) {
            insert.setString(1, shipped);
            insert.executeUpdate();
        }
        load(withoutChristmas());

        assertThat(db.instant("select max(loaded_at) from bank_holiday_file where loaded_by <> 'ahead'"))
                .isAfter(Instant.parse("2026-12-02T11:30:00Z"));
        assertThat(calendars.serviceHours().holidays().isHoliday(LocalDate.of(2026, 12, 25))).isFalse();
    }

    /** A file an earlier release stored under another division counts England and Wales holidays all the same. */
    @Test
    void aFileStoredUnderAnotherDivisionIsTakenUpForEnglandAndWales() {
        BankHolidayFile file = new BankHolidayFile();
        file.division = "scotland";
        file.document = shipped.replaceFirst("\\{", "{\"scotland\": {\"division\": \"scotland\", \"events\": "
                + "[{\"title\": \"St Andrew's Day\", \"date\": \"2026-11-30\"}]}, ");
        file.loadedAt = Instant.parse("2026-12-02T11:00:00Z");
        file.loadedBy = "an earlier release";

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            calendars.use(file);
            assertThat(calendars.serviceHours().holidays().isHoliday(LocalDate.of(2026, 11, 30))).isFalse();
            assertThat(calendars.serviceHours().holidays().isHoliday(LocalDate.of(2026, 12, 25))).isTrue();
            throw new IllegalStateException("rolled back, leaving the calendar as it was");
        })).hasMessageContaining("rolled back");
    }

    /**
     * A file that ends in a NUL (which the JSON reader would stop before, and the document's column would not take)
     * is malformed JSON, as every body holding a raw NUL is, and the calendar in use stays.
     */
    @Test
    void aFileHoldingANulIsRefusedAndTheCalendarStays() {
        Calendars.Source inUse = calendars.source();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(withoutChristmas() + "\u0000")
                .post("/api/v1/calendars/bank-holidays").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("urn:nhs-incidents:problem:malformed-json"));
        assertThat(calendars.source()).isEqualTo(inUse);
    }

    /**
     * A file that is not JSON text is the same 400 as any other body of that kind, told in the parser's words without
     * its settings' or classes' names: bytes that are not UTF-8 (stored as U+FFFD before), a file cut short, a key
     * given twice, a nesting thousands deep, a second value after the file.
     */
    @Test
    void aFileThatIsNotJsonTextIsAMalformedJson400AndTheCalendarStays() {
        Calendars.Source inUse = calendars.source();
        String document = withoutChristmas();
        byte[] notUtf8 = document.getBytes(StandardCharsets.UTF_8);
        // The space of "Christmas Day" made a byte no UTF-8 text holds (bytes read one to one as ISO-8859-1).
        notUtf8[new String(notUtf8, StandardCharsets.ISO_8859_1).indexOf("Christmas Day") + 9] = (byte) 0xFF;
        for (String body : List.of(document.substring(0, document.length() / 2),
                "{\"england-and-wales\": {}, " + document.substring(1), "[".repeat(5_000) + "]".repeat(5_000),
                document + document)) {
            refusedAsMalformed(body.getBytes(StandardCharsets.UTF_8));
        }
        refusedAsMalformed(notUtf8);
        assertThat(calendars.source()).isEqualTo(inUse);
    }

    /**
     * A raisedAt beyond the calendar's years is refused (its deadlines would count each holiday as a working day),
     * but a preview of now is answered whatever the calendar, as a raise now is: the service still runs in 2031.
     */
    @Test
    void aPreviewOfNowIsAnsweredBeyondTheCalendarsYears() {
        at("2031-06-02T09:00:00Z");
        given().auth().oauth2(provider).contentType(ContentType.JSON)
                .body(Map.of("deploymentId", site.deploymentId(), "phase", "LIVE", "severity", 3))
                .post("/api/v1/routing/preview").then().statusCode(200)
                .body("sla.triage.startedAt", equalTo("2031-06-02T10:00:00+01:00"))
                .body("sla.triage.dueAt", equalTo("2031-06-02T14:00:00+01:00"));
    }

    private static void refusedAsMalformed(byte[] body) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/calendars/bank-holidays").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith(":malformed-json"))
                .body("detail", not(containsString("Feature"))).body("detail", not(containsString("Constraints")))
                .body("detail", not(containsString("com.fasterxml"))).body("detail", not(containsString("Source:")));
    }

    private long raiseAt(int severity, String at) {
        return Fixtures.raiseAt(clock, provider, site, "LIVE", severity, at);
    }

    private void at(String instant) {
        clock.pin(Instant.parse(instant));
    }

    /** The shipped holidays with Christmas Day and the Boxing Day holiday moved to the 30th and 31st. */
    private String withoutChristmas() {
        return shipped.replace("\"date\": \"2026-12-25\"", "\"date\": \"2026-12-30\"")
                .replace("\"date\": \"2026-12-28\"", "\"date\": \"2026-12-31\"");
    }

    private void load(String document) {
        assertThat(document).isNotEqualTo(shipped);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(document)
                .post("/api/v1/calendars/bank-holidays").then().statusCode(200);
    }

    private long triageThresholds(long id, String action) {
        return db.count("select count(*) from incident_history where action = '" + action + "' and field = 'TRIAGE'"
                + " and incident_id = " + id);
    }

    private long resolutionThresholds(long id, String action) {
        return db.count("select count(*) from incident_history where action = '" + action + "' and field = "
                + "'RESOLUTION' and incident_id = " + id);
    }

    private String etag(long id) {
        return given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200).extract()
                .header("ETag");
    }

    private Instant storedTriageDue(long id) {
        return db.instant("select due_at from sla_clock where kind = 'TRIAGE' and incident_id = " + id);
    }

    private long version(long id) {
        return db.count("select version from sla_clock where kind = 'TRIAGE' and incident_id = " + id);
    }

    private List<Long> ids(String slaState) {
        return given().auth().oauth2(provider).queryParam("slaState", slaState).queryParam("deploymentId",
                site.deploymentId()).get("/api/v1/incidents").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
    }
}
