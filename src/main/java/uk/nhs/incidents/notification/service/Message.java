package uk.nhs.incidents.notification.service;

/** What one email says; rendered by the plain-text and HTML templates under templates/notification. */
public record Message(String subject, String heading, String reference, String title, int severity, String phase,
        String deployment, String happened, String ask, String triageDue, String resolutionDue, String link) {
}
