package uk.nhs.incidents.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.incidents.evidence.service.EvidenceQueries;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Files;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Pages;
import uk.nhs.incidents.support.RawHttp;
import uk.nhs.incidents.support.Tokens;

@QuarkusTest
class EvidenceTest {

    private static final int RECORDING_BYTES = 2 * 1024 * 1024 + 12_345;

    @Inject
    Db db;

    private Site site;
    private long incident;
    private String provider;
    private String supplier;

    @BeforeEach
    void incident() {
        Fixtures.national();
        site = Fixtures.bars();
        incident = Fixtures.raise(site, "LIVE", 2);
        provider = Tokens.as("provider", site.provider());
        supplier = Tokens.as("supplier", site.supplier());
    }

    private String evidencePath() {
        return "/api/v1/incidents/" + incident + "/evidence";
    }

    private Response upload(String token, String kind, String filename, String type, byte[] content) {
        return given().auth().oauth2(token).contentType(type).queryParam("kind", kind).queryParam("filename", filename)
                .queryParam("description", "Call at 09:10").body(content).post(evidencePath());
    }

    private long stored(byte[] recording) {
        return upload(provider, "CALL_RECORDING", "call.wav", "audio/wav", recording).then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Changes stored chunks as only someone bypassing the write-once triggers could. */
    private void tamper(String update) {
        bypassingTriggers("update evidence_chunk " + update);
    }

    /** Loses a stored chunk, as only someone bypassing the write-once triggers could. */
    private void lose(long evidenceId, int seq) {
        bypassingTriggers("delete from evidence_chunk where evidence_id = " + evidenceId + " and seq = " + seq);
    }

    private void bypassingTriggers(String sql) {
        db.execute("alter table evidence_chunk disable trigger user");
        try {
            db.execute(sql);
        } finally {
            db.execute("alter table evidence_chunk enable trigger user");
        }
    }

    private long rows() {
        return db.count("select count(*) from evidence") + db.count("select count(*) from evidence_chunk");
    }

    @Test
    void aRecordingRoundTripsWithTheSameSha256AndHeaders() {
        byte[] recording = Files.wav(RECORDING_BYTES);
        String sha = Files.sha256(recording);
        long id = upload(provider, "CALL_RECORDING", "../calls/999 call.wav", "audio/wav", recording).then()
                .statusCode(201).header("Location", containsString("/evidence/"))
                .body("sha256", equalTo(sha)).body("size", equalTo(recording.length))
                .body("filename", equalTo("999 call.wav")).extract().jsonPath().getLong("id");

        Response download = given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content");
        download.then().statusCode(200).contentType("audio/wav")
                .header("Content-Length", String.valueOf(recording.length))
                .header("ETag", "\"" + sha + "\"")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":")
                .header("Content-Disposition", containsString("attachment; filename=\"999 call.wav\""))
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "no-store");
        assertThat(Files.sha256(download.asByteArray())).isEqualTo(sha);
        given().auth().oauth2(provider).get(evidencePath()).then().statusCode(200)
                .body("items[0].sha256", equalTo(sha)).body("items[0].kind", equalTo("CALL_RECORDING"));
        given().auth().oauth2(provider).get("/api/v1/incidents/" + incident + "/history").then()
                .body("items.action", hasItem("EVIDENCE_ADDED"));
    }

    @Test
    void rangesServeExactlyTheBytesAskedForAcrossChunks() {
        byte[] recording = Files.wav(RECORDING_BYTES);
        long id = stored(recording);
        String content = evidencePath() + "/" + id + "/content";
        int size = recording.length;

        byte[] head = given().auth().oauth2(provider).header("Range", "bytes=0-99").get(content).then()
                .statusCode(206).header("Content-Range", "bytes 0-99/" + size).header("Content-Length", "100")
                .extract().asByteArray();
        assertThat(head).isEqualTo(Arrays.copyOfRange(recording, 0, 100));

        byte[] boundary = given().auth().oauth2(provider).header("Range", "bytes=1048570-1048589").get(content)
                .then().statusCode(206).extract().asByteArray();
        assertThat(boundary).isEqualTo(Arrays.copyOfRange(recording, 1048570, 1048590));

        byte[] tail = given().auth().oauth2(provider).header("Range", "bytes=-10").get(content).then()
                .statusCode(206).header("Content-Range", "bytes " + (size - 10) + "-" + (size - 1) + "/" + size)
                .extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(recording, size - 10, size));

        given().auth().oauth2(provider).header("Range", "bytes=" + size + "-").get(content).then().statusCode(416)
                .header("Content-Range", "bytes */" + size).contentType("application/problem+json");
    }

    /** A client resuming a download asks for the rest only if the file is still the one it began with. */
    @Test
    void aRangeIsServedUnderIfRangeOnlyForTheContentsOwnTag() {
        byte[] recording = Files.wav(10_000);
        long id = stored(recording);
        String content = evidencePath() + "/" + id + "/content";
        String etag = given().auth().oauth2(provider).head(content).then().statusCode(200).extract().header("ETag");

        given().auth().oauth2(provider).header("Range", "bytes=0-9").header("If-Range", etag).get(content).then()
                .statusCode(206).header("Content-Length", "10");
        for (String other : List.of("\"" + "0".repeat(64) + "\"", "W/" + etag, "Sun, 06 Dec 2026 10:00:00 GMT")) {
            byte[] whole = given().auth().oauth2(provider).header("Range", "bytes=0-9").header("If-Range", other)
                    .get(content).then().statusCode(200).extract().asByteArray();
            assertThat(whole).as(other).isEqualTo(recording);
        }
    }

    @Test
    void aRangeEndTooLargeForANumberIsClampedToTheLastByte() {
        byte[] recording = Files.wav(10_000);
        long id = stored(recording);
        String content = evidencePath() + "/" + id + "/content";

        byte[] all = given().auth().oauth2(provider).header("Range", "bytes=0-99999999999999999999").get(content)
                .then().statusCode(206)
                .header("Content-Range", "bytes 0-" + (recording.length - 1) + "/" + recording.length)
                .extract().asByteArray();

        assertThat(all).isEqualTo(recording);
        given().auth().oauth2(provider).header("Range", "bytes=99999999999999999999-").get(content).then()
                .statusCode(416);
    }

    @Test
    void headGivesTheHeadersOfADownloadWithoutTheContentAndIsNotLogged() {
        byte[] recording = Files.wav(RECORDING_BYTES);
        long id = stored(recording);
        String content = evidencePath() + "/" + id + "/content";
        Response download = given().auth().oauth2(supplier).get(content);

        Response head = given().auth().oauth2(supplier).header("Range", "bytes=0-9").head(content);

        head.then().statusCode(200).header("Content-Length", String.valueOf(recording.length));
        for (String header : List.of("Content-Type", "Content-Length", "Content-Disposition", "Accept-Ranges", "ETag",
                "Repr-Digest", "X-Content-Type-Options", "Content-Security-Policy", "Cache-Control")) {
            assertThat(head.header(header)).as(header).isNotNull().isEqualTo(download.header(header));
        }
        assertThat(head.asByteArray()).isEmpty();
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + id)).as("the GET alone")
                .isEqualTo(1);
        given().auth().oauth2(Tokens.as("hub", Fixtures.national().hub())).head(content).then().statusCode(403);
        given().auth().oauth2(Tokens.as("provider", Fixtures.organisation("PROVIDER"))).head(content).then()
                .statusCode(404);
    }

    /** A download on conditions: neither the 412 nor the 304 reads the content or logs a download. */
    @Test
    void aDownloadIsSentOnlyIfItsTagIsTheOneIfMatchNamesAndNotOneIfNoneMatchNames() {
        byte[] recording = Files.wav(1000);
        long id = stored(recording);
        String content = evidencePath() + "/" + id + "/content";
        String tag = "\"" + Files.sha256(recording) + "\"";

        given().auth().oauth2(supplier).header("If-Match", "\"another\"").get(content).then().statusCode(412)
                .contentType("application/problem+json");
        given().auth().oauth2(supplier).header("If-Match", "W/" + tag).get(content).then().statusCode(412);
        given().auth().oauth2(supplier).header("If-Match", "\"another\"").head(content).then().statusCode(412);
        given().auth().oauth2(supplier).header("If-None-Match", "*").head(content).then().statusCode(304)
                .header("Cache-Control", "no-store");
        given().auth().oauth2(supplier).header("If-None-Match", "\"another\", W/" + tag).get(content).then()
                .statusCode(304).header("ETag", tag);
        given().auth().oauth2(Tokens.as("hub", Fixtures.national().hub())).header("If-None-Match", tag).get(content)
                .then().statusCode(403);
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + id)).as("none sent")
                .isZero();

        byte[] received = given().auth().oauth2(supplier).header("If-Match", tag).header("If-None-Match", "\"other\"")
                .get(content).then().statusCode(200).extract().asByteArray();
        assertThat(received).isEqualTo(recording);
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + id)).isOne();
    }

    @Test
    void aScriptSentAsTextIsNeverOfferedUnderAProgramsNameNorAHiddenOne() {
        byte[] script = "var shell = new ActiveXObject(\"WScript.Shell\");\nshell.Run(\"calc\");\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long id = upload(provider, "LOG", "fix.js", "text/plain", script).then().statusCode(201)
                .body("filename", equalTo("fix.js.txt")).extract().jsonPath().getLong("id");
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"fix.js.txt\"; "
                        + "filename*=UTF-8''fix.js.txt"));

        long reversed = upload(provider, "LOG", "fix\u202Etxt.js", "text/plain", script).then().statusCode(201)
                .body("filename", equalTo("fixtxt.js.txt")).extract().jsonPath().getLong("id");
        given().auth().oauth2(supplier).get(evidencePath() + "/" + reversed + "/content").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"fixtxt.js.txt\"; "
                        + "filename*=UTF-8''fixtxt.js.txt"));
    }

    @Test
    void everyDownloadIsLoggedForTheAccountablePartyAndAdmins() {
        long id = stored(Files.wav(10_000));
        String content = evidencePath() + "/" + id + "/content";
        given().auth().oauth2(supplier).get(content).then().statusCode(200);
        given().auth().oauth2(provider).header("Range", "bytes=0-9").get(content).then().statusCode(206);

        String icb = Tokens.as("icb", site.icb());
        given().auth().oauth2(icb).get(evidencePath() + "/" + id + "/access-log").then().statusCode(200)
                .body("items.organisation", equalTo(List.of(site.supplier(), site.provider())))
                .body("items.range", equalTo(java.util.Arrays.asList(null, "0-9")));
        given().auth().oauth2(Tokens.admin()).get(evidencePath() + "/" + id + "/access-log").then().statusCode(200);
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/access-log").then().statusCode(403);
    }

    @Test
    void theEvidenceListAndItsAccessLogComeInPagesFollowingTheCursor() {
        List<Long> stored = List.of(stored(Files.wav(100)), stored(Files.wav(200)), stored(Files.wav(300)));
        List<JsonPath> pages = Pages.walk(provider, evidencePath(), 2);
        assertThat(Pages.ids(pages)).containsExactly(stored.subList(0, 2), stored.subList(2, 3));
        assertThat(pages.get(1).getMap("$")).doesNotContainKey("nextCursor");

        String content = evidencePath() + "/" + stored.get(0) + "/content";
        for (int download = 0; download < 3; download++) {
            given().auth().oauth2(supplier).get(content).then().statusCode(200);
        }
        List<JsonPath> log = Pages.walk(Tokens.admin(), evidencePath() + "/" + stored.get(0) + "/access-log", 2);
        assertThat(log).hasSize(2);
        assertThat(log.stream().flatMap(page -> page.getList("items.organisation", String.class).stream()))
                .containsExactly(site.supplier(), site.supplier(), site.supplier());
    }

    @Test
    void evidenceListsRefuseABadLimitOrCursorNamingIt() {
        long id = stored(Files.wav(100));
        for (String list : List.of(evidencePath(), evidencePath() + "/" + id + "/access-log")) {
            given().auth().oauth2(Tokens.admin()).queryParam("limit", 201).get(list).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
            given().auth().oauth2(Tokens.admin()).queryParam("cursor", "not-ours").get(list).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("cursor"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "call-report.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "call-report.doc, application/msword",
            "call-report.odt, application/vnd.oasis.opendocument.text"})
    void aGenuineWordOrOpenDocumentCallReportIsStoredAndServedAsDeclared(String file, String type) {
        byte[] report = Files.sample(file);
        long id = upload(provider, "CALL_REPORT", file, type, report).then().statusCode(201)
                .body("contentType", startsWith(type)).body("sha256", equalTo(Files.sha256(report)))
                .extract().jsonPath().getLong("id");
        byte[] served = given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then()
                .statusCode(200).contentType(type).extract().asByteArray();
        assertThat(served).isEqualTo(report);
    }

    @Test
    void anExecutableDeclaredAsAWordCallReportIsA415AndLeavesNothing() {
        long before = rows();
        upload(provider, "CALL_REPORT", "report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Files.executable()).then()
                .statusCode(415).contentType("application/problem+json");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theAccessLogOfEvidenceOnAnotherIncidentIsNotFound() {
        long id = stored(Files.wav(1000));
        long other = Fixtures.raise(site, "LIVE", 3);

        given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + other + "/evidence/" + id + "/access-log")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void htmlScriptAndSvgAreRefusedWhateverTheyAreDeclaredAs() {
        long before = rows();
        byte[] page = "<html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] script = "alert(document.cookie);".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        for (String kind : List.of("LOG", "CALL_REPORT", "OTHER")) {
            upload(provider, kind, "page.html", "text/html", page).then().statusCode(415);
            upload(provider, kind, "page.txt", "text/plain", page).then().statusCode(415);
            upload(provider, kind, "app.js", "text/javascript", script).then().statusCode(415);
            upload(provider, kind, "data.xml", "text/xml", svg).then().statusCode(415);
            upload(provider, kind, "image.svg", "image/svg+xml", svg).then().statusCode(415);
        }
        upload(provider, "SCREENSHOT", "image.svg", "image/svg+xml", svg).then().statusCode(415);
        assertThat(rows()).isEqualTo(before);
    }

    /** Not 415, as matching the request to a method would answer: a malformed type is not a type refused. */
    @Test
    void anEmptyMalformedOrRepeatedContentTypeIsA400NamingTheHeaderAndLeavesNothing() {
        long before = rows();
        List<List<String>> headers = List.of(List.of(""), List.of("audio"), List.of("audio/"), List.of("/wav"),
                List.of("audio/wav/x"), List.of("audio/wav; charset"), List.of("not a type"),
                List.of("audio/wav", "text/plain"), List.of("audio/wav", "audio/wav"));
        for (List<String> types : headers) {
            RawHttp.Answer answer = uploadDeclaring(types);
            assertThat(answer.status()).as("Content-Type " + types + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).containsIgnoringCase("content-type");
            assertThat(answer.header("X-Request-Id")).as("the refusal's request id").isNotBlank();
        }
        assertThat(rows()).isEqualTo(before);
    }

    private RawHttp.Answer uploadDeclaring(List<String> types) {
        try (RawHttp http = RawHttp.connect()) {
            byte[] body = Files.wav(100);
            List<String> head = new ArrayList<>(List.of(
                    "POST " + evidencePath() + "?kind=CALL_RECORDING&filename=call.wav HTTP/1.1",
                    "Authorization: Bearer " + provider, "Content-Length: " + body.length, "Connection: close"));
            types.forEach(type -> head.add("Content-Type: " + type));
            http.head(head.toArray(String[]::new));
            http.tryWrite(body);
            return http.answer();
        }
    }

    @Test
    void aTypeTheKindDoesNotAcceptIsA415AndLeavesNothing() {
        long before = rows();
        upload(provider, "CALL_RECORDING", "shot.png", "image/png", Files.png()).then().statusCode(415)
                .contentType("application/problem+json");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anExecutableDisguisedAsAudioIsA415AndLeavesNothing() {
        long before = rows();
        upload(provider, "CALL_RECORDING", "call.wav", "audio/wav", Files.executable()).then().statusCode(415)
                .body("detail", containsString("application/x-"));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aOneGigabyteUploadAgainstTheFiveHundredMegabyteLimitIsA413AndLeavesNothing() throws Exception {
        long before = rows();
        long oneGigabyte = 1024L * 1024 * 1024;
        // The request announces a gigabyte and waits for leave to send it (Expect: 100-continue), as careful
        // clients do; the service must refuse from the announced length alone, storing nothing.
        Vertx vertx = Vertx.vertx();
        try {
            HttpClientResponse response = vertx.createHttpClient()
                    .request(HttpMethod.POST, RestAssured.port, "localhost",
                            evidencePath() + "?kind=CALL_RECORDING&filename=huge.wav")
                    .compose(request -> {
                        request.putHeader("Authorization", "Bearer " + provider)
                                .putHeader("Content-Type", "audio/wav")
                                .putHeader("Content-Length", String.valueOf(oneGigabyte))
                                .putHeader("Expect", "100-continue");
                        request.sendHead();
                        return request.response();
                    }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
        } finally {
            vertx.close();
        }
        assertThat(rows()).isEqualTo(before);
    }

    /** A refusal answered while the body is still coming closes the connection: the rest is not read for nothing. */
    @Test
    void anUploadRefusedWhileItsBodyIsStillComingHasItsConnectionClosed() {
        byte[] notAudio = new byte[256 * 1024];
        Arrays.fill(notAudio, (byte) 'x');
        String stranger = Tokens.as("provider", Fixtures.organisation("PROVIDER"));
        for (String token : List.of(provider, stranger)) {
            try (RawHttp http = RawHttp.connect()) {
                http.head("POST " + evidencePath() + "?kind=CALL_RECORDING&filename=call.wav HTTP/1.1",
                        "Authorization: Bearer " + token, "Content-Type: audio/wav", "Content-Length: 50000000");
                http.tryWrite(notAudio);
                RawHttp.Answer answer = http.answer();
                assertThat(answer.status()).isEqualTo(token.equals(provider) ? 415 : 404);
                assertThat(answer.header("Connection")).isEqualTo("close");
                assertThat(http.isClosedByService()).isTrue();
            }
        }
    }

    /**
     * The rest of a refused upload's body is read and dropped before the connection closes: left unread, it had the
     * connection reset when it closed a second later, which can lose the answer on its way to the client.
     */
    @Test
    void anUploadRefusedWhileItsBodyIsStillComingIsDroppedToItsEndAndTheConnectionThenEnds() {
        byte[] notAudio = new byte[256 * 1024];
        Arrays.fill(notAudio, (byte) 'x');
        byte[] rest = new byte[2 * 1024 * 1024];
        try (RawHttp http = RawHttp.connect()) {
            http.head("POST " + evidencePath() + "?kind=CALL_RECORDING&filename=call.wav HTTP/1.1",
                    "Authorization: Bearer " + provider, "Content-Type: audio/wav",
                    "Content-Length: " + (notAudio.length + rest.length));
            http.tryWrite(notAudio);
            assertThat(http.answer().status()).isEqualTo(415);

            assertThat(http.tryWrite(rest)).as("the rest is taken, not refused by a closed connection").isTrue();
            assertThat(http.endsWithoutReset()).isTrue();
        }
    }

    /** A retry whose first answer was lost finds its evidence stored: no second copy, entry or email. */
    @Test
    void theSameFileAddedAgainByTheSameOrganisationIsTheEvidenceAlreadyThere() {
        byte[] recording = Files.wav(1000);
        long first = stored(recording);
        long rowsBefore = rows();

        upload(provider, "CALL_RECORDING", "call.wav", "audio/wav", recording).then().statusCode(200)
                .header("Content-Location", containsString("/evidence/" + first)).body("id", equalTo((int) first));

        assertThat(rows()).as("nothing written").isEqualTo(rowsBefore);
        assertThat(db.count("select count(*) from incident_history where action = 'EVIDENCE_ADDED'"
                + " and incident_id = " + incident)).isOne();
        // Another organisation's copy, or the same content under another name, is evidence of its own.
        upload(supplier, "CALL_RECORDING", "call.wav", "audio/wav", recording).then().statusCode(201);
        upload(provider, "CALL_RECORDING", "call, second copy.wav", "audio/wav", recording).then().statusCode(201);
    }

    @Test
    void callersOutsideTheIncidentsScopeFindNothing() {
        long id = stored(Files.wav(1000));
        String stranger = Tokens.as("provider", Fixtures.organisation("PROVIDER"));
        upload(stranger, "CALL_RECORDING", "call.wav", "audio/wav", Files.wav(1000)).then().statusCode(404);
        given().auth().oauth2(stranger).get(evidencePath() + "/" + id + "/content").then().statusCode(404);
        given().auth().oauth2(stranger).get(evidencePath()).then().statusCode(404);
    }

    @Test
    void informedNationalPartiesSeeMetadataButNotContent() {
        long id = stored(Files.wav(1000));
        String hub = Tokens.as("hub", Fixtures.national().hub());
        given().auth().oauth2(hub).get(evidencePath()).then().statusCode(200).body("items[0].id", equalTo((int) id));
        given().auth().oauth2(hub).get(evidencePath() + "/" + id + "/content").then().statusCode(403);
    }

    @Test
    void storedContentIsWriteOnceAndTamperingIsDetectedNotServed() {
        long id = stored(Files.wav(RECORDING_BYTES));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.execute(
                "update evidence_chunk set data = data where evidence_id = " + id))
                .hasStackTraceContaining("write-once");
        tamper("set data = overlay(data placing '\\x00ff'::bytea from 500) where evidence_id = " + id
                + " and seq = 1");
        try (CapturedLog log = CapturedLog.of(EvidenceQueries.class)) {
            given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(500)
                    .contentType("application/problem+json").body("type", containsString("integrity"));
            assertThat(log.mentioning("INTEGRITY FAILURE")).as("logged for investigation, by id").hasSize(1);
            assertThat(log.mentioning("call.wav")).as("a file name may identify a patient").isEmpty();
        }
        given().auth().oauth2(supplier).header("Range", "bytes=0-99").get(evidencePath() + "/" + id + "/content")
                .then().statusCode(206);
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + id)).isEqualTo(1);
    }

    /**
     * Who uploaded it, how it was cut, that it exists at all and who read it: none of it changes once stored, nor is
     * any of it emptied wholesale, nor content added to it.
     */
    @Test
    void theRecordOfStoredEvidenceAndItsAccessLogAreKeptWhole() {
        long id = stored(Files.wav(1000));
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(200);
        for (String change : List.of("update evidence set uploader_ods = 'X26' where id = " + id,
                "update evidence set chunk_size = 1 where id = " + id,
                "delete from evidence_chunk where evidence_id = " + id,
                "insert into evidence_chunk (evidence_id, seq, data, sha256) values (" + id + ", 5, '\\x00', "
                        + "sha256('\\x00'))",
                "delete from evidence where id = " + id,
                "update evidence_access set accessed_by = 'someone else' where evidence_id = " + id,
                "delete from evidence_access where evidence_id = " + id,
                "truncate evidence_chunk", "truncate evidence_access", "truncate evidence cascade")) {
            assertThatThrownBy(() -> db.execute(change)).as(change).hasStackTraceContaining("write-once");
        }
        assertThat(db.count("select count(*) from evidence_chunk where evidence_id = " + id)).isOne();
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + id)).isOne();
    }

    @Test
    void aMissingChunkIsDetectedBeforeAnythingIsServed() {
        long id = stored(Files.wav(RECORDING_BYTES));
        lose(id, 1);

        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(500)
                .contentType("application/problem+json").body("type", containsString("integrity"));
        given().auth().oauth2(supplier).header("Range", "bytes=1048576-1048600")
                .get(evidencePath() + "/" + id + "/content").then().statusCode(500);
        given().auth().oauth2(supplier).header("Range", "bytes=0-99").get(evidencePath() + "/" + id + "/content")
                .then().statusCode(206);
    }

    /**
     * Chunks swapped, or one rewritten with a hash of its own, pass the check of each chunk: only the file's hash
     * finds them, and a range of the whole file (what a player asks for) is checked by it as a plain download is.
     */
    @Test
    void aRangeOfTheWholeFileIsCheckedAgainstTheFilesHash() throws Exception {
        byte[] recording = Files.wav(RECORDING_BYTES);
        long id = stored(recording);
        tamper("set data = overlay(data placing '\\x00ff'::bytea from 500),"
                + " sha256 = sha256(overlay(data placing '\\x00ff'::bytea from 500))"
                + " where evidence_id = " + id + " and seq = 0");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest wholeRange = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + evidencePath() + "/" + id + "/content")).header("Authorization", "Bearer " + supplier)
                .header("Range", "bytes=0-").build();

        assertThatThrownBy(() -> client.send(wholeRange, HttpResponse.BodyHandlers.ofByteArray()))
                .as("the transfer is cut short before the last chunk leaves").isInstanceOf(IOException.class);
    }

    /**
     * A long recording is hashed in full only as it is sent: a chunk past the first sixteen that no longer matches
     * cuts the transfer short, and one that is missing is found before anything is sent.
     */
    @Test
    void aLongRecordingIsCheckedWholeBeforeSendingOnlyForWhatIsCheapToCheck() throws Exception {
        long id = stored(Files.wav(18 * 1024 * 1024));
        tamper("set data = overlay(data placing '\\x00ff'::bytea from 500) where evidence_id = " + id
                + " and seq = 17");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest download = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + evidencePath() + "/" + id + "/content")).header("Authorization", "Bearer " + supplier).build();
        assertThatThrownBy(() -> client.send(download, HttpResponse.BodyHandlers.ofByteArray()))
                .as("cut short at chunk 17").isInstanceOf(IOException.class);

        lose(id, 17);
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(500)
                .body("type", containsString("integrity"));
    }

    @Test
    void onlyAnAdminRemovesEvidenceAndTheRecordSaysWhichAndWhy() {
        byte[] recording = Files.wav(1000);
        long id = stored(recording);
        String removal = evidencePath() + "/" + id + "/removal";
        given().auth().oauth2(provider).contentType("application/json").body("{\"reason\":\"x\"}").post(removal)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"reason\":\"Recording of the wrong patient's call\"}").post(removal).then().statusCode(200)
                .body("removal.reason", equalTo("Recording of the wrong patient's call"));
        given().auth().oauth2(provider).get(evidencePath() + "/" + id + "/content").then().statusCode(410);
        assertThat(db.count("select count(*) from evidence_chunk where evidence_id = " + id)).isZero();
        given().auth().oauth2(provider).get("/api/v1/incidents/" + incident + "/history").then()
                .body("items.find { it.action == 'EVIDENCE_REMOVED' }.from",
                        allOf(containsString("evidence " + id + ","), containsString(Files.sha256(recording))))
                .body("items.find { it.action == 'EVIDENCE_REMOVED' }.reason",
                        equalTo("Recording of the wrong patient's call"));
    }

    /**
     * A body sent with a content coding is refused, naming the coding taken, and nothing is stored: kept as received it
     * would be another file than the one meant (and a gzipped log was refused as a gzip file, which said nothing).
     */
    @Test
    void anUploadSentWithAContentCodingIsA415AndStoresNothing() {
        long before = rows();
        given().auth().oauth2(provider).contentType("audio/wav").header("Content-Encoding", "br")
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "call.wav").body(Files.wav(1000))
                .post(evidencePath()).then().statusCode(415).contentType("application/problem+json")
                .header("Accept-Encoding", "identity").body("detail", containsString("Content-Encoding br"));
        given().auth().oauth2(provider).contentType("audio/wav").header("Content-Encoding", "identity")
                .header("Content-Encoding", "gzip").queryParam("kind", "CALL_RECORDING")
                .queryParam("filename", "call.wav").body(Files.wav(1000)).post(evidencePath()).then().statusCode(415)
                .body("detail", containsString("Content-Encoding gzip"));
        assertThat(rows()).isEqualTo(before);
        given().auth().oauth2(provider).contentType("audio/wav").header("Content-Encoding", "identity")
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "call.wav").body(Files.wav(1000))
                .post(evidencePath()).then().statusCode(201);
    }

    /**
     * A recording changed or cut on its way is refused when its sender said what it hashed to, and nothing is kept; the
     * file that matches is stored, and served back under the same digest.
     */
    @Test
    void anUploadWhoseDeclaredSha256IsNotTheFileReceivedIsA400AndStoresNothing() throws Exception {
        byte[] recording = Files.wav(1000);
        String digest = "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(recording)) + ":";
        byte[] cut = Arrays.copyOf(recording, recording.length - 10);
        long before = rows();
        given().auth().oauth2(provider).contentType("audio/wav").header("Repr-Digest", digest)
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "call.wav").body(cut)
                .post(evidencePath()).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Repr-Digest"))
                .body("violations[0].message", containsString("changed or cut on its way"));
        given().auth().oauth2(provider).contentType("audio/wav").header("Content-Digest", "sha-256=:not base64:")
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "call.wav").body(recording)
                .post(evidencePath()).then().statusCode(400).body("violations[0].field", equalTo("Content-Digest"));
        assertThat(rows()).isEqualTo(before);

        long id = given().auth().oauth2(provider).contentType("audio/wav").header("Repr-Digest", digest)
                .queryParam("kind", "CALL_RECORDING").queryParam("filename", "call.wav").body(recording)
                .post(evidencePath()).then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(200)
                .header("Repr-Digest", digest);
    }

    @Test
    void uploadsNeedAKindANameAndContent() {
        upload(provider, "VIDEO", "call.wav", "audio/wav", Files.wav(100)).then().statusCode(400)
                .body("violations[0].field", equalTo("kind"));
        upload(provider, "CALL_RECORDING", "../", "audio/wav", Files.wav(100)).then().statusCode(400)
                .body("violations[0].field", equalTo("filename"));
        upload(provider, "CALL_RECORDING", "call.wav", "audio/wav", new byte[0]).then().statusCode(400);
    }
}
