package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.nhs.incidents.common.database.UniqueConstraints;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.HistoryEntry;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.Actor;
import uk.nhs.incidents.incident.domain.HistoryAction;
import uk.nhs.incidents.incident.domain.Resolutions;
import uk.nhs.incidents.incident.domain.SeverityAssessment;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.service.Classification;
import uk.nhs.incidents.sla.service.ServiceLevels;
import uk.nhs.incidents.vocabulary.Phase;

/**
 * Changes to an existing incident: status, classification and clinical review. Each loads the incident locked
 * and checks the caller's {@code If-Match} against it, so of two concurrent changes made from the same version
 * exactly one wins and the other answers 412.
 */
@ApplicationScoped
public class IncidentChanges {

    private static final String INCIDENT = "incident";

    private static final Set<Actor> SEVERITY_SETTERS = EnumSet.of(Actor.RESOLVER);
    /** The reporter and the accountable party know whether the system is in live use as well as the supplier. */
    private static final Set<Actor> PHASE_SETTERS = EnumSet.of(Actor.RESOLVER, Actor.REPORTER, Actor.ACCOUNTABLE);
    private static final Set<Actor> SAFETY_FLAGGERS = EnumSet.of(Actor.RESOLVER, Actor.ACCOUNTABLE, Actor.REPORTER);
    /** The supplier links its own ticket, as it does the work. */
    private static final Set<Actor> SUPPLIER_REFERENCE_SETTERS = EnumSet.of(Actor.RESOLVER);
    private static final String SUPPLIER_REFERENCE_CONSTRAINT = "incident_supplier_reference_uq";

    private final IncidentRepository incidents;
    private final IncidentRouting routing;
    private final ServiceLevels serviceLevels;
    private final StatusChanges statusChanges;
    private final HistoryRecorder history;
    private final IntakeConfig intake;
    private final SafetyOfficers safetyOfficers;
    private final Clock clock;

    IncidentChanges(IncidentRepository incidents, IncidentRouting routing, ServiceLevels serviceLevels,
            StatusChanges statusChanges, HistoryRecorder history, IntakeConfig intake, SafetyOfficers safetyOfficers,
            Clock clock) {
        this.incidents = incidents;
        this.routing = routing;
        this.serviceLevels = serviceLevels;
        this.statusChanges = statusChanges;
        this.history = history;
        this.intake = intake;
        this.safetyOfficers = safetyOfficers;
        this.clock = clock;
    }

    @Transactional
    public Optional<Incident> transition(long id, StatusChanges.Move move, String ifMatch, Caller caller) {
        EntityTag.requirePresent(ifMatch, INCIDENT); // before the original is held: 428 waits for nothing
        statusChanges.holdOriginalFirst(id, move, caller);
        return current(id, ifMatch, caller).map(incident -> {
            statusChanges.apply(incident, move, actors(incident, caller), caller, Timestamps.now(clock));
            return incident;
        });
    }

    @Transactional
    public Optional<Incident> reclassify(long id, Reclassification request, String ifMatch, Caller caller) {
        if (request.severity() == null && request.phase() == null && request.clinicalSafety() == null) {
            throw new InvalidInputException("body", "give at least one of severity, phase and clinicalSafety to change");
        }
        return current(id, ifMatch, caller).map(incident -> {
            // Whether the caller may act first: a former party reads an ended incident too, and is told 403.
            checkMayReclassify(request, incident, actors(incident, caller), caller,
                    safetyOfficers.acts(caller, incident));
            if (incident.status.isEnded()) {
                throw new ConflictException("incident-closed", "Incident is closed",
                        "A " + incident.status + " incident cannot be reclassified.");
            }
            Instant now = Timestamps.now(clock);
            if (changes(request, incident)) {
                // Passed under the classification the change ends (a phase's clocks, a severity's deadlines), before
                // it: told first, by the incident's severity and routing as they were, whenever the sweep last ran.
                history.recordAll(ServiceLevelEntries.thresholds(serviceLevels.passedUntold(incident.id, now)));
            }
            int severity = incident.severity;
            Phase phase = incident.phase;
            List<HistoryEntry> entries = new ArrayList<>(changeSafetyAndSeverity(incident, request, caller, now));
            changePhase(incident, request, caller, now).ifPresent(entries::add);
            Classification classification = new Classification(incident.phase, incident.severity);
            List<HistoryEntry> crossed = new ArrayList<>();
            if (phase != incident.phase) {
                ServiceLevels.PhaseChange change = serviceLevels.onPhaseChanged(incident.id, classification, now);
                change.restarted().forEach(restarted -> entries.add(ServiceLevelEntries.restarted(restarted, phase,
                        incident.phase, caller, now, "Reclassified from " + phase + " to " + incident.phase + ": the "
                                + phase + " " + restarted.kind().name().toLowerCase(Locale.ROOT) + " clock ends "
                                + "CANCELLED (reclassified) and a " + incident.phase + " clock starts now")));
                crossed.addAll(ServiceLevelEntries.thresholds(change.crossed()));
            } else if (severity != incident.severity) {
                crossed.addAll(ServiceLevelEntries.thresholds(
                        serviceLevels.onSeverityChanged(incident.id, classification, now)));
            }
            // Recorded once the clocks are retargeted, so that the emails give the new deadlines, and with the
            // re-routing, so that webhooks carry the routing the change leaves; every party of the routing the change
            // came from hears of it, and parties added hear they were, in one email to a mailbox.
            if (!entries.isEmpty()) {
                routing.reroute(incident, caller, now, request.reason(), entries);
            }
            // A threshold the new targets put in the past is the incident's as the change leaves it: told to its
            // routing now, such as the procurement hub a raise to severity 2 adds, which a breach concerns.
            history.recordAll(crossed);
            return incident;
        });
    }

