-- Evidence's record is kept whole (DCB0160 asks for it): who uploaded it for which organisation and how its content
-- was cut join the columns a completed upload may not change; its row is never deleted, its content only by a
-- removal (which records who removed it and why in the same transaction), and its access log only grows. Each
-- trigger is added or replaced under the same 5 s lock bound as V29; nothing the service does is refused by them.
set local lock_timeout = '5s';

create or replace function evidence_is_write_once() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'evidence_chunk' then
        raise exception 'evidence content is write-once';
    end if;
    -- An upload in progress completes its own row; afterwards only a removal may be recorded, once.
    if old.sha256 is null then
        return new;
    end if;
    if (new.incident_id, new.kind, new.filename, new.content_type, new.description, new.size_bytes, new.sha256,
            new.chunk_size, new.uploaded_by, new.uploader_ods, new.uploaded_at)
            is distinct from (old.incident_id, old.kind, old.filename, old.content_type, old.description,
            old.size_bytes, old.sha256, old.chunk_size, old.uploaded_by, old.uploader_ods, old.uploaded_at)
            or old.removed_at is not null then
        raise exception 'evidence is write-once';
    end if;
    return new;
end;
$$;

create function evidence_is_never_deleted() returns trigger language plpgsql as $$
begin
    raise exception '% is write-once: nothing recorded in it is deleted', tg_table_name;
end;
$$;

create trigger evidence_never_deleted before delete on evidence
    for each row execute function evidence_is_never_deleted();
create trigger evidence_access_append_only before update or delete on evidence_access
    for each row execute function evidence_is_never_deleted();

-- Checked at commit, once the removal that deletes the content has recorded itself on the evidence's row.
create function evidence_content_deleted_by_removal() returns trigger language plpgsql as $$
begin
    if exists (select 1 from evidence where id = old.evidence_id and removed_at is null) then
        raise exception 'evidence content is write-once: only a removal deletes it';
    end if;
    return null;
end;
$$;

create constraint trigger evidence_chunk_deleted_by_removal after delete on evidence_chunk
    deferrable initially deferred for each row execute function evidence_content_deleted_by_removal();
