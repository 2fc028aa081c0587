package uk.nhs.incidents.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * The National Service Desk, told of a live BaRS incident, involves the BaRS programme when it is needed: the
 * programme is informed from then on, told so, takes part in the conversation, and stays through later re-routing.
 */
@QuarkusTest
class BarsProgrammeInvolvementTest {

    private Site site;
    private String serviceDesk;
    private String bars;

    @BeforeEach
    void site() {
        Fixtures.national();
        site = Fixtures.bars();
        serviceDesk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
        bars = Tokens.as("bars-programme", Fixtures.NATIONAL.bars());
    }

    private static ValidatableResponse involve(String token, long id) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", Workflow.etag(token, id))
                .body(Map.of("reason", "The BaRS proxy drops every referral")).post("/api/v1/incidents/" + id
                        + "/bars-programme-involvement").then();
    }

    @Test
    void theServiceDeskInvolvesTheBarsProgrammeWhichStaysInformedThroughLaterReRouting() {
        long id = Fixtures.raise(site, "LIVE", 2);
        given().auth().oauth2(bars).get("/api/v1/incidents/" + id).then().statusCode(404);
        given().auth().oauth2(serviceDesk).get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("barsProgrammeInvolvedAt", nullValue());

        involve(serviceDesk, id).statusCode(200).body("barsProgrammeInvolvedAt", notNullValue())
                .body("routing.informed.find { it.organisation == '" + Fixtures.NATIONAL.bars() + "' }.reasons[0]",
                        equalTo("Live BaRS incident: the National Service Desk involved the BaRS programme"));
        given().auth().oauth2(bars).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                .body("items.findAll { it.action == 'PARTY_ADDED' }.to", hasItem(Fixtures.NATIONAL.bars()))
                .body("items.find { it.field == 'barsProgrammeInvolved' }.reason",
                        equalTo("The BaRS proxy drops every referral"))
                .body("items.find { it.field == 'barsProgrammeInvolved' }.actor.organisation",
                        equalTo(Fixtures.NATIONAL.serviceDesk()));
        given().auth().oauth2(bars).contentType(ContentType.JSON).body(Map.of("body", "Looking at the proxy logs"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id + "/notifications").then()
                .body("items.findAll { it.event == 'PARTY_ADDED' }.recipientOrganisation",
                        hasItem(Fixtures.NATIONAL.bars()));
        String etag = Workflow.etag(serviceDesk, id);
        involve(serviceDesk, id).statusCode(200).header("ETag", etag);

        Workflow.reclassify(Tokens.as("supplier", site.supplier()), id,
                Map.of("severity", 3, "reason", "Only some referrals fail")).statusCode(200)
                .body("routing.informed.organisation", hasItem(Fixtures.NATIONAL.bars()))
                .body("routing.informed.organisation", not(hasItem(Fixtures.NATIONAL.serviceDesk())));
        involve(serviceDesk, id).statusCode(403);
    }

    @Test
    void onlyTheServiceDeskInvolvesItAndOnlyInALiveBarsIncident() {
        long live = Fixtures.raise(site, "LIVE", 2);
        involve(Tokens.as("provider", site.provider()), live).statusCode(403);
        involve(Tokens.as("supplier", site.supplier()), live).statusCode(403);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON)
                .body(Map.of("reason", "Needed")).post("/api/v1/incidents/" + live + "/bars-programme-involvement")
                .then().statusCode(428);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).header("If-Match", Workflow.etag(serviceDesk,
                live)).body(Map.of("reason", " ")).post("/api/v1/incidents/" + live + "/bars-programme-involvement")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));

        long raised = Fixtures.raise(serviceDesk, Fixtures.incident(site.deploymentId(), "LIVE", 3));
        Workflow.reclassify(Tokens.as("supplier", site.supplier()), raised,
                Map.of("phase", "TEST", "reason", "Seen in the test system")).statusCode(200);
        involve(serviceDesk, raised).statusCode(409).body("type", endsWith("not-live"));

        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).header("If-Match", "\"99\"")
                .body(Map.of("reason", "Needed")).post("/api/v1/incidents/" + live + "/bars-programme-involvement")
                .then().statusCode(412);
        long unseen = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(serviceDesk).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("reason", "Needed")).post("/api/v1/incidents/" + unseen + "/bars-programme-involvement")
                .then().statusCode(404);
        Workflow.move(Tokens.as("provider", site.provider()), live, "CANCELLED", "Raised in error").statusCode(200);
        involve(serviceDesk, live).statusCode(409).body("type", endsWith("incident-closed"));

        long moved = Fixtures.raise(serviceDesk, Fixtures.incident(site.deploymentId(), "LIVE", 3));
        involve(serviceDesk, moved).statusCode(200);
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(), site.provider(),
                site.icb(), "ONLINE_CONSULTATION", "COMMISSIONER", false)).statusCode(200);
        involve(serviceDesk, moved).statusCode(409).body("type", endsWith("not-bars"));
        given().auth().oauth2(bars).get("/api/v1/incidents/" + moved).then().statusCode(200)
                .body("routing.former.organisation", hasItem(Fixtures.NATIONAL.bars()));

        Site online = Fixtures.site("ONLINE_CONSULTATION", "COMMISSIONER");
        long other = Fixtures.raise(serviceDesk, Fixtures.incident(online.deploymentId(), "LIVE", 3));
        involve(serviceDesk, other).statusCode(409).body("type", endsWith("not-bars"));
        given().auth().oauth2(bars).get("/api/v1/incidents/" + other).then().statusCode(404);
    }
}
