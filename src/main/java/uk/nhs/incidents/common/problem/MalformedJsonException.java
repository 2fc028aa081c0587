package uk.nhs.incidents.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import uk.nhs.incidents.common.logging.LogText;

/** A body that a feature reads as JSON itself, and that is not JSON text: the same 400 as any body Jackson refuses. */
public class MalformedJsonException extends DomainException {

    static final String TYPE = "malformed-json";
    static final String TITLE = "Malformed JSON";
    static final String BEYOND_LIMITS = "The body holds a number, a text or a nesting beyond what this service reads.";
    static final String MORE_THAN_ONE_VALUE = "The body holds more than one JSON value.";

    public MalformedJsonException(String detail) {
        super(400, TYPE, TITLE, detail);
    }

    /**
     * What the parser refused, told as a body the framework reads is: the parser's own words, but not its limits' or
     * settings' names, which say nothing to the client.
     */
    public static MalformedJsonException of(JsonProcessingException refused) {
        if (refused instanceof StreamConstraintsException) {
            return new MalformedJsonException(BEYOND_LIMITS);
        }
        if (isTrailingValue(refused)) {
            return new MalformedJsonException(MORE_THAN_ONE_VALUE);
        }
        return new MalformedJsonException(unreadable(refused.getOriginalMessage()));
    }

    static boolean isTrailingValue(JsonProcessingException refused) {
        return refused instanceof MismatchedInputException
                && String.valueOf(refused.getOriginalMessage()).startsWith("Trailing token");
    }

    static String unreadable(String parserMessage) {
        return "The body is not valid JSON: " + LogText.of(parserMessage);
    }
}
