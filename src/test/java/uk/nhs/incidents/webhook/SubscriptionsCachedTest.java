package uk.nhs.incidents.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.cache.CacheConfig;
import uk.nhs.incidents.support.Db;
import uk.nhs.incidents.support.Eventually;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Webhooks;
import uk.nhs.incidents.support.Webhooks.Registered;
import uk.nhs.incidents.webhook.data.Subscribed;
import uk.nhs.incidents.webhook.domain.SecretSeal;
import uk.nhs.incidents.webhook.domain.SigningSecret;
import uk.nhs.incidents.webhook.service.Listeners;
import uk.nhs.incidents.webhook.service.WebhookConfig;

/**
 * Which subscriptions hear of a change comes from each instance's cache of them: a registration made here is heard
 * at once, one made elsewhere (in SQL, as another instance or an operator writes it) within incidents.cache.refresh,
 * and a subscription removed or disabled elsewhere is not written to even while the cache still lists it. Targets
 * are loopback ports where nothing listens; only the deliveries written are counted.
 */
@QuarkusTest
class SubscriptionsCachedTest {

    /** What a request's round trip may add to the refresh time on a busy machine. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @Inject
    Db db;

    @Inject
    CacheConfig config;

    @Inject
    WebhookConfig webhooks;

    @Inject
    Listeners listeners;

    private Site site;

    @BeforeEach
    void site() {
        site = Fixtures.bars();
    }

    private static String url() {
        return "http://127.0.0.1:9/hooks/" + Fixtures.odsCode("H");
    }

    private long deliveriesTo(long subscription, long incident) {
        return db.count("select count(*) from webhook_delivery where subscription_id = " + subscription
                + " and incident_id = " + incident);
    }

    private long version() {
        return db.count("select version from reference_data_version where name = '" + Listeners.NAME + "'");
    }

    private long registeredInSql() {
        long id = db.count("select nextval('webhook_subscription_seq')");
        String sealed = SecretSeal.withKey(webhooks.secretKey(), new SecureRandom())
                .seal(SigningSecret.generate(new SecureRandom()), id);
        db.execute("insert into webhook_subscription (id, organisation, url, events, secret, created_at, created_by)"
                + " values (" + id + ", '" + site.supplier() + "', '" + url() + "', '[\"*\"]', '" + sealed + "',"
                + " now(), 'elsewhere')");
        return id;
    }

    @Test
    void aWebhookRegisteredHereHearsTheNextChangeAtOnce() {
        Fixtures.raise(site, "LIVE", 3); // the cache loaded and confirmed without the webhook
        Registered hook = Webhooks.register(site.supplier(), url(), "*");

        long incident = Fixtures.raise(site, "LIVE", 3);

        assertThat(deliveriesTo(hook.id(), incident)).isOne();
    }

    @Test
    void aWebhookRegisteredElsewhereHearsChangesWithinTheRefreshTime() {
        long hook = registeredInSql();

        Eventually.within(config.refresh().plus(MARGIN), "a change delivered to the webhook registered elsewhere",
                () -> deliveriesTo(hook, Fixtures.raise(site, "LIVE", 3)) == 1);
    }

    @Test
    void aWebhookRemovedElsewhereFailsNoChangeWhileThisInstanceStillListsIt() {
        Registered hook = Webhooks.register(site.supplier(), url(), "*");
        assertThat(deliveriesTo(hook.id(), Fixtures.raise(site, "LIVE", 3))).as("listed and heard").isOne();
        db.execute("delete from webhook_subscription where id = " + hook.id());

        long incident = Fixtures.raise(site, "LIVE", 3);

        assertThat(db.count("select count(*) from webhook_delivery where incident_id = " + incident)).isZero();
    }

    @Test
    void aWebhookDisabledElsewhereIsNotWrittenToWhileThisInstanceStillListsIt() {
        Registered hook = Webhooks.register(site.supplier(), url(), "*");
        assertThat(deliveriesTo(hook.id(), Fixtures.raise(site, "LIVE", 3))).as("listed and heard").isOne();
        db.execute("update webhook_subscription set disabled_at = now(), disabled_reason = 'elsewhere' where id = "
                + hook.id());

        assertThat(deliveriesTo(hook.id(), Fixtures.raise(site, "LIVE", 3))).isZero();
    }

    @Test
    void onlyChangesToWhoHearsWhatOrWithWhichSecretReloadTheCaches() {
        long hook = registeredInSql();
        long registered = version();

        db.execute("update webhook_subscription set failing_since = now(), last_delivered_at = now() where id = "
                + hook);
        assertThat(version()).as("the sender's bookkeeping").isEqualTo(registered);

        db.execute("update webhook_subscription set previous_secret = secret, previous_secret_expires_at = now()"
                + " where id = " + hook);
        assertThat(version()).as("a rotated secret").isEqualTo(registered + 1);
        db.execute("update webhook_subscription set events = '[\"incident.raised\"]' where id = " + hook);
        assertThat(version()).as("its events").isEqualTo(registered + 2);
        db.execute("update webhook_subscription set disabled_at = now() where id = " + hook);
        assertThat(version()).as("disabled").isEqualTo(registered + 3);
        db.execute("delete from webhook_subscription where id = " + hook);
        assertThat(version()).as("removed").isEqualTo(registered + 4);
    }

    /** A sender part-way through a batch signs with it (WebhookDeliveryTest), here or on another instance. */
    @Test
    void aSecretRotatedElsewhereReachesThisInstancesWebhooksWithinTheRefreshTime() {
        long hook = registeredInSql();
        Eventually.within(config.refresh().plus(MARGIN), "the webhook registered elsewhere listed here",
                () -> listeners.enabled(hook).isPresent());
        String rotated = SecretSeal.withKey(webhooks.secretKey(), new SecureRandom())
                .seal(SigningSecret.generate(new SecureRandom()), hook);
        db.execute("update webhook_subscription set previous_secret = secret, previous_secret_expires_at = now()"
                + " + interval '1 day', secret = '" + rotated + "' where id = " + hook);

        Eventually.within(config.refresh().plus(MARGIN), "the rotated secret listed here",
                () -> rotated.equals(listeners.enabled(hook).map(Subscribed::secret).orElse(null)));
    }
}
