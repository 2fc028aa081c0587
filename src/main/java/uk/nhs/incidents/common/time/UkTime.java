package uk.nhs.incidents.common.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Instants as people in the UK read them in emails and reasons: "Mon 7 Dec 2026, 10:21 GMT" (BST in summer). */
public final class UkTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    private UkTime() {
    }

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }

    /** An instant recorded as text (ISO-8601, as history entries keep them); any other text as it is. */
    public static String ofRecorded(String recorded) {
        try {
            return recorded == null ? null : of(Instant.parse(recorded));
        } catch (DateTimeParseException e) {
            return recorded;
        }
    }
}
