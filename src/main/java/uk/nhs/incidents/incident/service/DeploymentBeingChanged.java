package uk.nhs.incidents.incident.service;

import java.time.Duration;
import uk.nhs.incidents.common.problem.UnavailableException;

/**
 * A raise found its deployment held by an admin's edit, which moves the deployment's open incidents; the raise
 * waits for it (see {@link RaiseService}), and answers this when the edit outlasts the wait.
 */
public class DeploymentBeingChanged extends UnavailableException {

    /** An edit moves its deployment's open incidents in one transaction: seconds, for the largest deployments. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    DeploymentBeingChanged(long deploymentId) {
        super("deployment-being-changed", "Deployment being changed", "Deployment " + deploymentId
                + " is being changed and its open incidents moved; raise again after the time given in Retry-After.",
                RETRY_AFTER);
    }
}