    @Transactional
    public Optional<Incident> recordClinicalReview(long id, ClinicalReview request, String ifMatch,
            Caller caller) {
        return current(id, ifMatch, caller).map(incident -> {
            if (!safetyOfficers.acts(caller, incident)) {
                throw new ActionForbiddenException("The review is recorded by a Clinical Safety Officer of the "
                        + "deployment's supplier, provider or practice, or of its ICB where the ICB procured it.");
            }
            if (incident.status.isEnded()) {
                throw new ConflictException("incident-closed", "Incident is closed",
                        "A " + incident.status + " incident takes no further review: it ended on the one it has.");
            }
            if (!incident.clinicalSafety) {
                throw new ConflictException("not-a-safety-incident", "Not a clinical safety incident",
                        "Only incidents flagged as clinical safety incidents take a clinical safety review.");
            }
            Instant now = Timestamps.now(clock);
            String replaced = incident.reviewHazardLogReference;
            incident.reviewOutcome = request.outcome().strip();
            incident.reviewHazardLogReference = request.hazardLogReference().strip();
            incident.reviewedBy = caller.user();
            incident.reviewerOrganisation = caller.organisation();
            incident.reviewedAt = now;
            incident.updatedAt = now;
            history.record(incident, caller, now, HistoryAction.CLINICAL_REVIEW_RECORDED, "hazardLogReference",
                    replaced, incident.reviewHazardLogReference, incident.reviewOutcome);
            return incident;
        });
    }

    /**
     * Records the fix that followed a workaround resolution, by the supplier that resolves the incident: the incident
     * stays resolved, or closed, as it is (docs/domain.md, section 3).
     */
    @Transactional
    public Optional<Incident> recordFix(long id, Fix request, String ifMatch, Caller caller) {
        return current(id, ifMatch, caller).map(incident -> {
            if (!actors(incident, caller).contains(Actor.RESOLVER)) {
                throw new ActionForbiddenException("A fix is recorded by the supplier that resolves the incident.");
            }
            Instant now = Timestamps.now(clock);
            // Left out, the fix is dated now, or at the resolution where another instance's clock, a little ahead,
            // recorded it later than this one's now: the client is not refused for a time it did not send.
            Instant fixedAt = request.fixedAt().map(Timestamps::stored)
                    .orElseGet(() -> incident.resolvedAt == null ? now : Timestamps.latest(incident.resolvedAt, now));
            Resolutions.checkFix(incident.status, incident.resolutionCode, incident.resolvedAt, incident.fixedAt,
                    fixedAt, now.plus(intake.clockSkew()));
            incident.fixedAt = fixedAt;
            incident.fixSummary = request.summary().strip();
            incident.updatedAt = now;
            history.record(incident, caller, now, HistoryAction.FIX_RECORDED, "fixedAt", null, fixedAt,
                    incident.fixSummary);
            return incident;
        });
    }

