package uk.nhs.incidents.support;

import static io.restassured.RestAssured.given;

import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.security.Roles;

/** The service's Prometheus metrics, read as an operator's scrape reads them. */
public final class Metrics {

    private Metrics() {
    }

    public static String scraped() {
        return given().auth().oauth2(DevToken.roles(Roles.METRICS).org(Tokens.NHS_ENGLAND).mint()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }
}
