package uk.nhs.incidents.sla.service;

import java.util.List;

/**
 * Clocks stopped with an outcome by one change: an incident's triage or resolution, or the resolutions of every
 * incident a major incident's resolution resolved. Observed synchronously, so what observers record commits with the
 * change; observers handle them together, reading what they need once.
 */
public record ClocksStopped(List<ClockStopped> stopped) {
}
