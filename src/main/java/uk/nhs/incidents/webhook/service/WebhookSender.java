package uk.nhs.incidents.webhook.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import uk.nhs.incidents.common.logging.LogText;
import uk.nhs.incidents.webhook.domain.RetryRules;
import uk.nhs.incidents.webhook.domain.TargetUrl;

/**
 * Posts one delivery to its receiver and tells what came of it, on the calling thread (a webhook sender's, never
 * a request's or the email dispatcher's), with no transaction open. The host is resolved and checked first, and the
 * connection made to the very address checked, so a name that resolves elsewhere a moment later changes nothing.
 * Redirects are not followed. A receiver has the connect timeout to accept and the read timeout to answer, both
 * between bytes and in all; its body is read and dropped, and a status once received stands however long the body
 * then takes.
 */
@ApplicationScoped
class WebhookSender {

    private final HttpClient client;
    private final TargetAddresses addresses;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookSender(Vertx vertx, TargetAddresses addresses, WebhookConfig config, Clock clock) {
        // Connections are pooled by address, not by webhook: a pool smaller than the senders let webhooks of several
        // organisations at one host and port wait on each other's slow receivers, and time out unsent. Each sender
        // posts one delivery at a time, so one connection for each never keeps a sender waiting.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setVerifyHost(true)
                .setMaxRedirects(0).setMaxPoolSize(config.concurrency()));
        this.addresses = addresses;
        this.config = config;
        this.clock = clock;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    Attempt send(TargetUrl target, Map<String, String> headers, String body) {
        InetAddress address;
        try {
            address = addresses.resolve(target.host());
        } catch (TargetAddresses.RefusedTarget refused) {
            return Attempt.unanswered("Not sent: " + refused.getMessage());
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host()).setPort(target.port()).setSsl(target.https()).setURI(target.pathAndQuery())
                .setFollowRedirects(false).setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.readTimeout().toMillis()).putHeader(HttpHeaders.HOST, target.authority());
        headers.forEach(options::putHeader);
        return awaited(post(options, body));
    }

    /** The post under way, and its status once its headers are in: the body that follows decides nothing. */
    private record Posting(Future<Attempt> attempt, AtomicReference<HttpClientRequest> sent,
            AtomicReference<Attempt> answered) {
    }

    private Posting post(RequestOptions options, String body) {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicReference<Attempt> answered = new AtomicReference<>();
        // A stream with no exception handler of its own logs its failure as an ERROR of Vert.x's, as when the
        // timeout below resets a receiver still answering; the attempt's outcome already says what happened.
        Future<Attempt> attempt = client.request(options).compose(request -> {
            sent.set(request);
            return request.exceptionHandler(told -> { }).send(body);
        }).compose(response -> {
            Future<Void> ended = response.end();
            quiet(response);
            answered.set(Attempt.answered(response.statusCode(),
                    RetryRules.retryAfter(response.getHeader("Retry-After"), clock.instant())));
            // With no data handler the body is dropped as it arrives; end() completes at once if it already has.
            return ended.transform(done -> Future.succeededFuture(answered.get()));
        });
        return new Posting(attempt, sent, answered);
    }

    /**
     * Gives the response a handler of its own for a failure of its body, as when the timeout resets it. Vert.x refuses
     * one once the body has ended, which it may have by the time this runs (seen in a test, as an attempt failed).
     */
    private static void quiet(HttpClientResponse response) {
        try {
            response.exceptionHandler(told -> { });
        } catch (IllegalStateException ended) {
            // nothing more can fail
        }
    }

    /**
     * What the post came to within the connect and read timeouts. A receiver whose body is still arriving then (a
     * slow or huge one) has answered already: its status stands, and the rest of its body is cut off.
     */
    private Attempt awaited(Posting posting) {
        try {
            return posting.attempt().toCompletionStage().toCompletableFuture()
                    .get(config.connectTimeout().plus(config.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (posting.sent().get() != null) {
                posting.sent().get().reset();
            }
            return posting.answered().get() != null ? posting.answered().get()
                    : Attempt.unanswered("No answer within " + config.connectTimeout().plus(config.readTimeout()));
        } catch (ExecutionException e) {
            return Attempt.unanswered(LogText.rootCause(e.getCause(), 2000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.unanswered("Interrupted while sending");
        }
    }
}
