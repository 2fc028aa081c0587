-- The National Service Desk involves the BaRS programme in a live BaRS incident when needed. The incident records
-- when it did; routing reads it as a condition, so that every later re-routing (a reclassification, a deployment
-- edit) keeps the programme informed, as the rule below says, rather than dropping a party added by hand. Both
-- columns are null without a default, so PostgreSQL changes only the catalogue, with the 5 s lock bound of V29.
set local lock_timeout = '5s';

alter table incident add column bars_programme_involved_at timestamptz;
alter table routing_rule add column bars_programme_involved boolean;

-- After the rules in use, whatever positions an operator has given them: an INFORMED rule applies wherever it stands.
insert into routing_rule (id, position, phase, programme, bars_programme_involved, part, party, contact, best_effort,
        reason)
select nextval('routing_rule_seq'), coalesce(max(position), 0) + 10, 'LIVE', 'BARS', true, 'INFORMED',
    'BARS_PROGRAMME', 'INCIDENT', false, 'Live BaRS incident: the National Service Desk involved the BaRS programme'
from routing_rule;
