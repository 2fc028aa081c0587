package uk.nhs.incidents.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds parties and incidents over the API, each with fresh ODS codes, so tests never share state. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    /** A fresh ODS code: the prefix letter and a number unique in this run. */
    public static String odsCode(String prefix) {
        return prefix + String.format("%05d", SEQUENCE.incrementAndGet());
    }

    public static String organisation(String type) {
        return organisation(type, odsCode(type.substring(0, 1)));
    }

    public static String organisation(String type, String code) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("odsCode", code, "name", type + " " + code, "type", type,
                        "incidentMailbox", "incidents." + code.toLowerCase() + "@nhs.example",
                        "csoMailbox", "cso." + code.toLowerCase() + "@nhs.example"))
                .post("/api/v1/organisations").then().statusCode(201);
        return code;
    }

    /** The national parties, registered once with codes that sort before any other of their type. */
    public record National(String hub, String bars, String serviceDesk) {
    }

    public static final National NATIONAL = new National("0HUB1", "0BARS1", "0NSD1");

    public static National national() {
        register(NATIONAL.hub(), "PROCUREMENT_HUB");
        register(NATIONAL.bars(), "BARS_PROGRAMME");
        register(NATIONAL.serviceDesk(), "NATIONAL_SERVICE_DESK");
        return NATIONAL;
    }

    private static void register(String code, String type) {
        int status = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("odsCode", code, "name", type + " " + code, "type", type,
                        "incidentMailbox", code.toLowerCase() + "@nhs.example",
                        "csoMailbox", "cso." + code.toLowerCase() + "@nhs.example"))
                .post("/api/v1/organisations").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("cannot register " + code + ": " + status);
        }
    }

    /** The parties and deployment of one supplier's system at one provider or practice. */
    public record Site(String supplier, String provider, String icb, long deploymentId) {
    }

    public static Site site(String programme, String route) {
        return site(programme, route, false);
    }

    public static Site site(String programme, String route, boolean icbSupportAgreed) {
        String supplier = organisation("SUPPLIER");
        String provider = organisation(route.equals("PRACTICE") ? "PRACTICE" : "PROVIDER");
        String icb = organisation("ICB");
        long id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(deployment(supplier, provider, icb, programme, route, icbSupportAgreed))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Site(supplier, provider, icb, id);
    }

    public static Site bars() {
        return site("BARS", "COMMISSIONER");
    }

    public static Map<String, Object> deployment(String supplier, String provider, String icb, String programme,
            String route, boolean icbSupportAgreed) {
        Map<String, Object> body = new HashMap<>();
        body.put("systemName", "Booking system");
        body.put("supplier", supplier);
        body.put("provider", provider);
        body.put("icb", icb);
        body.put("programme", programme);
        body.put("procurementRoute", route);
        body.put("icbSupportAgreed", icbSupportAgreed);
        return body;
    }

    /** Replaces a deployment as an admin does: with the ETag it has just read. */
    public static ValidatableResponse replaceDeployment(long id, Map<String, Object> body) {
        return replace("/api/v1/deployments/" + id, body);
    }

    /** Replaces an organisation as an admin does: with the ETag it has just read. */
    public static ValidatableResponse replaceOrganisation(String odsCode, Map<String, Object> body) {
        return replace("/api/v1/organisations/" + odsCode, body);
    }

    private static ValidatableResponse replace(String path, Map<String, Object> body) {
        String etag = given().auth().oauth2(Tokens.admin()).get(path).then().statusCode(200).extract().header("ETag");
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put(path).then();
    }

    /** A valid raise request; tests change the fields they are about. */
    public static Map<String, Object> incident(long deploymentId, String phase, int severity) {
        Map<String, Object> body = new HashMap<>();
        body.put("deploymentId", deploymentId);
        body.put("phase", phase);
        body.put("severity", severity);
        body.put("title", "Referral not received by 111");
        body.put("description", "Referrals sent from the 999 service since 09:10 are not arriving.");
        body.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
        return body;
    }

    /** Raises an incident as the site's provider and returns its id. */
    public static long raise(Site site, String phase, int severity) {
        return raise(Tokens.as("provider", site.provider()), incident(site.deploymentId(), phase, severity));
    }

    /**
     * Raises an incident at {@code at}, with the test clock pinned there and the incident occurring ten minutes
     * before, as the token's organisation; returns its id. The clock stays pinned at {@code at}.
     */
    public static long raiseAt(TestClock clock, String token, Site site, String phase, int severity, String at) {
        Instant raisedAt = Instant.parse(at);
        clock.pin(raisedAt);
        Map<String, Object> body = incident(site.deploymentId(), phase, severity);
        body.put("occurredAt", raisedAt.minusSeconds(600).toString());
        return raise(token, body);
    }

    public static long raise(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
