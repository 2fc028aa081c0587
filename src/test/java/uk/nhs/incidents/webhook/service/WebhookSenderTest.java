package uk.nhs.incidents.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.CapturedLog;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.webhook.domain.TargetUrl;

/** The sender on its own, with timeouts short enough to be passed in a test, against a receiver that misbehaves. */
@QuarkusTest
@TestProfile(PinnedTime.class)
class WebhookSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Inject
    Vertx vertx;

    @Inject
    TargetAddresses addresses;

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    @Test
    void aStatusAnsweredAtOnceStandsThoughItsBodyTricklesPastTheTimeouts() throws Exception {
        try (ServerSocket receiver = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                CapturedLog vertxLog = CapturedLog.of("io.vertx")) {
            CountDownLatch cutOff = new CountDownLatch(1);
            Thread answering = new Thread(() -> trickle(receiver, Duration.ofSeconds(4), cutOff));
            answering.setDaemon(true);
            answering.start();
            WebhookSender sender = sender();
            try {
                Attempt attempt = sender.send(TargetUrl.of("http://127.0.0.1:" + receiver.getLocalPort() + "/hook"),
                        Map.of("Content-Type", "application/json"), "{}");
                assertThat(attempt.status()).as("the receiver took the event").isEqualTo(200);
                assertThat(attempt.error()).isNull();
                assertThat(cutOff.await(5, TimeUnit.SECONDS)).as("the rest of the body was cut off").isTrue();
                assertThat(vertxLog.atLeast(Level.WARNING)).as("a body cut off is the sender's doing, not an error")
                        .isEmpty();
            } finally {
                sender.close();
                answering.interrupt();
            }
        }
    }

    /**
     * Reads the request's head, answers 200 at once, then sends its body a byte every 200 ms for {@code span}, and
     * counts down if the sender cuts it off.
     */
    private static void trickle(ServerSocket server, Duration span, CountDownLatch cutOff) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            in.read(new byte[8192]);
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long until = System.nanoTime() + span.toNanos();
            while (System.nanoTime() < until) {
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException e) {
            cutOff.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private WebhookSender sender() {
        WebhookConfig shortTimeouts = (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout", "readTimeout" -> TIMEOUT;
                    default -> method.invoke(config, args);
                });
        return new WebhookSender(vertx, addresses, shortTimeouts, clock);
    }
}
