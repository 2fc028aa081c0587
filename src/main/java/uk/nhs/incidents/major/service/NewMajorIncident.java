package uk.nhs.incidents.major.service;

import java.util.Optional;

/** A major incident to declare: what the outage is, and whose platform it is on (none for a national component). */
public record NewMajorIncident(String title, String summary, Optional<String> supplier) {
}
