package uk.nhs.incidents.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A date-time as the contract writes it: a JSON string such as {@code "2026-01-01T09:00:00Z"}, with its offset. The
 * JDK types' own reader also took a number, a fraction or a string of digits as seconds since 1970, which no
 * coercion setting reaches, so that {@code "occurredAt":0} was an incident of 1970. Text that breaks
 * {@link uk.nhs.incidents.common.text.TextRules} is refused before the value is trimmed, so that the trim, which
 * takes NUL and CR/LF with the spaces, takes only spaces.
 */
final class WrittenDateTime extends StdScalarDeserializer<OffsetDateTime> {

    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    WrittenDateTime() {
        super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
        }
        String text = parser.getText();
        TextDeserializer.refuseUnsafe(parser, text, false);
        try {
            return inContextZone(OffsetDateTime.parse(withColonInOffset(text.trim()),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME), context);
        } catch (DateTimeParseException e) {
            return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
                    "not a date-time with its offset, such as 2026-01-01T09:00:00Z");
        }
    }

    /**
     * An offset written without its colon ({@code +0100}, as many languages' date formats write it) with one, as the
     * reader this stands in for took it.
     */
    private static String withColonInOffset(String text) {
        return OFFSET_WITHOUT_COLON.matcher(text).replaceFirst("$1:$2");
    }

    /**
     * As the reader it stands in for gives it: at the offset of the mapper's zone (UTC) where dates are adjusted to it,
     * as they are by default. A request's canonical form, which its idempotency key's hash is taken over, stays as it
     * was.
     */
    private static OffsetDateTime inContextZone(OffsetDateTime value, DeserializationContext context) {
        return context.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                ? value.atZoneSameInstant(context.getTimeZone().toZoneId()).toOffsetDateTime() : value;
    }
}
