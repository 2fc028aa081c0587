-- The conversation is part of the safety record as the history is (the history's COMMENTED entry names the comment,
-- not its words): a comment is written once and never changed or removed. Neither table may be emptied by TRUNCATE,
-- which row triggers do not see. The service only ever inserts into either. Same 5 s lock bound as V29.
set local lock_timeout = '5s';

create function record_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end;
$$;

create trigger incident_comment_append_only before update or delete on incident_comment
    for each row execute function record_is_append_only();
create trigger incident_comment_not_truncated before truncate on incident_comment
    for each statement execute function record_is_append_only();
create trigger incident_history_not_truncated before truncate on incident_history
    for each statement execute function record_is_append_only();
