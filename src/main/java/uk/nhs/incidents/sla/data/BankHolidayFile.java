package uk.nhs.incidents.sla.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A gov.uk bank-holidays.json an admin loaded; the newest replaces the one shipped with the service. */
@Entity
@Table(name = "bank_holiday_file")
public class BankHolidayFile {

    @Id
    @GeneratedValue
    public Long id;

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
}
