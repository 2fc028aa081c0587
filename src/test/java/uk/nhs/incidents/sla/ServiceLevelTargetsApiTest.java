package uk.nhs.incidents.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
                .body("source", equalTo("CONFIGURATION")).body("updatedBy", nullValue())
                .body("severities.find { it.severity == 1 }.triage", equalTo("PT15M"))
                .body("severities.find { it.severity == 3 }.resolution", equalTo("PT40H"))
                .body("severities.find { it.severity == 3 }.calendar", equalTo("SERVICE_HOURS"))
                .body("testPhaseCalendar", equalTo("SERVICE_HOURS"));
    }

    @Test
    void newClocksAndRetargetedOnesTakeTheAdminsTargetsWhileRunningClocksKeepTheirs() {
        long before = Fixtures.raise(site, "LIVE", 3);
        String etag = etag();
        put(Tokens.admin(), targets("PT2H"), etag).statusCode(200).body("source", equalTo("ADMIN"))
                .body("updatedBy.organisation", equalTo(Tokens.NHS_ENGLAND))
                .body("severities.find { it.severity == 3 }.triage", equalTo("PT2H"));
        given().auth().oauth2(Tokens.as("provider", site.provider())).get(PATH).then()
                .body("severities.find { it.severity == 3 }.triage", equalTo("PT2H"));

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

    @ParameterizedTest(name = "severity 3 triage {0}: {1}")
    @CsvSource({
            "P2Y, severities[2].triage", "PT0S, severities[2].triage", "PT30S, severities[2].triage",
            "PT90S, severities[2].triage", "PT41H, severities[2].triage", "4 hours, severities[2].triage",
            "-PT4H, severities[2].triage"})
    void targetsOutOfRangeOrUnreadableAreRefusedNamingTheEntry(String triage, String field) {
        put(Tokens.admin(), targets(triage), etag()).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
        given().auth().oauth2(Tokens.admin()).get(PATH).then().body("source", equalTo("CONFIGURATION"));
    }

    @Test
    void aSeverityMissingRepeatedOrOfAnotherTypeIsRefused() {
        Map<String, Object> repeated = targets("PT4H");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> severities = (List<Map<String, Object>>) repeated.get("severities");
        severities.set(4, severity(1, "PT15M", "PT4H", "TWENTY_FOUR_SEVEN"));
        put(Tokens.admin(), repeated, etag()).statusCode(400)
                .body("violations.field", hasItem("severities[4].severity")).body("violations.message", hasItem(containsString("repeats severity 1")));

        severities.remove(4);
        put(Tokens.admin(), repeated, etag()).statusCode(400);

        Map<String, Object> floating = targets("PT4H");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) floating.get("severities");
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
