package uk.nhs.incidents.incident.domain;

import java.util.Optional;

/**
 * Settles an incident's severity from what the reporter gave: a severity, or impact and urgency through the
 * matrix, or both when they agree. A safety incident is at least severity 2 (docs/domain.md, Clinical safety).
 *
 * @param severity the severity the incident gets
 * @param requested the severity the reporter's input gave, before the clinical-safety floor
 */
public record SeverityAssessment(int severity, int requested) {

    public static final int CLINICAL_SAFETY_FLOOR = 2;

    public boolean raisedForClinicalSafety() {
        return severity != requested;
    }

    /** @throws IllegalArgumentException naming the problem, when the input cannot settle a severity */
    public static SeverityAssessment of(Integer severity, Integer impact, Integer urgency, boolean clinicalSafety) {
        if ((impact == null) != (urgency == null)) {
            throw new IllegalArgumentException("give impact and urgency together");
        }
        Optional<Integer> derived = impact == null ? Optional.empty()
                : Optional.of(SeverityMatrix.severity(impact, urgency));
        if (severity == null && derived.isEmpty()) {
            throw new IllegalArgumentException("give a severity, or impact and urgency");
        }
        if (severity != null && derived.isPresent() && !severity.equals(derived.get())) {
            throw new IllegalArgumentException("severity " + severity + " contradicts impact " + impact
                    + " and urgency " + urgency + ", which give severity " + derived.get());
        }
        int requested = severity != null ? severity : derived.get();
        return new SeverityAssessment(floor(requested, clinicalSafety), requested);
    }

    /** The severity a safety incident must have at least: severity 1 is the most severe. */
    public static int floor(int severity, boolean clinicalSafety) {
        return clinicalSafety ? Math.min(severity, CLINICAL_SAFETY_FLOOR) : severity;
    }
}
