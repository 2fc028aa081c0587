package uk.nhs.incidents.reporting.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.nhs.incidents.reporting.domain.Figures;
import uk.nhs.incidents.reporting.domain.GroupKey;
import uk.nhs.incidents.reporting.domain.Grouping;
import uk.nhs.incidents.reporting.domain.ReportFilter;
import uk.nhs.incidents.reporting.domain.ReportPeriod;

/**
 * A computed report: its groups in key order, the total over all of them, and the names of the organisations
 * the keys name.
 */
public record ServiceLevelReport(ReportPeriod period, ReportFilter filter, List<Grouping> groupBy,
        Map<GroupKey, Figures> groups, Figures total, Map<String, String> names, Instant generatedAt) {
}
