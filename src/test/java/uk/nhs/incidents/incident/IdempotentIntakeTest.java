package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import uk.nhs.incidents.support.AtOnce;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/** The National Service Desk's integration retries; retries must never duplicate an incident. */
@QuarkusTest
class IdempotentIntakeTest {

    @Inject
    Db db;

    /** A raise carrying an Idempotency-Key, as the Service Desk's integration retries one. */
    private static ValidatableResponse raise(String token, String key, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/incidents").then();
    }

    /** A live incident on a new site as the Service Desk posts it, with its own ticket number. */
    private static Map<String, Object> ticket() {
        Map<String, Object> body = Fixtures.incident(Fixtures.bars().deploymentId(), "LIVE", 2);
        body.put("externalReference", "SD-" + UUID.randomUUID());
        return body;
    }

    private record Answer(int status, String location, String etag, Map<String, Object> incident) {
    }

    /** Neither key is taken: a proxy in front might have deduplicated by the other. */
    @Test
    void aRaiseGivingTwoIdempotencyKeysIsA400NamingTheHeaderAndRaisesNothing() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("service-desk", Fixtures.organisation("NATIONAL_SERVICE_DESK"));
        long before = db.count("select count(*) from incident");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID())
                .header("Idempotency-Key", UUID.randomUUID()).body(Fixtures.incident(site.deploymentId(), "LIVE", 2))
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        assertThat(db.count("select count(*) from incident")).isEqualTo(before);
    }

    @Test
    void twentyConcurrentRetriesWithOneKeyCreateOneIncidentAndGetTwentyIdenticalAnswers() throws Exception {
        String desk = Fixtures.organisation("NATIONAL_SERVICE_DESK");
        String token = Tokens.as("service-desk", desk);
        Map<String, Object> body = ticket();
        String key = UUID.randomUUID().toString();

        List<Answer> answers = AtOnce.run(20, () -> {
            Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).post("/api/v1/incidents");
            Map<String, Object> incident = new HashMap<>(response.jsonPath().getMap("$"));
            incident.remove("sla");
            return new Answer(response.statusCode(), response.header("Location"), response.header("ETag"), incident);
        });

        assertThat(answers).hasSize(20).allMatch(a -> a.status() == 201);
        assertThat(answers.stream().distinct()).hasSize(1);
        assertThat(db.count("select count(*) from incident where reporter_ods = '" + desk + "'")).isEqualTo(1);
    }

    /**
     * Two workers of the Service Desk's integration posting one ticket at once, without a key: one incident, and each
     * other post told which incident holds the ticket, so that the integration can link it.
     */
    @Test
    void raisesGivingOneExternalReferenceAtOnceCreateOneIncidentAndEveryOtherAnswerNamesIt() throws Exception {
        String desk = Fixtures.organisation("NATIONAL_SERVICE_DESK");
        String token = Tokens.as("service-desk", desk);
        Map<String, Object> body = ticket();

        List<Response> answers = AtOnce.run(8, () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(body).post("/api/v1/incidents"));

        List<Response> created = answers.stream().filter(a -> a.statusCode() == 201).toList();
        assertThat(created).hasSize(1);
        String reference = created.get(0).jsonPath().getString("reference");
        assertThat(answers).filteredOn(a -> a.statusCode() != 201).hasSize(7).allSatisfy(refused -> {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.jsonPath().getString("type")).endsWith("duplicate-external-reference");
            assertThat(refused.jsonPath().getString("detail")).contains(reference);
        });
        assertThat(db.count("select count(*) from incident where reporter_ods = '" + desk + "'")).isEqualTo(1);
    }

    @Test
    void aRetryLaterGetsTheOriginalIncident() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        long first = raise(token, "retry-1", body).statusCode(201).extract().jsonPath().getLong("id");
        long again = raise(token, "retry-1", body).statusCode(201).extract().jsonPath().getLong("id");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aRetryAfterTheDeploymentPassedToAnotherProviderGetsTheOriginalIncidentAndANewRaiseIsRefusedKeepingNoKey() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        long first = raise(token, "moved-1", body).statusCode(201).extract().jsonPath().getLong("id");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(site.supplier(),
                Fixtures.organisation("PROVIDER"), site.icb(), "BARS", "COMMISSIONER", false)).statusCode(200);

        raise(token, "moved-1", body).statusCode(201).body("id", equalTo((int) first));
        raise(token, "moved-2", body).statusCode(422).contentType("application/problem+json");
        assertThat(db.count("select count(*) from idempotency_key where organisation = '" + site.provider()
                + "' and key = 'moved-2'")).as("a refused raise keeps no key").isZero();
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        raise(token, "k-1", body).statusCode(201);
        body.put("title", "Something else entirely");
        raise(token, "k-1", body).statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aRetryCarryingTheBarsRequestIdGetsTheOriginalAndOneWithAnotherIsUnprocessable() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("barsRequestId", "7c9e6679-7425-40de-944b-e07fc1f90ae7");
        long first = raise(token, "k-bars", body).statusCode(201).extract().jsonPath().getLong("id");
        raise(token, "k-bars", body).statusCode(201).body("id", equalTo((int) first))
                .body("barsRequestId", equalTo("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
        body.put("barsRequestId", "9d0e7c3a-2b1f-4c5d-8e6f-0a1b2c3d4e5f");
        raise(token, "k-bars", body).statusCode(422);
    }

    @Test
    void keysArePerOrganisation() {
        Fixtures.Site mine = Fixtures.bars();
        Fixtures.Site theirs = Fixtures.bars();
        long a = given().auth().oauth2(Tokens.as("provider", mine.provider())).contentType(ContentType.JSON)
                .header("Idempotency-Key", "shared-key").body(Fixtures.incident(mine.deploymentId(), "LIVE", 3))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        long b = given().auth().oauth2(Tokens.as("provider", theirs.provider())).contentType(ContentType.JSON)
                .header("Idempotency-Key", "shared-key").body(Fixtures.incident(theirs.deploymentId(), "LIVE", 3))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(a).isNotEqualTo(b);
    }

    /**
     * Keys stored before an upgrade must still match their retries after it, so the hash is fixed: SHA-256 of the
     * request as parsed, re-serialised in exactly this form (every field in order, absent ones null but for
     * barsRequestId, added later and left out when absent; times in UTC).
     */
    @Test
    void theStoredHashIsTheSha256OfTheRequestInItsCanonicalForm() throws Exception {
        Fixtures.Site site = Fixtures.bars();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Referrals failing");
        body.put("occurredAt", "2026-01-05T09:30:00+01:00");
        body.put("deploymentId", site.deploymentId());
        body.put("phase", "LIVE");
        body.put("impact", 2);
        body.put("urgency", 2);
        body.put("clinicalSafety", true);
        body.put("description", "Line one\nLine two");
        body.put("externalReference", "EXT-1");
        body.put("correlationId", "0f8fad5b-d9cb-469f-a165-70867728950e");
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON)
                .header("Idempotency-Key", "canonical").body(body).post("/api/v1/incidents").then().statusCode(201);

        String canonical = "{\"deploymentId\":" + site.deploymentId() + ",\"phase\":\"LIVE\",\"severity\":null,"
                + "\"impact\":2,\"urgency\":2,\"clinicalSafety\":true,\"nationalComponentSuspected\":false,"
                + "\"title\":\"Referrals failing\",\"description\":\"Line one\\nLine two\","
                + "\"occurredAt\":\"2026-01-05T08:30:00Z\",\"externalReference\":\"EXT-1\","
                + "\"correlationId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}";
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(db.count("select count(*) from idempotency_key where organisation = '" + site.provider()
                + "' and key = 'canonical' and request_hash = '" + hash + "'")).isOne();
    }

    /** An empty key is refused, not read as none: the client that sent it would raise again at every retry. */
    @ParameterizedTest
    @ValueSource(strings = {"has spaces in it", "", " "})
    void aMalformedOrEmptyKeyIsA400NamingTheHeaderAndRaisesNothing(String key) {
        Fixtures.Site site = Fixtures.bars();
        long before = db.count("select count(*) from incident");
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(Fixtures.incident(site.deploymentId(), "LIVE", 3))
                .post("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        assertThat(db.count("select count(*) from incident")).isEqualTo(before);
    }
}
