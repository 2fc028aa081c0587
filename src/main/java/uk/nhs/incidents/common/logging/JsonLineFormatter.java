package uk.nhs.incidents.common.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/** One JSON object per log line: time, level, logger, thread, message, request and incident ids, exception. */
public class JsonLineFormatter extends ExtFormatter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(ExtLogRecord record) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        line.put("thread", record.getThreadName());
        line.put("message", formatMessage(record));
        putIfPresent(line, "requestId", record.getMdc("requestId"));
        putIfPresent(line, "incident", record.getMdc("incident"));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("exception", trace.toString());
        }
        try {
            return JSON.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"unloggable record\"}" + System.lineSeparator();
        }
    }

    private static void putIfPresent(Map<String, Object> line, String key, String value) {
        if (value != null && !value.isEmpty()) {
            line.put(key, value);
        }
    }
}
