package uk.nhs.incidents.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.stream.Collectors;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.service.IncidentRaised;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.party.data.OrganisationRepository;
import uk.nhs.incidents.reporting.data.ServiceLevelRecord;
import uk.nhs.incidents.reporting.data.ServiceLevelRecordRepository;
import uk.nhs.incidents.reporting.domain.RecordedEvent;
import uk.nhs.incidents.reporting.domain.WaitedOn;
import uk.nhs.incidents.sla.data.SlaPause;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.service.ClockStopped;

/**
 * Writes the service-level record as incidents are raised and their clocks stop, in the transaction of the change,
 * with the incident's attributes of that moment: a later reclassification or deployment change leaves what was
 * recorded alone, so a past period's report gives the same answer tomorrow.
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

    void onStopped(@Observes ClockStopped stopped) {
        Incident incident = incidents.findById(stopped.incidentId());
        boolean resolution = stopped.kind() == ClockKind.RESOLUTION;
        if (resolution && stopped.afterReopening()) {
            records.supersedeResolutions(incident.id, stopped.at());
        }
        ServiceLevelRecord record = snapshot(incident, deployments.findById(incident.deploymentId),
                resolution ? RecordedEvent.RESOLVED : RecordedEvent.TRIAGED, stopped.at());
        record.targetSeconds = stopped.target().toSeconds();
        record.elapsedSeconds = wholeSecondsUp(stopped.elapsed());
        record.met = stopped.met();
        record.reopened = stopped.afterReopening();
        Map<String, Long> pausedOn = pausedOn(stopped);
        record.pausedOn = pausedOn.isEmpty() ? null : pausedOn;
        records.persist(record);
    }

    /** Rounded up, so that a clock breached by a fraction of a second never shows exactly its target. */
    private static long wholeSecondsUp(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
    }

    /** Whole seconds per pause, so that the parts add up to the total. */
    private Map<String, Long> pausedOn(ClockStopped stopped) {
        return stopped.pauses().stream().filter(p -> seconds(p) > 0)
                .collect(Collectors.groupingBy(this::waitedOn, Collectors.summingLong(ServiceLevelRecorder::seconds)));
    }

    private static long seconds(ClockStopped.PausedTime pause) {
        return Math.round(pause.counted().toMillis() / 1000.0);
    }

    private String waitedOn(ClockStopped.PausedTime pause) {
        if (SlaPause.RESOLVED.equals(pause.kind())) {
            return WaitedOn.RESOLVED;
        }
        return organisations.findById(pause.waitingOn()).type.name();
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
