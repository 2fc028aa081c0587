package uk.nhs.incidents.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.service.IncidentRaised;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.reporting.data.ServiceLevelRecord;
import uk.nhs.incidents.reporting.data.ServiceLevelRecordRepository;
import uk.nhs.incidents.reporting.domain.RecordedEvent;
import uk.nhs.incidents.reporting.domain.WaitedOn;
import uk.nhs.incidents.sla.data.SlaPause;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockStopped;
import uk.nhs.incidents.sla.service.ClocksStopped;

/**
 * Writes the service-level record as incidents are raised and their clocks stop, in the transaction of the change,
 * with the incident's attributes of that moment (a resolution's with its code): a later reclassification or
 * deployment change leaves what was recorded alone, so a past period's report gives the same answer tomorrow.
 */
@ApplicationScoped
public class ServiceLevelRecorder {

    private final ServiceLevelRecordRepository records;
    private final IncidentRepository incidents;
    private final DeploymentRepository deployments;
    private final OrganisationRepository organisations;
    private final ReportConfig config;

    ServiceLevelRecorder(ServiceLevelRecordRepository records, IncidentRepository incidents,
            DeploymentRepository deployments, OrganisationRepository organisations, ReportConfig config) {
        this.records = records;
        this.incidents = incidents;
        this.deployments = deployments;
        this.organisations = organisations;
        this.config = config;
    }

    void onRaised(@Observes IncidentRaised raised) {
        records.persist(snapshot(raised.incident(), raised.deployment(), RecordedEvent.RAISED,
                raised.incident().createdAt));
    }

    /**
     * The outcomes of one change, recorded together: the incidents, their deployments and the organisations waited on
     * read once for all of them (the incidents are those the change holds), the rows written in JDBC batches.
     */
    void onStopped(@Observes ClocksStopped stopped) {
        List<ClockStopped> all = stopped.stopped();
        Map<Long, Incident> incidents = this.incidents.byIds(all.stream().map(ClockStopped::incidentId).toList());
        Map<Long, Deployment> deployments = this.deployments.byIds(
                incidents.values().stream().map(i -> i.deploymentId).distinct().toList());
        List<String> waitedOnCodes = all.stream().flatMap(s -> s.pauses().stream())
                .map(ClockStopped.PausedTime::waitingOn).filter(Objects::nonNull).distinct().toList();
        Map<String, Organisation> waitedOn = waitedOnCodes.isEmpty() ? Map.of() : organisations.byCode(waitedOnCodes);
        List<Long> resolved = all.stream().filter(s -> s.kind() == ClockKind.RESOLUTION)
                .map(ClockStopped::incidentId).toList();
        Set<Long> reopened = resolved.isEmpty() ? Set.of() : records.supersedeResolutions(resolved, all.get(0).at());
        for (ClockStopped clock : all) {
            Incident incident = incidents.get(clock.incidentId());
            records.persist(outcome(clock, incident, deployments.get(incident.deploymentId), waitedOn,
                    reopened.contains(clock.incidentId())));
        }
    }

    private ServiceLevelRecord outcome(ClockStopped stopped, Incident incident, Deployment deployment,
            Map<String, Organisation> waitedOn, boolean reopened) {
        boolean resolution = stopped.kind() == ClockKind.RESOLUTION;
        ServiceLevelRecord record = snapshot(incident, deployment,
                resolution ? RecordedEvent.RESOLVED : RecordedEvent.TRIAGED, stopped.at());
        record.targetSeconds = stopped.target().toSeconds();
        record.elapsedSeconds = wholeSecondsUp(stopped.elapsed());
        record.met = stopped.met();
        record.reopened = resolution && reopened;
        record.resolutionCode = resolution ? incident.resolutionCode : null;
        Map<String, Long> pausedOn = pausedOn(stopped, waitedOn);
        record.pausedOn = pausedOn.isEmpty() ? null : pausedOn;
        return record;
    }

    /** Rounded up, so that a clock breached by a fraction of a second never shows exactly its target. */
    private static long wholeSecondsUp(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
    }

    /** Whole seconds per pause, so that the parts add up to the total. */
    private static Map<String, Long> pausedOn(ClockStopped stopped, Map<String, Organisation> waitedOn) {
        return stopped.pauses().stream().filter(p -> seconds(p) > 0).collect(Collectors.groupingBy(
                p -> waitedOn(p, waitedOn), Collectors.summingLong(ServiceLevelRecorder::seconds)));
    }

    private static long seconds(ClockStopped.PausedTime pause) {
        return Math.round(pause.counted().toMillis() / 1000.0);
    }

    private static String waitedOn(ClockStopped.PausedTime pause, Map<String, Organisation> waitedOn) {
        if (SlaPause.RESOLVED.equals(pause.kind())) {
            return WaitedOn.RESOLVED;
        }
        return waitedOn.get(pause.waitingOn()).type.name();
    }

    private ServiceLevelRecord snapshot(Incident incident, Deployment deployment, RecordedEvent event, Instant at) {
        ServiceLevelRecord record = new ServiceLevelRecord();
        record.incidentId = incident.id;
        record.event = event;
        record.occurredAt = at;
        record.occurredMonth = YearMonth.from(at.atZone(config.zone())).atDay(1);
        record.phase = incident.phase;
        record.severity = incident.severity;
        record.deploymentId = incident.deploymentId;
        record.supplier = incident.supplier;
        record.provider = incident.provider;
        record.icb = incident.icb;
        record.reporter = incident.reporterOrganisation;
        record.procurementRoute = deployment.procurementRoute;
        record.programme = deployment.programme;
        return record;
    }
}
