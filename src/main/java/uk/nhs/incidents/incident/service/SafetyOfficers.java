package uk.nhs.incidents.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.party.data.DeploymentRepository;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;

/**
 * Whether a caller acts on an incident as one of its Clinical Safety Officers
 * ({@link IncidentScope#actsAsSafetyOfficer}), by its deployment's procurement route as it stands: the ICB's officer
 * is answerable only where the ICB procured the system.
 */
@ApplicationScoped
public class SafetyOfficers {

    private final DeploymentRepository deployments;

    SafetyOfficers(DeploymentRepository deployments) {
        this.deployments = deployments;
    }

    /** The deployment is read only for a caller with the role; a change re-routing the incident reads it anyway. */
    public boolean acts(Caller caller, Incident incident) {
        return caller.has(Roles.CLINICAL_SAFETY_OFFICER) && IncidentScope.actsAsSafetyOfficer(caller, incident,
                deployments.findById(incident.deploymentId).procurementRoute);
    }
}
