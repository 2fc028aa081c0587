-- The webhooks' cache (V26) keeps each subscription's sealed signing secrets too, so that a sender part-way through
-- a batch signs with a secret rotated meanwhile: a rotation now raises the version, as registering or removing one
-- does, and every instance takes the new secret up within its refresh. Rotations are rare; the sender's own
-- bookkeeping (failing_since, last_delivered_at) still does not raise it. The same lock bound as V29.
set local lock_timeout = '5s';

drop trigger webhook_subscription_version on webhook_subscription;

create trigger webhook_subscription_version
    after insert or delete or truncate
        or update of organisation, events, disabled_at, secret, previous_secret, previous_secret_expires_at
    on webhook_subscription
    for each statement execute function raise_reference_data_version('webhook_subscription');
