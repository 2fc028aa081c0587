package uk.nhs.incidents.sla.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The bank holidays of one division of gov.uk's {@code bank-holidays.json}, and the years the list covers: past
 * its last year no holiday is known, which a caller must treat as a warning, not as a year without holidays.
 */
public final class BankHolidays {

    public static final String ENGLAND_AND_WALES = "england-and-wales";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** For a file offered now: a key given twice (two england-and-wales divisions) leaves the list to chance. */
    private static final ObjectMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final NavigableSet<LocalDate> dates;

    public BankHolidays(NavigableSet<LocalDate> dates) {
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("a bank holiday calendar needs at least one date");
        }
        this.dates = Collections.unmodifiableNavigableSet(new TreeSet<>(dates));
    }

    /**
     * As {@link #parse}, for a file offered now: one JSON value, no key given twice. A file stored before these
     * rules is read by {@link #parse} as it was accepted, so an instance starts whatever an earlier one stored.
     */
    public static BankHolidays parseOffered(byte[] json, String division) {
        return read(STRICT, new ByteArrayInputStream(json), division);
    }

    /** Reads gov.uk's format: {@code {"england-and-wales": {"division": ..., "events": [{"date": ...}]}}}. */
    public static BankHolidays parse(InputStream json, String division) {
        return read(JSON, json, division);
    }

    /**
     * A document that is not JSON text, as opposed to JSON of another shape: broken syntax, bytes that are not
     * UTF-8, a key given twice, a second value after the first.
     */
    public static final class NotJson extends IllegalArgumentException {

        NotJson(JsonProcessingException e) {
            // The parser's own words, without the location it appends (which names its settings).
            super(e.getOriginalMessage(), e);
        }

        /** What the parser refused. */
        public JsonProcessingException refused() {
            return (JsonProcessingException) getCause();
        }
    }

    private static BankHolidays read(ObjectMapper mapper, InputStream json, String division) {
        try {
            JsonNode events = readTree(mapper, json).path(division).path("events");
            if (!events.isArray() || events.isEmpty()) {
                throw new IllegalArgumentException("no events for division '" + division + "'");
            }
            NavigableSet<LocalDate> dates = new TreeSet<>();
            for (JsonNode event : events) {
                dates.add(LocalDate.parse(event.path("date").asText()));
            }
            return new BankHolidays(dates);
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a gov.uk bank-holidays.json document: " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(ObjectMapper mapper, InputStream json) throws IOException {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NotJson(e);
        }
    }

    /**
     * What makes this list unfit to replace the calendar in use on {@code today}, or nothing: a date outside
     * {@code yearsAround} years either side of today is a typing or tampering error (a single far-future date would
     * otherwise take the place of every real holiday), a list without today's year leaves today unknown, and a year
     * between its first and last without a single date would count every holiday of that year as a working day.
     */
    public List<String> unfitOn(LocalDate today, int yearsAround) {
        List<String> problems = new ArrayList<>();
        LocalDate earliest = today.minusYears(yearsAround);
        LocalDate latest = today.plusYears(yearsAround);
        if (dates.first().isBefore(earliest)) {
            problems.add("it lists " + dates.first() + ", more than " + yearsAround + " years before today");
        }
        if (dates.last().isAfter(latest)) {
            problems.add("it lists " + dates.last() + ", more than " + yearsAround + " years after today");
        }
        if (today.getYear() < firstYear() || today.getYear() > lastYear()) {
            problems.add("it does not cover the current year " + today.getYear()
                    + " (it covers " + firstYear() + " to " + lastYear() + ")");
        }
        if (problems.isEmpty()) {
            // Its years are then within yearsAround of today: few enough to look at one by one.
            IntStream.rangeClosed(firstYear(), lastYear()).filter(year -> !listsAny(year))
                    .forEach(year -> problems.add("it lists no holiday in " + year + ", between its first year "
                            + firstYear() + " and its last " + lastYear()));
        }
        return problems;
    }

    /** Whether the list knows the year's holidays: it runs through the year and lists at least one of them. */
    public boolean covers(int year) {
        return firstYear() <= year && year <= lastYear() && listsAny(year);
    }

    private boolean listsAny(int year) {
        LocalDate first = dates.ceiling(LocalDate.of(year, 1, 1));
        return first != null && first.getYear() == year;
    }

    public boolean isHoliday(LocalDate date) {
        return dates.contains(date);
    }

    public int firstYear() {
        return dates.first().getYear();
    }

    public int lastYear() {
        return dates.last().getYear();
    }

    public NavigableSet<LocalDate> dates() {
        return dates;
    }

    /** The days one list calls a holiday and the other does not: the days on which service hours counted differ. */
    public NavigableSet<LocalDate> differingFrom(BankHolidays other) {
        NavigableSet<LocalDate> differing = new TreeSet<>(dates);
        differing.addAll(other.dates);
        differing.removeIf(date -> dates.contains(date) && other.dates.contains(date));
        return differing;
    }
}
