-- A BaRS incident may carry both identifiers of the failed transaction: its X-Correlation-Id (correlation_id, V2)
-- and its X-Request-Id (bars_request_id, not this service's own request id), which names the one message among
-- those of the conversation. Null without a default, so
-- PostgreSQL changes only the catalogue, with the 5 s lock bound of V29.
set local lock_timeout = '5s';

alter table incident add column bars_request_id uuid;
