package uk.nhs.incidents.incident.service;

/** A Clinical Safety Officer's review of a safety incident: its outcome and the hazard log entry it is kept in. */
public record ClinicalReview(String outcome, String hazardLogReference) {
}
