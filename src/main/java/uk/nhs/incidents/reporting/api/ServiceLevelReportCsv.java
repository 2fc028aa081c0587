package uk.nhs.incidents.reporting.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.reporting.api.ServiceLevelReportResponse.ClockOutcomes;
import uk.nhs.incidents.reporting.api.ServiceLevelReportResponse.FiguresResponse;
import uk.nhs.incidents.reporting.api.ServiceLevelReportResponse.Group;
import uk.nhs.incidents.reporting.api.ServiceLevelReportResponse.Party;
import uk.nhs.incidents.reporting.domain.WaitedOn;

/**
 * The report as CSV for the spreadsheets of contract meetings: a header, one line per group, and a last line
 * {@code total}. The same figures as the JSON, with the paused time in one column per party waited on.
 */
final class ServiceLevelReportCsv {

    // Quotes only where a value needs them (Jackson's quick check quotes every long header too).
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private ServiceLevelReportCsv() {
    }

    static String write(ServiceLevelReportResponse report) {
        List<Map<String, Object>> lines = new ArrayList<>();
        report.groups().forEach(group -> lines.add(line("group", group, report.groupBy())));
        lines.add(line("total", new Group(null, null, null, null, null, report.total()), report.groupBy()));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        lines.get(0).keySet().forEach(schema::addColumn);
        try {
            return MAPPER.writer(schema.build()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report as CSV", e);
        }
    }

    private static Map<String, Object> line(String kind, Group group, List<String> groupBy) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("row", kind);
        for (String dimension : groupBy) {
            switch (dimension) {
                case "supplier" -> party(line, "supplier", group.supplier());
                case "icb" -> party(line, "icb", group.icb());
                case "severity" -> line.put("severity", group.severity());
                case "resolutionCode" -> line.put("resolution_code", group.resolutionCode());
                default -> line.put("month", group.month());
            }
        }
        FiguresResponse figures = group.figures();
        line.put("raised", figures.raised());
        line.put("resolved", figures.resolved());
        outcomes(line, "triage", figures.triage());
        outcomes(line, "resolution", figures.resolution());
        line.put("reopened", figures.reopened());
        line.put("paused_seconds", figures.paused().totalSeconds());
        WaitedOn.ALL.forEach(on -> line.put("paused_on_" + on.toLowerCase() + "_seconds",
                figures.paused().byParty().getOrDefault(on, 0L)));
        line.put("open", figures.open());
        line.put("at_risk", figures.atRisk());
        line.put("open_breached", figures.openBreached());
        return line;
    }

    private static void party(Map<String, Object> line, String column, Party party) {
        line.put(column, party == null ? null : party.odsCode());
        line.put(column + "_name", party == null ? null : inert(party.name()));
    }

    private static void outcomes(Map<String, Object> line, String clock, ClockOutcomes outcomes) {
        line.put(clock + "_met", outcomes.met());
        line.put(clock + "_breached", outcomes.breached());
        line.put(clock + "_met_percent", outcomes.metPercent());
        line.put(clock + "_median_seconds", outcomes.medianSeconds());
        line.put(clock + "_p90_seconds", outcomes.p90Seconds());
    }

    /** A name a spreadsheet would run as a formula is written as text (OWASP CSV injection). */
    static String inert(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
