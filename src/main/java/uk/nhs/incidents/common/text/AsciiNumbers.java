package uk.nhs.incidents.common.text;

/**
 * Whole numbers as this API writes them: in ASCII digits. Java's own parsers ({@link Long#parseLong}, {@link
 * Integer#parseInt}) also read the decimal digits of every other script, so that {@code ?limit=٢} or {@code
 * /incidents/５} were taken as 2 and 5: a value no client means as a number here, and a path that a gateway's rule for
 * {@code /incidents/5} does not match.
 */
public final class AsciiNumbers {

    private AsciiNumbers() {
    }

    /** As {@link Long#parseLong}, refusing any digit outside 0-9. */
    public static long parseLong(String text) {
        return Long.parseLong(checked(text));
    }

    /** As {@link Integer#parseInt}, refusing any digit outside 0-9. */
    public static int parseInt(String text) {
        return Integer.parseInt(checked(text));
    }

    /** Whether {@code text} is one or more of the digits 0-9 and nothing else. */
    public static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Whether {@code text} holds a decimal digit of a script other than ASCII's. */
    public static boolean hasOtherDigits(String text) {
        return text.codePoints().anyMatch(c -> c > '9' && Character.isDigit(c));
    }

    private static String checked(String text) {
        if (hasOtherDigits(text)) {
            throw new NumberFormatException("Not in ASCII digits: " + text);
        }
        return text;
    }
}
