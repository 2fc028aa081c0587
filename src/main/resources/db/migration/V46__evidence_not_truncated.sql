-- Evidence's record, its content and its access log may not be emptied by TRUNCATE either, which the row triggers of
-- V5 and V35 do not see (as V38 does for the conversation): a removal deletes content row by row, with its record. The
-- service never truncates them. Same 5 s lock bound as V29.
set local lock_timeout = '5s';

create function evidence_is_never_emptied() returns trigger language plpgsql as $$
begin
    raise exception '% is write-once: it is never emptied (content goes only by a removal)', tg_table_name;
end;
$$;

create trigger evidence_not_truncated before truncate on evidence
    for each statement execute function evidence_is_never_emptied();
create trigger evidence_chunk_not_truncated before truncate on evidence_chunk
    for each statement execute function evidence_is_never_emptied();
create trigger evidence_access_not_truncated before truncate on evidence_access
    for each statement execute function evidence_is_never_emptied();
