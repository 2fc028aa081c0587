package uk.nhs.incidents.party.service;

import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.security.Caller;

/**
 * Fired inside the transaction that changed a deployment's parties, so that features holding copies of them
 * (incidents keep them for indexed, scoped lists) update in the same commit.
 */
public record DeploymentChanged(Deployment deployment, Caller changedBy) {
}
