package uk.nhs.incidents.incident.domain;

import uk.nhs.incidents.vocabulary.Phase;

/** Human-readable references: {@code TST-2026-000042} and {@code INC-2026-000042}, one series per phase and year. */
public final class IncidentReference {

    private IncidentReference() {
    }

    public static String format(Phase phase, int year, long number) {
        return String.format("%s-%04d-%06d", phase.referencePrefix(), year, number);
    }
}
