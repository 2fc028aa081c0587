package uk.nhs.incidents.notification.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import uk.nhs.incidents.notification.domain.LinkTemplate;
import uk.nhs.incidents.notification.domain.MailThread;

/**
 * Where emails link to and how they thread, built from {@code incidents.notifications} as the service starts: a
 * template or domain that is not one stops the start with the setting named, instead of failing every email.
 */
@ApplicationScoped
class MailSettingsProducer {

    static final String LINK_TEMPLATE = "incidents.notifications.link-template";
    static final String BASE_URL = "incidents.notifications.base-url";
    static final String MESSAGE_ID_DOMAIN = "incidents.notifications.message-id-domain";

    @Produces
    @Singleton
    @Startup
    LinkTemplate linkTemplate(NotificationConfig config) {
        return link(config.linkTemplate(), config.baseUrl());
    }

    @Produces
    @Singleton
    @Startup
    MailThread thread(NotificationConfig config, LinkTemplate link) {
        return thread(config.messageIdDomain(), link);
    }

    /** The portal's template, or where none is set the service's own URL of an incident. */
    static LinkTemplate link(Optional<String> template, String baseUrl) {
        try {
            return LinkTemplate.of(template.orElse(baseUrl + "/api/v1/incidents/{id}"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException((template.isPresent() ? LINK_TEMPLATE : BASE_URL) + ": " + e.getMessage(),
                    e);
        }
    }

    static MailThread thread(Optional<String> domain, LinkTemplate link) {
        try {
            return new MailThread(domain.orElse(link.host()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(MESSAGE_ID_DOMAIN + ": " + e.getMessage(), e);
        }
    }
}
