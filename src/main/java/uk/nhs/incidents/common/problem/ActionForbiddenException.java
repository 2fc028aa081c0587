package uk.nhs.incidents.common.problem;

/** The caller is known and the thing is in its scope, but its role may not do this. */
public class ActionForbiddenException extends DomainException {

    public ActionForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }
}
