package uk.nhs.incidents.common.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.OptionalLong;

/** The body length a request announces in its Content-Length. */
final class AnnouncedLength {

    private AnnouncedLength() {
    }

    /** Empty when the request announces none (chunked) or one the HTTP layer refuses. */
    static OptionalLong of(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // refused by the HTTP layer before any route
        }
    }
}
