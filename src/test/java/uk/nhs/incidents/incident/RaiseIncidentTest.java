package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

@QuarkusTest
class RaiseIncidentTest {

    @Test
    void providerRaisesLiveIncidentAndReadsItBack() {
        Fixtures.Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        Map<String, Object> body = Fixtures.incident(site.deploymentId(), "LIVE", 3);

        String location = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("reference", matchesPattern("INC-\\d{4}-\\d{6}"))
                .body("status", equalTo("NEW"))
                .body("severity", equalTo(3))
                .body("supplier", equalTo(site.supplier()))
                .extract().header("Location");

        given().auth().oauth2(token).get(location).then().statusCode(200)
                .body("title", equalTo("Referral not received by 111"))
                .body("reporter.organisation", equalTo(site.provider()));
    }
}
