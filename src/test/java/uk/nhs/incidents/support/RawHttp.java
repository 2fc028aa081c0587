package uk.nhs.incidents.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection to the service on a plain socket, for what HTTP clients will not do: send a body a few
 * bytes at a time, stop half-way, send a malformed header, or read the answer before the body is finished.
 */
public final class RawHttp implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** The head of one answer (a 1xx interim answer included) and its body, read by Content-Length. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawHttp connect() {
        return connect(RestAssured.port);
    }

    public static RawHttp connect(int port) {
        try {
            Socket socket = new Socket("localhost", port);
            socket.setSoTimeout(20_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One GET of a target written byte for byte, as no HTTP client would send it; {@code token} may be null. */
    public static Answer get(int port, String target, String token) {
        try (RawHttp http = connect(port)) {
            return token == null ? http.head("GET " + target + " HTTP/1.1").answer()
                    : http.head("GET " + target + " HTTP/1.1", "Authorization: Bearer " + token).answer();
        }
    }

    /** Sends the request line and headers, each line given without its CRLF, and {@code Host: localhost}. */
    public RawHttp head(String... lines) {
        String[] withHost = Arrays.copyOf(lines, lines.length + 1);
        withHost[lines.length] = "Host: localhost";
        return headAsGiven(withHost);
    }

    /** Sends the request line and headers exactly as given, each without its CRLF (a Host header or none). */
    public RawHttp headAsGiven(String... lines) {
        StringBuilder head = new StringBuilder();
        for (String line : lines) {
            head.append(line).append("\r\n");
        }
        return write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes without failing once the service has closed its side: it may answer before the body is done. */
    public boolean tryWrite(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Answer answer() {
        try {
            String status = line();
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            String length = headers.get("content-length");
            byte[] body = length == null || code < 200 ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            return new Answer(code, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether no byte the service sent (an answer) waits to be read, without waiting. */
    public boolean hasNothingToRead() {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the service closes the connection (within the socket timeout) rather than wait for more. */
    public boolean isClosedByService() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return e instanceof java.net.SocketException;
        }
    }

    /** Whether the service ends the connection (within the socket timeout) with a close, not a reset. */
    public boolean endsWithoutReset() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return false;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed before the answer was complete");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
