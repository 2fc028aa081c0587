package uk.nhs.incidents.support;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one class or log category logs while a test runs: a {@code @QuarkusTest} runs the service in the test's
 * own JVM.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    /** Captures what {@code logging} logs until closed. */
    public static CapturedLog of(Class<?> logging) {
        return new CapturedLog(logging.getName());
    }

    /** Captures what a library logs under {@code category} until closed. */
    public static CapturedLog of(String category) {
        return new CapturedLog(category);
    }

    /** The records whose message or parameters mention {@code text}. */
    public List<LogRecord> mentioning(String text) {
        return records.stream().filter(r -> String.valueOf(r.getMessage()).contains(text)
                || r.getParameters() != null && Arrays.stream(r.getParameters())
                        .anyMatch(p -> String.valueOf(p).contains(text))).toList();
    }

    /** The records at {@code level} or above. */
    public List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
