package uk.nhs.incidents.incident.data;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One message in the conversation between the parties to an incident. */
@Entity
@Table(name = "incident_comment")
@Immutable
public class Comment extends PanacheEntity {

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
