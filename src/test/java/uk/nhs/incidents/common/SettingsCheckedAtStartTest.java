package uk.nhs.incidents.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.cache.CacheConfig;
import uk.nhs.incidents.common.http.HttpConfig;
import uk.nhs.incidents.evidence.service.EvidenceConfig;
import uk.nhs.incidents.incident.service.IntakeConfig;
import uk.nhs.incidents.incident.service.LifecycleConfig;
import uk.nhs.incidents.notification.service.NotificationConfig;
import uk.nhs.incidents.reporting.service.ReportConfig;
import uk.nhs.incidents.routing.service.RoutingConfig;
import uk.nhs.incidents.security.SecurityConfig;
import uk.nhs.incidents.sla.service.SlaConfig;
import uk.nhs.incidents.webhook.service.WebhookConfig;

/**
 * The service's own settings are checked as it starts: a count or a timeout that cannot work (zero, negative, under
 * a millisecond) stops the start with the setting's name, rather than surfacing as a job that never runs or a call
 * that always times out. Quarkus runs Hibernate Validator over the config mappings at start; here SmallRye Config's
 * own Bean Validation adapter checks the same constraints on the shipped application.properties, so each case is
 * quick and needs no running service.
 */
class SettingsCheckedAtStartTest {

    @Test
    void theShippedSettingsAndDefaultsPass() throws IOException {
        SmallRyeConfig config = settings(Map.of());

        assertThat(config.getConfigMapping(NotificationConfig.class).sendTimeout()).isPositive();
        assertThat(config.getConfigMapping(SlaConfig.class).severities()).hasSize(5);
        assertThat(config.getConfigMapping(IntakeConfig.class).clockSkew()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "incidents.notifications.send-timeout, 0s",
            "incidents.notifications.record-every, -1s",
            "incidents.notifications.unhurried-for, -1s",
            "incidents.notifications.claim-lease, PT0S",
            "incidents.notifications.claim-overlap, PT0S",
            "incidents.notifications.full-claim-every, -1m",
            "incidents.notifications.batch-size, 0",
            "incidents.notifications.concurrency, 0",
            "incidents.notifications.max-attempts, -3",
            "incidents.webhooks.read-timeout, 0ms",
            "incidents.webhooks.connect-timeout, PT0.0005S",
            "incidents.webhooks.concurrency, 0",
            "incidents.webhooks.secret-overlap, -1h",
            "incidents.sla.sweep.batch-size, 0",
            "incidents.sla.sweep.concurrency, 0",
            "incidents.sla.severity.3.resolution, PT0S",
            "incidents.sla.waiting-reminder-after, 0",
            "incidents.lifecycle.auto-close.working-days, 0",
            "incidents.lifecycle.auto-close.batch-size, -1",
            "incidents.evidence.upload.idle-timeout, 0s",
            "incidents.evidence.upload.max-concurrent, 0",
            "incidents.cache.refresh, -1s",
            "incidents.reports.statement-timeout, -5s",
            "incidents.reports.work-mem-megabytes, 0",
            "incidents.reports.zone, +01:00",
            "incidents.reports.zone, UTC+01:00",
            "incidents.routing.max-rules, 0",
            "incidents.http.max-uri-length, 0",
            "incidents.intake.clock-skew, -1m",
            "incidents.intake.deployment-wait, 0s",
            "incidents.notifications.dispatch-every, -1s",
            "incidents.webhooks.dispatch-every, 0s",
            "incidents.sla.sweep.every, 500ms",
            "incidents.sla.calendar-refresh-every, soon",
            "incidents.lifecycle.auto-close.every, ''",
            "incidents.http.max-json-size, 0",
            "incidents.http.max-header-size, 0K",
            "incidents.evidence.max-size, 0",
            "incidents.security.verified-tokens.ttl, -1s",
            "incidents.security.verified-tokens.max-entries, -1",
            "incidents.security.verified-tokens.max-token-length, 0",
    })
    void aSettingThatCannotWorkIsRefusedNamingIt(String name, String value) {
        assertThatThrownBy(() -> settings(Map.of(name, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(setting(name));
    }

    /** The setting's own name: the validator names the groups above it as the Java interface does (autoClose). */
    private static String setting(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "incidents.webhooks.secret-overlap, 0s",
            "incidents.intake.clock-skew, 0s",
            "incidents.cache.refresh, 0s",
            "incidents.notifications.record-every, 0s",
            "incidents.notifications.unhurried-for, 0s",
            "incidents.webhooks.record-every, 0s",
            "incidents.notifications.dispatch-every, off",
            "incidents.webhooks.dispatch-every, DISABLED",
            "incidents.sla.sweep.every, PT1M",
            "incidents.lifecycle.auto-close.every, 1h",
            "incidents.sla.calendar-refresh-every, 1s",
            "incidents.security.verified-tokens.ttl, PT0S",
            "incidents.security.verified-tokens.max-entries, 0",
    })
    void aZeroWhereItMeansNoneAndAJobOffOrAtLeastASecondApartAreAccepted(String name, String value)
            throws IOException {
        assertThat(settings(Map.of(name, value))).isNotNull();
    }

    /** Java and PostgreSQL read a region alike, where they read an offset's sign oppositely (refused above). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "Europe/Belfast", "Etc/GMT+1"})
    void aReportZoneNamedAsARegionIsAccepted(String zone) throws IOException {
        assertThat(settings(Map.of("incidents.reports.zone", zone)).getConfigMapping(ReportConfig.class).zone()
                .getId()).isEqualTo(zone);
    }

    /** The shipped settings (the test profile's, for the webhook key only it and dev carry), with overrides. */
    private static SmallRyeConfig settings(Map<String, String> overrides) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile("test")
                .withSources(new PropertiesConfigSource(
                        SettingsCheckedAtStartTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withValidator(new BeanValidationConfigValidatorImpl())
                .withMapping(NotificationConfig.class)
                .withMapping(WebhookConfig.class)
                .withMapping(SlaConfig.class)
                .withMapping(LifecycleConfig.class)
                .withMapping(EvidenceConfig.class)
                .withMapping(CacheConfig.class)
                .withMapping(ReportConfig.class)
                .withMapping(RoutingConfig.class)
                .withMapping(HttpConfig.class)
                .withMapping(IntakeConfig.class)
                .withMapping(SecurityConfig.class)
                .build();
    }
}
