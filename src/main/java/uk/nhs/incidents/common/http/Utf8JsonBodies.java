package uk.nhs.incidents.common.http;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import uk.nhs.incidents.common.problem.MalformedJsonException;
import uk.nhs.incidents.common.problem.PayloadTooLargeException;
import uk.nhs.incidents.common.problem.UnsupportedContentCodingException;
import uk.nhs.incidents.common.text.StrictUtf8;

/**
 * Every body the framework reads whole (all JSON; evidence files are streamed) is read as sent, in UTF-8 (RFC 8259
 * 8.1), before the parser sees it. The parser guesses UTF-16 and UTF-32 from zero bytes and decodes them leniently,
 * turning a lone surrogate into U+FFFD, and reads overlong UTF-8 ({@code C0 BC} as {@code <}): either would store
 * other text than the client sent, past the text rules and anything inspecting the bytes on the way. A raw NUL is
 * never JSON text, and refusing it keeps the parser from taking the body for UTF-16. A body in a content coding is
 * refused (415) rather than parsed as JSON (gzip) or read as if it were not coded (br).
 */
@Provider
public class Utf8JsonBodies implements ReaderInterceptor {

    /** Looked up when a body is read: interceptors are made before the configuration's mappings are. */
    private final Instance<HttpConfig> config;

    Utf8JsonBodies(Instance<HttpConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (InputStream.class.isAssignableFrom(context.getType())) {
            return context.proceed(); // an evidence file, streamed to the spool and checked there, never held whole
        }
        List<String> coding = Objects.requireNonNullElse(context.getHeaders().get(HttpHeaders.CONTENT_ENCODING),
                List.of());
        UnsupportedContentCodingException.refusedOf(coding).ifPresent(refused -> {
            throw new UnsupportedContentCodingException(refused, "send JSON uncompressed, without Content-Encoding.");
        });
        byte[] body = readAtMostLimit(context.getInputStream());
        if (holdsNul(body) || StrictUtf8.decode(body).isEmpty()) {
            throw new MalformedJsonException("The body's bytes are not UTF-8 JSON text.");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /**
     * The body, which {@link JsonSizeLimit} admitted by its Content-Length; one that declared none would be held to the
     * limit here, before more than one byte past it is read.
     */
    private byte[] readAtMostLimit(InputStream in) throws IOException {
        long limit = config.get().maxJsonSize().asLongValue();
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            throw new PayloadTooLargeException("JSON bodies may be at most " + limit + " bytes.");
        }
        return body;
    }

    private static boolean holdsNul(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
