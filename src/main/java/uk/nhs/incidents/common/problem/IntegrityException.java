package uk.nhs.incidents.common.problem;

/** Stored content no longer matches its recorded SHA-256; it is never served. */
public class IntegrityException extends DomainException {

    public IntegrityException(String detail) {
        super(500, "integrity-check-failed", "Integrity check failed", detail);
    }
}
