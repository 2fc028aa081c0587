-- Parties: organisations by ODS code, and deployments of a supplier's system at a provider or practice.

create table organisation (
    ods_code        varchar(9)   primary key check (ods_code ~ '^[A-Z0-9]{1,9}$'),
    name            varchar(200) not null,
    type            varchar(32)  not null check (type in ('SUPPLIER', 'PROVIDER', 'PRACTICE', 'ICB',
                                     'NATIONAL_SERVICE_DESK', 'PROCUREMENT_HUB', 'BARS_PROGRAMME')),
    incident_mailbox varchar(254) not null,
    cso_mailbox     varchar(254),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         bigint       not null
);

create index organisation_type_idx on organisation (type);

create sequence deployment_seq start with 1 increment by 50;

create table deployment (
    id                 bigint       primary key,
    system_name        varchar(200) not null,
    supplier_ods       varchar(9)   not null references organisation (ods_code),
    provider_ods       varchar(9)   not null references organisation (ods_code),
    icb_ods            varchar(9)   not null references organisation (ods_code),
    programme          varchar(32)  not null check (programme in ('BARS', 'ONLINE_CONSULTATION')),
    procurement_route  varchar(16)  not null check (procurement_route in ('COMMISSIONER', 'PRACTICE')),
    icb_support_agreed boolean      not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null,
    check (procurement_route = 'PRACTICE' or not icb_support_agreed)
);

create index deployment_supplier_idx on deployment (supplier_ods, id);
create index deployment_provider_idx on deployment (provider_ods, id);
create index deployment_icb_idx on deployment (icb_ods, id);
