package uk.nhs.incidents.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.problem.ProblemMapper;
import uk.nhs.incidents.evidence.service.EvidenceQueries;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.RawHttp;
import uk.nhs.incidents.support.TightLimits;
import uk.nhs.incidents.support.Tokens;

/**
 * Uploads from slow or stalled links, on real sockets: they are spooled to disk before anything is written to the
 * database, so they hold no connection and no transaction while the body arrives. Downloads to clients that stop
 * reading hold none either while they wait. The profile makes the pool small (as many connections as there are
 * trickling uploads or stalled downloads), the transaction timeout and the idle cut short, and the upload limits
 * small, so that each behaviour shows in seconds. A JSON body that stops half-way is cut as an upload is, and so is
 * a download whose client stops reading.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class EvidenceSlowLinksTest {

    private static final int POOL = TightLimits.POOL;
    private static final Path SPOOL = TightLimits.SPOOL;
    /** Far more than the socket buffers between the service and a client that reads nothing hold (some MB). */
    private static final int STALLED_DOWNLOAD_BYTES = 16 * 1024 * 1024;

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    private final List<RawHttp> open = new ArrayList<>();
    private final List<Socket> readers = new ArrayList<>();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    private Fixtures.Site site;
    private long incident;
    private String provider;

    @BeforeEach
    void incident() {
        site = Fixtures.bars();
        incident = Fixtures.raise(site, "LIVE", 3);
        provider = Tokens.as("provider", site.provider());
    }

    @AfterEach
    void closeUploads() {
        trickler.shutdownNow();
        open.forEach(RawHttp::close);
        for (Socket reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /**
     * A body that stopped half-way kept its connection for the HTTP layer's read timeout (5 minutes), unanswered.
     */
    @ParameterizedTest
    @ValueSource(ints = {200, 20_000})
    void aJsonBodyThatStopsHalfWayIsAnswered408WithinItsTimeoutAndNothingIsWritten(int length)
            throws InterruptedException {
        long incidents = db.count("select count(*) from incident");
        try (CapturedLog failures = CapturedLog.of("io.quarkus.vertx.http.runtime.QuarkusErrorHandler");
                RawHttp http = RawHttp.connect()) {
            http.head("POST /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + provider,
                    "Content-Type: application/json", "Content-Length: " + length);
            http.write(("{\"deploymentId\":" + site.deploymentId() + ",\"title\":\"" + "a".repeat(length / 2))
                    .getBytes(StandardCharsets.UTF_8));

            RawHttp.Answer answer = http.answer();
            assertThat(answer.status()).as(answer.body()).isEqualTo(408);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).contains("did not arrive whole within 3 s");
            assertThat(http.isClosedByService()).as("the rest is not read as another request").isTrue();
            Thread.sleep(500); // a failure of the closed connection's handlers would be logged a moment later
            assertThat(failures.atLeast(java.util.logging.Level.SEVERE)).as("nothing to page anyone for").isEmpty();
        }
        assertThat(db.count("select count(*) from incident")).isEqualTo(incidents);
    }

    /**
     * The framework read a JSON body on the worker thread that runs its method, blocking: more bodies stalled half-way
     * than there are worker threads held them all until the deadline, and the API answered nothing.
     */
    @Test
    void moreStalledJsonBodiesThanWorkerThreadsLeaveTheApiAnswering() {
        int workers = ConfigProvider.getConfig().getOptionalValue("quarkus.thread-pool.max-threads", Integer.class)
                .orElse(Math.max(200, 8 * Runtime.getRuntime().availableProcessors())); // Quarkus's default
        long started = System.nanoTime();
        List<RawHttp> stalled = new ArrayList<>();
        for (int i = 0; i < workers + 10; i++) {
            RawHttp http = RawHttp.connect();
            open.add(http);
            stalled.add(http.head("POST /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + provider,
                    "Content-Type: application/json", "Content-Length: 300").write("{\"title\":\"".getBytes(
                    StandardCharsets.UTF_8)));
        }

        given().auth().oauth2(provider).get("/api/v1/incidents/" + incident).then().statusCode(200);

        assumeTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0,
                "the bodies were stalled and the read answered within the 3 s body timeout");
        assertThat(stalled).as("the read was answered while every stalled body was still waited for")
                .allMatch(RawHttp::hasNothingToRead);
        assertThat(stalled).extracting(http -> http.answer().status()).containsOnly(408);
    }

    /**
     * A severity change's merge patch is a JSON body like any other: not taken in, one stalled past the framework's
     * own small buffer held a worker thread until the deadline cut it.
     */
    @Test
    void aStalledMergePatchHoldsNoWorkerThread() throws InterruptedException {
        try (RawHttp http = RawHttp.connect()) {
            http.head("PATCH /api/v1/incidents/" + incident + " HTTP/1.1", "If-Match: \"0\"",
                    "Authorization: Bearer " + Tokens.as("supplier", site.supplier()),
                    "Content-Type: application/merge-patch+json", "Content-Length: 40000")
                    .write(("{\"reason\":\"" + "a".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
            Thread.sleep(500);

            assertThat(threadsReadingABody()).as("no thread waits for the rest of the body").isEmpty();
            assertThat(http.answer().status()).isEqualTo(408);
        }
    }

    private static List<String> threadsReadingABody() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getMethodName()
                        .equals("readBlocking") || frame.getClassName().endsWith("Utf8JsonBodies")))
                .map(thread -> thread.getKey().getName()).toList();
    }

    /**
     * Bodies held while they arrive are counted per organisation: one organisation's stalled bodies past its share
     * are refused before they are read, with a time to retry, and another organisation's are still taken in.
     */
    @Test
    void stalledBodiesPastAnOrganisationsShareAreA429AndAnotherOrganisationsAreStillTakenIn() {
        long length = TightLimits.JSON_BODY_MEMORY_PER_ORGANISATION * 2 / 5; // two fit, a third does not
        for (int i = 0; i < 2; i++) {
            RawHttp held = RawHttp.connect();
            open.add(held);
            RawHttp.Answer goOn = held.head("POST /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + provider,
                    "Content-Type: application/json", "Content-Length: " + length, "Expect: 100-continue").answer();
            assertThat(goOn.status()).as("its body is being taken in").isEqualTo(100);
            held.write("{\"title\":\"".getBytes(StandardCharsets.UTF_8));
        }
        RawHttp beyond = RawHttp.connect();
        open.add(beyond);
        RawHttp.Answer refused = beyond.head("POST /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + provider,
                "Content-Type: application/json", "Content-Length: " + length).answer();

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.body()).contains("Your organisation already has " + 2 * length + " bytes of JSON bodies")
                .contains("\"instance\":\"/api/v1/incidents\"");
        given().auth().oauth2(Tokens.as("supplier", site.supplier())).contentType("application/json")
                .body(Map.of("body", "Another organisation's comment")).post("/api/v1/incidents/" + incident
                        + "/comments").then().statusCode(201);
    }

    /**
     * A refused body is read and dropped before the connection closes: closed on bytes unread, the connection was
     * reset at once, which can lose the answer on its way to the client.
     */
    @Test
    void aBodyRefusedBeforeItIsReadIsDroppedAsItArrivesAndTheConnectionThenClosed() throws InterruptedException {
        int length = (int) (TightLimits.JSON_BODY_MEMORY_PER_ORGANISATION * 2 / 5); // two fit, a third does not
        for (int i = 0; i < 2; i++) {
            RawHttp held = RawHttp.connect();
            open.add(held);
            held.head("POST /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + provider,
                    "Content-Type: application/json", "Content-Length: " + length, "Expect: 100-continue").answer();
        }
        RawHttp beyond = RawHttp.connect();
        open.add(beyond);
        RawHttp.Answer refused = beyond.head("POST /api/v1/incidents HTTP/1.1", "Authorization: Bearer " + provider,
                "Content-Type: application/json", "Content-Length: " + length).answer();
        assertThat(refused.status()).isEqualTo(429);

        byte[] half = new byte[length / 2];
        Arrays.fill(half, (byte) ' ');
        assertThat(beyond.tryWrite(half)).isTrue();
        Thread.sleep(300); // a reset, had the connection been closed on the unread body, arrives meanwhile
        assertThat(beyond.tryWrite(half)).as("the body is still read, not refused by a reset").isTrue();
        assertThat(beyond.isClosedByService()).isTrue();
    }

    /**
     * A body sent as a form is not taken in as JSON, to be decoded as a form: the API refuses it 415, unread. A read
     * with one waited for the body deadline (408), and a malformed form failed bare.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void aFormBodyIsRefusedAtOnceAsNotJson(String method) {
        given().auth().oauth2(provider).contentType("application/x-www-form-urlencoded").body("body=100%zz")
                .request(method, "/api/v1/incidents/" + incident + ("GET".equals(method) ? "" : "/comments"))
                .then().statusCode(415).contentType(containsString("application/problem+json"));
    }

    @Test
    void anExpectationOtherThanContinueIsAProblem417() {
        try (RawHttp http = RawHttp.connect()) {
            RawHttp.Answer answer = http.head("POST /api/v1/incidents/" + incident + "/comments HTTP/1.1",
                    "Authorization: Bearer " + provider, "Content-Type: application/json", "Content-Length: 12",
                    "Expect: 200-ok").answer();

            assertThat(answer.status()).isEqualTo(417);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).contains("The only expectation the service meets is Expect: 100-continue.");
        }
    }

    /** Only a caller's body is taken in: without a valid token the request is refused at once, its body unread. */
    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization: Bearer not.a.token"})
    void aBodyWithoutAValidTokenIsRefusedWithoutWaitingForIt(String authorization) {
        try (RawHttp http = RawHttp.connect()) {
            List<String> head = new ArrayList<>(List.of("POST /api/v1/incidents HTTP/1.1",
                    "Content-Type: application/json", "Content-Length: 400"));
            if (!authorization.isEmpty()) {
                head.add(authorization);
            }
            http.head(head.toArray(String[]::new)).write("{\"title\":\"".getBytes(StandardCharsets.UTF_8));

            RawHttp.Answer answer = http.answer();
            assertThat(answer.status()).as("not a 408 once the body timeout has passed").isEqualTo(401);
            assertThat(answer.header("Content-Type")).as("the API's answer").startsWith("application/problem+json");
            assertThat(answer.header("X-Request-Id")).isNotBlank();
        }
    }

    /**
     * A connection on which nothing crosses is closed after the HTTP idle timeout (Quarkus's 30 minutes by default,
     * the service's 2): here a request whose head never ends, which no watch of a body or an answer covers.
     */
    @Test
    void aConnectionOnWhichNothingCrossesIsClosedAfterTheIdleTimeout() {
        try (RawHttp http = RawHttp.connect()) {
            http.write("GET /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(http.isClosedByService()).as("within the socket's 20 s").isTrue();
        }
    }

    @Test
    void tricklingUploadsLeaveReadsAndReadinessAnswering() {
        for (int i = 0; i < POOL; i++) {
            trickle(startUpload(provider, 10_000_000));
        }

        given().auth().oauth2(provider).get("/api/v1/incidents").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anUploadSlowerThanTheTransactionTimeoutIsKept() throws Exception {
        byte[] recording = uk.nhs.incidents.support.Files.wav(64 * 1024);
        RawHttp upload = startUpload(provider, recording.length);
        // Ten seconds of sending, longer than the transaction timeout, never idle for long.
        for (int sent = 0, step = recording.length / 40; sent < recording.length; sent += step) {
            upload.write(Arrays.copyOfRange(recording, sent, Math.min(recording.length, sent + step)));
            Thread.sleep(250);
        }

        RawHttp.Answer answer = upload.answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains(uk.nhs.incidents.support.Files.sha256(recording));
    }

    @Test
    void uploadsBeyondAnOrganisationsShareOrTheTotalAreA429WithRetryAfter() {
        for (int i = 0; i < POOL; i++) {
            trickle(startUpload(provider, 10_000_000));
        }
        given().auth().oauth2(provider).contentType("audio/wav").queryParam("kind", "CALL_RECORDING")
                .queryParam("filename", "one-too-many.wav").body(uk.nhs.incidents.support.Files.wav(1000))
                .post("/api/v1/incidents/" + incident + "/evidence")
                .then().statusCode(429).header("Retry-After", "7").contentType("application/problem+json");

        String supplier = Tokens.as("supplier", site.supplier());
        trickle(startUpload(supplier, 10_000_000));
        trickle(startUpload(supplier, 10_000_000));
        given().auth().oauth2(supplier).contentType("audio/wav").queryParam("kind", "CALL_RECORDING")
                .queryParam("filename", "over-the-total.wav").body(uk.nhs.incidents.support.Files.wav(1000))
                .post("/api/v1/incidents/" + incident + "/evidence")
                .then().statusCode(429).header("Retry-After", "7");
    }

    @Test
    void anIdleUploadIsCutWithA408AndLeavesNothing() {
        long before = rows();
        RawHttp upload = startUpload(provider, 100_000);
        upload.write(uk.nhs.incidents.support.Files.wav(1000));

        RawHttp.Answer answer = upload.answer();

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(upload.isClosedByService()).isTrue();
        Eventually.within(Duration.ofSeconds(10), "the spool file is deleted", () -> spooled() == 0);
        assertThat(rows()).isEqualTo(before);
    }

    /** A byte now and then keeps an upload from going idle, but not from being cut for its rate. */
    @Test
    void anUploadDrippingSlowerThanTheMinimumRateIsCutWithA408AndLeavesNothing() {
        long before = rows();
        RawHttp upload = startUpload(provider, 100_000);
        upload.write(uk.nhs.incidents.support.Files.wav(0));
        trickler.scheduleAtFixedRate(() -> upload.tryWrite(new byte[4]), 0, 200, TimeUnit.MILLISECONDS);

        RawHttp.Answer answer = upload.answer();

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("less than " + TightLimits.MIN_BYTES_PER_SECOND + " bytes a second");
        Eventually.within(Duration.ofSeconds(10), "the spool file is deleted", () -> spooled() == 0);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aClientThatHangsUpLeavesNoSpoolFileAndNothingStored() {
        long before = rows();
        RawHttp upload = startUpload(provider, 100_000);
        upload.write(uk.nhs.incidents.support.Files.wav(1000));
        Eventually.within(Duration.ofSeconds(10), "the upload is spooled", () -> spooled() == 1);

        upload.close();

        Eventually.within(Duration.ofSeconds(10), "the spool file is deleted", () -> spooled() == 0);
        assertThat(rows()).isEqualTo(before);
    }

    /**
     * Downloads to clients that stop reading hold no database connection while they wait, and a client that then
     * hangs up is nobody's failure: a line for each download that did not complete, no unexpected error.
     */
    @Test
    void downloadsToClientsThatStopReadingHoldNoConnectionAndThoseThatHangUpRaiseNoAlarm() throws IOException {
        byte[] recording = uk.nhs.incidents.support.Files.wav(STALLED_DOWNLOAD_BYTES);
        String content = content(stored(recording));
        for (int i = 0; i < POOL; i++) {
            startDownload(content);
        }

        given().auth().oauth2(provider).get("/api/v1/incidents/" + incident).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        byte[] received = readers.get(0).getInputStream().readNBytes(recording.length);
        assertThat(uk.nhs.incidents.support.Files.sha256(received)).as("the whole file, once the client reads on")
                .isEqualTo(uk.nhs.incidents.support.Files.sha256(recording));

        try (CapturedLog problems = CapturedLog.of(ProblemMapper.class)) {
            for (Socket stalled : readers.subList(1, POOL)) {
                stalled.close();
            }
            Eventually.within(Duration.ofSeconds(10), "each download that did not complete is told", () ->
                    problems.mentioning("The client closed the connection").size() == POOL - 1);
            assertThat(problems.mentioning("Unexpected failure")).isEmpty();
        }
    }

    /**
     * Each download holds a worker thread while its client reads: beyond an organisation's share, or the instance's
     * total, a download is refused with 429 before anything is sent or logged, and a place is given back when its
     * client hangs up, however far the transfer had gone.
     */
    @Test
    void downloadsBeyondAnOrganisationsShareOrTheTotalAreA429UntilOneEnds() throws IOException {
        byte[] recording = uk.nhs.incidents.support.Files.wav(STALLED_DOWNLOAD_BYTES);
        long id = stored(recording);
        String content = content(id);
        for (int i = 0; i < POOL; i++) {
            startDownload(content);
        }
        String logged = "select count(*) from evidence_access where evidence_id = " + id;
        long accesses = db.count(logged);
        given().auth().oauth2(provider).get(content).then().statusCode(429).header("Retry-After", "9")
                .contentType("application/problem+json");
        String supplier = Tokens.as("supplier", site.supplier());
        given().auth().oauth2(supplier).header("Range", "bytes=0-99").get(content).then().statusCode(206);
        startDownload(content, supplier);
        given().auth().oauth2(Tokens.admin()).header("Range", "bytes=0-99").get(content).then().statusCode(429)
                .body("detail", containsString("as many downloads in progress as it takes"));
        assertThat(db.count(logged)).as("the refused downloads are not logged").isEqualTo(accesses + 2);

        readers.get(0).close();
        Eventually.within(Duration.ofSeconds(10), "the place of the download whose client hung up", () ->
                given().auth().oauth2(provider).header("Range", "bytes=0-99").get(content).statusCode() == 206);
    }

    /**
     * A JSON body that arrived whole is not cut however long its request then takes: a comment waiting on the
     * incident's lock for longer than the body timeout is answered 201, not a 408 for a change that commits.
     */
    @Test
    void aWriteWhoseBodyArrivedWholeIsNotCutWhileItWaitsLongerThanTheBodyTimeout() throws Exception {
        String supplier = Tokens.as("supplier", site.supplier());
        long comments = db.count("select count(*) from incident_comment where incident_id = " + incident);
        try (Connection holding = dataSource.getConnection(); Statement statement = holding.createStatement();
                RawHttp http = RawHttp.connect()) {
            holding.setAutoCommit(false);
            statement.execute("select id from incident where id = " + incident + " for update");
            byte[] body = "{\"body\":\"Waited on the incident's lock\"}".getBytes(StandardCharsets.UTF_8);
            http.head("POST /api/v1/incidents/" + incident + "/comments HTTP/1.1", "Authorization: Bearer " + supplier,
                    "Content-Type: application/json", "Content-Length: " + body.length).write(body);
            Eventually.within(Duration.ofSeconds(5), "the comment waiting on the lock", () -> db.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and datname = current_database()") >= 1);
            Thread.sleep(4000); // past the 3 s body timeout
            holding.commit();

            RawHttp.Answer answer = http.answer();
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        assertThat(db.count("select count(*) from incident_comment where incident_id = " + incident))
                .isEqualTo(comments + 1);
    }

    /** A download read steadily but for longer than a JSON body may take to arrive is not cut: it sends no body. */
    @Test
    void aDownloadReadSlowlyForLongerThanTheJsonBodyTimeoutIsSentWhole() throws Exception {
        byte[] recording = uk.nhs.incidents.support.Files.wav(STALLED_DOWNLOAD_BYTES);
        startDownload(content(stored(recording)));
        InputStream in = readers.get(0).getInputStream();
        byte[] received = new byte[recording.length];
        int read = 0;
        for (long until = System.nanoTime() + Duration.ofSeconds(5).toNanos(); System.nanoTime() < until; ) {
            read += in.read(received, read, Math.min(64 * 1024, received.length - read));
            Thread.sleep(20);
        }
        read += in.readNBytes(received, read, received.length - read);

        assertThat(read).isEqualTo(recording.length);
        assertThat(received).isEqualTo(recording);
    }

    /**
     * A client that stops reading holds its download's place and worker thread only until it has read nothing for
     * the download idle timeout: then its connection is closed, and the place given back.
     */
    @Test
    void aDownloadWhoseClientStopsReadingIsCutAndItsPlaceGivenBack() throws IOException {
        byte[] recording = uk.nhs.incidents.support.Files.wav(STALLED_DOWNLOAD_BYTES);
        String content = content(stored(recording));
        try (CapturedLog pace = CapturedLog.of("uk.nhs.incidents.evidence.service.DownloadPace")) {
            for (int i = 0; i < POOL; i++) {
                startDownload(content);
            }
            given().auth().oauth2(provider).get(content).then().statusCode(429);

            Eventually.within(Duration.ofSeconds(20), "each stalled download cut", () ->
                    pace.mentioning("its client read nothing for PT8S").size() == POOL);
        }
        Eventually.within(Duration.ofSeconds(10), "the places given back", () ->
                given().auth().oauth2(provider).header("Range", "bytes=0-99").get(content).statusCode() == 206);
        receivedShort(recording);
    }

    /**
     * An admin's removal committed while the file is being sent ends the transfer there, as later downloads answer
     * 410: the client gets the file's bytes and nothing else, fewer than announced, and no alarm is raised.
     */
    @Test
    void evidenceRemovedWhileItIsSentEndsTheTransferWithoutAnAlarm() throws IOException {
        byte[] recording = uk.nhs.incidents.support.Files.wav(STALLED_DOWNLOAD_BYTES);
        long id = stored(recording);
        try (CapturedLog problems = CapturedLog.of(ProblemMapper.class);
                CapturedLog evidence = CapturedLog.of(EvidenceQueries.class)) {
            startDownload(content(id));
            given().auth().oauth2(Tokens.admin()).contentType("application/json")
                    .body("{\"reason\": \"The wrong patient's call\"}")
                    .post("/api/v1/incidents/" + incident + "/evidence/" + id + "/removal").then().statusCode(200);

            receivedShort(recording);
            assertThat(problems.mentioning("Unexpected failure")).isEmpty();
            assertThat(evidence.mentioning("INTEGRITY")).isEmpty();
            assertThat(evidence.mentioning("removed while it was being sent")).hasSize(1);
        }
    }

    /**
     * A chunk past those hashed before sending that no longer matches ends the transfer before it leaves, and
     * nothing follows the file's bytes: a problem written after them was taken for more of the file, and the answer
     * never ended, holding its connection until the service stopped. (A chunk missing is found before anything is
     * sent, every chunk being checked to be there.)
     */
    @Test
    void aChunkFoundTamperedOnTheWayEndsTheTransferWithNothingButTheFilesBytes() throws IOException {
        byte[] recording = uk.nhs.incidents.support.Files.wav(STALLED_DOWNLOAD_BYTES + 2 * 1024 * 1024);
        long id = stored(recording);
        db.execute("alter table evidence_chunk disable trigger user");
        try {
            db.execute("update evidence_chunk set data = overlay(data placing '\\x00ff'::bytea from 500)"
                    + " where evidence_id = " + id + " and seq = 17");
        } finally {
            db.execute("alter table evidence_chunk enable trigger user");
        }
        try (CapturedLog evidence = CapturedLog.of(EvidenceQueries.class)) {
            startDownload(content(id));
            assertThat(receivedShort(recording)).as("at most the chunks before the tampered one")
                    .isLessThanOrEqualTo(17 * 1024 * 1024);
            assertThat(evidence.mentioning("INTEGRITY FAILURE")).hasSize(1);
        }
    }

    /** Reads the first download's body to its end: a prefix of the file, shorter than it, on a closed connection. */
    private int receivedShort(byte[] file) throws IOException {
        byte[] received = readers.get(0).getInputStream().readAllBytes();
        assertThat(received.length).as("cut short").isLessThan(file.length);
        assertThat(received).as("the file's bytes and nothing else").isEqualTo(Arrays.copyOf(file, received.length));
        return received.length;
    }

    private long stored(byte[] recording) {
        return given().auth().oauth2(provider).contentType("audio/wav").queryParam("kind", "CALL_RECORDING")
                .queryParam("filename", "long-call.wav").body(recording)
                .post("/api/v1/incidents/" + incident + "/evidence").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private String content(long id) {
        return "/api/v1/incidents/" + incident + "/evidence/" + id + "/content";
    }

    /**
     * Asks for the content on a socket with a small receive buffer and reads only the head of the answer: the
     * download is under way, and stalls once the buffers between are full.
     */
    private void startDownload(String content) throws IOException {
        startDownload(content, provider);
    }

    private void startDownload(String content, String token) throws IOException {
        Socket reader = new Socket();
        readers.add(reader);
        reader.setReceiveBufferSize(8 * 1024);
        reader.setSoTimeout(20_000);
        reader.connect(new InetSocketAddress("localhost", RestAssured.port));
        reader.getOutputStream().write(("GET " + content + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        InputStream in = reader.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in the head: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
    }

    /** Sends the head with Expect: 100-continue and waits for leave to send the body: the upload is admitted. */
    private RawHttp startUpload(String token, long length) {
        RawHttp upload = RawHttp.connect();
        open.add(upload);
        upload.head("POST /api/v1/incidents/" + incident + "/evidence?kind=CALL_RECORDING&filename=call.wav HTTP/1.1",
                "Authorization: Bearer " + token, "Content-Type: audio/wav", "Content-Length: " + length,
                "Expect: 100-continue");
        RawHttp.Answer interim = upload.answer();
        assertThat(interim.status()).as(interim.body()).isEqualTo(100);
        return upload;
    }

    /** A WAV header, then 64 bytes every 200 ms: about 320 B/s, like a stalled mobile link. */
    private void trickle(RawHttp upload) {
        upload.write(uk.nhs.incidents.support.Files.wav(0));
        trickler.scheduleAtFixedRate(() -> upload.tryWrite(new byte[64]), 0, 200, TimeUnit.MILLISECONDS);
    }

    private long spooled() {
        if (!Files.isDirectory(SPOOL)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long rows() {
        return db.count("select count(*) from evidence") + db.count("select count(*) from evidence_chunk");
    }
}
