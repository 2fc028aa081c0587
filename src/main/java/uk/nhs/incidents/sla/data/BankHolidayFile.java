package uk.nhs.incidents.sla.data;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A gov.uk bank-holidays.json an admin loaded; the newest replaces the one shipped with the service. */
@Entity
@Table(name = "bank_holiday_file")
public class BankHolidayFile extends PanacheEntity {

    public String division;

    public String document;

    @Column(name = "first_year")
    public int firstYear;

    @Column(name = "last_year")
    public int lastYear;

    @Column(name = "loaded_at")
    public Instant loadedAt;

    @Column(name = "loaded_by")
    public String loadedBy;

    public static Optional<BankHolidayFile> newest() {
        return find("order by loadedAt desc, id desc").firstResultOptional();
    }
}
