package uk.nhs.incidents.common.logging;

import uk.nhs.incidents.common.lang.Causes;
import uk.nhs.incidents.common.text.TextRules;

/**
 * A value from outside (a path, an address, a mail server's answer quoting what it was sent) made fit for one log
 * field: on one line, so that it cannot forge log lines, and short.
 */
public final class LogText {

    private static final int MAX = 500;

    private LogText() {
    }

    public static String of(Object value) {
        return value == null ? null : TextRules.singleLine(value.toString(), MAX);
    }

    /** A failure told by its root cause, type and message, on one line of at most {@code max} characters. */
    public static String rootCause(Throwable e, int max) {
        Throwable root = Causes.root(e);
        return TextRules.singleLine(root.getClass().getSimpleName() + ": " + root.getMessage(), max);
    }
}
