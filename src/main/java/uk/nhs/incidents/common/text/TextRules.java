package uk.nhs.incidents.common.text;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule every text input obeys, whatever field or parameter carries it: no control characters (PostgreSQL
 * refuses NUL, and line breaks in a title end up in email headers and log lines), no unpaired UTF-16 surrogates,
 * and, when given at all, at least one visible character. Multi-line text (descriptions, comments, reasons) may
 * also hold tabs and line breaks.
 */
public final class TextRules {

    /** Letters that render as nothing (Hangul fillers, the blank Braille pattern), which {@link Character} counts as visible. */
    private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0);

    /** Text without a Unicode bidirectional control, as a regular expression (see {@link #hasBidiControl}). */
    private static final String NO_BIDI_CONTROLS = "^[^\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*$";

    /**
     * Text without an invisible format character (category Cf: the bidirectional controls, zero-width spaces and
     * joiners, the byte order mark), as a regular expression, for a reference looked up elsewhere as it is shown.
     */
    public static final String NO_FORMAT_CHARACTERS = "^\\P{Cf}*$";
    private static final Pattern NO_BIDI_CONTROL = Pattern.compile(NO_BIDI_CONTROLS);

    private TextRules() {
    }

    /** What is wrong with the text, or nothing when it is acceptable. */
    public static Optional<String> problem(String text, boolean multiLine) {
        boolean visible = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return Optional.of("must not contain an unpaired surrogate (invalid UTF-16) at position " + i);
                }
                visible |= isVisible(text.codePointAt(i));
                i++;
            } else if (isControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return Optional.of((multiLine ? "must not contain control characters other than tab and line breaks"
                        : "must be a single line without control characters") + " (U+%04X at position %d)"
                        .formatted((int) c, i));
            } else {
                visible |= isVisible(c);
            }
        }
        return visible || text.isEmpty() ? Optional.empty() : Optional.of("must contain a visible character");
    }

    /**
     * Whether the text holds a Unicode bidirectional control (embeddings, overrides, isolates and the invisible
     * direction marks), which make text display in another order than it is stored: fine in prose, not in a name
     * that says who did what.
     */
    public static boolean hasBidiControl(String text) {
        return !NO_BIDI_CONTROL.matcher(text).matches();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }

    private static boolean isVisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
            default -> !Character.isWhitespace(codePoint) && !BLANK_LETTERS.contains(codePoint);
        };
    }

    /**
     * The text made safe for one line of a log or an email header: controls and line breaks become spaces, and it
     * is cut to {@code max} characters. For values already stored, or coming from elsewhere than a request.
     */
    public static String singleLine(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && safe.length() < max; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (safe.length() + 2 > max) {
                    break; // a character is kept whole or not at all
                }
                safe.append(c).append(text.charAt(++i));
            } else {
                safe.append(isControl(c) || Character.isSurrogate(c) ? ' ' : c);
            }
        }
        return safe.toString();
    }
}
