package uk.nhs.incidents.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceLevelReportCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx"})
    void namesASpreadsheetWouldRunAsFormulasAreWrittenAsText(String name) {
        assertThat(ServiceLevelReportCsv.inert(name)).isEqualTo("'" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme Health Systems", "NHS North, Central & East ICB"})
    void ordinaryNamesAreUnchanged(String name) {
        assertThat(ServiceLevelReportCsv.inert(name)).isEqualTo(name);
    }
}
