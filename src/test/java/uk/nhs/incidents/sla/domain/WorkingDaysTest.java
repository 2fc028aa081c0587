package uk.nhs.incidents.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {

    private static ServiceHours calendar() {
        InputStream json = WorkingDaysTest.class.getClassLoader().getResourceAsStream("calendar/bank-holidays.json");
        return ServiceHours.englandAndWales(BankHolidays.parse(json, BankHolidays.ENGLAND_AND_WALES));
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            // Monday 10:00 GMT -> the next Monday
            "2026-11-16T10:00:00Z, 5, 2026-11-23T10:00:00Z",
            // Tuesday before Christmas: 25, 26 (Saturday), 28 (substitute Boxing Day) and weekends skipped
            "2026-12-22T15:00:00Z, 5, 2026-12-31T15:00:00Z",
            // Thursday before Easter 2026: Good Friday 3 April and Easter Monday 6 April skipped
            "2026-04-02T09:00:00Z, 1, 2026-04-07T09:00:00Z",
            // Resolved on a Saturday: counting starts on Monday
            "2026-11-21T12:00:00Z, 1, 2026-11-23T12:00:00Z",
            // Across the October clock change the local time of day is kept (11:00 BST -> 11:00 GMT)
            "2026-10-23T10:00:00Z, 5, 2026-10-30T11:00:00Z"})
    void workingDaysSkipWeekendsAndBankHolidaysAndKeepTheLocalTime(String start, int days, String expected) {
        assertThat(calendar().plusWorkingDays(Instant.parse(start), days)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0} + {1} working days of service = {2}")
    @CsvSource({
            // Monday 10:00 GMT, in service hours: the same time of day ten working days later
            "2026-11-16T10:00:00Z, 10, 2026-11-30T10:00:00Z",
            // Saturday 10:00: nothing counts until Monday 08:00, so not on the second Friday at 10:00
            "2026-11-21T10:00:00Z, 10, 2026-12-07T08:00:00Z",
            // Monday 19:00, after closing: from Tuesday's opening
            "2026-11-16T19:00:00Z, 1, 2026-11-18T08:00:00Z",
            // Monday 07:00, before opening: from that morning's opening
            "2026-11-16T07:00:00Z, 1, 2026-11-17T08:00:00Z",
            // Thursday before Easter 2026, evening: Good Friday and Easter Monday closed, so from Tuesday 08:00 BST
            "2026-04-02T18:30:00Z, 1, 2026-04-08T07:00:00Z"})
    void workingDaysOfServiceCountFromTheNextOpeningOutsideServiceHours(String start, int days, String expected) {
        assertThat(calendar().plusWorkingDaysOfService(Instant.parse(start), days))
                .isEqualTo(Instant.parse(expected));
    }
}
