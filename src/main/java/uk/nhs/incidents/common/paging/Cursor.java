package uk.nhs.incidents.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.text.AsciiNumbers;
import uk.nhs.incidents.common.text.StrictUtf8;
import uk.nhs.incidents.common.text.TextRules;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * A keyset position: the sort-key values of the last item served. Opaque to clients, so the order can change
 * without breaking them; a cursor that does not decode is the client's error (400), never ours.
 */
public final class Cursor {

    private static final String PARAMETER = "cursor";
    private static final String SEPARATOR = "\u001f";

    private final List<String> values;

    private Cursor(List<String> values) {
        this.values = List.copyOf(values);
    }

    public static Cursor of(Object... values) {
        return new Cursor(java.util.Arrays.stream(values).map(Object::toString).toList());
    }

    public static Cursor decode(String token) {
        try {
            String raw = StrictUtf8.decode(Base64.getUrlDecoder().decode(token)).orElseThrow(Cursor::invalid);
            List<String> values = List.of(raw.split(Pattern.quote(SEPARATOR), -1));
            if (values.stream().anyMatch(value -> TextRules.problem(value, false).isPresent())) {
                throw invalid();
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, values).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a list ordered by a time and then id, the shape most lists' cursors have. */
    public record TimeAndId(Instant time, long id) {
    }

    /** The position of a list ordered by an optional time (empty first or last, as the list says) and then id. */
    public record OptionalTimeAndId(Optional<Instant> time, long id) {
    }

    public TimeAndId timeAndId() {
        sized(2);
        return new TimeAndId(instant(values.get(0)), number(values.get(1)));
    }

    public OptionalTimeAndId optionalTimeAndId() {
        sized(2);
        String time = values.get(0);
        return new OptionalTimeAndId(time.isEmpty() ? Optional.empty() : Optional.of(instant(time)),
                number(values.get(1)));
    }

    /** The cursor's one value, an id. */
    public long id() {
        sized(1);
        return number(values.get(0));
    }

    /** The cursor's one value, which has the {@code shape} of every value this service puts in such a cursor. */
    public String only(Pattern shape) {
        sized(1);
        if (!shape.matcher(values.get(0)).matches()) {
            throw invalid();
        }
        return values.get(0);
    }

    /** A cursor with more or fewer values than the list puts in one was made or changed by someone else. */
    private void sized(int count) {
        if (values.size() != count) {
            throw invalid();
        }
    }

    private static Instant instant(String value) {
        try {
            Instant instant = Instant.parse(value);
            if (!Timestamps.isStorable(instant)) {
                throw invalid();
            }
            return instant;
        } catch (DateTimeException e) {
            throw invalid();
        }
    }

    private static long number(String value) {
        try {
            return AsciiNumbers.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException(PARAMETER, "is not a cursor this service issued");
    }
}
