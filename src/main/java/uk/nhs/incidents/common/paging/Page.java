package uk.nhs.incidents.common.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/** One page of a collection; {@code nextCursor} is absent on the last page. */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, when present, only
     * proves that another page follows.
     */
    public static <E, T> Page<T> of(List<E> rows, PageRequest request, Function<E, Cursor> positionOf,
            Function<E, T> toItem) {
        boolean more = rows.size() > request.limit();
        List<E> served = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? positionOf.apply(served.get(served.size() - 1)).encode() : null;
        return new Page<>(served.stream().map(toItem).toList(), next);
    }

    /** The same page with its items mapped all at once, for mappings that load data for the whole page. */
    public <R> Page<R> mapAll(Function<List<T>, List<R>> mapping) {
        return new Page<>(mapping.apply(items), nextCursor);
    }
}
