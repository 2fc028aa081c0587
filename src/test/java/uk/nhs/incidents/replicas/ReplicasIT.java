package uk.nhs.incidents.replicas;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.RawHttp;
import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.support.TestDatabase;

/**
 * Two packaged instances on one empty database, started together (their Flyway runs race), share a workload;
 * one is killed with SIGKILL mid-run. Afterwards every incident exists once, each service-level threshold is
 * recorded once and each notification is delivered once. Instance B does not dispatch email (a dispatcher
 * killed between handing a message to SMTP and recording it would rightly send it again after its lease),
 * so the email count is exact; concurrent dispatchers are covered by NotificationTest. And a routing rule set
 * replaced through one instance is used by the other within the cache's refresh time. And an instance set to
 * sweep with more than half its connections refuses to start.
 */
class ReplicasIT {

    private static final String DATABASE = "incidents_replicas";
    private static final String JDBC = "jdbc:postgresql://localhost:5432/" + DATABASE;
    private static final int SMTP_PORT = 3026;
    private static final int INCIDENTS = 30;
    private static final Duration REFRESH = Duration.ofSeconds(1);
    /** What a raise's round trip may add to the refresh time, with two instances sharing two cores. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final String PILOT = "Pilot: the hub follows every live incident";

    private final List<Process> instances = new ArrayList<>();
    private GreenMail mail;

    @AfterEach
    void stop() {
        instances.forEach(Process::destroyForcibly);
        if (mail != null) {
            mail.stop();
        }
    }

    /** The migrations the build ships, so that racing instances can be checked to apply each exactly once. */
    private static long migrations() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    @Test
    void twoInstancesShareTheWorkAndTheSurvivorFinishesItExactlyOnce() throws Exception {
        TestDatabase.recreate(DATABASE);
        mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        String a = start(8181, "1s");
        String b = start(8182, "1h");
        await(Duration.ofSeconds(90), () -> ready(a) && ready(b));
        assertThat(RawHttp.get(8181, "/api/v1/incidents?cursor=%%%", null).header("Content-Type"))
                .as("started by Main, the packaged application answers a malformed URI with a problem")
                .startsWith("application/problem+json");
        assertThat(count("select count(*) from flyway_schema_history where success")).as("each migration once")
                .isEqualTo(migrations());

        long deployment = seed(a);
        String provider = DevToken.roles("provider").org("RX9").mint();
        Set<Long> raised = new HashSet<>();
        boolean bAlive = true;
        for (int i = 0; i < INCIDENTS; i++) {
            String instance = i % 2 == 0 || !bAlive ? a : b;
            raised.add(raise(instance, provider, deployment));
            if (i == INCIDENTS / 2) {
                // Make every triage clock due now, so both sweeps race for them, then kill B mid-run.
                execute("update sla_clock set started_at = started_at - interval '30 minutes', "
                        + "next_threshold_at = now() where kind = 'TRIAGE'");
                Thread.sleep(300);
                instances.get(1).destroyForcibly().waitFor();
                instances.remove(1);
                bAlive = false;
            }
        }
        execute("update sla_clock set started_at = started_at - interval '30 minutes', next_threshold_at = now() "
                + "where kind = 'TRIAGE' and state = 'RUNNING' and not breach_fired");

        await(Duration.ofSeconds(90), () -> count("select count(*) from incident_history"
                + " where action = 'SLA_BREACH'") >= INCIDENTS
                && count("select count(*) from notification where status <> 'SENT'") == 0);

        assertThat(count("select count(*) from incident")).isEqualTo(INCIDENTS);
        assertThat(ids("select id from incident")).isEqualTo(raised);
        assertThat(count("select count(distinct reference) from incident")).isEqualTo(INCIDENTS);
        assertThat(count("select count(*) from incident_history where action = 'SLA_WARNING'"))
                .as("each clock past its warning and breach at once tells the breach alone").isZero();
        assertThat(count("select count(*) from incident_history where action = 'SLA_BREACH'")).isEqualTo(INCIDENTS);
        Set<String> delivered = new HashSet<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            String key = message.getRecipients(Message.RecipientType.TO)[0] + "|" + message.getSubject();
            assertThat(delivered.add(key)).as("delivered once: %s", key).isTrue();
        }
        assertThat((long) delivered.size()).isEqualTo(count("select count(*) from notification"));
        assertJsonLogs(Path.of("target/replica-8181.log"));
    }

    @Test
    void aRoutingRuleOrTargetChangeMadeThroughOneInstanceIsAppliedByTheOtherWithinTheRefreshTime() {
        TestDatabase.recreate(DATABASE);
        String refresh = "-Dincidents.cache.refresh=" + REFRESH.toMillis() + "ms";
        String a = start(8181, "1h", refresh);
        String b = start(8182, "1h", refresh);
        await(Duration.ofSeconds(90), () -> ready(a) && ready(b));
        long deployment = seed(a);
        register(a, Map.of("odsCode", "X24", "name", "Hub", "type", "PROCUREMENT_HUB",
                "incidentMailbox", "hub@nhs.example"));
        String provider = DevToken.roles("provider").org("RX9").mint();
        // Both route once, so that both hold the rule set in their caches.
        assertThat(informedReasons(a, provider, deployment)).doesNotContain(PILOT);
        assertThat(informedReasons(b, provider, deployment)).doesNotContain(PILOT);

        String admin = DevToken.roles("admin").org("X26").mint();
        ExtractableResponse<Response> read = given().baseUri(a).auth().oauth2(admin).get("/api/v1/routing/rules")
                .then().statusCode(200).extract();
        List<Map<String, Object>> rules = new ArrayList<>(read.jsonPath().getList("$"));
        rules.add(Map.of("phase", "LIVE", "part", "INFORMED", "party", "PROCUREMENT_HUB", "contact", "INCIDENT",
                "reason", PILOT));
        given().baseUri(a).auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", read.header("ETag"))
                .body(rules).put("/api/v1/routing/rules").then().statusCode(200);

        Eventually.within(REFRESH.plus(MARGIN), "instance B routing by the rules replaced through A",
                () -> informedReasons(b, provider, deployment).contains(PILOT));

        // The service-level targets, alike: B's clocks take those set through A.
        assertThat(raised(b, provider, deployment).getString("sla.triage.target")).isEqualTo("PT15M");
        ExtractableResponse<Response> levels = given().baseUri(a).auth().oauth2(admin).get("/api/v1/service-levels")
                .then().statusCode(200).extract();
        List<Map<String, Object>> severities = new ArrayList<>(levels.jsonPath().getList("severities"));
        severities.set(0, Map.of("severity", 1, "triage", "PT20M", "resolution", "PT4H",
                "calendar", "TWENTY_FOUR_SEVEN"));
        given().baseUri(a).auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", levels.header("ETag"))
                .body(Map.of("severities", severities,
                        "testPhaseCalendar", levels.jsonPath().getString("testPhaseCalendar")))
                .put("/api/v1/service-levels").then().statusCode(200);
        Eventually.within(REFRESH.plus(MARGIN), "instance B starting clocks by the targets set through A",
                () -> "PT20M".equals(raised(b, provider, deployment).getString("sla.triage.target")));
    }

    /**
     * Each sweeping loop holds a connection while its batch runs; loops holding more than half the pool would leave
     * too few for requests, so such settings stop the start, named, rather than starving requests later.
     */
    @Test
    void aSweepSetToHoldMoreThanHalfTheConnectionPoolStopsTheStartSayingWhy() throws Exception {
        TestDatabase.recreate(DATABASE);
        start(8181, "1h", "-Dincidents.sla.sweep.concurrency=11", "-Dquarkus.datasource.jdbc.max-size=20");
        Process instance = instances.get(0);

        assertThat(instance.waitFor(90, TimeUnit.SECONDS)).as("the instance stopped by itself").isTrue();
        assertThat(instance.exitValue()).isNotZero();
        assertThat(Files.readString(Path.of("target/replica-8181.log"))).contains("incidents.sla.sweep.concurrency=11"
                + " would let the sweep hold more than half of quarkus.datasource.jdbc.max-size=20 connections");
    }

    /** After start-up, every console line is a JSON object; lines written during a request carry its id. */
    private static void assertJsonLogs(Path log) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = java.nio.file.Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(json.readTree(line).has("message")).as(line).isTrue();
        }
    }

    /** Starts the packaged application on {@code port}, with any further system properties given. */
    private String start(int port, String dispatchEvery, String... properties) {
        String javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 alone: two instances start on two cores in about two thirds of the time, and none runs for long.
        List<String> command = new ArrayList<>(List.of(javaExecutable, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.profile=dev", "-Dquarkus.http.port=" + port, "-Dquarkus.datasource.jdbc.url=" + JDBC,
                "-Dquarkus.mailer.mock=false", "-Dquarkus.mailer.host=127.0.0.1", "-Dquarkus.mailer.port=" + SMTP_PORT,
                "-Dincidents.sla.sweep.every=1s", "-Dincidents.notifications.dispatch-every=" + dispatchEvery,
                "-Dincidents.notifications.initial-backoff=PT0.2S", "-Dincidents.notifications.max-backoff=PT1S",
                "-Dincidents.log.json=true", "-Dquarkus.log.category.\"uk.nhs.incidents\".level=INFO"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        try {
            instances.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/replica-" + port + ".log")).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "http://localhost:" + port;
    }

    private static boolean ready(String base) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + "/q/health/ready").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long seed(String base) {
        String admin = DevToken.roles("admin").org("X26").mint();
        for (Map<String, Object> organisation : List.<Map<String, Object>>of(
                Map.of("odsCode", "YGM01", "name", "Acme", "type", "SUPPLIER", "incidentMailbox", "sd@acme.example"),
                Map.of("odsCode", "RX9", "name", "Trust", "type", "PROVIDER", "incidentMailbox", "inc@trust.example"),
                Map.of("odsCode", "QNQ", "name", "ICB", "type", "ICB", "incidentMailbox", "inc@icb.example"))) {
            register(base, organisation);
        }
        return given().baseUri(base).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("systemName", "Acme 111", "supplier", "YGM01", "provider", "RX9", "icb", "QNQ",
                        "programme", "ONLINE_CONSULTATION", "procurementRoute", "COMMISSIONER"))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void register(String base, Map<String, Object> organisation) {
        given().baseUri(base).auth().oauth2(DevToken.roles("admin").org("X26").mint()).contentType(ContentType.JSON)
                .body(organisation).post("/api/v1/organisations").then().statusCode(201);
    }

    private static long raise(String base, String token, long deployment) {
        return raised(base, token, deployment).getLong("id");
    }

    /** The reasons a new incident's informed parties are told, as routed by the instance at {@code base}. */
    private static List<String> informedReasons(String base, String token, long deployment) {
        return raised(base, token, deployment).getList("routing.informed.reasons.flatten()", String.class);
    }

    private static JsonPath raised(String base, String token, long deployment) {
        return given().baseUri(base).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("deploymentId", deployment, "phase", "LIVE", "severity", 1, "title", "Referrals lost",
                        "description", "Referrals are not arriving", "occurredAt", Instant.now().minusSeconds(60).toString()))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath();
    }

    private static void await(Duration limit, BooleanSupplier condition) {
        Eventually.within(limit, "the replicas' work", condition);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(JDBC, TestDatabase.ROLE, TestDatabase.PASSWORD);
    }

    private static long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Long> ids(String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
