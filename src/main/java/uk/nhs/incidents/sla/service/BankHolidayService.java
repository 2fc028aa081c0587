package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.data.BankHolidayFile;
import uk.nhs.incidents.sla.domain.BankHolidays;

/** Loads a newer gov.uk bank-holidays.json without a release. */
@ApplicationScoped
public class BankHolidayService {

    private final Calendars calendars;
    private final Clock clock;

    BankHolidayService(Calendars calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    @Transactional
    public BankHolidays load(String document, String division, Caller caller) {
        BankHolidays holidays;
        try {
            holidays = BankHolidays.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), division);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("body", e.getMessage());
        }
        if (holidays.lastYear() < calendars.serviceHours().holidays().lastYear()) {
            throw new UnprocessableException("body", "this file ends with " + holidays.lastYear()
                    + ", before the calendar in use (" + calendars.serviceHours().holidays().lastYear() + ")");
        }
        BankHolidayFile file = new BankHolidayFile();
        file.division = division;
        file.document = document;
        file.firstYear = holidays.firstYear();
        file.lastYear = holidays.lastYear();
        file.loadedAt = Timestamps.now(clock);
        file.loadedBy = caller.user();
        file.persist();
        calendars.use(file);
        return holidays;
    }
}
