package uk.nhs.incidents.notification.service;

import io.quarkus.mailer.runtime.MailerRuntimeConfig;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the dispatcher reaches the mail relay: the {@code quarkus.mailer} settings, made into the Vert.x mail client's as
 * Quarkus's own mailer makes them. The service runs a client of its own because Quarkus's cannot be given a limit on a
 * connection's silence ({@link MailSender}). Settings this client does not apply (a TLS registry entry, key or trust
 * stores, DKIM, NTLM, approved recipients) stop the start, named, instead of being ignored.
 *
 * <p>The client's hostname verification is left unset on purpose: the Vert.x mail client then checks, over SMTPS or
 * STARTTLS, that the relay's certificate names the host it was reached by (unless trust-all is set). Setting it
 * explicitly, even to {@code HTTPS}, makes that client turn the check off.
 */
record SmtpSettings(MailConfig client, String from, Optional<String> bounceAddress, boolean mock) {

    static final String PREFIX = "quarkus.mailer.";

    /** {@code devOrTest}: where {@code mock} is unset, Quarkus logs emails instead of sending them in dev and test. */
    static SmtpSettings of(MailerRuntimeConfig mailer, boolean devOrTest) {
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
                .setKeepAliveTimeoutUnit(TimeUnit.MILLISECONDS);
        mailer.port().ifPresent(client::setPort);
        mailer.username().ifPresent(client::setUsername);
        mailer.password().ifPresent(client::setPassword);
        mailer.authMethods().ifPresent(client::setAuthMethods);
        mailer.ownHostName().ifPresent(client::setOwnHostname);
        mailer.maxMailsPerConnection().ifPresent(client::setMaxMailsPerConnection);
        client.setSsl(mailer.ssl() || mailer.tls().orElse(false)).setTrustAll(mailer.trustAll().orElse(false));
        String from = mailer.from().orElseThrow(() -> new IllegalStateException(
                PREFIX + "from: not set; emails need the address they are sent from"));
        return new SmtpSettings(client, from, mailer.bounceAddress(), mailer.mock().orElse(devOrTest));
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
