package uk.nhs.incidents.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * An admin sets the service-level targets over the API; new clocks, and clocks a severity change retargets, take
 * them, while running clocks keep theirs. Every test leaves the configured targets in force again.
 */
@QuarkusTest
class ServiceLevelTargetsApiTest {

    private static final String PATH = "/api/v1/service-levels";

    @Inject
    Db db;

    private Site site;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
    }

    @AfterEach
    void configuredAgain() {
        given().auth().oauth2(Tokens.admin()).header("If-Match", etag()).delete(PATH).then().statusCode(200)
                .body("source", equalTo("CONFIGURATION"));
    }

    private static String etag() {
        return given().auth().oauth2(Tokens.admin()).get(PATH).then().statusCode(200).extract().header("ETag");
    }

    /** The configured targets, with severity 3's triage made {@code triage}. */
    private static Map<String, Object> targets(String triage) {
        List<Map<String, Object>> severities = new ArrayList<>(List.of(
                severity(1, "PT15M", "PT4H", "TWENTY_FOUR_SEVEN"), severity(2, "PT30M", "PT8H", "TWENTY_FOUR_SEVEN"),
                severity(3, triage, "PT40H", "SERVICE_HOURS"), severity(4, "PT10H", "PT120H", "SERVICE_HOURS"),
                severity(5, "PT20H", "PT240H", "SERVICE_HOURS")));
        Map<String, Object> body = new HashMap<>();
        body.put("severities", severities);
        body.put("testPhaseCalendar", "SERVICE_HOURS");
        return body;
    }

    private static Map<String, Object> severity(int severity, String triage, String resolution, String calendar) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("severity", severity);
        entry.put("triage", triage);
        entry.put("resolution", resolution);
        entry.put("calendar", calendar);
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> severities(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("severities");
    }

    private static ValidatableResponse put(String token, Object body, String ifMatch) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(PATH).then();
    }

    @Test
    void everyoneReadsTheConfiguredTargetsUntilAnAdminSetsThem() {
        given().auth().oauth2(Tokens.as("supplier", site.supplier())).get(PATH).then().statusCode(200)
                .body("source", equalTo("CONFIGURATION"))
                .body("severities.find { it.severity == 1 }.triage", equalTo("PT15M"))
                .body("severities.find { it.severity == 3 }.resolution", equalTo("PT40H"))
                .body("severities.find { it.severity == 3 }.calendar", equalTo("SERVICE_HOURS"))
                .body("testPhaseCalendar", equalTo("SERVICE_HOURS"));
    }

    @Test
    void newClocksAndRetargetedOnesTakeTheAdminsTargetsWhileRunningClocksKeepTheirs() {
        long before = Fixtures.raise(site, "LIVE", 3);
        String etag = etag();
        String set = put(Tokens.admin(), targets("PT2H"), etag).statusCode(200).body("source", equalTo("ADMIN"))
                .body("lastChange.organisation", equalTo(Tokens.NHS_ENGLAND)).body("lastChange.user", notNullValue())
                .body("severities.find { it.severity == 3 }.triage", equalTo("PT2H")).extract().header("ETag");
        given().auth().oauth2(Tokens.as("provider", site.provider())).get(PATH).then().header("ETag", set)
                .body("severities.find { it.severity == 3 }.triage", equalTo("PT2H"))
                .body("lastChange.organisation", equalTo(Tokens.NHS_ENGLAND)).body("lastChange.user", nullValue());

        long after = Fixtures.raise(site, "LIVE", 3);
        String provider = Tokens.as("provider", site.provider());
        given().auth().oauth2(provider).get("/api/v1/incidents/" + after).then().statusCode(200)
                .body("sla.triage.target", equalTo("PT2H"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + before).then().statusCode(200)
                .body("sla.triage.target", equalTo("PT4H"));

        String supplier = Tokens.as("supplier", site.supplier());
        Workflow.reclassify(supplier, before, Map.of("severity", 4, "reason", "A workaround exists")).statusCode(200);
        Workflow.reclassify(supplier, before, Map.of("severity", 3, "reason", "The workaround failed"))
                .statusCode(200).body("sla.triage.target", equalTo("PT2H"));
        put(Tokens.admin(), targets("PT3H"), etag).statusCode(412);

        Workflow.move(supplier, after, "TRIAGED", null).statusCode(200);
        Workflow.move(supplier, after, "IN_PROGRESS", null).statusCode(200);
        Workflow.resolve(supplier, after, "FIXED", "Fixed").statusCode(200);
        Map<String, Object> longer = targets("PT2H");
        severities(longer).set(2, severity(3, "PT2H", "PT50H", "SERVICE_HOURS"));
        put(Tokens.admin(), longer, etag()).statusCode(200);
        Workflow.move(provider, after, "IN_PROGRESS", "Failing again").statusCode(200)
                .body("sla.resolution.target", equalTo("PT50H"));
    }

    @Test
    void aPhaseChangeStartsClocksByTheTargetsSetAndTheTestPhaseCalendarIsAnAdminsToo() {
        Map<String, Object> body = targets("PT2H");
        body.put("testPhaseCalendar", "TWENTY_FOUR_SEVEN");
        put(Tokens.admin(), body, etag()).statusCode(200).body("testPhaseCalendar", equalTo("TWENTY_FOUR_SEVEN"));
        long tested = Fixtures.raise(site, "TEST", 3);
        String provider = Tokens.as("provider", site.provider());
        given().auth().oauth2(provider).get("/api/v1/incidents/" + tested).then()
                .body("sla.triage.target", equalTo("PT2H")).body("sla.triage.calendar", equalTo("TWENTY_FOUR_SEVEN"));
        Workflow.reclassify(provider, tested, Map.of("phase", "LIVE", "reason", "In live use")).statusCode(200)
                .body("sla.triage.target", equalTo("PT2H")).body("sla.triage.calendar", equalTo("SERVICE_HOURS"));
    }

    @Test
    void goingBackToTheConfiguredTargetsIsRecordedAndNeedsTheVersionRead() {
        String etag = etag();
        put(Tokens.admin(), targets("PT2H"), etag).statusCode(200);
        given().auth().oauth2(Tokens.admin()).delete(PATH).then().statusCode(428);
        given().auth().oauth2(Tokens.admin()).header("If-Match", etag).delete(PATH).then().statusCode(412);
        given().auth().oauth2(Tokens.admin()).header("If-Match", etag()).delete(PATH).then().statusCode(200)
                .body("source", equalTo("CONFIGURATION")).body("lastChange.organisation", equalTo(Tokens.NHS_ENGLAND))
                .body("severities.find { it.severity == 3 }.triage", equalTo("PT4H"));
    }

    /** Written by hand in SQL: one severity's targets only, or every severity's with one lacking its calendar. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"1\": {\"triage\": \"PT1M\"}}",
            "{\"1\": {\"triage\": \"PT1M\", \"resolution\": \"PT2M\", \"calendar\": null},"
                    + " \"2\": {\"triage\": \"PT1M\", \"resolution\": \"PT2M\", \"calendar\": \"TWENTY_FOUR_SEVEN\"},"
                    + " \"3\": {\"triage\": \"PT1M\", \"resolution\": \"PT2M\", \"calendar\": \"SERVICE_HOURS\"},"
                    + " \"4\": {\"triage\": \"PT1M\", \"resolution\": \"PT2M\", \"calendar\": \"SERVICE_HOURS\"},"
                    + " \"5\": {\"triage\": \"PT1M\", \"resolution\": \"PT2M\", \"calendar\": \"SERVICE_HOURS\"}}"})
    void storedTargetsThatAreNotAWholeSetAreSetAsideForTheConfiguredOnes(String stored) {
        db.execute("insert into service_level_change (changed_at, changed_by, changed_by_ods, targets, "
                + "test_phase_calendar) values (now(), 'dba', 'X26', '" + stored + "', 'SERVICE_HOURS')");
        given().auth().oauth2(Tokens.admin()).get(PATH).then().statusCode(200).body("source", equalTo("CONFIGURATION"))
                .body("severities.find { it.severity == 1 }.triage", equalTo("PT15M"));
    }

    @Test
    void onlyAnAdminSetsTheTargetsAndOnlyWithTheVersionItRead() {
        for (String role : List.of("supplier", "icb", "hub", "reporting")) {
            String organisation = switch (role) {
                case "supplier", "reporting" -> site.supplier();
                case "icb" -> site.icb();
                default -> Fixtures.NATIONAL.hub();
            };
            put(Tokens.as(role, organisation), targets("PT2H"), etag()).statusCode(403);
        }
        put(Tokens.admin(), targets("PT2H"), null).statusCode(428);
        given().auth().oauth2(Tokens.as("supplier", site.supplier())).header("If-Match", etag()).delete(PATH).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.admin()).get(PATH).then().body("source", equalTo("CONFIGURATION"));
    }

    @ParameterizedTest(name = "severity 3 triage {0}")
    @CsvSource({"P2Y", "PT0S", "PT30S", "PT90S", "PT1M0.5S", "PT41H", "P366DT1M", "4 hours", "-PT4H", "pt4h",
            "PT5H-59M", "PT+4H", "P", "PT"})
    void targetsOutOfRangeOrUnreadableAreRefusedNamingTheEntry(String triage) {
        put(Tokens.admin(), targets(triage), etag()).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("severities[2].triage"));
        given().auth().oauth2(Tokens.admin()).get(PATH).then().body("source", equalTo("CONFIGURATION"));
    }

    /** Bean Validation's checks name the entry as the service's own do: severities[2].resolution. */
    @Test
    void aMissingResolutionIsRefusedNamingItsEntry() {
        Map<String, Object> missing = targets("PT4H");
        severities(missing).get(2).put("resolution", null);
        put(Tokens.admin(), missing, etag()).statusCode(400)
                .body("violations.field", hasItem("severities[2].resolution"));
    }

    @Test
    void aTriageAsLongAsItsResolutionIsAccepted() {
        put(Tokens.admin(), targets("PT40H"), etag()).statusCode(200)
                .body("severities.find { it.severity == 3 }.triage", equalTo("PT40H"))
                .body("severities.find { it.severity == 3 }.resolution", equalTo("PT40H"));
    }

    @Test
    void aStaleVersionIsRefusedBeforeTheBodyIsRead() {
        String etag = etag();
        put(Tokens.admin(), targets("PT2H"), etag).statusCode(200);
        put(Tokens.admin(), targets("garbage"), etag).statusCode(412);
        put(Tokens.admin(), targets("garbage"), null).statusCode(428);
    }

    @Test
    void aSeverityMissingRepeatedOrOfAnotherTypeIsRefused() {
        Map<String, Object> repeated = targets("PT4H");
        List<Map<String, Object>> severities = severities(repeated);
        severities.set(4, severity(1, "PT15M", "PT4H", "TWENTY_FOUR_SEVEN"));
        put(Tokens.admin(), repeated, etag()).statusCode(400)
                .body("violations.field", hasItem("severities[4].severity"))
                .body("violations.message", hasItem(containsString("repeats severity 1")));

        severities.remove(4);
        put(Tokens.admin(), repeated, etag()).statusCode(400);
        severities.add(null);
        put(Tokens.admin(), repeated, etag()).statusCode(400);
        for (int outside : List.of(0, 6)) {
            severities.set(4, severity(outside, "PT20H", "PT240H", "SERVICE_HOURS"));
            put(Tokens.admin(), repeated, etag()).statusCode(400);
        }

        Map<String, Object> floating = targets("PT4H");
        List<Map<String, Object>> entries = severities(floating);
        entries.get(0).put("severity", 1.5);
        put(Tokens.admin(), floating, etag()).statusCode(400);
        entries.get(0).put("severity", 1);
        entries.get(0).put("triage", 900);
        put(Tokens.admin(), floating, etag()).statusCode(400);
        entries.get(0).put("triage", "PT15M");
        entries.get(0).put("calendar", "OFFICE_HOURS");
        put(Tokens.admin(), floating, etag()).statusCode(400);
        floating.remove("testPhaseCalendar");
        entries.get(0).put("calendar", "SERVICE_HOURS");
        put(Tokens.admin(), floating, etag()).statusCode(400).body("violations.field", hasItem("testPhaseCalendar"));
        given().auth().oauth2(Tokens.admin()).get(PATH).then().body("source", equalTo("CONFIGURATION"));
    }
}
