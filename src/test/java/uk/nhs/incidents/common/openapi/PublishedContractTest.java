package uk.nhs.incidents.common.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.http.HttpClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.client.ApiClient;
import uk.nhs.incidents.client.ApiException;
import uk.nhs.incidents.client.ApiResponse;
import uk.nhs.incidents.client.api.IncidentsApi;
import uk.nhs.incidents.client.api.TriageApi;
import uk.nhs.incidents.client.model.Incident;
import uk.nhs.incidents.client.model.IncidentStatus;
import uk.nhs.incidents.client.model.Phase;
import uk.nhs.incidents.client.model.RaiseIncidentRequest;
import uk.nhs.incidents.client.model.TransitionRequest;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * The contract in use: the request examples it shows are accepted as they stand (with this test's own deployment
 * and ODS codes), and the Java client generated from it at build time ({@code openapi-generator-maven-plugin})
 * works against the service.
 */
@QuarkusTest
class PublishedContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode contract;
    private Fixtures.Site site;

    @BeforeEach
    void readTheServedContract() throws Exception {
        contract = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());
        site = Fixtures.bars();
    }

    @Test
    void everyRaiseExampleRaisesAnIncident() {
        String provider = Tokens.as(Roles.PROVIDER, site.provider());
        Map<String, ObjectNode> examples = examples("/api/v1/incidents", "post");
        assertThat(examples).containsKeys("live", "test", "clinicalSafety");
        examples.forEach((name, body) -> {
            Response answer = send(provider, "post", "/api/v1/incidents", null,
                    body.put("deploymentId", site.deploymentId()));
            assertThat(answer.statusCode()).as(name + ": " + answer.asString()).isEqualTo(201);
        });
    }

    @Test
    void theTransitionExamplesWalkAnIncidentThroughItsLifecycle() {
        long incident = Fixtures.raise(site, "LIVE", 3);
        Map<String, ObjectNode> examples = examples("/api/v1/incidents/{id}/transitions", "post");
        examples.get("waitForInformation").put("waitingOn", site.provider());
        String supplier = Tokens.as(Roles.SUPPLIER, site.supplier());
        for (String name : List.of("triage", "startWork", "waitForInformation", "startWork", "resolve")) {
            change(supplier, "post", "/api/v1/incidents/" + incident + "/transitions", examples.get(name), name);
        }
        long another = Fixtures.raise(site, "LIVE", 3);
        change(Tokens.as(Roles.PROVIDER, site.provider()), "post", "/api/v1/incidents/" + another + "/transitions",
                examples.get("cancel"), "cancel");
    }

    @Test
    void theReclassificationAndReviewExamplesAreAccepted() {
        long incident = Fixtures.raise(site, "LIVE", 3);
        Map<String, ObjectNode> examples = examples("/api/v1/incidents/{id}", "patch");
        String supplier = Tokens.as(Roles.SUPPLIER, site.supplier());
        change(supplier, "patch", "/api/v1/incidents/" + incident, examples.get("raiseSeverity"), "raiseSeverity");
        change(supplier, "patch", "/api/v1/incidents/" + incident, examples.get("flagClinicalSafety"),
                "flagClinicalSafety");
        change(Tokens.as(Roles.CLINICAL_SAFETY_OFFICER, site.supplier()), "post",
                "/api/v1/incidents/" + incident + "/clinical-review",
                examples("/api/v1/incidents/{id}/clinical-review", "post").get("review"), "review");

        long testIssue = Fixtures.raise(site, "TEST", 4);
        change(Tokens.as(Roles.PROVIDER, site.provider()), "patch", "/api/v1/incidents/" + testIssue,
                examples.get("moveToLive"), "moveToLive");
    }

    @Test
    void theGeneratedClientRaisesReadsAndTriagesAnIncidentAndReadsTheProblems() throws Exception {
        Incident raised = new IncidentsApi(client(Tokens.as(Roles.PROVIDER, site.provider()))).raiseIncident(
                new RaiseIncidentRequest().deploymentId(site.deploymentId()).phase(Phase.LIVE).impact(2).urgency(2)
                        .title("Referrals to 111 not arriving").description("Not acknowledged since 09:10.")
                        .occurredAt(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)), "client-test-1");
        assertThat(raised.getReference()).startsWith("INC-");
        assertThat(raised.getStatus()).isEqualTo(IncidentStatus.NEW);

        ApiClient supplier = client(Tokens.as(Roles.SUPPLIER, site.supplier()));
        ApiResponse<Incident> read = new IncidentsApi(supplier).getIncidentWithHttpInfo(raised.getId(), null);
        String etag = read.getHeaders().get("ETag").get(0);
        Incident triaged = new TriageApi(supplier).transitionIncident(raised.getId(), etag,
                new TransitionRequest().to(IncidentStatus.TRIAGED));
        assertThat(triaged.getStatus()).isEqualTo(IncidentStatus.TRIAGED);
        assertThat(new IncidentsApi(supplier).listIncidents(null, site.deploymentId(), null, 10, true, Phase.LIVE,
                null, null, "created", null, site.supplier(), null, null).getItems())
                .extracting(Incident::getId).containsExactly(raised.getId());

        ApiException stale = catchThrowableOfType(ApiException.class, () -> new TriageApi(supplier)
                .transitionIncident(raised.getId(), etag, new TransitionRequest().to(IncidentStatus.IN_PROGRESS)));
        assertThat(stale.getCode()).isEqualTo(412);
        uk.nhs.incidents.client.model.Problem problem = supplier.getObjectMapper().readValue(
                stale.getResponseBody(), uk.nhs.incidents.client.model.Problem.class);
        assertThat(problem.getStatus()).isEqualTo(412);
        assertThat(problem.getTitle()).isEqualTo("Precondition failed");
    }

    /** The examples of the operation's JSON request body, by name, as objects a test may adjust. */
    private Map<String, ObjectNode> examples(String path, String method) {
        Map<String, ObjectNode> examples = new LinkedHashMap<>();
        contract.path("paths").path(path).path(method).path("requestBody").path("content").path("application/json")
                .path("examples").fields().forEachRemaining(e -> examples.put(e.getKey(),
                        (ObjectNode) e.getValue().path("value").deepCopy()));
        return examples;
    }

    /** Sends the change with the incident's current ETag, as a client of the contract does, and expects it made. */
    private static void change(String token, String method, String path, JsonNode body, String name) {
        String incident = path.replaceAll("^/api/v1/incidents/(\\d+).*$", "$1");
        Response answer = send(token, method, path, Workflow.etag(token, Long.parseLong(incident)), body);
        assertThat(answer.statusCode()).as(name + ": " + answer.asString()).isEqualTo(200);
    }

    private static Response send(String token, String method, String path, String ifMatch, JsonNode body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString());
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.request(method, path);
    }

    private static ApiClient client(String token) {
        return new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
                ApiClient.createDefaultObjectMapper(), "http://localhost:" + RestAssured.port)
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }
}
