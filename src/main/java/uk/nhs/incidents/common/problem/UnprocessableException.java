package uk.nhs.incidents.common.problem;

import java.util.List;

/** Input that is valid in form but refers to things that do not exist or do not fit together. */
public class UnprocessableException extends DomainException {

    public UnprocessableException(String field, String message) {
        this(List.of(new Problem.Violation(field, message)));
    }

    public UnprocessableException(List<Problem.Violation> violations) {
        super(422, "unprocessable", "Unprocessable request",
                "The request refers to things that do not exist or do not fit together; see violations.", violations);
    }

    public UnprocessableException(String type, String title, String detail) {
        super(422, type, title, detail);
    }
}
