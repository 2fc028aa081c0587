package uk.nhs.incidents.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;

/**
 * Text the database or an email header cannot hold, and numbers written as something else, are a 400 naming the
 * field wherever they arrive: a JSON body, a path, a query string or a cursor. Bodies are written as raw JSON so
 * that escapes such as an unpaired surrogate reach the service exactly as sent.
 */
@QuarkusTest
class HostileInputTest {

    @Inject
    Db db;

    private Fixtures.Site site;
    private String provider;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
        provider = Tokens.as("provider", site.provider());
    }

    private String incident(String field, String json) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of(
                "deploymentId", String.valueOf(site.deploymentId()), "phase", "\"LIVE\"", "severity", "3",
                "title", "\"Referral not received\"", "description", "\"Referrals are not arriving.\"",
                "occurredAt", "\"2026-01-01T09:00:00Z\""));
        fields.put(field, json);
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private ValidatableResponse raise(String body) {
        return given().auth().oauth2(provider).contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/incidents").then();
    }

    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(400).contentType(Problem.MEDIA_TYPE).body("violations.field", hasItem(field));
    }

    /**
     * Whatever the field holds: the strings enums, date-times and UUIDs are read from too, whose readers trimmed them
     * first, and a trim takes NUL and CR/LF with the spaces.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "title         | \"NUL\\u0000here\"",
            "title         | \"hdr\\r\\nBcc: victim@example.org\"",
            "title         | \"tab\\there\"",
            "title         | \"lone \\ud800 surrogate\"",
            "title         | \"\\u200b\\u200b\\ufeff\"",
            "title         | \"\\u2028\"",
            "description   | \"NUL\\u0000here\"",
            "description   | \"reversed pair \\udc00\\ud800\"",
            "description   | \"\\u200b\\n\\u200b\"",
            "phase         | \"LIVE\\u0000\"",
            "phase         | \"\"",
            "occurredAt    | \" 2026-01-01T09:00:00Z\\u0000\"",
            "occurredAt    | \"2026-01-01T09:00:00Z\\r\\n\"",
            "correlationId | \"\\t0f8fad5b-d9cb-469f-a165-70867728950e\\r\\n\"",
            "correlationId | \"\""})
    void textNoColumnOrHeaderCanHoldIsRefusedNamingTheField(String field, String json) {
        long before = db.count("select count(*) from incident");
        refused(raise(incident(field, json)), field);
        assertThat(db.count("select count(*) from incident")).isEqualTo(before);
    }

    @Test
    void multiLineTextKeepsItsTabsAndLineBreaksAndPairedSurrogates() {
        raise(incident("description", "\"Line one\\r\\nLine two\\tcolumn \\ud83d\\ude91\"")).statusCode(201)
                .body("description", equalTo("Line one\r\nLine two\tcolumn \uD83D\uDE91"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "severity     | 1.9",
            "severity     | \"5\"",
            "deploymentId | 1.5",
            "deploymentId | \"1\"",
            "phase        | 1",
            "title        | 42",
            "title        | true",
            "occurredAt   | 1767258000",
            "occurredAt   | 1767258000.5",
            "occurredAt   | \"1767258000\"",
            "occurredAt   | \"2026-01-01T09:00:00\"",
            "correlationId | \"3q2+796tvu/erb7v3q2+7w==\"",
            "correlationId | \"AAAAAAAAAAAAAAAAAAAAAA==\""})
    void aValueOfAnotherJsonTypeIsNotCoerced(String field, String json) {
        refused(raise(incident(field, json)), field);
    }

    @Test
    void aCommentBodyWithANulIsRefusedNamingIt() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body("{\"body\":\"a\\u0000b\"}")
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo("body"));
    }

    @Test
    void anOrganisationNameWithANulIsRefusedNamingIt() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"odsCode\":\"NUL01\",\"name\":\"Trust\\u0000\",\"type\":\"PROVIDER\","
                        + "\"incidentMailbox\":\"a@nhs.example\"}")
                .post("/api/v1/organisations").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations[0].field", equalTo("name"));
    }

    /**
     * A pattern's match recurses once for each word or label it repeats: a value of thousands of them overflowed the
     * stack (a 500) before the field's length limit refused it.
     */
    @Test
    void aValueOfThousandsOfWordsOrLabelsIsRefusedNamingTheFieldNotAnOverflow() {
        refused(raise(incident("externalReference", "\"" + "a ".repeat(50_000) + "a\"")), "externalReference");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"odsCode\":\"LONG01\",\"name\":\"Trust\",\"type\":\"PROVIDER\",\"incidentMailbox\":\"x@"
                        + "a.".repeat(50_000) + "example\"}")
                .post("/api/v1/organisations").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations.field", hasItem("incidentMailbox"));
        assertThat(db.count("select count(*) from organisation where ods_code = 'LONG01'")).isZero();
    }

    /** An empty Accept states no preference; the report read it as the client's preference for CSV, a 500. */
    @ParameterizedTest(name = "Accept: [{0}]")
    @ValueSource(strings = {"", " "})
    void anEmptyAcceptIsNoPreference(String accept) {
        given().auth().oauth2(provider).header("Accept", accept).get("/api/v1/reports/service-levels").then()
                .statusCode(200).contentType(ContentType.JSON);
        given().auth().oauth2(provider).header("Accept", accept).get("/api/v1/incidents").then().statusCode(200)
                .contentType(ContentType.JSON);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {";", "/", "text/csv, ;"})
    void anAcceptThatIsNoListOfMediaTypesIsRefusedNamingIt(String accept) {
        for (String path : List.of("/api/v1/reports/service-levels", "/api/v1/incidents")) {
            given().auth().oauth2(provider).header("Accept", accept).get(path).then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("violations.field", contains("Accept"));
        }
    }

    @Test
    void anAcceptWithEmptyElementsIsReadForTheOnesItHas() {
        given().auth().oauth2(provider).header("Accept", ", text/csv, ").get("/api/v1/reports/service-levels").then()
                .statusCode(200).contentType("text/csv");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"externalReference=SD%001", "supplier=%00", "externalReference=%E2%80%8B",
            "externalReference=a%0Ab"})
    void aQueryValueWithAControlOrOnlyInvisibleCharactersIsRefusedNamingIt(String query) {
        String name = query.substring(0, query.indexOf('='));
        given().urlEncodingEnabled(false).auth().oauth2(provider).get("/api/v1/incidents?" + query).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo(name));
    }

    /**
     * A filter given twice is refused naming it, not taken at either value; the paging cursor too, inside the list's
     * parameters. A report's list parameters may repeat (either value counts).
     */
    @Test
    void aQueryParameterGivenTwiceWhereOneValueIsTakenIsRefusedNamingIt() {
        given().auth().oauth2(provider).get("/api/v1/incidents?status=NEW&status=CLOSED&open=true").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("violations.field", contains("status"));
        given().auth().oauth2(provider).get("/api/v1/incidents?limit=1&limit=2").then().statusCode(400)
                .body("violations.field", contains("limit"));
        // The framework reads a name whatever its case: it was taken at its first value when that was not lower case.
        given().auth().oauth2(provider).get("/api/v1/incidents?STATUS=CLOSED&status=NEW").then().statusCode(400)
                .body("violations.field", contains("status"));
        given().auth().oauth2(provider).get("/api/v1/incidents?Limit=1&limit=2").then().statusCode(400)
                .body("violations.field", contains("limit"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/reports/service-levels?from=2026-01-01&to=2026-02-01"
                + "&severity=1&severity=2").then().statusCode(200);
    }

    /**
     * A parameter given empty is refused naming it, not read as left out: a linked tool looking up a ticket number it
     * does not have got the whole list back. A list parameter too; a parameter the endpoint does not take is ignored.
     */
    @Test
    void aQueryParameterGivenEmptyIsRefusedNamingIt() {
        given().auth().oauth2(provider).get("/api/v1/incidents?supplierReference=").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations.field", contains("supplierReference"));
        given().auth().oauth2(provider).get("/api/v1/incidents?status=&cursor=").then().statusCode(400)
                .body("violations.field", contains("cursor", "status"));
        given().auth().oauth2(provider).get("/api/v1/incidents?Status=").then().statusCode(400)
                .body("violations.field", contains("status"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/reports/service-levels?from=2026-01-01&to=2026-02-01"
                + "&severity=").then().statusCode(400).body("violations.field", contains("severity"));
        for (String list : List.of("supplier=,", "severity=1,,2", "phase=LIVE,", "icb=%20,%20")) {
            given().auth().oauth2(Tokens.admin()).get("/api/v1/reports/service-levels?" + list).then()
                    .statusCode(400).body("violations.field", contains(list.substring(0, list.indexOf('='))));
        }
        given().auth().oauth2(provider).get("/api/v1/incidents?unknown=").then().statusCode(200);
    }

    @Test
    void aPathValueWithANulIsRefusedNamingIt() {
        given().urlEncodingEnabled(false).auth().oauth2(provider).get("/api/v1/organisations/A%00B").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo("odsCode"));
    }

    /** Digits of another script than ASCII's (fullwidth, Arabic-Indic) are no number, in a path or a query. */
    @Test
    void aNumberInAnotherScriptsDigitsNamesNoIncidentAndIsNoLimit() {
        long id = Fixtures.raise(site, "LIVE", 3);
        String fullwidth = String.valueOf(id).chars().mapToObj(c -> String.valueOf((char) (c - '0' + '\uff10')))
                .collect(java.util.stream.Collectors.joining());
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id).then().statusCode(200);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + fullwidth).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(provider).get("/api/v1/incidents/" + id + "/comments?limit=\u0662").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("violations.field", contains("limit"));
    }

    @Test
    void aCraftedCursorThatDecodesToANulIsRefused() {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("A\u0000".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(provider).get("/api/v1/organisations?cursor=" + cursor).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo("cursor"));
    }

    /**
     * A body in an encoding JSON does not allow (UTF-32, which the parser recognises and cannot read), or cut off
     * part-way, is malformed JSON: a 400 saying so, never a failure, and nothing is written.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0000007b00110000", "7b22626f6479223a"})
    void aBodyThatIsNotJsonTextIsAMalformedJson400(String hex) {
        long id = Fixtures.raise(site, "LIVE", 3);
        long before = db.count("select count(*) from incident_comment where incident_id = " + id);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(HexFormat.of().parseHex(hex))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo("urn:nhs-incidents:problem:malformed-json"));
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + id)).isEqualTo(before);
    }

    /**
     * A body that is more than one JSON value (a proxy reading the last would act on another than the service), a
     * value holding bytes that encode no character (overlong forms among them), a body in UTF-16, or a number of
     * over a thousand digits, is malformed JSON too: the parser would have decoded the first two leniently.
     * (Values nested a thousand deep never reach the parser's limit: no field takes an array of arrays.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notJsonThisServiceReads")
    void aBodyThatIsNotOneJsonValueItReadsIsAMalformedJson400(String name, byte[] body) {
        long id = Fixtures.raise(site, "LIVE", 3);
        long before = db.count("select count(*) from incident_comment where incident_id = " + id);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo("urn:nhs-incidents:problem:malformed-json"));
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + id)).isEqualTo(before);
    }

    static Stream<Arguments> notJsonThisServiceReads() {
        return Stream.of(
                Arguments.of("two values", utf8("{\"body\":\"first\"}{\"body\":\"second\"}")),
                Arguments.of("a value and an array's end", utf8("{\"body\":\"ok\"}]")),
                Arguments.of("a byte that is no UTF-8",
                        "{\"body\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("a thousand and one digits", utf8("{\"body\":" + "1".repeat(1001) + "}")),
                Arguments.of("an overlong '<' (C0 BC)", bytes("{\"body\":\"x", 0xc0, 0xbc, "script>\"}")),
                Arguments.of("an overlong '/' (E0 80 AF)", bytes("{\"body\":\"x", 0xe0, 0x80, 0xaf, "y\"}")),
                Arguments.of("UTF-16LE", "{\"body\":\"x\"}".getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-16BE", "{\"body\":\"fine\"}".getBytes(StandardCharsets.UTF_16BE)));
    }

    /** The body's bytes: text as UTF-8, and each int as the byte it is. */
    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(utf8((String) part));
            }
        }
        return out.toByteArray();
    }

    /** A JSON body is read as it is sent: one in a content coding is refused, not read as JSON or as its bytes. */
    @ParameterizedTest(name = "Content-Encoding: {0}")
    @ValueSource(strings = {"gzip", "br", "identity, gzip"})
    void aJsonBodyInAContentCodingIsAnUnsupportedMediaTypeNamingIdentity(String coding) {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(provider).contentType(ContentType.JSON).header("Content-Encoding", coding)
                .body(utf8("{\"body\":\"compressed?\"}")).post("/api/v1/incidents/" + id + "/comments").then()
                .statusCode(415).contentType(Problem.MEDIA_TYPE).header("Accept-Encoding", "identity");
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + id)).isZero();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON body declared as something else is refused as every endpoint taking JSON refuses it. */
    @Test
    void aCommentSentAsPlainTextIsAnUnsupportedMediaType() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(provider).contentType(ContentType.TEXT).body("{\"body\":\"plain\"}")
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(415).contentType(Problem.MEDIA_TYPE);
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + id)).isZero();
    }

    /** A Content-Type that is no media type is the client's error, not a type the endpoint does not take. */
    @Test
    void aCommentSentWithAContentTypeThatIsNoMediaTypeIsA400NamingTheHeader() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(provider).contentType("json").body(utf8("{\"body\":\"typeless\"}"))
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations[0].field", equalTo("Content-Type"));
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + id)).isZero();
    }

    /** A comment's body given twice is refused naming it: a field called "body" is named like any other. */
    @Test
    void aCommentBodyGivenTwiceIsRefusedNamingIt() {
        long id = Fixtures.raise(site, "LIVE", 3);
        given().auth().oauth2(provider).contentType(ContentType.JSON).body("{\"body\":\"a\",\"body\":\"b\"}")
                .post("/api/v1/incidents/" + id + "/comments").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("violations[0].field", equalTo("body"));
    }

    /** A number beyond what the field holds, or a field given twice, is refused naming the field, not taken. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "severity | \"severity\":3000000000,",
            "severity | \"severity\":1,",
            "title    | \"title\":\"Another title\","})
    void aNumberOutOfRangeOrAFieldGivenTwiceIsRefusedNamingIt(String field, String first) {
        long before = db.count("select count(*) from incident");
        refused(raise("{" + first + incident("phase", "\"LIVE\"").substring(1)), field);
        assertThat(db.count("select count(*) from incident")).isEqualTo(before);
    }
}
