package uk.nhs.incidents.common.logging;

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
}
