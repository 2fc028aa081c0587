package uk.nhs.incidents.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
}
