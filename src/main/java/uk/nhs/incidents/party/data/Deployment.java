package uk.nhs.incidents.party.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;

/** One supplier's system at one provider or practice; every incident is about exactly one. */
@Entity
public class Deployment {

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "system_name")
    public String systemName;

    @Column(name = "supplier_ods")
    public String supplier;

    /** The provider or GP practice that uses the system. */
    @Column(name = "provider_ods")
    public String provider;

    @Column(name = "icb_ods")
    public String icb;

    @Enumerated(EnumType.STRING)
    public Programme programme;

    @Enumerated(EnumType.STRING)
    @Column(name = "procurement_route")
    public ProcurementRoute procurementRoute;

    @Column(name = "icb_support_agreed")
    public boolean icbSupportAgreed;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean involves(String odsCode) {
        return odsCode.equals(supplier) || odsCode.equals(provider) || odsCode.equals(icb);
    }
}
