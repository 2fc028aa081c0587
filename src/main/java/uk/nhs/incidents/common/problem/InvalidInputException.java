package uk.nhs.incidents.common.problem;

import java.util.List;

/** Input that is well-formed JSON but breaks a rule Bean Validation cannot express. */
public class InvalidInputException extends DomainException {

    public InvalidInputException(String field, String message) {
        this(List.of(new Problem.Violation(field, message)));
    }

    public InvalidInputException(List<Problem.Violation> violations) {
        super(400, "validation", "Invalid request", "The request has invalid fields; see violations.", violations);
    }
}
