package uk.nhs.incidents.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.InvalidInputException;

class ReportPeriodTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 15);

    @Test
    void daysBeginAndEndAtLondonMidnightAcrossTheClockChange() {
        ReportPeriod period = ReportPeriod.of(Optional.of(LocalDate.of(2026, 3, 1)),
                Optional.of(LocalDate.of(2026, 4, 30)), TODAY, LONDON);
        assertThat(period.start()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(period.end()).as("midnight BST").isEqualTo(Instant.parse("2026-04-30T23:00:00Z"));
    }

    @Test
    void byDefaultTheCurrentMonthToDate() {
        ReportPeriod period = ReportPeriod.of(Optional.empty(), Optional.empty(), TODAY, LONDON);
        assertThat(period.from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(period.to()).isEqualTo(TODAY);
    }

    @Test
    void aGivenEndDefaultsTheStartToItsMonth() {
        ReportPeriod period = ReportPeriod.of(Optional.empty(), Optional.of(LocalDate.of(2025, 2, 28)), TODAY, LONDON);
        assertThat(period.from()).isEqualTo(LocalDate.of(2025, 2, 1));
    }

    @Test
    void aStartAfterTheEndIsRefused() {
        assertThatThrownBy(() -> ReportPeriod.of(Optional.of(TODAY.plusDays(1)), Optional.of(TODAY), TODAY, LONDON))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void yearsOutsideWhatTheRecordCanHoldAreRefused() {
        assertThatThrownBy(() -> ReportPeriod.of(Optional.of(LocalDate.of(1, 1, 1)), Optional.of(TODAY), TODAY, LONDON))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ReportPeriod.of(Optional.empty(), Optional.of(LocalDate.of(9999, 12, 31)), TODAY,
                LONDON)).isInstanceOf(InvalidInputException.class);
    }

    /** The start a request left to default is not the field it is told to mend. */
    @Test
    void anEndOutOfRangeIsNamedWhenTheStartWasLeftToDefault() {
        assertThatThrownBy(() -> ReportPeriod.of(Optional.empty(), Optional.of(LocalDate.of(1999, 12, 31)), TODAY,
                LONDON)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("to"));
    }

    @Test
    void bothDatesOutOfRangeAreEachNamed() {
        assertThatThrownBy(() -> ReportPeriod.of(Optional.of(LocalDate.of(1999, 1, 1)),
                Optional.of(LocalDate.of(9999, 1, 1)), TODAY, LONDON))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("from", "to"));
    }
}
