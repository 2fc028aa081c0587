package uk.nhs.incidents.common.problem;

import java.util.List;

/**
 * Root of the exceptions the service raises on purpose. Each carries the HTTP status and a stable problem
 * type slug, so the single {@link ProblemMapper} can answer without knowing any feature.
 */
public abstract class DomainException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final transient List<Problem.Violation> violations;

    protected DomainException(int status, String type, String title, String detail,
            List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    protected DomainException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    /** Headers the answer must carry besides the problem, e.g. {@code Content-Range} on a 416. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** The header telling the caller to try again after {@code wait}, in whole seconds, at least one. */
    protected static java.util.Map<String, String> retryAfter(java.time.Duration wait) {
        return java.util.Map.of("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
    }
}
