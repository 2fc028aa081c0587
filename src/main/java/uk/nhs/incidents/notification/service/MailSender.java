package uk.nhs.incidents.notification.service;

import io.quarkus.mailer.runtime.Mailers;
import io.quarkus.mailer.runtime.MailersRuntimeConfig;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.EmailAddress;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.nhs.incidents.common.config.SettingsBound;
import uk.nhs.incidents.common.logging.LogText;

/**
 * Sends emails for the dispatcher, several at once if it asks, each given at most {@code send-timeout}.
 *
 * <p>A connection the relay leaves silent for {@code send-timeout} is closed, and one it does not accept within that
 * time given up. Without that, an email given up on would still hold its pooled connection for as long as the relay
 * kept it open (a hung relay, or a firewall that dropped the connection's state: until TCP gives up, about 15
 * minutes), and once the pool's connections were all held so, every email would time out waiting for one. Quarkus's
 * mailer cannot be given that limit, hence a client of its own ({@link SmtpSettings}). An email given up on that the
 * relay takes after all is told of ({@link GivenUp}).
 *
 * <p>Every send starts on one event loop of its own. Why: the mail client opens a new pooled connection on the calling
 * thread's event loop and starts reading it from the context it was called on; called from a plain thread, as the
 * dispatcher's are, those two differ, and a server greeting arriving between them is dropped (the socket has no reader
 * yet). On one event loop the connection is opened and read from that loop alone, in order.
 */
@Singleton
class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private final SmtpSettings settings;
    private final Duration timeout;
    private final MailClient client;
    // Vert.x's public API gives a plain thread a new context per call; the internal one makes one to keep.
    private final Context context;

    @Inject
    MailSender(Vertx vertx, MailersRuntimeConfig mailers, NotificationConfig config,
            @ConfigProperty(name = "quarkus.tls.trust-all", defaultValue = "false") boolean trustAllByDefault) {
        this(vertx, SmtpSettings.of(mailers.mailers().get(Mailers.DEFAULT_MAILER_NAME), trustAllByDefault,
                LaunchMode.current().isDevOrTest()), config.sendTimeout());
        SettingsBound.hold(settings.refusalOf(config.concurrency()));
    }

    MailSender(Vertx vertx, SmtpSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
        this.client = MailClient.create(vertx, settings.clientSilentAtMost(timeout));
        this.context = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** One that sends through another's client: for tests that watch or hold up its sends. */
    MailSender(MailSender other) {
        this.settings = other.settings;
        this.timeout = other.timeout;
        this.client = other.client;
        this.context = other.context;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Starts sending the email, from the configured address; what it returns completes once the mail server took it,
     * or fails with what the server or the client said, or with a timeout after {@code send-timeout}. An address
     * that is none fails it with an {@link IllegalArgumentException}.
     */
    CompletableFuture<Void> send(MailMessage mail) {
        CompletableFuture<Void> conversation = new CompletableFuture<>();
        try {
            MailMessage addressed = addressed(mail);
            if (settings.mock()) {
                LOG.infof("Email not sent (quarkus.mailer.mock): to %s, subject %s%n%s", LogText.of(mail.getTo()),
                        LogText.of(mail.getSubject()), mail.getText());
                return CompletableFuture.completedFuture(null);
            }
            context.runOnContext(ignored -> client.sendMail(addressed).onComplete(result -> {
                if (result.succeeded()) {
                    conversation.complete(null);
                } else {
                    conversation.completeExceptionally(result.cause());
                }
            }));
        } catch (RuntimeException e) { // a message that cannot be built fails before there is anything to await
            conversation.completeExceptionally(e);
        }
        return conversation.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(
                failure -> CompletableFuture.failedFuture(failure instanceof TimeoutException
                        ? new GivenUp(timeout, conversation) : failure));
    }

    /**
     * An email not taken within {@code send-timeout}. The client cannot end its conversation with the relay, which
     * may yet take it: {@link #conversation} completes then, so that it can be recorded as sent after all rather than
     * sent again.
     */
    static final class GivenUp extends IllegalStateException {

        private final transient CompletableFuture<Void> conversation;

        GivenUp(Duration timeout, CompletableFuture<Void> conversation) {
            super("The mail server did not take the email within " + timeout);
            this.conversation = conversation;
        }

        CompletableFuture<Void> conversation() {
            return conversation;
        }
    }

    private MailMessage addressed(MailMessage mail) {
        mail.getTo().forEach(EmailAddress::new); // throws IllegalArgumentException for one that is not an address
        MailMessage addressed = new MailMessage(mail).setFrom(settings.from());
        settings.bounceAddress().ifPresent(addressed::setBounceAddress);
        return addressed;
    }
}
