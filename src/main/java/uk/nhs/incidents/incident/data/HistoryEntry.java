package uk.nhs.incidents.incident.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import uk.nhs.incidents.incident.domain.HistoryAction;

/** One change to an incident: who, when, what (field, from, to) and why. Append-only in the database too. */
@Entity
@Table(name = "incident_history")
@Immutable
public class HistoryEntry {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "incident_id")
    public long incidentId;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "actor_user")
    public String actorUser;

    @Column(name = "actor_ods")
    public String actorOrganisation;

    @Enumerated(EnumType.STRING)
    public HistoryAction action;

    public String field;

    @Column(name = "from_value")
    public String fromValue;

    @Column(name = "to_value")
    public String toValue;

    public String reason;

    /**
     * Not stored: an organisation to tell of the change whether the incident's routing names it or not (the one that
     * added evidence whose content is removed).
     */
    @Transient
    public String toldToo;
}
