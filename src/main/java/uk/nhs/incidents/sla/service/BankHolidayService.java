package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.MalformedJsonException;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.common.text.StrictUtf8;
import uk.nhs.incidents.common.text.TextRules;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.sla.data.BankHolidayFile;
import uk.nhs.incidents.sla.data.BankHolidayFileRepository;
import uk.nhs.incidents.sla.domain.BankHolidays;

/**
 * Loads a newer gov.uk bank-holidays.json without a release, after checking that it can stand in for the calendar
 * in use; and goes back to the file shipped with the release, whatever is in use.
 */
@ApplicationScoped
public class BankHolidayService {

    private final Calendars calendars;
    private final BankHolidayFileRepository files;
    private final Clock clock;
    private final SlaConfig config;

    BankHolidayService(Calendars calendars, BankHolidayFileRepository files, Clock clock, SlaConfig config) {
        this.calendars = calendars;
        this.files = files;
        this.clock = clock;
        this.config = config;
    }

    /** Loads the file whose bytes are {@code body}, as its sender wrote them. */
    @Transactional
    public BankHolidays load(byte[] body, Caller caller) {
        String document = text(body);
        BankHolidays holidays = parse(body);
        List<Problem.Violation> problems = holidays.unfitOn(calendars.today(), config.calendarWindowYears()).stream()
                .map(problem -> new Problem.Violation("body", problem)).toList();
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        files.lockForLoad();
        // The newest file stored is the one in use on every instance once each takes it up; none, the shipped one.
        Optional<BankHolidayFile> newest = files.newest();
        int inUse = newest.map(file -> file.lastYear).orElse(calendars.serviceHours().holidays().lastYear());
        if (holidays.lastYear() < inUse) {
            throw new UnprocessableException("body", "this file ends with " + holidays.lastYear()
                    + ", before the calendar in use (" + inUse + "); to go back to the shipped file, "
                    + "POST /api/v1/calendars/bank-holidays/shipped");
        }
        store(document, holidays, newest, caller);
        return holidays;
    }

    /** Puts the shipped file back in use on every instance, unchecked: it is the release's own. */
    @Transactional
    public BankHolidays restoreShipped(Caller caller) {
        files.lockForLoad();
        String shipped = calendars.shippedDocument();
        BankHolidays holidays = parse(shipped.getBytes(StandardCharsets.UTF_8));
        store(shipped, holidays, files.newest(), caller);
        return holidays;
    }

    /** Stores the file as newer than {@code newest}, read under the lock, and takes it up. */
    private void store(String document, BankHolidays holidays, Optional<BankHolidayFile> newest, Caller caller) {
        BankHolidayFile file = new BankHolidayFile();
        file.division = BankHolidays.ENGLAND_AND_WALES;
        file.document = document;
        file.firstYear = holidays.firstYear();
        file.lastYear = holidays.lastYear();
        // Newer than the newest whatever this instance's clock says of the one that stored it.
        Instant now = Timestamps.now(clock);
        file.loadedAt = newest.map(before -> before.loadedAt.plus(1, ChronoUnit.MICROS)).filter(now::isBefore)
                .orElse(now);
        file.loadedBy = caller.user();
        files.persist(file);
        calendars.use(file);
    }

    /**
     * The body as text, decoded strictly (a lenient decoding would store U+FFFD for bytes that are not UTF-8; the
     * reader of every body refuses them already, and this holds without it) and checked by the text rules: the
     * document is stored as sent, and its column takes no control character.
     */
    private static String text(byte[] body) {
        String document = StrictUtf8.decode(body)
                .orElseThrow(() -> new MalformedJsonException("The body's bytes are not UTF-8 text."));
        if (document.isBlank()) {
            throw new InvalidInputException("body", "must be gov.uk's bank-holidays.json");
        }
        TextRules.problem(document, true).ifPresent(problem -> {
            throw new InvalidInputException("body", problem);
        });
        return document;
    }

    /** The England and Wales holidays of the file: service hours are England's. */
    private static BankHolidays parse(byte[] document) {
        try {
            return BankHolidays.parseOffered(document, BankHolidays.ENGLAND_AND_WALES);
        } catch (BankHolidays.NotJson e) {
            throw MalformedJsonException.of(e.refused());
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("body", e.getMessage());
        }
    }
}
