package uk.nhs.incidents.sla.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.database.QuietDuringOutage;
import uk.nhs.incidents.common.time.Timestamps;
import uk.nhs.incidents.sla.data.BankHolidayFile;
import uk.nhs.incidents.sla.data.BankHolidayFileRepository;
import uk.nhs.incidents.sla.data.ClockRepository;
import uk.nhs.incidents.sla.domain.BankHolidays;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceHours;
import uk.nhs.incidents.sla.domain.TwentyFourSeven;

/**
 * The calendars clocks count in. Service hours start from the England and Wales bank holidays shipped with the
 * service; a newer gov.uk file an admin loads is stored and taken up by every instance within a refresh period.
 * A calendar that does not list the current year is reported loudly, in the log and in health.
 */
@ApplicationScoped
public class Calendars {

    static final String SHIPPED = "calendar/bank-holidays.json";
    private static final Logger LOG = Logger.getLogger(Calendars.class);

    /** Where the bank holidays in use came from. */
    public record Source(String description, Instant loadedAt, String loadedBy) {
    }

    /** The service hours in use and where their holidays came from, replaced together. */
    record InUse(ServiceHours serviceHours, Source source) {
    }

    /** Fired as a file is taken up, so that the take-up is undone if its transaction does not commit. */
    record TakenUp(InUse before, InUse after) {
    }

    private final TwentyFourSeven twentyFourSeven = new TwentyFourSeven();
    private final Clock clock;
    private final BankHolidayFileRepository files;
    private final ClockRepository clocks;
    private final Event<TakenUp> takenUp;
    private final AtomicReference<InUse> inUse = new AtomicReference<>();
    /**
     * Days whose clocks a refresh makes due once more: those queued before the last refresh, due at the next, and
     * those queued since, due at the one after; so never sooner than a refresh period after their take-up. Guarded
     * by this.
     */
    private Set<LocalDate> markAgainNext = new TreeSet<>();
    private Set<LocalDate> markAgainQueued = new TreeSet<>();
    private String shippedDocument;

    Calendars(Clock clock, BankHolidayFileRepository files, ClockRepository clocks, Event<TakenUp> takenUp) {
        this.clock = clock;
        this.files = files;
        this.clocks = clocks;
        this.takenUp = takenUp;
    }

    @PostConstruct
    void loadShipped() {
        try (InputStream json = Thread.currentThread().getContextClassLoader().getResourceAsStream(SHIPPED)) {
            if (json == null) {
                throw new IllegalStateException("missing resource " + SHIPPED);
            }
            shippedDocument = new String(json.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SHIPPED, e);
        }
        inUse.set(inUse(parse(shippedDocument),
                new Source("shipped " + SHIPPED, null, null)));
    }

