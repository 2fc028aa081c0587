package uk.nhs.incidents.incident.api;

/** The form of the references other systems keep for an incident: the reporter's and the supplier's own tickets. */
final class ReferenceText {

    static final int MAX_LENGTH = 100;
    static final String PATTERN = "^[\\x21-\\x7E]+( [\\x21-\\x7E]+)*$";
    static final String MESSAGE = "must be printable ASCII without leading, trailing or repeated spaces";

    private ReferenceText() {
    }
}
