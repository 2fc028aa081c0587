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

    /** The address to connect to: the first the host resolves to, once all of them are found acceptable. */
    InetAddress resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + host + " does not resolve");
        }
        if (!config.allowPrivateTargets()) {
            Arrays.stream(addresses).filter(a -> !AddressGuard.isPublic(a)).findFirst().ifPresent(a -> {
                // The address stays in the log: told to the caller, names tried one by one would map the network
                // the service runs in.
                LOG.warnf("Webhook target host %s refused: it resolves to %s", LogText.of(host), a.getHostAddress());
                throw new RefusedTarget("the host " + host + " resolves to an address that is not a public internet "
                        + "address");
            });
        }
        return addresses[0];
    }
}
