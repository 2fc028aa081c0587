package uk.nhs.incidents.common.logging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Switches console logging to one JSON object per line ({@link JsonLineFormatter}), with the request and incident
 * ids as fields, for log collectors in production. Quarkus's own JSON logging extension is not on the Maven
 * mirror these machines reach, so the formatter is installed here at start-up.
 */
@ApplicationScoped
public class JsonLogs {

    /** Log settings of the service. */
    @ConfigMapping(prefix = "incidents.log")
    public interface LogConfig {

        /** One JSON object per line on the console; on in production. */
        @WithDefault("false")
        boolean json();
    }

    void onStart(@Observes @Priority(1) StartupEvent event, LogConfig config) {
        if (config.json()) {
            JsonLineFormatter formatter = new JsonLineFormatter();
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                apply(handler, formatter);
            }
        }
    }

    private static void apply(Handler handler, JsonLineFormatter formatter) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(formatter);
        }
        if (handler instanceof ExtHandler nested) {
            for (Handler child : nested.getHandlers()) {
                apply(child, formatter);
            }
        }
    }
}
