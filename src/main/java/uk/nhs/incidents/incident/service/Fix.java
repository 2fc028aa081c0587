package uk.nhs.incidents.incident.service;

import java.time.Instant;
import java.util.Optional;

/** The fix that followed a workaround: what it was, and when it was made (now, unless said). */
public record Fix(String summary, Optional<Instant> fixedAt) {
}
