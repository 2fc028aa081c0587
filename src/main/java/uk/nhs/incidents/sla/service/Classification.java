package uk.nhs.incidents.sla.service;

import uk.nhs.incidents.vocabulary.Phase;

/** What an incident's service-level targets depend on: its phase and its severity. */
public record Classification(Phase phase, int severity) {
}
