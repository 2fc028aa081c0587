package uk.nhs.incidents.sla.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import uk.nhs.incidents.sla.domain.BankHolidays;
import uk.nhs.incidents.sla.domain.ServiceHours;
import uk.nhs.incidents.sla.domain.TwentyFourSeven;

/** The calendars the service counts time in, built from the shipped England and Wales bank holidays. */
@ApplicationScoped
public class Calendars {

    static final String DEFAULT_HOLIDAYS = "calendar/bank-holidays.json";

    private final TwentyFourSeven twentyFourSeven = new TwentyFourSeven();
    private volatile ServiceHours serviceHours;

    @PostConstruct
    void load() {
        try (InputStream json = Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFAULT_HOLIDAYS)) {
            if (json == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_HOLIDAYS);
            }
            serviceHours = ServiceHours.englandAndWales(BankHolidays.parse(json, BankHolidays.ENGLAND_AND_WALES));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_HOLIDAYS, e);
        }
    }

    public ServiceHours serviceHours() {
        return serviceHours;
    }

    public TwentyFourSeven twentyFourSeven() {
        return twentyFourSeven;
    }
}
