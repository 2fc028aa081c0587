package uk.nhs.incidents.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.mailer.runtime.Mailers;
import io.quarkus.mailer.runtime.MailersRuntimeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    static final Map<String, String> RELAY = Map.of("quarkus.mailer.host", "smtp.example.nhs.uk",
            "quarkus.mailer.port", "587", "quarkus.mailer.start-tls", "REQUIRED", "quarkus.mailer.username",
            "incidents", "quarkus.mailer.password", "secret", "quarkus.mailer.from", "incidents@example.nhs.uk");

    @Test
    void theReadmesRelaySettingsReachTheClient() {
        SmtpSettings settings = SmtpSettings.of(mailer(RELAY), false, false);

        MailConfig client = settings.client();
        assertThat(client.getHostname()).isEqualTo("smtp.example.nhs.uk");
        assertThat(client.getPort()).isEqualTo(587);
        assertThat(client.getStarttls()).isEqualTo(StartTLSOptions.REQUIRED);
        assertThat(client.getUsername()).isEqualTo("incidents");
        assertThat(client.getPassword()).isEqualTo("secret");
        assertThat(client.isSsl()).as("STARTTLS on a plain connection").isFalse();
        assertThat(settings.from()).isEqualTo("incidents@example.nhs.uk");
        assertThat(settings.mock()).as("sent in production").isFalse();
    }

    @Test
    void quarkusDefaultsAreKeptWhereNothingIsSet() {
        MailConfig client = SmtpSettings.of(mailer(Map.of("quarkus.mailer.from", "a@example.nhs.uk")), false, false)
                .client();

        assertThat(client.getHostname()).isEqualTo("localhost");
        assertThat(client.getPort()).isEqualTo(25);
        assertThat(client.getStarttls()).isEqualTo(StartTLSOptions.OPTIONAL);
        assertThat(client.getLogin()).isEqualTo(LoginOption.NONE);
        assertThat(client.getMaxPoolSize()).isEqualTo(10);
        assertThat(client.isKeepAlive()).isTrue();
        assertThat(TimeUnit.MILLISECONDS.convert(client.getKeepAliveTimeout(), client.getKeepAliveTimeoutUnit()))
                .isEqualTo(Duration.ofSeconds(300).toMillis());
    }

    @Test
    void overTlsTheClientIsLeftToCheckThatTheRelaysCertificateNamesItsHost() {
        Map<String, String> tls = with(RELAY, "quarkus.mailer.tls", "true");
        MailConfig client = SmtpSettings.of(mailer(tls), false, false).client();

        assertThat(client.isSsl()).isTrue();
        assertThat(client.isTrustAll()).isFalse();
        assertThat(client.getHostnameVerificationAlgorithm()).as("unset, which the client takes as HTTPS (set, as off)")
                .isNull();
        assertThat(SmtpSettings.of(mailer(with(tls, "quarkus.mailer.trust-all", "true")), false, false).client()
                .isTrustAll()).isTrue();
    }

    @Test
    void trustingAllWithoutSayingTlsMeansSmtpsAsInQuarkus() {
        Map<String, String> trustAll = with(RELAY, "quarkus.mailer.trust-all", "true");
        assertThat(SmtpSettings.of(mailer(trustAll), false, false).client().isSsl()).isTrue();
        assertThat(SmtpSettings.of(mailer(RELAY), true, false).client()).as("quarkus.tls.trust-all")
                .satisfies(client -> assertThat(client.isTrustAll()).isTrue(),
                        client -> assertThat(client.isSsl()).isTrue());
        assertThat(SmtpSettings.of(mailer(with(trustAll, "quarkus.mailer.tls", "false")), false, false).client()
                .isSsl()).isFalse();
    }

    @Test
    void thePoolsMetricsKeepQuarkussName() {
        assertThat(SmtpSettings.of(mailer(RELAY), false, false).client().getMetricsName()).isEqualTo("mail");
    }

    @Test
    void theRelayIsGivenAtMostTheLimitOfSilenceAndIdleConnectionsAreEndedBeforeIt() {
        MailConfig bounded = SmtpSettings.of(mailer(RELAY), false, false).clientSilentAtMost(Duration.ofSeconds(30));

        assertThat(bounded.getConnectTimeout()).isEqualTo(30_000);
        assertThat(TimeUnit.MILLISECONDS.convert(bounded.getIdleTimeout(), bounded.getIdleTimeoutUnit()))
                .isEqualTo(30_000);
        assertThat(TimeUnit.MILLISECONDS.convert(bounded.getKeepAliveTimeout(), bounded.getKeepAliveTimeoutUnit()))
                .as("two pool cleaner rounds of 1 s below the limit, so the pool says QUIT first").isEqualTo(28_000);
        MailConfig shortKeepAlive = SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.keep-alive-timeout", "10S")),
                false, false).clientSilentAtMost(Duration.ofSeconds(30));
        assertThat(TimeUnit.MILLISECONDS.convert(shortKeepAlive.getKeepAliveTimeout(),
                shortKeepAlive.getKeepAliveTimeoutUnit())).isEqualTo(10_000);
    }

    @Test
    void noMoreEmailsAreSentAtOnceThanThePoolHasConnections() {
        SmtpSettings settings = SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.max-pool-size", "4")), false, false);

        assertThat(settings.refusalOf(4)).isEmpty();
        assertThat(settings.refusalOf(5)).contains("incidents.notifications.concurrency=5 is above"
                + " quarkus.mailer.max-pool-size=4; lower the one or raise the other");
    }

    @Test
    void aSenderAddressThatIsNoneStopsTheStart() {
        assertThatThrownBy(() -> SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.from", "incidents at nhs")),
                false, false)).isInstanceOf(IllegalStateException.class)
                .hasMessage("quarkus.mailer.from: not an email address");
    }

    @Test
    void emailsAreLoggedInsteadOfSentInDevAndTestUnlessMockIsSetOtherwise() {
        assertThat(SmtpSettings.of(mailer(RELAY), false, true).mock()).isTrue();
        assertThat(SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.mock", "false")), false, true).mock()).isFalse();
        assertThat(SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.mock", "true")), false, false).mock()).isTrue();
    }

    @Test
    void settingsTheSenderDoesNotApplyStopTheStartNamed() {
        Map<String, String> unapplied = with(with(RELAY, "quarkus.mailer.dkim.enabled", "true"),
                "quarkus.mailer.truststore.paths", "/etc/relay-ca.pem");

        assertThatThrownBy(() -> SmtpSettings.of(mailer(unapplied), false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("quarkus.mailer.truststore, quarkus.mailer.dkim: not applied");
    }

    @Test
    void aSenderAddressIsRequired() {
        Map<String, String> noFrom = new HashMap<>(RELAY);
        noFrom.remove("quarkus.mailer.from");

        assertThatThrownBy(() -> SmtpSettings.of(mailer(noFrom), false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("quarkus.mailer.from: not set");
    }

    private static io.quarkus.mailer.runtime.MailerRuntimeConfig mailer(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(MailersRuntimeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(MailersRuntimeConfig.class).mailers().get(Mailers.DEFAULT_MAILER_NAME);
    }

    private static Map<String, String> with(Map<String, String> properties, String key, String value) {
        Map<String, String> more = new HashMap<>(properties);
        more.put(key, value);
        return more;
    }
}
