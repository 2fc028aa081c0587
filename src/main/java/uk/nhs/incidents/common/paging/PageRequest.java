package uk.nhs.incidents.common.paging;

import java.util.Optional;

/** {@code limit} and {@code cursor} as the API contract fixes them (docs/domain.md): 1 to 200 items, 50 unless asked. */
public record PageRequest(int limit, Optional<Cursor> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        int size = QueryValues.integer("limit", limit, 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Optional<Cursor> after = cursor == null || cursor.isBlank() ? Optional.empty() : Optional.of(Cursor.decode(cursor));
        return new PageRequest(size, after);
    }

    /** Reads one more row than asked, so the page knows whether another follows without a count query. */
    public int fetchSize() {
        return limit + 1;
    }
}
