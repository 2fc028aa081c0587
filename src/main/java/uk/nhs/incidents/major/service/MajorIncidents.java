package uk.nhs.incidents.major.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.incident.domain.ReferenceSeries;
import uk.nhs.incidents.incident.service.LinkedIncidents;
import uk.nhs.incidents.incident.service.ReferenceAllocator;
import uk.nhs.incidents.major.data.MajorIncident;
import uk.nhs.incidents.major.data.MajorIncidentRepository;
import uk.nhs.incidents.major.data.MajorIncidentScope;
import uk.nhs.incidents.major.data.MajorIncidentUpdate;
import uk.nhs.incidents.major.data.MajorIncidentUpdateRepository;
import uk.nhs.incidents.major.domain.MajorIncidentRules;
import uk.nhs.incidents.major.domain.MajorIncidentStatus;
import uk.nhs.incidents.party.domain.OrganisationType;
import uk.nhs.incidents.party.service.OrganisationCache;
import uk.nhs.incidents.security.Caller;

/**
 * Declares major incidents (the reference's series made sure of first, as a raise does, outside the transaction)
 * and reads them within the caller's scope: whole, with their incidents, or as a party to one of them reads it, with
 * how many incidents are linked but never which.
 */
@ApplicationScoped
public class MajorIncidents {

    private final MajorIncidentChanges changes;
    private final MajorIncidentRepository majorIncidents;
    private final MajorIncidentUpdateRepository updates;
    private final LinkedIncidents linked;
    private final ReferenceAllocator references;
    private final OrganisationCache organisations;
    private final Clock clock;

    MajorIncidents(MajorIncidentChanges changes, MajorIncidentRepository majorIncidents,
            MajorIncidentUpdateRepository updates, LinkedIncidents linked, ReferenceAllocator references,
            OrganisationCache organisations, Clock clock) {
        this.changes = changes;
        this.majorIncidents = majorIncidents;
        this.updates = updates;
        this.linked = linked;
        this.references = references;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** A major incident with how many incidents are linked to it. */
    public record Viewed(MajorIncident majorIncident, long incidents) {
    }

    public Viewed create(NewMajorIncident request, Caller caller) {
        Optional<String> supplier = MajorIncidentRules.supplier(caller, request.supplier());
        if (supplier.isPresent()
                && !organisations.typeOf(supplier.get()).equals(Optional.of(OrganisationType.SUPPLIER))) {
            throw new UnprocessableException("supplier", "no supplier registered with this ODS code");
        }
        Instant now = Timestamps.now(clock);
        MajorIncident major = changes.create(request, supplier, references.series(ReferenceSeries.MAJOR, now), caller,
                now);
        return new Viewed(major, 0);
    }

    public Optional<Viewed> find(long id, Caller caller) {
        return majorIncidents.findInScope(id, MajorIncidentScope.reading(caller)).map(this::viewed);
    }

    public Viewed viewed(MajorIncident major) {
        return new Viewed(major, linked.counts(List.of(major.id)).getOrDefault(major.id, 0L));
    }

    /** A page of the major incidents the caller reads, newest first, each with how many incidents it has. */
    public List<Viewed> page(Optional<MajorIncidentStatus> status, PageRequest request, Caller caller) {
        List<MajorIncident> page = majorIncidents.page(status, MajorIncidentScope.reading(caller), request);
        Map<Long, Long> counts = linked.counts(page.stream().map(m -> m.id).toList());
        return page.stream().map(m -> new Viewed(m, counts.getOrDefault(m.id, 0L))).toList();
    }

    /**
     * A page of the major incident's incidents: all of them to those who see it whole; to a party of some of them,
     * those it reads anyway, never the others.
     */
    public Optional<List<Incident>> incidents(long id, PageRequest request, Caller caller) {
        if (majorIncidents.findInScope(id, MajorIncidentScope.whole(caller)).isPresent()) {
            return Optional.of(linked.page(id, IncidentScope.EVERYTHING, request));
        }
        return majorIncidents.findInScope(id, MajorIncidentScope.reading(caller))
                .map(major -> linked.page(id, IncidentScope.reading(caller), request));
    }

    public Optional<List<MajorIncidentUpdate>> updates(long id, PageRequest request, Caller caller) {
        return majorIncidents.findInScope(id, MajorIncidentScope.reading(caller))
                .map(major -> updates.page(major.id, request));
    }

    public Optional<MajorIncidentUpdate> update(long id, long updateId, Caller caller) {
        return majorIncidents.findInScope(id, MajorIncidentScope.reading(caller))
                .flatMap(major -> updates.findByIdOptional(updateId)).filter(update -> update.majorIncidentId == id);
    }
}
