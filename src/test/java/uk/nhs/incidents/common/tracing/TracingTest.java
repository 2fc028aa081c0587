package uk.nhs.incidents.common.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Tokens;

/**
 * With tracing switched on, each request becomes a server span exported over OTLP/HTTP, continuing the caller's
 * trace. The collector here is a plain HTTP server that keeps what it receives in a file.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    static final Path RECEIVED = Path.of("target", "otlp-received.bin");

    public static class TracingOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("incidents.tracing.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Collector.class));
        }
    }

    /** A stand-in OTLP collector: accepts POSTs to /v1/traces and appends their bodies to a file. */
    public static class Collector implements QuarkusTestResourceLifecycleManager {

        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                Files.deleteIfExists(RECEIVED);
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/v1/traces", exchange -> {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    Files.write(RECEIVED, body, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.flush();
                    }
                });
                server.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("incidents.tracing.endpoint",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Test
    void aRequestBecomesASpanInTheCallersTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(Tokens.admin()).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/v1/incidents").then().statusCode(200);

        byte[] traceIdBytes = HexFormat.of().parseHex(traceId);
        Eventually.within(Duration.ofSeconds(20), "the span's export", () -> received().contains("GET /api/v1/incidents")
                && contains(read(), traceIdBytes));
        assertThat(received()).contains("incident-service").contains("http.route");
    }

    private static byte[] read() {
        try {
            return Files.exists(RECEIVED) ? Files.readAllBytes(RECEIVED) : new byte[0];
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String received() {
        return new String(read(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
