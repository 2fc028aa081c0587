-- Every instance caches the data that changes rarely and is read on every request: the organisations and the
-- routing rule set (common/cache, docs/adr/0010). Each data set has a version here, raised by a trigger on every
-- statement that changes its table, whoever runs it (any instance, a migration, an operator's SQL), so that an
-- instance learns of a change by reading one row. A statement-level trigger fires once per statement, even when the
-- statement changes no row: a version raised for nothing costs one reload, never a stale read.

create table reference_data_version (
    name    varchar(32) primary key,
    version bigint      not null
);

insert into reference_data_version (name, version) values ('organisation', 1), ('routing_rule', 1);

create function raise_reference_data_version() returns trigger language plpgsql as $$
begin
    update reference_data_version set version = version + 1 where name = tg_argv[0];
    return null;
end
$$;

create trigger organisation_version after insert or update or delete or truncate on organisation
    for each statement execute function raise_reference_data_version('organisation');

create trigger routing_rule_version after insert or update or delete or truncate on routing_rule
    for each statement execute function raise_reference_data_version('routing_rule');
