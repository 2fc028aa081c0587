package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

@QuarkusTest
class ReclassificationAndConversationTest {

    private Site site;
    private String supplier;
    private String provider;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        supplier = Tokens.as("supplier", site.supplier());
        provider = Tokens.as("provider", site.provider());
    }

    @Test
    void theSupplierChangesSeverityWithAReasonAndTheHistorySaysFromWhatToWhat() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.reclassify(supplier, id, Map.of("severity", 2, "reason", "Affects all 111 referrals"))
                .statusCode(200).body("severity", equalTo(2));
        JsonPath history = given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history")
                .then().extract().jsonPath();
        String change = "items.find { it.action == 'RECLASSIFIED' }";
        assertThat(history.getString(change + ".field")).isEqualTo("severity");
        assertThat(history.getString(change + ".from")).isEqualTo("3");
        assertThat(history.getString(change + ".to")).isEqualTo("2");
        assertThat(history.getString(change + ".reason")).isEqualTo("Affects all 111 referrals");
    }

    @Test
    void aReclassificationNeedsAReasonAndSomethingToChange() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.reclassify(supplier, id, Map.of("severity", 2)).statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        Workflow.reclassify(supplier, id, Map.of("reason", "no idea")).statusCode(400)
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void onlyTheSupplierChangesSeverity() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.reclassify(provider, id, Map.of("severity", 1, "reason", "Feels urgent")).statusCode(403);
        Workflow.reclassify(Tokens.as("icb", site.icb()), id, Map.of("severity", 1, "reason", "Region-wide"))
                .statusCode(403);
        // The severity it has, echoed beside the reporter's own change, asks for no permission.
        Workflow.reclassify(provider, id, Map.of("severity", 3, "phase", "TEST", "reason", "Found in testing"))
                .statusCode(200)
                .body("phase", equalTo("TEST")).body("severity", equalTo(3));
        Workflow.reclassify(supplier, id, Map.of("severity", 1, "reason", "Region-wide")).statusCode(200)
                .body("severity", equalTo(1));
    }

    @Test
    void flaggingClinicalSafetyRaisesSeverityToTwoAndASafetyIncidentStaysAtLeastTwo() {
        long id = Fixtures.raise(site, "LIVE", 4);
        Workflow.reclassify(provider, id, Map.of("clinicalSafety", true, "reason", "Patient not called back"))
                .statusCode(200).body("clinicalSafety", equalTo(true)).body("severity", equalTo(2));
        Workflow.reclassify(supplier, id, Map.of("severity", 3, "reason", "Downgrade")).statusCode(400)
                .body("violations[0].field", equalTo("severity"));
        Workflow.reclassify(supplier, id, Map.of("clinicalSafety", false, "reason", "No risk")).statusCode(403);
        long echoed = Fixtures.raise(site, "LIVE", 3);
        Workflow.reclassify(provider, echoed, Map.of("clinicalSafety", true, "severity", 3, "reason", "Harm found"))
                .statusCode(200).body("severity", equalTo(2));
        String cso = Tokens.as("clinical-safety-officer", site.supplier());
        Workflow.reclassify(cso, id, Map.of("clinicalSafety", false, "reason", "Reviewed: no patient risk"))
                .statusCode(200).body("clinicalSafety", equalTo(false)).body("severity", equalTo(2));
    }

    @Test
    void aPhaseChangeIsAnAuditedReclassificationThatMovesAccountability() {
        long id = Fixtures.raise(site, "TEST", 3);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().body("accountable", equalTo(site.provider()));
        Workflow.reclassify(supplier, id, Map.of("phase", "LIVE", "reason", "Seen in production after go-live"))
                .statusCode(200).body("phase", equalTo("LIVE")).body("accountable", equalTo(site.icb()));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.find { it.action == 'RECLASSIFIED' }.field", equalTo("phase"))
                .body("items.find { it.action == 'RECLASSIFIED' }.from", equalTo("TEST"))
                .body("items.find { it.action == 'RECLASSIFIED' }.to", equalTo("LIVE"))
                .body("items.find { it.action == 'ROUTING_CHANGED' }.reason", equalTo("Seen in production after go-live"));
    }

    @Test
    void aClosedIncidentIsNotReclassified() {
        long id = Fixtures.raise(site, "LIVE", 3);
        Workflow.move(provider, id, "CANCELLED", "Raised in error").statusCode(200);
        Workflow.reclassify(supplier, id, Map.of("severity", 5, "reason", "x")).statusCode(409);
    }

    @Test
    void everyPartyInScopeTakesPartInTheConversation() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String location = given().auth().oauth2(supplier).contentType(ContentType.JSON)
                .body(Map.of("body", "Can you send the call report?")).post("/api/v1/incidents/" + id + "/comments")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/comments/"))
                .body("author.organisation", equalTo(site.supplier())).extract().header("Location");
        given().auth().oauth2(Tokens.as("icb", site.icb())).contentType(ContentType.JSON)
                .body(Map.of("body", "ICB watching this one")).post("/api/v1/incidents/" + id + "/comments")
                .then().statusCode(201);
        given().auth().oauth2(provider).get(location).then().statusCode(200)
                .body("body", equalTo("Can you send the call report?"));

        JsonPath comments = given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/comments")
                .then().statusCode(200).extract().jsonPath();
        assertThat(comments.getList("items.body")).containsExactly("Can you send the call report?", "ICB watching this one");
        assertThat(comments.getList("items.author.organisation")).containsExactly(site.supplier(), site.icb());

        given().auth().oauth2(Tokens.as("supplier", Fixtures.organisation("SUPPLIER"))).contentType(ContentType.JSON)
                .body(Map.of("body", "hello")).post("/api/v1/incidents/" + id + "/comments").then().statusCode(404);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(Map.of("body", " "))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(400);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/history").then()
                .body("items.action", org.hamcrest.Matchers.hasItem("COMMENTED"));
    }

    /**
     * The deployment's ICB reads every incident of the deployments in its area, and comments on them, whether or not
     * the routing names it: a practice-procured system's incident, or a test incident.
     */
    @Test
    void theIcbCommentsOnEveryIncidentItReadsRoutedOrNot() {
        Site practiceRoute = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        long practices = Fixtures.raise(Tokens.as("practice", practiceRoute.provider()),
                Fixtures.incident(practiceRoute.deploymentId(), "LIVE", 3));
        long test = Fixtures.raise(site, "TEST", 3);
        for (Map.Entry<Long, String> incident : Map.of(practices, practiceRoute.icb(), test, site.icb()).entrySet()) {
            String icb = Tokens.as("icb", incident.getValue());
            given().auth().oauth2(icb).get("/api/v1/incidents/" + incident.getKey()).then().statusCode(200)
                    .body("routing.informed.organisation", not(hasItem(incident.getValue())));
            given().auth().oauth2(icb).contentType(ContentType.JSON).body(Map.of("body", "The ICB is watching"))
                    .post("/api/v1/incidents/" + incident.getKey() + "/comments").then().statusCode(201);
        }
        given().auth().oauth2(Tokens.as("icb", site.icb())).contentType(ContentType.JSON)
                .body(Map.of("body", "Not ours")).post("/api/v1/incidents/" + practices + "/comments").then()
                .statusCode(404);
    }

    /**
     * An ICB the routing does not name hears of the conversation once it takes part: the replies after its comment
     * reach it, as they reach the parties.
     */
    @Test
    void anUnroutedIcbThatCommentedHearsTheReplies() {
        Site practiceRoute = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        long id = Fixtures.raise(Tokens.as("practice", practiceRoute.provider()),
                Fixtures.incident(practiceRoute.deploymentId(), "LIVE", 3));
        String practiceSupplier = Tokens.as("supplier", practiceRoute.supplier());
        comment(practiceSupplier, id, "Which browser was it?");
        assertThat(commentEmailsTo(id, practiceRoute.icb())).as("not in the conversation yet").isZero();
        comment(Tokens.as("icb", practiceRoute.icb()), id, "Several practices in our area report this");
        assertThat(commentEmailsTo(id, practiceRoute.icb())).as("not of its own comment").isZero();
        comment(practiceSupplier, id, "Thank you: a fix is planned for all of them");
        assertThat(commentEmailsTo(id, practiceRoute.icb())).isEqualTo(1);
    }

    private static void comment(String token, long id, String body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", body))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
    }

    private static int commentEmailsTo(long id, String organisation) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id + "/notifications").then()
                .statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.event == 'COMMENTED' && it.recipientOrganisation == '" + organisation
                        + "' }").size();
    }

    /**
     * The ICB's Clinical Safety Officer is answerable for a safety incident (DCB0160) where the ICB procured the
     * system; where the practice bought it, the practice's officer is, and the ICB's only reads.
     */
    @Test
    void anIcbsSafetyOfficerReviewsAndClearsTheFlagOnlyWhereTheIcbProcuredTheSystem() {
        Site practiceRoute = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE", true);
        Map<String, Object> body = Fixtures.incident(practiceRoute.deploymentId(), "LIVE", 2);
        body.put("clinicalSafety", true);
        long id = Fixtures.raise(Tokens.as("practice", practiceRoute.provider()), body);
        String icbOfficer = Tokens.as("clinical-safety-officer", practiceRoute.icb());
        given().auth().oauth2(icbOfficer).get("/api/v1/incidents/" + id).then().statusCode(200);
        review(icbOfficer, id).statusCode(403);
        Workflow.reclassify(icbOfficer, id, Map.of("clinicalSafety", false, "reason", "No risk")).statusCode(403);
        review(Tokens.as("clinical-safety-officer", practiceRoute.provider()), id).statusCode(200);

        Map<String, Object> commissioned = Fixtures.incident(site.deploymentId(), "LIVE", 2);
        commissioned.put("clinicalSafety", true);
        long onCommissioned = Fixtures.raise(provider, commissioned);
        review(Tokens.as("clinical-safety-officer", site.icb()), onCommissioned).statusCode(200)
                .body("clinicalReview.reviewerOrganisation", equalTo(site.icb()));
    }

    private static ValidatableResponse review(String token, long id) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", Workflow.etag(token, id))
                .body(Map.of("outcome", "No harm found", "hazardLogReference", "HAZ-0042"))
                .post("/api/v1/incidents/" + id + "/clinical-review").then();
    }

    @Test
    void historyIsPagedOldestFirstWithoutGapsOrRepeats() {
        long id = Fixtures.raise(site, "LIVE", 3);
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(provider).contentType(ContentType.JSON).body(Map.of("body", "note " + i))
                    .post("/api/v1/incidents/" + id + "/comments").then().statusCode(201);
        }
        List<String> actions = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(provider).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/incidents/" + id + "/history").then().statusCode(200).extract().jsonPath();
            actions.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(actions).as("created, routed, six comments").hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void historyOfAnIncidentOutOfScopeIsNotFound() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(Tokens.as("provider", Fixtures.organisation("PROVIDER"))).get("/api/v1/incidents/" + id + "/history")
                .then().statusCode(404).contentType("application/problem+json")
                .body("instance", endsWith("/history"));
    }
}
