package uk.nhs.incidents.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.National;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * Every row and addition of docs/domain.md's routing table, through the preview endpoint, which must write nothing.
 * Parties are written as roles: REPORTER, PROVIDER, SUPPLIER, ICB, HUB, BARS, NSD, and X:CSO for a CSO mailbox;
 * HUB~ marks best effort.
 */
@QuarkusTest
class RoutingTableTest {

    @Inject
    Db db;

    private National national;

    @BeforeEach
    void nationalParties() {
        national = Fixtures.national();
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} sev {3} clinical={4} national={5} icbSupport={6} byNSD={7}")
    @CsvSource(delimiter = '|', value = {
            // phase|programme|route|severity|clinical|national component|ICB support|raised by NSD|accountable|informed
            "TEST|BARS|COMMISSIONER|1|false|false|false|false|REPORTER|REPORTER BARS",
            "TEST|BARS|COMMISSIONER|4|false|true|false|false|REPORTER|REPORTER BARS",
            "TEST|ONLINE_CONSULTATION|PRACTICE|2|false|false|false|false|REPORTER|REPORTER",
            "TEST|ONLINE_CONSULTATION|COMMISSIONER|5|false|false|false|false|REPORTER|REPORTER",
            "LIVE|ONLINE_CONSULTATION|COMMISSIONER|1|false|false|false|false|ICB|REPORTER ICB HUB",
            "LIVE|ONLINE_CONSULTATION|COMMISSIONER|2|false|false|false|false|ICB|REPORTER ICB HUB",
            "LIVE|ONLINE_CONSULTATION|COMMISSIONER|3|false|false|false|false|ICB|REPORTER ICB",
            "LIVE|ONLINE_CONSULTATION|COMMISSIONER|5|false|false|false|false|ICB|REPORTER ICB",
            "LIVE|ONLINE_CONSULTATION|PRACTICE|1|false|false|false|false|PROVIDER|REPORTER HUB~",
            "LIVE|ONLINE_CONSULTATION|PRACTICE|2|false|false|true|false|PROVIDER|REPORTER HUB~ ICB",
            "LIVE|ONLINE_CONSULTATION|PRACTICE|3|false|false|true|false|PROVIDER|REPORTER",
            "LIVE|ONLINE_CONSULTATION|PRACTICE|4|false|false|false|false|PROVIDER|REPORTER",
            "LIVE|BARS|COMMISSIONER|2|false|false|false|false|ICB|REPORTER ICB HUB NSD",
            "LIVE|BARS|COMMISSIONER|3|false|true|false|false|ICB|REPORTER ICB NSD",
            "LIVE|BARS|COMMISSIONER|4|false|false|false|false|ICB|REPORTER ICB",
            "LIVE|ONLINE_CONSULTATION|COMMISSIONER|3|false|true|false|false|ICB|REPORTER ICB",
            "LIVE|BARS|COMMISSIONER|2|true|false|false|false|ICB|REPORTER ICB HUB NSD SUPPLIER:CSO PROVIDER:CSO ICB:CSO",
            "LIVE|ONLINE_CONSULTATION|PRACTICE|2|true|false|false|false|PROVIDER|REPORTER HUB~ SUPPLIER:CSO PROVIDER:CSO",
            "TEST|BARS|COMMISSIONER|2|true|false|false|false|REPORTER|REPORTER BARS SUPPLIER:CSO PROVIDER:CSO ICB:CSO",
            "LIVE|BARS|COMMISSIONER|3|false|false|false|true|ICB|REPORTER ICB",
            "LIVE|BARS|COMMISSIONER|1|false|false|false|true|ICB|REPORTER ICB HUB"})
    void eachRowRoutesToTheRightPartiesForTheRightReasons(String phase, String programme, String route, int severity,
            boolean clinical, boolean nationalComponent, boolean icbSupport, boolean raisedByServiceDesk,
            String accountable, String informed) {
        Site site = Fixtures.site(programme, route, icbSupport);
        String reporterRole = raisedByServiceDesk ? "service-desk" : route.equals("PRACTICE") ? "practice" : "provider";
        String reporter = raisedByServiceDesk ? national.serviceDesk() : site.provider();
        Map<String, String> roles = Map.of("REPORTER", reporter, "PROVIDER", site.provider(), "SUPPLIER", site.supplier(),
                "ICB", site.icb(), "HUB", national.hub(), "BARS", national.bars(), "NSD", national.serviceDesk());

        Map<String, Object> body = new HashMap<>();
        body.put("deploymentId", site.deploymentId());
        body.put("phase", phase);
        body.put("severity", severity);
        body.put("clinicalSafety", clinical);
        body.put("nationalComponentSuspected", nationalComponent);
        long incidents = db.count("select count(*) from incident");
        long routes = db.count("select count(*) from incident_route");
        long clocks = db.count("select count(*) from sla_clock");

        JsonPath preview = given().auth().oauth2(Tokens.as(reporterRole, reporter)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/routing/preview").then().statusCode(200).extract().jsonPath();

        assertThat(preview.getString("routing.resolver.organisation")).isEqualTo(site.supplier());
        assertThat(preview.getString("routing.accountable.organisation")).isEqualTo(roles.get(accountable));
        assertThat(recipients(preview)).isEqualTo(expected(informed, roles));
        assertThat(preview.getList("routing.informed.reasons", List.class)).allMatch(r -> !r.isEmpty());
        assertThat(preview.getString("sla.triage.dueAt")).isNotNull();
        assertThat(preview.getString("sla.resolution.dueAt")).isNotNull();
        assertThat(db.count("select count(*) from incident")).isEqualTo(incidents);
        assertThat(db.count("select count(*) from incident_route")).isEqualTo(routes);
        assertThat(db.count("select count(*) from sla_clock")).isEqualTo(clocks);
    }

    /**
     * An incident the Service Desk raised, live, then moved to the test phase is owned by the deployment's provider:
     * the Service Desk, which raised it, acts in no such part.
     */
    @Test
    void aServiceDeskIncidentMovedToTestIsOwnedByTheDeploymentsProvider() {
        Site site = Fixtures.bars();
        long id = Fixtures.raise(Tokens.as("service-desk", national.serviceDesk()),
                Fixtures.incident(site.deploymentId(), "LIVE", 3));
        Workflow.reclassify(Tokens.as("supplier", site.supplier()), id, Map.of("phase", "TEST", "reason",
                "Seen in the test environment")).statusCode(200)
                .body("routing.accountable.organisation", equalTo(site.provider()))
                .body("routing.accountable.party", equalTo("PROVIDER"));
    }

    /** Its supplier previews what an incident raised on the deployment would get: raised by its provider. */
    @Test
    void aPreviewByAnOrganisationThatDoesNotRaiseOnTheDeploymentIsRaisedByItsProvider() {
        Site site = Fixtures.bars();
        JsonPath preview = given().auth().oauth2(Tokens.as("supplier", site.supplier())).contentType(ContentType.JSON)
                .body(Map.of("deploymentId", site.deploymentId(), "phase", "LIVE", "severity", 3))
                .post("/api/v1/routing/preview").then().statusCode(200).extract().jsonPath();
        assertThat(recipients(preview)).containsExactlyInAnyOrder(site.provider(), site.icb());
    }

    /** The Service Desk raises live incidents only: its preview of a test incident is the provider's raise. */
    @Test
    void aServiceDeskPreviewOfATestIncidentIsRaisedByTheDeploymentsProvider() {
        Site site = Fixtures.bars();
        JsonPath preview = given().auth().oauth2(Tokens.as("service-desk", national.serviceDesk()))
                .contentType(ContentType.JSON).body(Map.of("deploymentId", site.deploymentId(), "phase", "TEST",
                        "severity", 3))
                .post("/api/v1/routing/preview").then().statusCode(200).extract().jsonPath();
        assertThat(recipients(preview)).doesNotContain(national.serviceDesk());
        assertThat(preview.getString("routing.accountable.organisation")).isEqualTo(site.provider());
    }

    private static Set<String> recipients(JsonPath preview) {
        Set<String> recipients = new TreeSet<>();
        List<Map<String, Object>> informed = preview.getList("routing.informed");
        for (Map<String, Object> party : informed) {
            recipients.add(party.get("organisation") + ("CSO".equals(party.get("contact")) ? ":CSO" : "")
                    + (Boolean.TRUE.equals(party.get("bestEffort")) ? "~" : ""));
        }
        return recipients;
    }

    private static Set<String> expected(String informed, Map<String, String> roles) {
        Set<String> expected = new TreeSet<>();
        for (String token : informed.split(" ")) {
            String role = token.replace(":CSO", "").replace("~", "");
            expected.add(roles.get(role) + (token.contains(":CSO") ? ":CSO" : "") + (token.endsWith("~") ? "~" : ""));
        }
        return expected;
    }
}
