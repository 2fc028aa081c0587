-- Content is added only while its upload is recorded: a chunk for evidence whose SHA-256 is recorded already (held, or
-- removed, which keeps the hash) is refused, as changing or deleting one is (V5, V35). Without it, content removed
-- for good could be put back, or a stray chunk added to a file held, neither of which the service ever does: an upload
-- writes its chunks before its record takes the file's hash, in the same transaction. One look-up by key a chunk.
-- Same 5 s lock bound as V29.
set local lock_timeout = '5s';

create function evidence_content_added_only_by_its_upload() returns trigger language plpgsql as $$
begin
    if exists (select from evidence e where e.id = new.evidence_id and e.sha256 is not null) then
        raise exception 'evidence content is write-once: evidence % is stored already', new.evidence_id;
    end if;
    return new;
end;
$$;

create trigger evidence_chunk_added_only_by_its_upload before insert on evidence_chunk
    for each row execute function evidence_content_added_only_by_its_upload();
