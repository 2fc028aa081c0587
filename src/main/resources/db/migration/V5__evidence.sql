-- Evidence: call reports, call recordings, screenshots and logs, stored in chunks, write-once, with an access log.

create sequence evidence_seq start with 1 increment by 50;

create table evidence (
    id             bigint        primary key,
    incident_id    bigint        not null references incident (id),
    kind           varchar(16)   not null check (kind in ('CALL_REPORT', 'CALL_RECORDING', 'SCREENSHOT', 'LOG', 'OTHER')),
    filename       varchar(255)  not null,
    content_type   varchar(255)  not null,
    description    varchar(2000),
    -- Null while the upload streams in; set once when it completes, in the same transaction.
    size_bytes     bigint,
    sha256         varchar(64),
    chunk_size     integer       not null,
    uploaded_by    varchar(200)  not null,
    uploader_ods   varchar(9)    not null,
    uploaded_at    timestamptz   not null,
    removed_at     timestamptz,
    removed_by     varchar(200),
    removal_reason varchar(2000)
);

create index evidence_incident_idx on evidence (incident_id, uploaded_at, id);

-- Content in chunks, each with its own SHA-256 so that a range can be checked without reading the rest.
-- Media is already compressed: stored without TOAST compression.
create table evidence_chunk (
    evidence_id bigint  not null references evidence (id),
    seq         integer not null,
    data        bytea   not null,
    sha256      bytea   not null,
    primary key (evidence_id, seq)
);

alter table evidence_chunk alter column data set storage external;

create function evidence_is_write_once() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'evidence_chunk' then
        raise exception 'evidence content is write-once';
    end if;
    -- An upload in progress completes its own row; afterwards only a removal may be recorded, once.
    if old.sha256 is null then
        return new;
    end if;
    if (new.incident_id, new.kind, new.filename, new.content_type, new.description, new.size_bytes, new.sha256,
            new.uploaded_by, new.uploaded_at)
            is distinct from (old.incident_id, old.kind, old.filename, old.content_type, old.description,
            old.size_bytes, old.sha256, old.uploaded_by, old.uploaded_at)
            or old.removed_at is not null then
        raise exception 'evidence is write-once';
    end if;
    return new;
end;
$$;

create trigger evidence_write_once before update on evidence
    for each row execute function evidence_is_write_once();
create trigger evidence_chunk_write_once before update on evidence_chunk
    for each row execute function evidence_is_write_once();

create sequence evidence_access_seq start with 1 increment by 50;

create table evidence_access (
    id           bigint       primary key,
    evidence_id  bigint       not null references evidence (id),
    incident_id  bigint       not null references incident (id),
    accessed_by  varchar(200) not null,
    accessor_ods varchar(9)   not null,
    accessed_at  timestamptz  not null,
    byte_range   varchar(100)
);

create index evidence_access_evidence_idx on evidence_access (evidence_id, accessed_at, id);
