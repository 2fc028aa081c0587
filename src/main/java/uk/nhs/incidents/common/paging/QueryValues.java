package uk.nhs.incidents.common.paging;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.text.AsciiNumbers;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * Parses query parameters with a 400 naming the parameter. JAX-RS would answer 404 for an unconvertible
 * query value, which tells an integrator nothing; the parameters arrive as strings and are read here.
 */
public final class QueryValues {

    /** An organisation's ODS code, as the contract states it for query parameters. */
    public static final String ODS_CODE_PATTERN = "^[A-Z0-9]{1,9}$";
    public static final Pattern ODS_CODE = Pattern.compile(ODS_CODE_PATTERN);

    private QueryValues() {
    }

    public static Optional<Integer> integer(String name, String value, int min, int max) {
        Optional<Integer> parsed = parsed(name, value, AsciiNumbers::parseInt,
                "must be a whole number between " + min + " and " + max);
        if (parsed.isPresent() && (parsed.get() < min || parsed.get() > max)) {
            throw new InvalidInputException(name, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    public static Optional<Boolean> bool(String name, String value) {
        if (isAbsent(value)) {
            return Optional.empty();
        }
        return switch (value) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new InvalidInputException(name, "must be true or false");
        };
    }

    public static Optional<Long> id(String name, String value) {
        return parsed(name, value, AsciiNumbers::parseLong, "must be a numeric id");
    }

    public static <E extends Enum<E>> Optional<E> enumValue(String name, String value, Class<E> type) {
        return parsed(name, value, v -> Enum.valueOf(type, v),
                "must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    public static Optional<OffsetDateTime> timestamp(String name, String value) {
        Optional<OffsetDateTime> parsed = parsed(name, value, OffsetDateTime::parse,
                "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-31T09:00:00Z");
        if (parsed.isPresent() && !Timestamps.isStorable(parsed.get().toInstant())) {
            throw new InvalidInputException(name, "must be between the years 1900 and 9999");
        }
        return parsed;
    }

    public static Optional<LocalDate> date(String name, String value) {
        return parsed(name, value, LocalDate::parse, "must be a date, e.g. 2026-01-31");
    }

    /**
     * The value as {@code parser} reads it, or none when absent; a value it refuses answers 400. Taken as written, as a
     * JSON value is: {@code ?severity=%201} is no severity, where it was read as 1 while {@code ?supplier=%20X26} was
     * refused.
     */
    private static <T> Optional<T> parsed(String name, String value, Function<String, T> parser, String expected) {
        if (isAbsent(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidInputException(name, expected);
        }
    }

    /**
     * Each value of a repeated parameter, also split at commas: {@code ?severity=1,2} is
     * {@code ?severity=1&severity=2}. An empty one ({@code ?supplier=,}, {@code ?severity=1,,2}) is refused, as an
     * empty parameter is: dropped, a list of nothing but commas read as left out, the whole scope. Values are taken
     * as written, spaces included, as everywhere else.
     */
    public static List<String> each(String name, List<String> values) {
        List<String> each = values == null ? List.of()
                : values.stream().flatMap(v -> Arrays.stream(v.split(",", -1))).toList();
        if (each.contains("")) {
            throw new InvalidInputException(name, "must not hold an empty value: separate values with one comma, or "
                    + "leave the parameter out for none");
        }
        return each;
    }

    /** An organisation's ODS code: 1 to 9 capital letters and digits. */
    public static Optional<String> odsCode(String name, String value) {
        Optional<String> code = text(name, value, 9);
        if (code.isPresent() && !ODS_CODE.matcher(code.get()).matches()) {
            throw new InvalidInputException(name, "must be an ODS code: 1 to 9 capital letters and digits");
        }
        return code;
    }

    public static Optional<String> text(String name, String value, int maxLength) {
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(name, "must be at most " + maxLength + " characters");
        }
        return Optional.of(value);
    }

    /**
     * Left out. A value given is read as written, blank or not: an empty one is refused before it gets here (as a
     * parameter, {@code ParameterText}, or as one of a list's, {@link #each}).
     */
    private static boolean isAbsent(String value) {
        return value == null;
    }
}
