package uk.nhs.incidents.common.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.logging.LogText;

/**
 * A request that fails once its answer is sent, or its connection gone, has nobody left to answer: a body cut by
 * {@link JsonBodyDeadline} whose read then fails on the worker still reading it, or a client that left. The framework
 * would log each as an error with its stack (failing again to write an answer); the failure that mattered was
 * answered or logged where it happened. Others go on to the framework's handler.
 */
@ApplicationScoped
public class AnsweredAlready {

    private static final Logger LOG = Logger.getLogger(AnsweredAlready.class);

    void install(@Observes Router router) {
        router.route().order(RequestHeadLimits.ORDER).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            LOG.debugf("%s %s failed after its answer or its connection ended: %s", context.request().method(),
                    LogText.of(context.normalizedPath()), LogText.of(String.valueOf(context.failure())));
        } else {
            context.next();
        }
    }
}
