-- Service-level targets an admin sets over the API (GET, PUT and DELETE /api/v1/service-levels). While none are set
-- the configured ones apply (incidents.sla.severity.N.*, incidents.sla.test-phase-calendar), as before this
-- migration, so an instance of the release before, which reads only its configuration, starts the same clocks until
-- an admin sets targets (README, upgrading).
-- Append-only: each change is a row, the newest in force, so a reading never mixes two changes and every change
-- stays on record with who made it when. A row without targets goes back to the configured ones. Written only by
-- the service, after its checks; what it stores is checked again as it is read.

create table service_level_change (
    id                  bigint       generated always as identity primary key,
    changed_at          timestamptz  not null,
    changed_by          varchar(200) not null,
    changed_by_ods      varchar(9)   not null,
    targets             jsonb,
    test_phase_calendar varchar(24)  check (test_phase_calendar in ('TWENTY_FOUR_SEVEN', 'SERVICE_HOURS')),
    check ((targets is null) = (test_phase_calendar is null))
);

-- Cached on every instance as the other reference data is (V13): each change raises the version.
insert into reference_data_version (name, version) values ('service_level', 1);

create trigger service_level_change_version after insert or update or delete or truncate on service_level_change
    for each statement execute function raise_reference_data_version('service_level');
