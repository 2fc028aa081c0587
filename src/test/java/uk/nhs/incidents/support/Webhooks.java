package uk.nhs.incidents.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** Webhooks registered over the API, as an organisation's integration does. */
public final class Webhooks {

    private Webhooks() {
    }

    /** A registered webhook: its id and the secret shown once. */
    public record Registered(long id, String secret) {
    }

    public static Registered register(String organisation, String url, String... events) {
        JsonPath created = given().auth().oauth2(Tokens.as("integration", organisation)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "events", List.of(events))).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath();
        return new Registered(created.getLong("id"), created.getString("secret"));
    }

    /** The webhook's deliveries as its integration lists them. */
    public static JsonPath deliveries(String organisation, long webhook) {
        return given().auth().oauth2(Tokens.as("integration", organisation))
                .get("/api/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200).extract().jsonPath();
    }
}
