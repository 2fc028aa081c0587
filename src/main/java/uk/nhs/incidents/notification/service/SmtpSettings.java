package uk.nhs.incidents.notification.service;

import io.quarkus.mailer.runtime.MailerRuntimeConfig;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.mail.mailencoder.EmailAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the dispatcher reaches the mail relay: the {@code quarkus.mailer} settings, made into the Vert.x mail client's as
 * Quarkus's own mailer makes them (its metrics under the same name), and a limit on the relay's silence that
 * Quarkus's mailer cannot be given ({@link MailSender}, {@link #clientSilentAtMost}). Settings this client does not
 * apply (a TLS registry entry, key or trust stores, DKIM, NTLM, approved recipients) stop the start, named, instead of
 * being ignored.
 *
 * <p>The client's hostname verification is left unset on purpose: the Vert.x mail client then checks, over SMTPS or
 * STARTTLS, that the relay's certificate names the host it was reached by (unless trust-all is set). Setting it
 * explicitly, even to {@code HTTPS}, makes that client turn the check off.
 */
record SmtpSettings(MailConfig client, String from, Optional<String> bounceAddress, boolean mock) {

    static final String PREFIX = "quarkus.mailer.";

    /**
     * {@code trustAllByDefault}: {@code quarkus.tls.trust-all}, which Quarkus's mailer applies where its own
     * {@code trust-all} is unset; {@code devOrTest}: where {@code mock} is unset, Quarkus logs emails instead of
     * sending them in dev and test.
     */
    static SmtpSettings of(MailerRuntimeConfig mailer, boolean trustAllByDefault, boolean devOrTest) {
        refuseUnapplied(mailer);
        MailConfig client = new MailConfig().setHostname(mailer.host()).setMaxPoolSize(mailer.maxPoolSize())
                .setKeepAlive(mailer.keepAlive()).setDisableEsmtp(mailer.disableEsmtp())
                .setLogin(LoginOption.valueOf(mailer.login().toUpperCase(Locale.ROOT)))
                .setStarttls(StartTLSOptions.valueOf(mailer.startTLS().toUpperCase(Locale.ROOT)))
                .setMultiPartOnly(mailer.multiPartOnly()).setAllowRcptErrors(mailer.allowRcptErrors())
                .setPipelining(mailer.pipelining())
                .setPoolCleanerPeriod(Math.toIntExact(mailer.poolCleanerPeriod().toMillis()))
                .setPoolCleanerPeriodUnit(TimeUnit.MILLISECONDS)
                .setKeepAliveTimeout(Math.toIntExact(mailer.keepAliveTimeout().toMillis()))
                .setKeepAliveTimeoutUnit(TimeUnit.MILLISECONDS).setMetricsName("mail");
        mailer.port().ifPresent(client::setPort);
        mailer.username().ifPresent(client::setUsername);
        mailer.password().ifPresent(client::setPassword);
        mailer.authMethods().ifPresent(client::setAuthMethods);
        mailer.ownHostName().ifPresent(client::setOwnHostname);
        mailer.maxMailsPerConnection().ifPresent(client::setMaxMailsPerConnection);
        boolean trustAll = mailer.trustAll().orElse(trustAllByDefault);
        client.setSsl(mailer.ssl() || mailer.tls().orElse(trustAll)).setTrustAll(trustAll);
        String from = address("from", mailer.from().orElseThrow(() -> new IllegalStateException(
                PREFIX + "from: not set; emails need the address they are sent from")));
        mailer.bounceAddress().ifPresent(bounce -> address("bounce-address", bounce));
        return new SmtpSettings(client, from, mailer.bounceAddress(), mailer.mock().orElse(devOrTest));
    }

    /**
     * The client's settings, with the relay given at most {@code limit} of silence: in connecting, and in any one
     * conversation, after which the connection is closed. A connection left idle in the pool is ended with QUIT before
     * that (its keep-alive held below the limit by two of the pool cleaner's rounds), rather than cut without one.
     */
    MailConfig clientSilentAtMost(Duration limit) {
        int millis = Math.toIntExact(limit.toMillis());
        MailConfig bounded = new MailConfig(client).setConnectTimeout(millis).setIdleTimeout(millis)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        long keepAlive = TimeUnit.MILLISECONDS.convert(client.getKeepAliveTimeout(), client.getKeepAliveTimeoutUnit());
        long cleanerRounds = 2 * TimeUnit.MILLISECONDS.convert(client.getPoolCleanerPeriod(),
                client.getPoolCleanerPeriodUnit());
        if (millis - cleanerRounds > 0 && keepAlive > millis - cleanerRounds) {
            bounded.setKeepAliveTimeout(Math.toIntExact(millis - cleanerRounds))
                    .setKeepAliveTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        return bounded;
    }

    /**
     * Why sending {@code concurrency} emails at once cannot work with this pool; empty when it can. The sends beyond
     * the pool would wait for a connection in the client, past their {@code send-timeout}, and be sent after they were
     * given up and retried.
     */
    Optional<String> refusalOf(int concurrency) {
        return concurrency <= client.getMaxPoolSize() ? Optional.empty()
                : Optional.of("incidents.notifications.concurrency=" + concurrency + " is above " + PREFIX
                        + "max-pool-size=" + client.getMaxPoolSize() + "; lower the one or raise the other");
    }

    private static String address(String setting, String value) {
        try {
            new EmailAddress(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PREFIX + setting + ": not an email address", e);
        }
    }

    private static void refuseUnapplied(MailerRuntimeConfig mailer) {
        Map<String, Boolean> set = new LinkedHashMap<>();
        set.put("tls-configuration-name", mailer.tlsConfigurationName().isPresent());
        set.put("key-store", mailer.keyStore().isPresent());
        set.put("truststore", mailer.truststore().isConfigured());
        set.put("dkim", mailer.dkim().enabled());
        set.put("ntlm", mailer.ntlm().workstation().isPresent() || mailer.ntlm().domain().isPresent());
        set.put("approved-recipients", mailer.approvedRecipients().isPresent());
        List<String> refused = set.entrySet().stream().filter(Map.Entry::getValue).map(e -> PREFIX + e.getKey())
                .toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException(String.join(", ", refused)
                    + ": not applied by the service's email sender; unset, or see the README's email settings");
        }
    }
}
