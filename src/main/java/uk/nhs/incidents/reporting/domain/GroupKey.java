package uk.nhs.incidents.reporting.domain;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The values a row of a report is grouped by; a dimension the report does not group by is {@code null}, as is the
 * resolution code of what is not a resolution. The total row's key is {@link #TOTAL}, told from a group whose every
 * key is null (what is not a resolution, grouped by resolution code alone).
 */
public record GroupKey(boolean total, String supplier, String icb, Integer severity, YearMonth month,
        String resolutionCode) {

    public static final GroupKey TOTAL = new GroupKey(true, null, null, null, null, null);

    /** A group's key. */
    public static GroupKey of(String supplier, String icb, Integer severity, YearMonth month, String resolutionCode) {
        return new GroupKey(false, supplier, icb, severity, month, resolutionCode);
    }

    /** Orders keys by the dimensions in the order the report groups by them; the total first. */
    public static Comparator<GroupKey> inOrderOf(List<Grouping> groupBy) {
        Comparator<GroupKey> order = Comparator.comparing(key -> !key.total());
        for (Grouping grouping : groupBy) {
            order = order.thenComparing(switch (grouping) {
                case SUPPLIER -> nullsFirst(GroupKey::supplier);
                case ICB -> nullsFirst(GroupKey::icb);
                case SEVERITY -> nullsFirst(GroupKey::severity);
                case MONTH -> nullsFirst(GroupKey::month);
                case RESOLUTION_CODE -> nullsFirst(GroupKey::resolutionCode);
            });
        }
        return order;
    }

    private static <T extends Comparable<T>> Comparator<GroupKey> nullsFirst(Function<GroupKey, T> value) {
        return Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
