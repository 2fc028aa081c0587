package uk.nhs.incidents.major.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One update posted on a major incident, for everyone involved; written once. */
@Entity
@Table(name = "major_incident_update")
@Immutable
public class MajorIncidentUpdate {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "major_incident_id")
    public long majorIncidentId;

    @Column(name = "author_user")
    public String authorUser;

    @Column(name = "author_ods")
    public String authorOrganisation;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;
}
