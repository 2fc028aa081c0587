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
import java.util.Collection;
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
import uk.nhs.incidents.common.text.TextRules;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.service.HistoryRecorded;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.party.domain.OrganisationType;
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
    /** Email header lines end at 998 characters (RFC 5322); a subject stays on one line, whatever a title held. */
    private static final int SUBJECT_LENGTH = 998;
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
        if (EventWording.notifies(entry.action) && !swept.add(entry)) {
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
        Map<String, Organisation> known = organisations(entries, incidents.values(), routings.values());
        List<Change> changes = entries.stream().filter(e -> routings.containsKey(e.incidentId)).map(e -> {
            Incident incident = incidents.get(e.incidentId);
            return new Change(e, incident, recipients(e, incident, routings.get(e.incidentId), known).toList());
        }).toList();
        Map<Long, Deployment> deployments = load(Deployment.class,
                incidents.values().stream().map(i -> i.deploymentId).distinct().toList(), d -> d.id);
        Instant now = Timestamps.now(clock);
        Map<Long, Map<ClockKind, ClockView>> clocks = serviceLevels.views(ids, now);
        for (Change change : changes) {
            Map<String, Addressed> byAddress = new LinkedHashMap<>();
            change.recipients().forEach(recipient -> {
                Addressed addressed = address(recipient, known);
                byAddress.merge(addressed.key(), addressed, Addressed::with);
            });
            Incident incident = change.incident();
            Context context = new Context(change.entry(), incident, clocks.getOrDefault(incident.id, Map.of()),
                    deployment(incident, deployments), actor(change.entry(), known));
            byAddress.values().forEach(addressed -> enqueue(context, addressed, now));
        }
    }

    /** Entities by id in one query, those already in the persistence context without one. */
    private <E> Map<Long, E> load(Class<E> type, List<Long> ids, Function<E, Long> idOf) {
        return entityManager.unwrap(Session.class).byMultipleIds(type).enableSessionCheck(true).multiLoad(ids)
                .stream().filter(Objects::nonNull).collect(Collectors.toMap(idOf, Function.identity()));
    }

    /**
     * Whom a change concerns, less the organisation that made it. Everyone routed hears of a new incident, its
     * reporter included as the acknowledgement of its report; the resolver, the reporter and the accountable party
     * hear of each change to the incident's state; an incident the Service Desk posted keeps it told of every
     * change, as its integration mirrors the incident.
     */
    private Stream<Recipient> recipients(HistoryEntry entry, Incident incident, Routing routed,
            Map<String, Organisation> known) {
        Stream<Recipient> all = routed.all().map(Notifier::recipient).filter(r -> r.organisation() != null);
        if (entry.action == HistoryAction.ROUTED) {
            return all;
        }
        if (entry.action == HistoryAction.PARTY_ADDED) {
            return Stream.of(added(entry, routed));
        }
        Stream<Recipient> owners = Stream.of(recipient(routed.resolver()), recipient(routed.accountable()));
        Stream<Recipient> chosen = switch (entry.action) {
            case RECLASSIFIED -> all;
            // Parties added are told themselves (PARTY_ADDED); the routing as a whole only to the Service Desk's mirror.
            case ROUTING_CHANGED -> Stream.empty();
            case COMMENTED -> all.filter(r -> r.contact() == Contact.INCIDENT);
            case STATUS_CHANGED -> Stream.concat(parties(incident, routed), waitedOn(entry, incident));
            case EVIDENCE_ADDED, CLINICAL_REVIEW_RECORDED -> parties(incident, routed);
            case SLA_WARNING, WAITING_REMINDER -> owners;
            case SLA_BREACH -> incident.severity <= 2 ? all : owners;
            default -> Stream.empty();
        };
        Stream<Recipient> mirror = postedByServiceDesk(incident, known)
                ? Stream.of(new Recipient(incident.reporterOrganisation, Contact.INCIDENT, Part.INFORMED))
                : Stream.empty();
        return Stream.concat(chosen, mirror)
                .filter(r -> r.organisation() != null && !r.organisation().equals(entry.actorOrganisation));
    }

    /** The resolver, the reporter and the accountable party. */
    private static Stream<Recipient> parties(Incident incident, Routing routed) {
        return Stream.of(recipient(routed.resolver()),
                new Recipient(incident.reporterOrganisation, Contact.INCIDENT, Part.INFORMED),
                recipient(routed.accountable()));
    }

    /** On a wait for information, the party waited on, which is asked for it. */
    private static Stream<Recipient> waitedOn(HistoryEntry entry, Incident incident) {
        return "AWAITING_INFO".equals(entry.toValue) && incident.waitingOn != null
                ? Stream.of(new Recipient(incident.waitingOn, Contact.INCIDENT, Part.INFORMED))
                : Stream.empty();
    }

    /** A party re-routing added, in the part the routing now gives it, so that it is told what is asked of it. */
    private static Recipient added(HistoryEntry entry, Routing routed) {
        Contact contact = Contact.valueOf(entry.field);
        Part part = routed.all().filter(p -> entry.toValue.equals(p.organisation()) && p.contact() == contact)
                .map(RoutedParty::part).min(Enum::compareTo).orElse(Part.INFORMED);
        return new Recipient(entry.toValue, contact, part);
    }

    private static boolean postedByServiceDesk(Incident incident, Map<String, Organisation> known) {
        Organisation reporter = known.get(incident.reporterOrganisation);
        return reporter != null && reporter.type == OrganisationType.NATIONAL_SERVICE_DESK;
    }

    private static Recipient recipient(RoutedParty party) {
        return new Recipient(party.organisation(), party.contact(), party.part());
    }

    /** Every organisation the changes may name, actors, reporters and routed parties, in one query. */
    private Map<String, Organisation> organisations(List<HistoryEntry> entries, Collection<Incident> incidents,
            Collection<Routing> routings) {
        Set<String> codes = new HashSet<>();
        entries.forEach(e -> codes.add(e.actorOrganisation));
        incidents.forEach(i -> {
            codes.add(i.reporterOrganisation);
            if (i.waitingOn != null) {
                codes.add(i.waitingOn);
            }
        });
        routings.forEach(r -> r.all().map(RoutedParty::organisation).filter(Objects::nonNull).forEach(codes::add));
        return organisations.byCode(codes);
    }

    /**
     * A recipient with the address it is sent to: the mailbox of its contact, or for a Clinical Safety Officer
     * without one the organisation's incident mailbox, the message asking that it be passed on. Without any
     * mailbox the address is empty, and the notification is kept as failed rather than dropped.
     */
    record Addressed(Recipient recipient, String email, boolean forwarded) {

        String key() {
            return email != null ? email.toLowerCase(Locale.ROOT)
                    : "no mailbox: " + recipient.organisation() + " " + recipient.contact();
        }

        /** One message per mailbox: a CSO request forwarded to a mailbox that hears anyway rides along. */
        Addressed with(Addressed other) {
            return new Addressed(recipient, email, forwarded || other.forwarded);
        }
    }

    private static Addressed address(Recipient recipient, Map<String, Organisation> known) {
        Organisation organisation = known.get(recipient.organisation());
        String cso = organisation == null ? null : organisation.csoMailbox;
        String incident = organisation == null ? null : organisation.incidentMailbox;
        if (recipient.contact() == Contact.CSO && cso == null && incident != null) {
            return new Addressed(recipient, incident, true);
        }
        String email = recipient.contact() == Contact.CSO ? cso : incident;
        if (email == null) {
            LOG.warnf("No mailbox for %s (%s): its notification is recorded as failed", recipient.organisation(),
                    recipient.contact());
        }
        return new Addressed(recipient, email, false);
    }

    /** What every message about one change shares, worked out once for all its recipients. */
    private record Context(HistoryEntry entry, Incident incident, Map<ClockKind, ClockView> clocks, String deployment,
            String actor) {
    }

    private void enqueue(Context context, Addressed addressed, Instant now) {
        HistoryEntry entry = context.entry();
        Incident incident = context.incident();
        Message message = message(context, addressed);
        Notification notification = new Notification();
        notification.incidentId = incident.id;
        notification.historyId = entry.id;
        notification.event = EventWording.name(entry.action);
        notification.recipientOrganisation = addressed.recipient().organisation();
        notification.recipientContact = addressed.recipient().contact().name();
        notification.recipientEmail = addressed.email();
        notification.subject = message.subject();
        notification.bodyText = text.data("m", message).render();
        notification.bodyHtml = html.data("m", message).render();
        notification.nextAttemptAt = now;
        notification.createdAt = now;
        if (addressed.email() == null) {
            notification.status = Notification.Status.FAILED;
            notification.lastError = Notification.NO_MAILBOX + addressed.recipient().organisation();
        } else {
            notification.status = Notification.Status.PENDING;
        }
        notification.persist();
    }

    private Message message(Context context, Addressed addressed) {
        HistoryEntry entry = context.entry();
        Incident incident = context.incident();
        Map<ClockKind, ClockView> clocks = context.clocks();
        String subject = TextRules.singleLine(incident.reference + " [Severity " + incident.severity + "] "
                + EventWording.headline(entry) + ": " + incident.title, SUBJECT_LENGTH);
        String ask = EventWording.ask(entry, addressed.recipient(), incident);
        if (addressed.forwarded()) {
            ask = "Please pass this to your Clinical Safety Officer, as no CSO mailbox is registered for your "
                    + "organisation: " + EventWording.CSO_ASK
                    + (addressed.recipient().contact() == Contact.CSO ? "" : " For your organisation: " + ask);
        }
        return new Message(subject, EventWording.headline(entry) + " (" + incident.reference + ")", incident.reference,
                incident.title, incident.severity, incident.phase.name(), context.deployment(),
                EventWording.happened(entry, context.actor()), ask, due(clocks.get(ClockKind.TRIAGE)),
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
