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
import java.util.stream.Collectors;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.service.HistoryRecorded;
import uk.nhs.incidents.incident.service.IncidentSnapshot;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.webhook.data.WebhookDelivery;
import uk.nhs.incidents.webhook.data.WebhookDeliveryRepository;
import uk.nhs.incidents.webhook.data.WebhookSubscriptionRepository;
import uk.nhs.incidents.webhook.data.WebhookSubscriptionRepository.Audience;
import uk.nhs.incidents.webhook.domain.EventSelection;
import uk.nhs.incidents.webhook.domain.WebhookEvent;

/**
 * Turns recorded changes into webhook deliveries, in the transaction of the change, as {@code Notifier} turns them
 * into emails: the change and its deliveries commit together or not at all. Which subscriptions hear of an incident
 * is one query for all the entries (its organisation must read the incident as it stands after the change); then
 * each incident's event numbers are taken in one statement, and all the deliveries written in one more. A change
 * no subscription hears of costs the one query, and in a service with no webhook enabled, a trivial one instead.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final IncidentRepository incidents;
    private final RoutingService routing;
    private final EventPayloads payloads;
    private final Clock clock;

    WebhookOutbox(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
            IncidentRepository incidents, RoutingService routing, EventPayloads payloads, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.incidents = incidents;
        this.routing = routing;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** An event to deliver, and to whom. */
    private record Due(HistoryEntry entry, WebhookEvent event, List<Long> subscriptions) {
    }

    void onRecorded(@Observes HistoryRecorded recorded) {
        List<HistoryEntry> events = recorded.entries().stream().filter(e -> WebhookEvent.of(e.action).isPresent())
                .toList();
        if (events.isEmpty() || !subscriptions.anyEnabled()) {
            return;
        }
        List<Due> due = due(events, subscriptions.audience(events.stream().map(e -> e.incidentId).distinct()
                .toList()));
        if (!due.isEmpty()) {
            write(due, recorded.known());
        }
    }

    /** Each event with the subscriptions that read its incident and want its kind, in the order recorded. */
    private static List<Due> due(List<HistoryEntry> events, List<Audience> audience) {
        Map<Long, List<Audience>> byIncident = audience.stream().collect(Collectors.groupingBy(Audience::incidentId));
        List<Due> due = new ArrayList<>();
        for (HistoryEntry entry : events) {
            WebhookEvent event = WebhookEvent.of(entry.action).orElseThrow();
            List<Long> wanting = byIncident.getOrDefault(entry.incidentId, List.of()).stream()
                    .filter(a -> EventSelection.of(a.subscription().events).wants(event))
                    .map(a -> a.subscription().id).toList();
            if (!wanting.isEmpty()) {
                due.add(new Due(entry, event, wanting));
            }
        }
        return due;
    }

    private void write(List<Due> due, Map<Long, IncidentSnapshot> known) {
        Instant now = Timestamps.now(clock);
        TreeMap<Long, Integer> counts = new TreeMap<>();
        due.forEach(d -> counts.merge(d.entry().incidentId, 1, Integer::sum));
        Map<Long, Long> next = firstNumbers(deliveries.takeSequences(counts), counts);
        Map<Long, Subject> subjects = subjects(counts.keySet().stream().toList(), known);
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
