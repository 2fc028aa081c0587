package uk.nhs.incidents.reporting.domain;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The values a row of a report is grouped by; a dimension the report does not group by is {@code null}. The total
 * row's key is {@link #TOTAL}.
 */
public record GroupKey(String supplier, String icb, Integer severity, YearMonth month) {

    public static final GroupKey TOTAL = new GroupKey(null, null, null, null);

    /** Orders keys by the dimensions in the order the report groups by them; the total first. */
    public static Comparator<GroupKey> inOrderOf(List<Grouping> groupBy) {
        Comparator<GroupKey> order = (a, b) -> 0;
        for (Grouping grouping : groupBy) {
            order = order.thenComparing(switch (grouping) {
                case SUPPLIER -> nullsFirst(GroupKey::supplier);
                case ICB -> nullsFirst(GroupKey::icb);
                case SEVERITY -> nullsFirst(GroupKey::severity);
                case MONTH -> nullsFirst(GroupKey::month);
            });
        }
        return order;
    }

    private static <T extends Comparable<T>> Comparator<GroupKey> nullsFirst(Function<GroupKey, T> value) {
        return Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
