package uk.nhs.incidents.webhook.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.service.HistoryRecorded;
import uk.nhs.incidents.incident.service.IncidentSnapshot;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.webhook.data.Listener;
import uk.nhs.incidents.webhook.data.WebhookDelivery;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.domain.WebhookEvent;

/**
 * Turns recorded changes into webhook deliveries, in the transaction of the change, as {@code Notifier} turns them
 * into emails: the change and its deliveries commit together or not at all. The enabled subscriptions come from
 * memory ({@link Listeners}); which of them hear of an event is decided there too, from the incident and routing as
 * the change leaves them (its organisation must read the incident then, IncidentScope#reads); then each incident's
 * event numbers are taken in one statement, and all the deliveries written in one more. A change no subscription
 * wants costs no statement.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final Listeners listeners;
    private final WebhookDeliveryRepository deliveries;
    private final IncidentRepository incidents;
    private final RoutingService routing;
    private final EventPayloads payloads;
    private final Clock clock;

    WebhookOutbox(Listeners listeners, WebhookDeliveryRepository deliveries,
            IncidentRepository incidents, RoutingService routing, EventPayloads payloads, Clock clock) {
        this.listeners = listeners;
        this.deliveries = deliveries;
        this.incidents = incidents;
        this.routing = routing;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** An event to deliver, and to whom. */
    private record Due(HistoryEntry entry, WebhookEvent event, List<Long> subscriptions) {
    }

    /** An event some subscription wants, if its organisation reads the incident. */
    private record Wanted(HistoryEntry entry, WebhookEvent event, List<Listener> wanting) {
    }

    void onRecorded(@Observes HistoryRecorded recorded) {
        if (recorded.entries().stream().noneMatch(e -> WebhookEvent.of(e.action).isPresent())) {
            return;
        }
        List<Wanted> wanted = wanted(recorded.entries(), listeners.current());
        if (wanted.isEmpty()) {
            return;
        }
        Map<Long, Subject> subjects = subjects(wanted.stream().map(w -> w.entry().incidentId).distinct().toList(),
                recorded.known());
        List<Due> due = due(wanted, subjects);
        if (!due.isEmpty()) {
            write(due, subjects);
        }
    }

    /** The events with the subscriptions that want their kind, before asking whether they read the incident. */
    private static List<Wanted> wanted(List<HistoryEntry> entries, List<Listener> listening) {
        List<Wanted> wanted = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            WebhookEvent.of(entry.action).ifPresent(event -> {
                List<Listener> wanting = listening.stream().filter(l -> l.events().wants(event)).toList();
                if (!wanting.isEmpty()) {
                    wanted.add(new Wanted(entry, event, wanting));
                }
            });
        }
        return wanted;
    }

    /** Each event with the subscriptions whose organisations read its incident, in the order recorded. */
    private static List<Due> due(List<Wanted> wanted, Map<Long, Subject> subjects) {
        List<Due> due = new ArrayList<>();
        for (Wanted w : wanted) {
            Subject subject = subjects.get(w.entry().incidentId);
            List<Long> hearing = w.wanting().stream()
                    .filter(l -> l.reads(subject.incident(), subject.routing())).map(Listener::id).toList();
            if (!hearing.isEmpty()) {
                due.add(new Due(w.entry(), w.event(), hearing));
            }
        }
        return due;
    }

    private void write(List<Due> due, Map<Long, Subject> subjects) {
        Instant now = Timestamps.now(clock);
        TreeMap<Long, Integer> counts = new TreeMap<>();
        due.forEach(d -> counts.merge(d.entry().incidentId, 1, Integer::sum));
        Map<Long, Long> next = firstNumbers(deliveries.takeSequences(counts), counts);
        List<WebhookDelivery> rows = new ArrayList<>();
        for (Due d : due) {
            long incidentId = d.entry().incidentId;
            long sequence = next.merge(incidentId, 1L, Long::sum) - 1;
            Subject subject = subjects.get(incidentId);
            String body = payloads.body(d.event(), d.entry(), sequence, subject.incident(), subject.routing());
            d.subscriptions().forEach(subscription -> rows.add(delivery(d, subscription, sequence, body, now)));
        }
        deliveries.insertAll(rows);
    }

    /** Each incident's first number of this change, from the last it took and how many. */
    private static Map<Long, Long> firstNumbers(Map<Long, Long> last, Map<Long, Integer> counts) {
        Map<Long, Long> first = new HashMap<>();
        last.forEach((incident, number) -> first.put(incident, number - counts.get(incident) + 1));
        return first;
    }

    /** An incident as the change leaves it, with its routing. */
    private record Subject(Incident incident, Routing routing) {
    }

    /** The incidents the change handed on as they are; the others read once for all (those loaded, from memory). */
    private Map<Long, Subject> subjects(List<Long> ids, Map<Long, IncidentSnapshot> known) {
        Map<Long, Subject> subjects = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            IncidentSnapshot snapshot = known.get(id);
            if (snapshot == null) {
                missing.add(id);
            } else {
                subjects.put(id, new Subject(snapshot.incident(), snapshot.routing()));
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, Routing> routings = routing.stored(missing);
            incidents.byIds(missing).forEach((id, incident) -> subjects.put(id, new Subject(incident, routings.get(id))));
        }
        return subjects;
    }

    private static WebhookDelivery delivery(Due due, long subscription, long sequence, String body, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.subscriptionId = subscription;
        delivery.incidentId = due.entry().incidentId;
        delivery.historyId = due.entry().id;
        delivery.event = due.event().type();
        delivery.sequence = sequence;
        delivery.payload = body;
        delivery.createdAt = now;
        return delivery;
    }
}
