package uk.nhs.incidents.notification.service;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.service.HistoryRecorded;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.RoutedParty;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockView;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.sla.service.SweepBatch;

/**
 * Turns recorded changes into outbox rows, one per recipient, in the transaction of the change: the change and
 * its notifications commit together or not at all. Who hears about what follows the incident's routing. What the
 * messages need (incidents, routing, clocks, organisations, deployments) is read once for all the changes handled
 * together: one change as it is recorded, or all the thresholds of a sweep batch when it is swept.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final DateTimeFormatter UK_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    /** Someone to tell: an organisation, the mailbox to use, and the part it plays. */
    record Recipient(String organisation, Contact contact, Part part) {
    }

    /** A recorded change of a routed incident, with whom it concerns. */
    private record Change(HistoryEntry entry, Incident incident, List<Recipient> recipients) {
    }

    private final RoutingService routing;
    private final ServiceLevels serviceLevels;
    private final OrganisationRepository organisations;
    private final NotificationConfig config;
    private final Template text;
    private final Template html;
    private final Clock clock;
    private final EntityManager entityManager;
    private final SweptChanges swept;

    Notifier(RoutingService routing, ServiceLevels serviceLevels, OrganisationRepository organisations,
            NotificationConfig config, @Location("notification/message.txt") Template text,
            @Location("notification/message.html") Template html, Clock clock, EntityManager entityManager,
            SweptChanges swept) {
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.organisations = organisations;
        this.config = config;
        this.text = text;
        this.html = html;
        this.clock = clock;
        this.entityManager = entityManager;
        this.swept = swept;
    }

    void onRecorded(@Observes HistoryRecorded recorded) {
        HistoryEntry entry = recorded.entry();
        if (Events.notifies(entry.action) && !swept.add(entry)) {
            notify(List.of(entry));
        }
    }

    /** A sweep batch's thresholds are notified together once it is swept: a thousand reads become a handful. */
    void onSweep(@Observes SweepBatch batch) {
        if (batch.phase() == SweepBatch.Phase.STARTING) {
            swept.gather();
        } else {
            notify(swept.drain());
        }
    }

    private void notify(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Long> ids = entries.stream().map(e -> e.incidentId).distinct().toList();
        Map<Long, Incident> incidents = load(Incident.class, ids, i -> i.id);
        Map<Long, Routing> routings = routing.stored(ids);
        List<Change> changes = entries.stream().filter(e -> routings.containsKey(e.incidentId)).map(e -> {
            Incident incident = incidents.get(e.incidentId);
            return new Change(e, incident, recipients(e, incident, routings.get(e.incidentId)).toList());
        }).toList();
        Map<String, Organisation> known = organisations(changes);
        Map<Long, Deployment> deployments = load(Deployment.class,
                incidents.values().stream().map(i -> i.deploymentId).distinct().toList(), d -> d.id);
        Instant now = Timestamps.now(clock);
        Map<Long, Map<ClockKind, ClockView>> clocks = serviceLevels.views(ids, now);
        for (Change change : changes) {
            Map<String, Recipient> byEmail = new LinkedHashMap<>();
            change.recipients().forEach(recipient -> mailbox(recipient, known)
                    .ifPresent(email -> byEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), recipient)));
            Incident incident = change.incident();
            Context context = new Context(change.entry(), incident, clocks.getOrDefault(incident.id, Map.of()),
                    deployment(incident, deployments), actor(change.entry(), known));
            byEmail.forEach((email, recipient) -> enqueue(context, recipient, email, now));
        }
    }

    /** Entities by id in one query, those already in the persistence context without one. */
    private <E> Map<Long, E> load(Class<E> type, List<Long> ids, Function<E, Long> idOf) {
        return entityManager.unwrap(Session.class).byMultipleIds(type).enableSessionCheck(true).multiLoad(ids)
                .stream().filter(Objects::nonNull).collect(Collectors.toMap(idOf, Function.identity()));
    }

    private Stream<Recipient> recipients(HistoryEntry entry, Incident incident, Routing routed) {
        Stream<Recipient> all = routed.all().filter(p -> p.organisation() != null).map(Notifier::recipient);
        Stream<Recipient> owners = Stream.of(recipient(routed.resolver()), recipient(routed.accountable()))
                .filter(r -> r.organisation() != null);
        return switch (entry.action) {
            case "ROUTED" -> all;
            case "PARTY_ADDED" -> Stream.of(new Recipient(entry.toValue, Contact.valueOf(entry.field), Part.INFORMED));
            case "RECLASSIFIED" -> all.filter(r -> !r.organisation().equals(entry.actorOrganisation));
            case "COMMENTED" -> all.filter(r -> r.contact() == Contact.INCIDENT
                    && !r.organisation().equals(entry.actorOrganisation));
            case "STATUS_CHANGED" -> Stream.concat(
                    Stream.of(new Recipient(incident.reporterOrganisation, Contact.INCIDENT, Part.INFORMED),
                            recipient(routed.accountable())),
                    "AWAITING_INFO".equals(entry.toValue) && incident.waitingOn != null
                            ? Stream.of(new Recipient(incident.waitingOn, Contact.INCIDENT, Part.INFORMED))
                            : Stream.empty())
                    .filter(r -> r.organisation() != null && (!r.organisation().equals(entry.actorOrganisation)
                            || r.organisation().equals(incident.waitingOn)));
            case "SLA_WARNING" -> owners;
            case "SLA_BREACH" -> incident.severity <= 2 ? all : owners;
            default -> Stream.empty();
        };
    }

    private static Recipient recipient(RoutedParty party) {
        return new Recipient(party.organisation(), party.contact(), party.part());
    }

    /** The recipients' organisations and the actors', in one query rather than one each. */
    private Map<String, Organisation> organisations(List<Change> changes) {
        Set<String> codes = new HashSet<>();
        for (Change change : changes) {
            codes.add(change.entry().actorOrganisation);
            change.recipients().stream().map(Recipient::organisation).filter(Objects::nonNull).forEach(codes::add);
        }
        return organisations.byCode(codes);
    }

    private static Optional<String> mailbox(Recipient recipient, Map<String, Organisation> known) {
        if (recipient.organisation() == null) {
            return Optional.empty();
        }
        Optional<String> mailbox = Optional.ofNullable(known.get(recipient.organisation()))
                .map(o -> recipient.contact() == Contact.CSO ? o.csoMailbox : o.incidentMailbox);
        if (mailbox.isEmpty()) {
            LOG.warnf("No %s mailbox for %s: it cannot be notified", recipient.contact(), recipient.organisation());
        }
        return mailbox;
    }

    /** What every message about one change shares, worked out once for all its recipients. */
    private record Context(HistoryEntry entry, Incident incident, Map<ClockKind, ClockView> clocks, String deployment,
            String actor) {
    }

    private void enqueue(Context context, Recipient recipient, String email, Instant now) {
        HistoryEntry entry = context.entry();
        Incident incident = context.incident();
        Message message = message(context, recipient);
        Notification notification = new Notification();
        notification.incidentId = incident.id;
        notification.historyId = entry.id;
        notification.event = Events.name(entry.action);
        notification.recipientOrganisation = recipient.organisation();
        notification.recipientEmail = email;
        notification.subject = message.subject();
        notification.bodyText = text.data("m", message).render();
        notification.bodyHtml = html.data("m", message).render();
        notification.status = Notification.Status.PENDING;
        notification.nextAttemptAt = now;
        notification.createdAt = now;
        notification.persist();
    }

    private Message message(Context context, Recipient recipient) {
        HistoryEntry entry = context.entry();
        Incident incident = context.incident();
        Map<ClockKind, ClockView> clocks = context.clocks();
        String event = Events.name(entry.action);
        String subject = incident.reference + " [Severity " + incident.severity + "] " + Events.headline(entry)
                + ": " + incident.title;
        return new Message(subject, Events.headline(entry) + " (" + incident.reference + ")", incident.reference,
                incident.title, incident.severity, incident.phase.name(), context.deployment(),
                Events.happened(entry, context.actor()),
                Events.ask(event, entry, recipient, incident), due(clocks.get(ClockKind.TRIAGE)),
                due(clocks.get(ClockKind.RESOLUTION)), config.baseUrl() + "/api/v1/incidents/" + incident.id);
    }

    private static String deployment(Incident incident, Map<Long, Deployment> deployments) {
        return Optional.ofNullable(deployments.get(incident.deploymentId)).map(d -> d.systemName)
                .orElse("deployment " + incident.deploymentId);
    }

    private static String actor(HistoryEntry entry, Map<String, Organisation> known) {
        return Optional.ofNullable(known.get(entry.actorOrganisation)).map(o -> o.name + " (" + o.odsCode + ")")
                .orElse(entry.actorOrganisation.equals("SYSTEM") ? "the incident service" : entry.actorOrganisation);
    }

    private static String due(ClockView clock) {
        if (clock == null || clock.stoppedAt() != null || clock.dueAt() == null) {
            return null;
        }
        return UK_TIME.format(clock.dueAt()) + " (" + clock.state() + ")";
    }
}
