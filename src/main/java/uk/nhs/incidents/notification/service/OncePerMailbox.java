package uk.nhs.incidents.notification.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.major.data.MajorIncident;
import uk.nhs.incidents.notification.domain.Addressed;

/**
 * The mailboxes a change tells once, whatever number of its entries concern them: a major incident's update,
 * written into each of its incidents. Each mailbox gets one message, naming the recipient's incidents among them;
 * its outbox row hangs on the entry of the first, so the ledger of that incident lists it.
 */
final class OncePerMailbox {

    /** One mailbox's message: the entries that concern it, the first one's incident leading. */
    private record Recipient(HistoryEntry first, Incident firstIncident, Addressed addressed, List<String> incidents) {
    }

    private final Map<String, Recipient> byMailbox = new LinkedHashMap<>();

    void add(HistoryEntry entry, Incident incident, Addressed addressed) {
        byMailbox.compute(addressed.key() + " " + entry.toValue, (key, known) -> {
            Recipient recipient = known != null ? known
                    : new Recipient(entry, incident, addressed, new ArrayList<>());
            recipient.incidents().add(incident.reference);
            return recipient;
        });
    }

    /** The major incidents the messages are about. */
    Collection<Long> majorIncidents() {
        return byMailbox.values().stream().map(r -> r.firstIncident().majorIncidentId).filter(Objects::nonNull)
                .distinct().toList();
    }

    List<Outbox.Draft> drafts(MessageComposer composer, Map<Long, MajorIncident> majorIncidents,
            Function<HistoryEntry, String> actor) {
        List<Outbox.Draft> drafts = new ArrayList<>();
        for (Recipient recipient : byMailbox.values()) {
            MajorIncident major = majorIncidents.get(recipient.firstIncident().majorIncidentId);
            if (major != null) {
                Incident first = recipient.firstIncident();
                drafts.add(new Outbox.Draft(recipient.first(), first.createdAt, recipient.addressed(),
                        composer.majorIncidentUpdate(recipient.first(), first,
                                new MessageComposer.MajorIncidentNamed(major.id, major.reference, major.title),
                                recipient.incidents(), actor.apply(recipient.first()), recipient.addressed())));
            }
        }
        return drafts;
    }

    boolean isEmpty() {
        return byMailbox.isEmpty();
    }
}
