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
        SmtpSettings settings = SmtpSettings.of(mailer(RELAY), false);

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
        MailConfig client = SmtpSettings.of(mailer(Map.of("quarkus.mailer.from", "a@example.nhs.uk")), false).client();

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
        MailConfig client = SmtpSettings.of(mailer(tls), false).client();

        assertThat(client.isSsl()).isTrue();
        assertThat(client.isTrustAll()).isFalse();
        assertThat(client.getHostnameVerificationAlgorithm()).as("unset, which the client takes as HTTPS (set, as off)")
                .isNull();
        assertThat(SmtpSettings.of(mailer(with(tls, "quarkus.mailer.trust-all", "true")), false).client().isTrustAll())
                .isTrue();
    }

    @Test
    void emailsAreLoggedInsteadOfSentInDevAndTestUnlessMockIsSetOtherwise() {
        assertThat(SmtpSettings.of(mailer(RELAY), true).mock()).isTrue();
        assertThat(SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.mock", "false")), true).mock()).isFalse();
        assertThat(SmtpSettings.of(mailer(with(RELAY, "quarkus.mailer.mock", "true")), false).mock()).isTrue();
    }

    @Test
    void settingsTheSenderDoesNotApplyStopTheStartNamed() {
        Map<String, String> unapplied = with(with(RELAY, "quarkus.mailer.dkim.enabled", "true"),
                "quarkus.mailer.truststore.paths", "/etc/relay-ca.pem");

        assertThatThrownBy(() -> SmtpSettings.of(mailer(unapplied), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("quarkus.mailer.truststore, quarkus.mailer.dkim: not applied");
    }

    @Test
    void aSenderAddressIsRequired() {
        Map<String, String> noFrom = new HashMap<>(RELAY);
        noFrom.remove("quarkus.mailer.from");

        assertThatThrownBy(() -> SmtpSettings.of(mailer(noFrom), false)).isInstanceOf(IllegalStateException.class)
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
