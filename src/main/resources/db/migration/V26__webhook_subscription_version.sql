-- Every change of an incident asks which webhook subscriptions hear of it; each instance keeps them in memory with
-- the other reference data (V13, docs/adr/0010), and learns of a change made elsewhere by this version. It is raised
-- by what changes who hears what: a subscription registered, removed or disabled, or its events or organisation
-- changed. The sender's own bookkeeping (failing_since, last_delivered_at) and secret rotations do not raise it, so
-- the deliveries of a busy subscription do not reload the cache of every instance.
insert into reference_data_version (name, version) values ('webhook_subscription', 1);

create trigger webhook_subscription_version
    after insert or delete or truncate or update of organisation, events, disabled_at on webhook_subscription
    for each statement execute function raise_reference_data_version('webhook_subscription');
