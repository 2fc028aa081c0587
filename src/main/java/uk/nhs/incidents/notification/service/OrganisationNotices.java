package uk.nhs.incidents.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.notification.data.Notification;
import uk.nhs.incidents.notification.data.NotificationRepository;
import uk.nhs.incidents.notification.domain.NotificationEvent;
import uk.nhs.incidents.party.domain.RegisteredOrganisation;
import uk.nhs.incidents.party.service.OrganisationCache;
import uk.nhs.incidents.routing.domain.Contact;

/**
 * Emails about an organisation's own arrangements rather than an incident: that the service disabled one of its
 * webhooks. Written to the outbox in the transaction that decided it, at the organisation's incident mailbox, and
 * sent by the dispatcher like every other notification (without a mailbox, written failed for an admin to retry).
 */
@ApplicationScoped
public class OrganisationNotices {

    private final NotificationRepository notifications;
    private final OrganisationCache organisations;
    private final MessageComposer composer;

    OrganisationNotices(NotificationRepository notifications, OrganisationCache organisations,
            MessageComposer composer) {
        this.notifications = notifications;
        this.organisations = organisations;
        this.composer = composer;
    }

    public void webhookDisabled(String organisation, long subscriptionId, String url, String why, Instant now) {
        Message message = composer.webhookDisabled(subscriptionId, url, why);
        Notification notification = new Notification();
        notification.event = NotificationEvent.WEBHOOK_DISABLED.name();
        notification.recipientOrganisation = organisation;
        notification.recipientContact = Contact.INCIDENT.name();
        notification.addressTo(Optional.ofNullable(organisations.byCode(List.of(organisation)).get(organisation))
                .map(RegisteredOrganisation::incidentMailbox).orElse(null), organisation);
        notification.subject = message.subject();
        notification.message = message.json();
        notification.nextAttemptAt = now;
        notification.createdAt = now;
        notifications.insertAll(List.of(notification));
    }
}
