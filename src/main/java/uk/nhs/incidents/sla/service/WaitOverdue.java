package uk.nhs.incidents.sla.service;

import java.time.Instant;

/**
 * A resolution clock has waited for information longer than the configured limit: the resolver, the accountable
 * party and the organisation waited on are reminded. Found by {@link LongWaits#remind} in the transaction that
 * schedules the next reminder, whose caller records it in the incident's history in that same transaction.
 *
 * @param reminder which reminder of this wait it is, from 1
 */
public record WaitOverdue(long incidentId, String waitingOn, Instant since, int reminder, Instant at) {
}
