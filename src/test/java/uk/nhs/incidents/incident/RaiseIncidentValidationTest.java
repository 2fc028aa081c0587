package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/** Every bad input to POST /incidents is a 400 problem naming the field, and writes nothing. */
@QuarkusTest
class RaiseIncidentValidationTest {

    /** Each reference series is a sequence; a sequence never used yet has no last value. */
    private static final String NUMBERS_TAKEN = "select coalesce(sum(last_value), 0) from pg_sequences"
            + " where sequencename like 'incident\\_reference\\_%'";

    @Inject
    Db db;

    private Fixtures.Site site;
    private String token;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        token = Tokens.as("provider", site.provider());
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalid("deploymentId", b -> b.remove("deploymentId")),
                invalid("phase", b -> b.remove("phase")),
                invalid("severity", b -> b.put("severity", 0)),
                invalid("severity", b -> b.put("severity", 6)),
                invalid("severity", b -> b.remove("severity")),
                invalid("severity", b -> b.put("impact", 2)),
                invalid("severity", b -> { b.put("impact", 1); b.put("urgency", 1); }),
                invalid("impact", b -> { b.put("impact", 7); b.put("urgency", 1); }),
                invalid("urgency", b -> { b.put("impact", 1); b.put("urgency", 0); }),
                invalid("title", b -> b.put("title", " ")),
                invalid("title", b -> b.remove("title")),
                invalid("title", b -> b.put("title", "x".repeat(201))),
                invalid("description", b -> b.put("description", "")),
                invalid("description", b -> b.put("description", "x".repeat(20_001))),
                invalid("occurredAt", b -> b.remove("occurredAt")),
                invalid("occurredAt", b -> b.put("occurredAt", "1500-01-01T00:00:00Z")),
                invalid("occurredAt", b -> b.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString())),
                invalid("externalReference", b -> b.put("externalReference", "x".repeat(101))),
                invalid("externalReference", b -> b.put("externalReference", " SD-1")),
                invalid("externalReference", b -> b.put("externalReference", "SD\n1")));
    }

    private static Arguments invalid(String field, Consumer<Map<String, Object>> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsNamedInTheProblemAndNothingIsWritten(String field, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        change.accept(body);
        long before = db.count("select count(*) from incident");
        long numbersTaken = db.count(NUMBERS_TAKEN);

        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field))
                .body("instance", equalTo("/api/v1/incidents"));

        assertThat(db.count("select count(*) from incident")).isEqualTo(before);
        assertThat(db.count(NUMBERS_TAKEN)).as("no reference number is spent on a refused request")
                .isEqualTo(numbersTaken);
    }

    @Test
    void aLengthLimitCountsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE91";
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
        body.put("title", emoji.repeat(200));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(201).body("title", equalTo(emoji.repeat(200)));

        body.put("title", emoji.repeat(201));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(400).body("violations.field", hasItem("title"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{\"deploymentId\": ",
            "not json at all",
            "[1, 2, 3]",
            "{\"deploymentId\": \"seven\"}",
            "{\"phase\": \"PRODUCTION\"}",
            "{\"correlationId\": \"not-a-uuid\"}",
            "{\"occurredAt\": \"yesterday\"}",
            "{\"severity\": {\"level\": 3}}",
            "{\"colour\": \"red\"}"})
    void unreadableBodiesAreA400ProblemNeverA500(String body) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", not(containsString("Exception")))
                .body("detail", not(containsString("com.fasterxml")))
                .body("detail", not(containsString("\tat ")));
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"phase\": \"PRODUCTION\"}")
                .post("/api/v1/incidents")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("phase"))
                .body("violations[0].message", containsString("[TEST, LIVE]"));
    }

    @Test
    void aBadUuidNamesTheField() {
        for (String field : List.of("correlationId", "barsRequestId")) {
            Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);
            body.put(field, "12345");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/incidents")
                    .then().statusCode(400).body("violations[0].field", equalTo(field));
        }
    }

    @Test
    void anUnknownDeploymentIsUnprocessable() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Fixtures.incident(987_654_321L, "LIVE", 3)).post("/api/v1/incidents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("deploymentId"));
    }

    @Test
    void aNonJsonContentTypeIsUnsupported() {
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("hello").post("/api/v1/incidents")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
