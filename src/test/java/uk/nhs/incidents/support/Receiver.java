package uk.nhs.incidents.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A webhook receiver on a random loopback port (the JDK's HTTP server): it keeps every request and answers as the
 * test says, by default 200. A dead one accepts each request and never answers until it is closed.
 */
public final class Receiver implements AutoCloseable {

    /** One request as it arrived (its path and query in {@code target}), and the status it answered (0: none yet). */
    public record Received(String target, String host, String id, String timestamp, String signature,
            String contentType, String body, int answeredWith) {
    }

    /** An answer: a status and its headers. */
    public record Reply(int status, Map<String, String> headers) {

        public static Reply of(int status) {
            return new Reply(status, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Function<Received, Reply> answer = request -> Reply.of(200);
    private volatile boolean dead;

    private Receiver(InetAddress address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static Receiver start() {
        return startOn(InetAddress.getLoopbackAddress());
    }

    /** A receiver on a random port of {@code address} (IPv6's loopback, say). */
    public static Receiver startOn(InetAddress address) {
        try {
            return new Receiver(address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A receiver that accepts every request and never answers. */
    public static Receiver dead() {
        Receiver receiver = start();
        receiver.dead = true;
        return receiver;
    }

    /** A URL where nothing listens: connections are refused. */
    public static String refusing() {
        Receiver gone = start();
        String url = gone.url();
        gone.close();
        return url;
    }

    public Receiver answering(Function<Received, Reply> answer) {
        this.answer = answer;
        return this;
    }

    public String url() {
        String host = server.getAddress().getAddress() instanceof Inet6Address ipv6
                ? "[" + ipv6.getHostAddress() + "]" : server.getAddress().getAddress().getHostAddress();
        return "http://" + host + ":" + server.getAddress().getPort() + "/hooks/nhs-incidents";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests that carried this webhook-id. */
    public List<Received> withId(String id) {
        return received.stream().filter(r -> id.equals(r.id())).toList();
    }

    public void awaitRequests(int count) {
        Eventually.within(Duration.ofSeconds(20), count + " webhook requests", () -> received.size() >= count);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Received request = new Received(exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, 0);
        if (dead) {
            received.add(request);
            awaitClose();
            exchange.close();
            return;
        }
        Reply reply = answer.apply(request);
        received.add(new Received(request.target(), request.host(), request.id(), request.timestamp(),
                request.signature(), request.contentType(), request.body(), reply.status()));
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), -1);
        exchange.close();
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
