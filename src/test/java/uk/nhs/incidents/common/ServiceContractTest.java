package uk.nhs.incidents.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Metrics;
import uk.nhs.incidents.support.Tokens;

/** The operational endpoints and the published contract. */
@QuarkusTest
class ServiceContractTest {

    private static final Path COMMITTED_SPEC = Path.of("openapi", "openapi.json");

    @Test
    void theCommittedOpenApiDocumentMatchesWhatTheServiceServes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode served = json.readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertThat(Files.exists(COMMITTED_SPEC))
                .as("openapi/openapi.json is committed; './mvnw package -DskipTests' writes it").isTrue();
        JsonNode committed = json.readTree(COMMITTED_SPEC.toFile());
        assertThat(served).as("the served OpenAPI document differs from openapi/openapi.json: the API changed; "
                + "run './mvnw package -DskipTests', review the diff of openapi/ and commit it").isEqualTo(committed);
    }

    @Test
    void theOpenApiDocumentDescribesSecurityAndProblems() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.schemas.Problem.properties.violations.type", equalTo("array"))
                .body("paths.'/api/v1/incidents'.post.summary", equalTo("Raise an incident on a deployment"))
                .body("paths.'/api/v1/incidents'.post.operationId", equalTo("raiseIncident"))
                .body("paths.'/api/v1/incidents'.post.responses.'400'.$ref", equalTo("#/components/responses/BadRequest"))
                .body("components.responses.BadRequest.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("servers[0].url", equalTo("/"));
    }

    @Test
    void livenessAndReadinessAreUpWithTheDatabaseChecked() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    /**
     * National figures: an operator reads them with the metrics role, which grants nothing else, or as an admin;
     * nobody else, nor anyone without a token, on any path under /q/metrics.
     */
    @Test
    void theMetricsAreReadOnlyWithAnOperatorsMetricsOrAdminToken() {
        String scrape = DevToken.roles(Roles.METRICS).org(Tokens.NHS_ENGLAND).mint();
        for (String path : List.of("/q/metrics", "/q/metrics/", "/q/metrics/json")) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(Tokens.as("supplier", Fixtures.organisation("SUPPLIER"))).get(path).then()
                    .statusCode(403);
            given().auth().oauth2(DevToken.roles(Roles.ADMIN).org("RX9").mint()).get(path).then().statusCode(403);
            given().auth().oauth2(DevToken.roles(Roles.METRICS).org("RX9").mint()).get(path).then().statusCode(403);
            // With a role the API would refuse for this organisation.
            given().auth().oauth2(DevToken.roles(Roles.METRICS, Roles.PROVIDER).org(Tokens.NHS_ENGLAND).mint())
                    .get(path).then().statusCode(403);
        }
        given().auth().oauth2(scrape).get("/q/metrics").then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/q/metrics").then().statusCode(200);
        given().auth().oauth2(scrape).get("/api/v1/incidents").then().statusCode(403);
        given().auth().oauth2(scrape).contentType("application/json").body("{}").post("/api/v1/organisations").then()
                .statusCode(403);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** An incident may name a patient: no cache on the way keeps an answer, nor reads it as another type. */
    @Test
    void answersAreKeptByNoCacheAndReadOnlyAsTheirType() {
        long id = Fixtures.raise(Fixtures.bars(), "LIVE", 3);
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then().statusCode(200)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + Long.MAX_VALUE).then().statusCode(404)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().get("/api/v1/incidents").then().statusCode(401).header("Cache-Control", "no-store");
    }

    /**
     * One series per path a client makes up would grow the metrics without bound; a refusal on a path a method
     * declares keeps that path.
     */
    @Test
    void requestsRefusedOnPathsNoMethodMatchedAreCountedWithoutTheirPath() {
        given().delete("/api/v1/incidents/987654/evidence/876543").then().statusCode(405);
        given().auth().oauth2(Tokens.admin()).header("Range", "bytes=0-1").header("Range", "bytes=2-3")
                .get("/api/v1/incidents/987655").then().statusCode(400);
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                .post("/api/v1/organisations").then().statusCode(400);
        String scraped = Metrics.scraped();
        assertThat(scraped).doesNotContain("987654").doesNotContain("987655").contains("uri=\"UNKNOWN\"");
        assertThat(scraped.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("status=\"400\"") && line.contains("uri=\"/api/v1/organisations\""))).isNotEmpty();
    }

    @Test
    void prometheusMetricsIncludeTheDomainFigures() {
        Fixtures.raise(Fixtures.bars(), "LIVE", 3);
        String metrics = Metrics.scraped();
        assertThat(metrics).contains("incidents_raised_total{phase=\"live\",severity=\"3\"}")
                .contains("incidents_open_clocks{state=\"at_risk\"}")
                .contains("incidents_open_clocks{state=\"breached\"}")
                .contains("incidents_notifications{status=\"failed\"}")
                .contains("incidents_notifications{status=\"pending\"}")
                .doesNotContain("incidents_notifications{status=\"sent\"}")
                .contains("incidents_evidence_stored_bytes");
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void everyAnswerCarriesARequestIdAndKeepsTheCallersOwn() {
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "sd-retry-42").get("/api/v1/incidents")
                .then().statusCode(200).header("X-Request-Id", "sd-retry-42");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents").then()
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "bad id <script>").get("/api/v1/incidents")
                .then().header("X-Request-Id", org.hamcrest.Matchers.not("bad id <script>"));
    }

    @Test
    void anUnknownPathIsAProblemNotAnHtmlPage() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void anEncodedPathIsAProblemToo() {
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin()).get("/api/v1/organisations/A%20B%25")
                .then().statusCode(404)
                .contentType("application/problem+json").body("instance", equalTo("/api/v1/organisations/A%20B%25"));
    }

    @Test
    void anOversizedOrChunkedJsonBodyIsRefusedBeforeItIsRead() throws Exception {
        String large = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        // Without a Content-Type the body is still read as JSON, the method consuming nothing else.
        for (Optional<String> type : List.of(Optional.of("application/json"), Optional.of("application/JSON"),
                Optional.<String>empty())) {
            HttpResponse<String> oversized = post(type, BodyPublishers.ofString(large));
            assertThat(oversized.statusCode()).as("%s, 1.1 MB", type).isEqualTo(413);
            assertThat(oversized.headers().firstValue("Content-Type")).hasValueSatisfying(
                    problem -> assertThat(problem).startsWith("application/problem+json"));
            HttpResponse<String> chunked = post(type, BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
            assertThat(chunked.statusCode()).as("%s, chunked", type).isEqualTo(411);
            assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(
                    problem -> assertThat(problem).startsWith("application/problem+json"));
        }
    }

    private static HttpResponse<String> post(Optional<String> type, BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/organisations")).header("Authorization", "Bearer " + Tokens.admin()).POST(body);
        type.ifPresent(value -> request.header("Content-Type", value));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                BodyHandlers.ofString());
    }

    @Test
    void aWrongMethodIsAProblem() {
        given().auth().oauth2(Tokens.admin()).delete("/api/v1/incidents").then().statusCode(405)
                .contentType("application/problem+json").header("Allow", "GET, HEAD, OPTIONS, POST");
    }

    /**
     * OPTIONS needs a token as every request does, and names the methods the path answers: the framework's answer
     * took none, and named a POST at a major incident, which answers 405 to it.
     */
    @Test
    void optionsNeedsATokenAndNamesTheMethodsThePathAnswers() {
        given().options("/api/v1/major-incidents/1").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").options("/api/v1/major-incidents/1").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).options("/api/v1/major-incidents/1").then().statusCode(204)
                .header("Allow", "GET, HEAD, OPTIONS");
        given().auth().oauth2(Tokens.admin()).options("/api/v1/major-incidents").then().statusCode(204)
                .header("Allow", "GET, HEAD, OPTIONS, POST");
        given().auth().oauth2(Tokens.admin()).options("/api/v1/nothing-here").then().statusCode(404);
    }

    /** Where several resource classes share the path's start, the framework alone answered these 404. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "PUT    | /comments                  | GET, HEAD, OPTIONS, POST",
            "DELETE | /evidence                  | GET, HEAD, OPTIONS, POST",
            "GET    | /transitions               | OPTIONS, POST",
            "PATCH  | /notifications             | GET, HEAD, OPTIONS",
            "DELETE | /evidence/1/content        | GET, HEAD, OPTIONS"})
    void aWrongMethodUnderAnIncidentIsA405NamingTheMethodsThePathAnswers(String method, String path, String allowed) {
        long id = Fixtures.raise(Fixtures.bars(), "LIVE", 3);
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}")
                .request(method, "/api/v1/incidents/" + id + path).then().statusCode(405)
                .contentType("application/problem+json").header("Allow", allowed);
    }

    @Test
    void aPathNoMethodAnswersIsA404AndAnAnsweredOneOfNoIncidentToo() {
        given().auth().oauth2(Tokens.admin()).patch("/api/v1/incidents/1/nothing").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/999999999/comments").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/abc/comments").then().statusCode(404);
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.admin()).patch("/api/v1/incidents/1%2Fcomments")
                .then().statusCode(404);
    }

    @Test
    void anUnsupportedAcceptIsAProblem() {
        given().auth().oauth2(Tokens.admin()).accept("application/xml").get("/api/v1/incidents")
                .then().statusCode(406);
    }
}