    /** The gov.uk file shipped with this release, which an admin may always go back to. */
    public String shippedDocument() {
        return shippedDocument;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    /** {@link #refresh} on its schedule; at start, a database that cannot be reached still stops the service. */
    @QuietDuringOutage
    @Scheduled(identity = "calendar-refresh", every = "${incidents.sla.calendar-refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshOnSchedule() {
        refresh();
    }

    /**
     * Takes up a file loaded on any instance since this one last looked; first, makes due once more the clocks of
     * the days the calendar changed on at earlier take-ups here.
     */
    public void refresh() {
        markAgain();
        QuarkusTransaction.requiringNew().run(() -> files.newest()
                .filter(file -> source().loadedAt() == null || file.loadedAt.isAfter(source().loadedAt()))
                .ifPresent(this::use));
        warnIfRunningOut();
    }

    /**
     * A change of this instance in flight as the calendar changed (a raise, a sweep) may commit, after the take-up
     * made its clocks due, deadlines worked out by the calendar before; a take-up rolled back may leave deadlines
     * worked out by the calendar it undid. A refresh period later every such transaction has ended, so the days are
     * made due once more, at the second refresh after the take-up.
     */
    private void markAgain() {
        Set<LocalDate> days = dueToMarkAgain();
        try {
            int clocksDue = days.isEmpty() ? 0 : QuarkusTransaction.requiringNew()
                    .call(() -> clocks.dueAgainIfCountingOn(days, Timestamps.now(clock)));
            if (clocksDue > 0) {
                LOG.infof("Bank holidays: %d running clocks worked out again after the calendar changed", clocksDue);
            }
        } catch (RuntimeException e) {
            markAgainNext(days);
            throw e;
        }
    }

    /** The days due now; those queued since the last refresh become due at the next. */
    private synchronized Set<LocalDate> dueToMarkAgain() {
        Set<LocalDate> due = markAgainNext;
        markAgainNext = markAgainQueued;
        markAgainQueued = new TreeSet<>();
        return due;
    }

    private synchronized void markAgainNext(Collection<LocalDate> days) {
        markAgainNext.addAll(days);
    }

    private synchronized void toMarkAgain(Collection<LocalDate> days) {
        markAgainQueued.addAll(days);
    }

    /**
     * Counts service hours by the file from now on, on this instance, and has the sweep work out again every running
     * clock whose deadline the change of holidays could move: its stored instants, by which the sweep fires and the
     * lists filter and sort, were worked out by the calendar before. Each instance does so as it takes the file up,
     * so a clock an instance still on the old file wrote meanwhile is worked out again too, and once more a refresh
     * period later ({@link #markAgain}). In the transaction that stores or reads the file, and undone with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void use(BankHolidayFile file) {
        String description = file.document.equals(shippedDocument) ? "shipped " + SHIPPED + ", restored"
                : "loaded " + BankHolidays.ENGLAND_AND_WALES + " file";
        // England and Wales whatever division a file was once loaded with: service hours are England's.
        InUse after = inUse(parse(file.document), new Source(description, file.loadedAt, file.loadedBy));
        InUse before = inUse.getAndSet(after);
        takenUp.fire(new TakenUp(before, after));
        Set<LocalDate> changed = after.serviceHours().holidays().differingFrom(before.serviceHours().holidays());
        toMarkAgain(changed);
        int clocksDue = clocks.dueAgainIfCountingOn(changed, Timestamps.now(clock));
        LOG.infof("Bank holidays from %s: %d to %d; %d running clocks to work out again", description,
                after.serviceHours().holidays().firstYear(), after.serviceHours().holidays().lastYear(), clocksDue);
    }

    /** A take-up whose transaction rolled back: the calendar before it stays in use, unless another replaced it. */
    void undo(@Observes(during = TransactionPhase.AFTER_FAILURE) TakenUp failed) {
        if (inUse.compareAndSet(failed.after(), failed.before())) {
            LOG.warnf("Bank holidays from %s not taken up: its transaction did not commit",
                    failed.after().source().description());
        }
    }

    private static InUse inUse(BankHolidays holidays, Source source) {
        return new InUse(ServiceHours.englandAndWales(holidays), source);
    }

    private static BankHolidays parse(String document) {
        return BankHolidays.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)),
                BankHolidays.ENGLAND_AND_WALES);
    }

    public ServiceHours serviceHours() {
        return inUse.get().serviceHours();
    }

    public uk.nhs.incidents.sla.domain.Calendar of(CalendarKind kind) {
        return kind == CalendarKind.SERVICE_HOURS ? serviceHours() : twentyFourSeven;
    }

    public Source source() {
        return inUse.get().source();
    }

    /** Whether today lies past the last year the bank holidays list. */
    public boolean isExhausted() {
        return today().getYear() > serviceHours().holidays().lastYear();
    }

    /** Whether the bank holidays in use list holidays of today's year: if not, no holiday today is known. */
    public boolean coversToday() {
        return serviceHours().holidays().covers(today().getYear());
    }

    public boolean endsWithinAYear() {
        return today().plusYears(1).getYear() > serviceHours().holidays().lastYear();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
    }

    private void warnIfRunningOut() {
        int lastYear = serviceHours().holidays().lastYear();
        if (!coversToday() && !isExhausted()) {
            LOG.errorf("The bank holiday calendar (%d to %d) lists no holiday of today's year: load gov.uk's current "
                    + "bank-holidays.json.", serviceHours().holidays().firstYear(), lastYear);
        } else if (isExhausted()) {
            LOG.errorf("The bank holiday calendar ends with %d: service-hours clocks now treat every bank holiday as a "
                    + "working day. Load gov.uk's current bank-holidays.json (POST /api/v1/calendars/bank-holidays).",
                    lastYear);
        } else if (endsWithinAYear()) {
            LOG.warnf("The bank holiday calendar ends with %d; load a newer gov.uk bank-holidays.json before then.",
                    lastYear);
        }
    }
}
