package uk.nhs.incidents.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** A stand-in OTLP collector: accepts POSTs to /v1/traces and appends their bodies to {@link #RECEIVED}. */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    public static final Path RECEIVED = Path.of("target", "otlp-received.bin");

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
            throw new UncheckedIOException(e);
        }
        return Map.of("incidents.tracing.endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** What the collector has received so far. */
    public static byte[] received() {
        try {
            return Files.exists(RECEIVED) ? Files.readAllBytes(RECEIVED) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
