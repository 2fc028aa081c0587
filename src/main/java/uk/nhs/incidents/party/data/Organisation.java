package uk.nhs.incidents.party.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.incidents.party.domain.OrganisationType;

@Entity
public class Organisation {

    @Id
    @Column(name = "ods_code")
    public String odsCode;

    public String name;

    @Enumerated(EnumType.STRING)
    public OrganisationType type;

    @Column(name = "incident_mailbox")
    public String incidentMailbox;

    @Column(name = "cso_mailbox")
    public String csoMailbox;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