    /**
     * The National Service Desk involves the BaRS programme in a live BaRS incident it is a party to (it raised it, or
     * is routed to it now): the routing rules inform the programme from then on, so it is added in the same change,
     * told its part, and kept through every later re-routing. Involving it again changes nothing.
     */
    @Transactional
    public Optional<Incident> involveBarsProgramme(long id, String reason, String ifMatch, Caller caller) {
        return current(id, ifMatch, caller).map(incident -> {
            Routing before = routing.stored(incident.id);
            if (!caller.organisation().equals(incident.reporterOrganisation)
                    && !before.names(caller.organisation())) {
                throw new ActionForbiddenException("The Service Desk involves the BaRS programme in an incident it is "
                        + "a party to; your organisation only reads this one.");
            }
            if (incident.status.isEnded()) {
                throw new ConflictException("incident-closed", "Incident is closed",
                        "A " + incident.status + " incident takes no one new.");
            }
            if (incident.phase != Phase.LIVE) {
                throw new ConflictException("not-live", "Not a live incident", "The BaRS programme is informed of "
                        + "test incidents on BaRS deployments already; the Service Desk involves it in live ones.");
            }
            routing.involveBarsProgramme(incident, before, caller, Timestamps.now(clock), reason.strip());
            return incident;
        });
    }

    /**
     * Sets, changes or clears the supplier's own reference, in any state: linking the supplier's ticket changes
     * nothing in how the incident is handled. A reference another incident of the same supplier holds answers 409,
     * naming that incident, also to the second of two given it at the same moment, which waits for the first.
     */
    @Transactional
    public Optional<Incident> setSupplierReference(long id, String reference, String ifMatch, Caller caller) {
        return current(id, ifMatch, caller).map(incident -> {
            if (Collections.disjoint(actors(incident, caller), SUPPLIER_REFERENCE_SETTERS)) {
                throw new ActionForbiddenException("The supplier reference is set by the supplier that resolves the "
                        + "incident.");
            }
            if (Objects.equals(reference, incident.supplierReference)) {
                return incident;
            }
            rejectHeldSupplierReference(incident.supplier, reference);
            Instant now = Timestamps.now(clock);
            String before = incident.supplierReference;
            incident.supplierReference = reference;
            incident.updatedAt = now;
            flushSupplierReference(reference);
            history.record(incident, caller, now, HistoryAction.SUPPLIER_REFERENCE_CHANGED, "supplierReference",
                    before, reference, null);
            return incident;
        });
    }

    private void rejectHeldSupplierReference(String supplier, String reference) {
        if (reference != null) {
            incidents.holdSupplierReference(supplier, reference);
            incidents.findBySupplierReference(supplier, reference).ifPresent(holder -> {
                throw duplicateSupplierReference(reference, "incident " + holder.reference + " (/api/v1/incidents/"
                        + holder.id + ")");
            });
        }
    }

    /**
     * Writes the reference now, so that one written meanwhile by a writer not holding it ({@link
     * IncidentRepository#holdSupplierReference}) fails here as a 409, not at commit as a 500.
     */
    private void flushSupplierReference(String reference) {
        try {
            incidents.flush();
        } catch (PersistenceException e) {
            if (UniqueConstraints.broke(e, SUPPLIER_REFERENCE_CONSTRAINT)) {
                throw duplicateSupplierReference(reference, "another incident given it at the same moment");
            }
            throw e;
        }
    }

    private static ConflictException duplicateSupplierReference(String reference, String holder) {
        return new ConflictException("duplicate-supplier-reference", "Supplier reference already used",
                "Your organisation's reference " + reference + " is already used by " + holder + ".");
    }

    /**
     * The incident to change, locked, when the caller reads it (else empty: 404), at the version it names. Whether the
     * caller may make the change is each change's own check (403), so a former party, which still reads the incident,
     * is told it may no longer act on it rather than that it does not exist.
     */
    private Optional<Incident> current(long id, String ifMatch, Caller caller) {
        EntityTag.requirePresent(ifMatch, INCIDENT);
        return incidents.findInScopeForUpdate(id, IncidentScope.reading(caller)).map(incident -> {
            EntityTag.requireCurrent(ifMatch, incident.version, INCIDENT);
            return incident;
        });
    }

    /** Whether the request changes any of the three, rather than echo what the incident has. */
    private static boolean changes(Reclassification request, Incident incident) {
        return request.phase() != null && request.phase() != incident.phase
                || request.severity() != null && request.severity() != incident.severity
                || request.clinicalSafety() != null && request.clinicalSafety() != incident.clinicalSafety;
    }

