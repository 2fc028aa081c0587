package uk.nhs.incidents.incident.api;

import java.util.Optional;
import java.util.regex.Pattern;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * The raise's {@code Idempotency-Key}: 1-255 printable ASCII characters without spaces. Read from the header as sent:
 * the framework hands a header parameter no value for an empty header, which the raise then took as no key (the client
 * that sent one raised again at every retry); and a violation of a parameter's constraints names the Java parameter,
 * not the header.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    static final String PATTERN = "^[\\x21-\\x7E]+$";
    private static final Pattern KEY = Pattern.compile(PATTERN);

    private IdempotencyKeys() {
    }

    /** The key sent, none when the header is left out; a 400 naming the header when it is not a key. */
    static Optional<String> of(String header) {
        if (header != null && (header.length() > MAX_LENGTH || !KEY.matcher(header).matches())) {
            throw new InvalidInputException(HEADER, "must be 1-" + MAX_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return Optional.ofNullable(header);
    }
}
