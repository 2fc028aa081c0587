package uk.nhs.incidents.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string that breaks {@link uk.nhs.incidents.common.text.TextRules}; its message says how. */
public class UnsafeTextException extends MismatchedInputException {

    UnsafeTextException(JsonParser parser, String problem) {
        super(parser, problem, (Class<?>) null);
    }
}
