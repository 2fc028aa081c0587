package uk.nhs.incidents.incident.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * An {@code Idempotency-Key} is 1-255 printable ASCII characters without spaces, checked here rather than by Bean
 * Validation on the raise's parameter: the framework hands that parameter no value for an empty header, which a raise
 * would then take as no key (the client that sent one would raise again at every retry), and a violation there is
 * named by the Java parameter, not the header.
 */
public class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    static final String PATTERN = "^[\\x21-\\x7E]+$";
    private static final Pattern KEY = Pattern.compile(PATTERN);

    /** After {@code SingleValuedHeaders}, which refuses the header given twice, and {@code OptionsAnswer}. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 3)
    public void check(ContainerRequestContext request) {
        String key = request.getHeaderString(NAME);
        if (key != null && (key.length() > MAX_LENGTH || !KEY.matcher(key).matches())) {
            throw new InvalidInputException(NAME, "must be 1-" + MAX_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }
}
