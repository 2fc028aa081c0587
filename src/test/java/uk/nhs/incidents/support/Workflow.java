package uk.nhs.incidents.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;

/** Reads an incident's ETag and sends changes with it, as a well-behaved client does. */
public final class Workflow {

    private Workflow() {
    }

    public static String etag(String token, long id) {
        return given().auth().oauth2(token).get("/api/v1/incidents/" + id).then().statusCode(200)
                .extract().header("ETag");
    }

    public static ValidatableResponse move(String token, long id, String to, String reason) {
        return move(token, id, to, reason, null);
    }

    public static ValidatableResponse move(String token, long id, String to, String reason, String waitingOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("to", to);
        body.put("reason", reason);
        body.put("waitingOn", waitingOn);
        return transition(token, id, body);
    }

    /** Resolves the incident (IN_PROGRESS) with a code and a summary. */
    public static ValidatableResponse resolve(String token, long id, String code, String summary) {
        return transition(token, id, Map.of("to", "RESOLVED", "resolutionCode", code, "reason", summary));
    }

    /** Sends a transition body as given, with the incident's current ETag. */
    public static ValidatableResponse transition(String token, long id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag(token, id))
                .body(body).post("/api/v1/incidents/" + id + "/transitions").then();
    }

    public static ValidatableResponse reclassify(String token, long id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag(token, id))
                .body(body).patch("/api/v1/incidents/" + id).then();
    }
}