    private static Set<Actor> actors(Incident incident, Caller caller) {
        return incident.parties().actorsFor(caller.roles(), caller.organisation());
    }

    private static void checkMayReclassify(Reclassification request, Incident incident, Set<Actor> actors,
            Caller caller, boolean safetyOfficer) {
        if (actors.isEmpty() && !caller.isAdmin() && !safetyOfficer) {
            throw new ActionForbiddenException("An incident is reclassified by its supplier, reporter or accountable "
                    + "party, a Clinical Safety Officer of the deployment's parties, or an admin; your organisation "
                    + "only reads it.");
        }
        // A value given as it already is changes nothing, so asks for no permission (a merge patch may echo it).
        if (request.severity() != null && request.severity() != incident.severity
                && Collections.disjoint(actors, SEVERITY_SETTERS)) {
            throw new ActionForbiddenException("Severity is changed by the supplier that resolves the incident.");
        }
        if (request.phase() != null && request.phase() != incident.phase && Collections.disjoint(actors, PHASE_SETTERS)
                && !caller.isAdmin()) {
            throw new ActionForbiddenException("The phase is changed by the reporter, the accountable party, the "
                    + "supplier or an admin.");
        }
        if (Boolean.TRUE.equals(request.clinicalSafety()) && !incident.clinicalSafety
                && Collections.disjoint(actors, SAFETY_FLAGGERS)) {
            throw new ActionForbiddenException("A safety incident is flagged by the supplier, reporter or accountable party.");
        }
        if (Boolean.FALSE.equals(request.clinicalSafety()) && incident.clinicalSafety && !safetyOfficer) {
            throw new ActionForbiddenException("Only a Clinical Safety Officer of the deployment's supplier, provider "
                    + "or practice, or of its ICB where the ICB procured it, may clear the clinical safety flag.");
        }
    }

    /** The clinical flag and the severity change together: the database refuses a safety incident below severity 2. */
    private static List<HistoryEntry> changeSafetyAndSeverity(Incident incident, Reclassification request,
            Caller caller, Instant now) {
        boolean clinicalBefore = incident.clinicalSafety;
        int severityBefore = incident.severity;
        boolean clinical = request.clinicalSafety() == null ? clinicalBefore : request.clinicalSafety();
        // The severity it has, echoed, is no severity asked for: raising the flag beside it raises it to 2.
        Integer asked = request.severity() != null && request.severity() != severityBefore ? request.severity() : null;
        if (asked != null && SeverityAssessment.floor(asked, clinical) != asked) {
            throw new InvalidInputException("severity", "a clinical safety incident is at least severity "
                    + SeverityAssessment.CLINICAL_SAFETY_FLOOR);
        }
        int severity = asked != null ? asked : SeverityAssessment.floor(severityBefore, clinical);
        List<HistoryEntry> entries = new ArrayList<>();
        if (clinical != clinicalBefore) {
            entries.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.RECLASSIFIED, "clinicalSafety",
                    clinicalBefore, clinical, request.reason()));
        }
        if (severity != severityBefore) {
            entries.add(HistoryRecorder.entry(incident.id, caller, now, HistoryAction.RECLASSIFIED, "severity",
                    severityBefore, severity, asked != null ? request.reason() : "A clinical safety incident is at"
                            + " least severity " + SeverityAssessment.CLINICAL_SAFETY_FLOOR));
        }
        if (clinical && !clinicalBefore) {
            // A new safety concern needs a decision of its own: a review of an earlier one, since cleared, no longer
            // lets the incident end. The history keeps that review.
            incident.forgetClinicalReview();
        }
        if (!entries.isEmpty()) {
            incident.clinicalSafety = clinical;
            incident.severity = severity;
            incident.updatedAt = now;
        }
        return entries;
    }

    private static Optional<HistoryEntry> changePhase(Incident incident, Reclassification request, Caller caller,
            Instant now) {
        if (request.phase() == null || request.phase() == incident.phase) {
            return Optional.empty();
        }
        HistoryEntry entry = HistoryRecorder.entry(incident.id, caller, now, HistoryAction.RECLASSIFIED, "phase",
                incident.phase, request.phase(), request.reason());
        incident.phase = request.phase();
        incident.updatedAt = now;
        return Optional.of(entry);
    }
}
