package uk.nhs.incidents.common.database;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of many rows, as an array parameter for a statement that writes them all through {@code unnest}.
 * Instants travel as ISO-8601 text, which carries its offset, so no time zone of the JVM or the session can shift
 * them; the statement casts them back ({@code cast(cast(:at as varchar[]) as timestamptz[])}).
 */
public final class ArrayParameters {

    private ArrayParameters() {
    }

    public static <T> String[] texts(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }

    public static <T> String[] instants(List<T> rows, Function<T, Instant> column) {
        return rows.stream().map(column).map(at -> Objects.toString(at, null)).toArray(String[]::new);
    }
}
