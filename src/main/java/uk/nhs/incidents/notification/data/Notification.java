package uk.nhs.incidents.notification.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;
import uk.nhs.incidents.notification.domain.NotificationEvent;

/**
 * One email to one recipient about one recorded change, or about an organisation's disabled webhook: the outbox
 * row and, once sent, the ledger entry. Written by {@link NotificationRepository#insertAll}; a change to a loaded one
 * (an admin's retry) updates only the columns it changes.
 */
@Entity
@DynamicUpdate
public class Notification {

    @Id
    @GeneratedValue
    public Long id;

    /** Where a notification stands. */
    public enum Status {
        PENDING,
        SENT,
        FAILED
    }

    /** The incident and the history entry of the change; neither for a notice about no incident (a disabled webhook). */
    @Column(name = "incident_id")
    public Long incidentId;

    @Column(name = "history_id")
    public Long historyId;

    /** When the incident was raised: its emails' conversation is named by it (Thread-Index). */
    @Column(name = "incident_raised_at")
    public Instant incidentRaisedAt;

    /** A {@link NotificationEvent}'s name; read as text, so rows written by earlier versions always read. */
    public String event;

    @Column(name = "recipient_ods")
    public String recipientOrganisation;

    /** The start of the error of a notification written failed because its organisation has no mailbox. */
    public static final String NO_MAILBOX = "No mailbox registered for ";

    /** Which of the organisation's mailboxes it is meant for: INCIDENT or CSO. */
    @Column(name = "recipient_contact")
    public String recipientContact;

    /** {@code null} when the organisation had no usable mailbox; a retry looks for one again. */
    @Column(name = "recipient_email")
    public String recipientEmail;

    public String subject;

    /**
     * What the email says, as of the change, as JSON, kept as text (V27): rendered when it is sent. Rows written
     * before V14 have none, but their rendered bodies, which only the dispatcher reads (so they are not mapped here).
     */
    public String message;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "created_at")
    public Instant createdAt;

    /**
     * Addresses a new notification to {@code email}, pending; without one (its organisation has no usable mailbox),
     * written failed with the reason, for an admin to retry once a mailbox is registered.
     */
    public void addressTo(String email, String organisation) {
        recipientEmail = email;
        if (email == null) {
            status = Status.FAILED;
            lastError = NO_MAILBOX + organisation;
        } else {
            status = Status.PENDING;
        }
    }
}
