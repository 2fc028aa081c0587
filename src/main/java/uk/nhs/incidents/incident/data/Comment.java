package uk.nhs.incidents.incident.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One message in the conversation between the parties to an incident. */
@Entity
@Table(name = "incident_comment")
@Immutable
public class Comment {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "incident_id")
    public long incidentId;

    @Column(name = "author_user")
    public String authorUser;

    @Column(name = "author_ods")
    public String authorOrganisation;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
