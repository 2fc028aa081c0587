package uk.nhs.incidents.webhook.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.webhook.domain.AddressGuard;

/**
 * Resolves a target's host and refuses it unless every address it resolves to is public (AddressGuard), unless
 * {@code incidents.webhooks.allow-private-targets} allows them (dev and test only). Asked at registration and again
 * before each attempt, as a name may later resolve elsewhere; the attempt then connects to the address checked,
 * never resolving the name a second time.
 */
@ApplicationScoped
class TargetAddresses {

    /** A host the service will not send to, and why. */
    static class RefusedTarget extends RuntimeException {

        RefusedTarget(String message) {
            super(message);
        }
    }

    private static final Logger LOG = Logger.getLogger(TargetAddresses.class);

    private final WebhookConfig config;

    TargetAddresses(WebhookConfig config) {
        this.config = config;
    }

    /**
     * The address to connect to: the first the host resolves to, once all of them are found acceptable. A name that
     * does not resolve and one that resolves inside are refused in the same words, the reason going to the log:
     * told apart to the caller, names tried one by one would tell which exist in the network the service runs in,
     * and where.
     */
    InetAddress resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            LOG.warnf("Webhook target host %s refused: it does not resolve", LogText.of(host));
            throw refused(host);
        }
        if (!config.allowPrivateTargets()) {
            Arrays.stream(addresses).filter(a -> !AddressGuard.isPublic(a)).findFirst().ifPresent(a -> {
                LOG.warnf("Webhook target host %s refused: it resolves to %s", LogText.of(host), a.getHostAddress());
                throw refused(host);
            });
        }
        return addresses[0];
    }

    private static RefusedTarget refused(String host) {
        return new RefusedTarget("the host " + host + " does not resolve to a public internet address");
    }
}
