package uk.nhs.incidents.major;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/** Every bad input to a major incident is a 4xx problem naming what is wrong, and writes nothing. */
@QuarkusTest
class MajorIncidentInputTest {

    private static final String MAJOR_INCIDENTS = "/api/v1/major-incidents";

    @Inject
    Db db;

    private final String serviceDesk = Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk());
    private long major;

    @BeforeEach
    void majorIncident() {
        Fixtures.national();
        major = given().auth().oauth2(serviceDesk).contentType(ContentType.JSON)
                .body("{\"title\":\"Outage\",\"summary\":\"Nothing gets through.\"}").post(MAJOR_INCIDENTS).then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private ValidatableResponse post(String path, String json) {
        return given().auth().oauth2(serviceDesk).contentType(ContentType.JSON)
                .body(json.getBytes(StandardCharsets.UTF_8)).post(MAJOR_INCIDENTS + path).then();
    }

    private long written() {
        return db.count("select (select count(*) from major_incident) + (select count(*) from major_incident_update)"
                + " + (select count(*) from incident_history where action like 'MAJOR_INCIDENT%')");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "title    | {\"summary\":\"s\"}",
            "title    | {\"title\":\" \",\"summary\":\"s\"}",
            "title    | {\"title\":\"a\\r\\nBcc: x@example.org\",\"summary\":\"s\"}",
            "title    | {\"title\":42,\"summary\":\"s\"}",
            "summary  | {\"title\":\"t\",\"summary\":\"a\\u0000b\"}",
            "summary  | {\"title\":\"t\",\"summary\":\"lone \\ud800\"}",
            "supplier | {\"title\":\"t\",\"summary\":\"s\",\"supplier\":\"not a code\"}",
            "colour   | {\"title\":\"t\",\"summary\":\"s\",\"colour\":\"red\"}"})
    void aBadDeclarationIsRefusedNamingTheField(String field, String json) {
        long before = written();
        post("", json).statusCode(400).contentType(Problem.MEDIA_TYPE).body("violations.field", hasItem(field));
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        post("", "{\"title\":\"t\",\"summary\":\"" + "x".repeat(1024 * 1024) + "\"}").statusCode(413)
                .contentType(Problem.MEDIA_TYPE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"incidentId\":\"12\"}", "{\"incidentId\":1.5}", "{\"incidentId\":null}",
            "{}"})
    void anIncidentIdThatIsNoWholeNumberIsRefused(String json) {
        long before = written();
        post("/" + major + "/incidents", json).statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem("incidentId"));
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void anIncidentThatDoesNotExistIsUnprocessable() {
        post("/" + major + "/incidents", "{\"incidentId\":" + Long.MAX_VALUE + "}").statusCode(422)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo("incidentId"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "resolutionCode | {\"resolutionCode\":\"DUPLICATE\",\"summary\":\"s\"}",
            "resolutionCode | {\"resolutionCode\":\"SOLVED\",\"summary\":\"s\"}",
            "resolutionCode | {\"resolutionCode\":0,\"summary\":\"s\"}",
            "resolutionCode | {\"summary\":\"s\"}",
            "summary        | {\"resolutionCode\":\"FIXED\"}",
            "summary        | {\"resolutionCode\":\"FIXED\",\"summary\":\"a\\u0000\"}"})
    void aBadResolutionIsRefusedAndLeavesTheMajorIncidentOpen(String field, String json) {
        post("/" + major + "/resolution", json).statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem(field));
        given().auth().oauth2(serviceDesk).get(MAJOR_INCIDENTS + "/" + major).then().body("status", equalTo("OPEN"));
    }

    @Test
    void anUpdateOrAnUnlinkWithoutItsTextIsRefused() {
        long before = written();
        post("/" + major + "/updates", "{\"body\":\"\"}").statusCode(400).body("violations[0].field", equalTo("body"));
        post("/" + major + "/updates", "{\"body\":\"" + "x".repeat(2001) + "\"}").statusCode(400)
                .body("violations[0].field", equalTo("body"));
        post("/" + major + "/incidents/1/unlink", "{}").statusCode(400).body("violations[0].field", equalTo("reason"));
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void badQueryAndPathValuesAreProblems() {
        given().auth().oauth2(serviceDesk).queryParam("status", "CLOSED").get(MAJOR_INCIDENTS).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo("status"));
        given().auth().oauth2(serviceDesk).queryParam("limit", 201).get(MAJOR_INCIDENTS).then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        given().auth().oauth2(serviceDesk).queryParam("cursor", "not-ours").get(MAJOR_INCIDENTS + "/" + major
                + "/updates").then().statusCode(400).body("violations[0].field", equalTo("cursor"));
        given().auth().oauth2(serviceDesk).get(MAJOR_INCIDENTS + "/abc").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(serviceDesk).get(MAJOR_INCIDENTS + "/" + Long.MAX_VALUE + "/updates/1").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
