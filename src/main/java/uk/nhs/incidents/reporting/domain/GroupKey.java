package uk.nhs.incidents.reporting.domain;

import java.time.YearMonth;
import java.util.Comparator;

/**
 * The values a row of a report is grouped by; a dimension the report does not group by is {@code null}. The total
 * row's key is {@link #TOTAL}.
 */
public record GroupKey(String supplier, String icb, Integer severity, YearMonth month) implements Comparable<GroupKey> {

    public static final GroupKey TOTAL = new GroupKey(null, null, null, null);

    private static final Comparator<GroupKey> ORDER = Comparator
            .comparing(GroupKey::supplier, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(GroupKey::icb, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(GroupKey::severity, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(GroupKey::month, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(GroupKey other) {
        return ORDER.compare(this, other);
    }
}
