package uk.nhs.incidents.incident.service;

import uk.nhs.incidents.vocabulary.Phase;

/** A new severity, phase or clinical safety flag for an incident (null: unchanged), and why. */
public record Reclassification(Integer severity, Phase phase, Boolean clinicalSafety, String reason) {
}
