package uk.nhs.incidents.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Files;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
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
                .header("Accept-Ranges", "bytes");
        assertThat(Files.sha256(download.asByteArray())).isEqualTo(sha);
        given().auth().oauth2(provider).get(evidencePath()).then().statusCode(200)
                .body("[0].sha256", equalTo(sha)).body("[0].kind", equalTo("CALL_RECORDING"));
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

    @Test
    void everyDownloadIsLoggedForTheAccountablePartyAndAdmins() {
        long id = stored(Files.wav(10_000));
        String content = evidencePath() + "/" + id + "/content";
        given().auth().oauth2(supplier).get(content).then().statusCode(200);
        given().auth().oauth2(provider).header("Range", "bytes=0-9").get(content).then().statusCode(206);

        String icb = Tokens.as("icb", site.icb());
        given().auth().oauth2(icb).get(evidencePath() + "/" + id + "/access-log").then().statusCode(200)
                .body("organisation", equalTo(List.of(site.supplier(), site.provider())))
                .body("range", equalTo(java.util.Arrays.asList(null, "0-9")));
        given().auth().oauth2(Tokens.admin()).get(evidencePath() + "/" + id + "/access-log").then().statusCode(200);
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/access-log").then().statusCode(403);
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
        given().auth().oauth2(hub).get(evidencePath()).then().statusCode(200).body("[0].id", equalTo((int) id));
        given().auth().oauth2(hub).get(evidencePath() + "/" + id + "/content").then().statusCode(403);
    }

    @Test
    void storedContentIsWriteOnceAndTamperingIsDetectedNotServed() {
        long id = stored(Files.wav(RECORDING_BYTES));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.execute(
                "update evidence_chunk set data = data where evidence_id = " + id))
                .hasStackTraceContaining("write-once");
        db.execute("alter table evidence_chunk disable trigger evidence_chunk_write_once");
        try {
            db.execute("update evidence_chunk set data = overlay(data placing '\\x00ff'::bytea from 500) "
                    + "where evidence_id = " + id + " and seq = 1");
        } finally {
            db.execute("alter table evidence_chunk enable trigger evidence_chunk_write_once");
        }
        given().auth().oauth2(supplier).get(evidencePath() + "/" + id + "/content").then().statusCode(500)
                .contentType("application/problem+json").body("type", containsString("integrity"));
        given().auth().oauth2(supplier).header("Range", "bytes=0-99").get(evidencePath() + "/" + id + "/content")
                .then().statusCode(206);
        assertThat(db.count("select count(*) from evidence_access where evidence_id = " + id)).isEqualTo(1);
    }

    @Test
    void onlyAnAdminRemovesEvidenceAndTheRecordSaysWhy() {
        long id = stored(Files.wav(1000));
        String removal = evidencePath() + "/" + id + "/removal";
        given().auth().oauth2(provider).contentType("application/json").body("{\"reason\":\"x\"}").post(removal)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"reason\":\"Recording of the wrong patient's call\"}").post(removal).then().statusCode(200)
                .body("removal.reason", equalTo("Recording of the wrong patient's call"));
        given().auth().oauth2(provider).get(evidencePath() + "/" + id + "/content").then().statusCode(410);
        assertThat(db.count("select count(*) from evidence_chunk where evidence_id = " + id)).isZero();
        given().auth().oauth2(provider).get("/api/v1/incidents/" + incident + "/history").then()
                .body("items.action", hasItem("EVIDENCE_REMOVED"));
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
