package uk.nhs.incidents.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends emails for the dispatcher, several at once if it asks, each given at most {@code send-timeout}. Every send
 * starts on one event loop of its own. Why: the mail client opens a new pooled connection on the calling thread's event
 * loop and starts reading it from the context it was called on; called from a plain thread, as the dispatcher's
 * are, those two differ, and a server greeting arriving between them is dropped (the socket has no reader yet). The
 * client then waits for a greeting that never comes, and the dispatcher with it, until the server gives up on the
 * connection (GreenMail after 30 s, a relay after minutes). On one event loop the connection is opened and read
 * from that loop alone, in order.
 */
@ApplicationScoped
class MailSender {

    private final ReactiveMailer mailer;
    private final Duration timeout;
    // Vert.x's public API gives a plain thread a new context per call; the internal one makes one to keep.
    private final Context context;

    @Inject
    MailSender(ReactiveMailer mailer, Vertx vertx, NotificationConfig config) {
        this(mailer, vertx, config.sendTimeout());
    }

    MailSender(ReactiveMailer mailer, Vertx vertx, Duration timeout) {
        this.mailer = mailer;
        this.timeout = timeout;
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    /**
     * Starts sending the email; what it returns completes once the mail server took it, or fails with what the server
     * or the client said, or with a timeout after {@code send-timeout}.
     */
    CompletableFuture<Void> send(Mail mail) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                mailer.send(mail).subscribe().with(done -> sent.complete(null), sent::completeExceptionally);
            } catch (RuntimeException e) { // a message that cannot be built may fail before there is anything to await
                sent.completeExceptionally(e);
            }
        });
        return sent.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure instanceof TimeoutException
                        ? new IllegalStateException("The mail server did not take the email within " + timeout)
                        : failure));
    }
}
