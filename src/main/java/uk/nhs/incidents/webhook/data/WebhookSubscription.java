package uk.nhs.incidents.webhook.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An organisation's webhook: where its events go, which ones, and the (sealed) secrets that sign them. */
@Entity
@Table(name = "webhook_subscription")
@DynamicUpdate
public class WebhookSubscription {

    @Id
    @GeneratedValue
    public Long id;

    /** The ODS code of the organisation whose integration receives the events, as that organisation may read them. */
    public String organisation;

    public String url;

    /** Event names, or {@code ["*"]}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> events;

    /** The signing secret, sealed (SecretSeal). */
    public String secret;

    /** The secret before the last rotation, sealed, signing beside the new one until it expires. */
    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "failing_since")
    public Instant failingSince;

    /** The last failed attempt: a later failure after a longer silence than any retry waits fails afresh. */
    @Column(name = "last_failed_at")
    public Instant lastFailedAt;

    @Column(name = "last_delivered_at")
    public Instant lastDeliveredAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    public boolean isEnabled() {
        return disabledAt == null;
    }
}
