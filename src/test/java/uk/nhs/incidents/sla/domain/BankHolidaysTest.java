package uk.nhs.incidents.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BankHolidaysTest {

    private static BankHolidays shipped() {
        return BankHolidays.parse(BankHolidaysTest.class.getClassLoader()
                .getResourceAsStream("calendar/bank-holidays.json"), BankHolidays.ENGLAND_AND_WALES);
    }

    @Test
    void theShippedFileCoversTwentyNineteenToTwentyTwentyEightWithItsOneOffDays() {
        BankHolidays holidays = shipped();
        assertThat(holidays.firstYear()).isEqualTo(2019);
        assertThat(holidays.lastYear()).isEqualTo(2028);
        assertThat(holidays.isHoliday(LocalDate.of(2023, 5, 8))).as("coronation").isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(2022, 9, 19))).as("state funeral").isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(2020, 5, 8))).as("VE day").isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(2020, 5, 4))).as("moved early May").isFalse();
    }

    @Test
    void anotherDivisionOrAnotherFormatIsRefused() {
        assertThatThrownBy(() -> BankHolidays.parse(BankHolidaysTest.class.getClassLoader()
                .getResourceAsStream("calendar/bank-holidays.json"), "scotland")).hasMessageContaining("scotland");
        assertThatThrownBy(() -> BankHolidays.parse(new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)),
                BankHolidays.ENGLAND_AND_WALES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BankHolidays.parse(new ByteArrayInputStream(
                "{\"england-and-wales\":{\"events\":[{\"date\":\"31/12/2029\"}]}}".getBytes(StandardCharsets.UTF_8)),
                BankHolidays.ENGLAND_AND_WALES)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A file offered now is one JSON value with no key twice; one stored before that rule is still read. */
    @Test
    void aFileOfferedGivingADivisionTwiceOrMoreThanOneValueIsRefusedThoughOneStoredIsRead() {
        String twice = "{\"england-and-wales\":{\"events\":[{\"date\":\"2026-12-25\"}]},"
                + "\"england-and-wales\":{\"events\":[{\"date\":\"2026-12-28\"}]}}";
        assertThatThrownBy(() -> BankHolidays.parseOffered(twice.getBytes(StandardCharsets.UTF_8),
                BankHolidays.ENGLAND_AND_WALES)).as("a division given twice")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("england-and-wales");
        String trailing = "{\"england-and-wales\":{\"events\":[{\"date\":\"2026-12-25\"}]}} []";
        assertThatThrownBy(() -> BankHolidays.parseOffered(trailing.getBytes(StandardCharsets.UTF_8),
                BankHolidays.ENGLAND_AND_WALES)).as("a second value").isInstanceOf(IllegalArgumentException.class);
        assertThat(BankHolidays.parse(new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)),
                BankHolidays.ENGLAND_AND_WALES).isHoliday(LocalDate.of(2026, 12, 28))).as("as stored").isTrue();
    }

    @Test
    void aFileWithADateFarFromTodayOrWithoutTheCurrentYearIsUnfit() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        assertThat(shipped().unfitOn(today, 10)).isEmpty();
        assertThat(holidays("+99999-01-01").unfitOn(today, 10)).containsExactly(
                "it lists +99999-01-01, more than 10 years after today",
                "it does not cover the current year 2026 (it covers 99999 to 99999)");
        assertThat(holidays("2015-12-25", "2026-12-25").unfitOn(today, 10))
                .containsExactly("it lists 2015-12-25, more than 10 years before today");
        assertThat(holidays("2027-01-01").unfitOn(today, 10))
                .containsExactly("it does not cover the current year 2026 (it covers 2027 to 2027)");
    }

    /** A file that skips a year would make every holiday of that year a working day: today's year most of all. */
    @Test
    void aFileWithAYearWithoutHolidaysBetweenItsFirstAndLastIsUnfit() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        BankHolidays skipping = holidays("2025-12-25", "2027-01-01", "2029-01-01");
        assertThat(skipping.unfitOn(today, 10)).containsExactly(
                "it lists no holiday in 2026, between its first year 2025 and its last 2029",
                "it lists no holiday in 2028, between its first year 2025 and its last 2029");
        assertThat(skipping.covers(2026)).as("the year is within its range, yet no holiday of it is known").isFalse();
        assertThat(skipping.covers(2027)).isTrue();
        assertThat(shipped().covers(2026)).isTrue();
    }

    @Test
    void theDaysTwoListsDifferOnAreThoseEitherAloneCallsAHoliday() {
        BankHolidays before = holidays("2026-12-25", "2026-12-28", "2027-01-01");
        BankHolidays after = holidays("2026-12-25", "2026-12-31", "2027-01-01", "2027-04-02");
        assertThat(after.differingFrom(before)).map(LocalDate::toString)
                .containsExactly("2026-12-28", "2026-12-31", "2027-04-02");
        assertThat(before.differingFrom(after)).isEqualTo(after.differingFrom(before));
        assertThat(shipped().differingFrom(shipped())).isEmpty();
    }

    private static BankHolidays holidays(String... dates) {
        return new BankHolidays(Arrays.stream(dates).map(LocalDate::parse)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
