-- Exits (退出, TZ-27, JL-exit): the cause, the agreements ended, the certificates of destroyed retained data,
-- the hand-over of services and how long the logs are kept.
create table authorization_exit (
    id                       uuid          not null primary key,
    profile_id               varchar(20)   not null,
    agreement_id             uuid          not null references authorization_agreement (id),
    party_org_id             uuid          not null,
    grantor_org_id           uuid          not null,
    cause                    varchar(60)   not null,
    rule_id                  varchar(40)   not null,
    reason                   varchar(4000) not null,
    state                    varchar(30)   not null,
    opened_by                varchar(100)  not null,
    opened_on                date          not null,
    logs_kept_until          date          not null,
    log_rule                 varchar(60)   not null,
    destruction_ordered_at   timestamp with time zone,
    destruction_certified_at timestamp with time zone,
    completed_on             date,
    created_at               timestamp with time zone not null,
    updated_at               timestamp with time zone not null,
    constraint authorization_exit_once unique (agreement_id)
);
create index authorization_exit_party on authorization_exit (party_org_id, state);

create table authorization_exit_agreement (
    exit_id       uuid          not null references authorization_exit (id),
    agreement_id  uuid          not null,
    ended_as      varchar(30)   not null,
    primary key (exit_id, agreement_id)
);

create table authorization_exit_destruction (
    exit_id         uuid          not null references authorization_exit (id),
    store           varchar(40)   not null,
    store_id        uuid          not null,
    file_sm3        varchar(64)   not null,
    file_bytes      bigint        not null,
    audit_sequence  bigint        not null,
    audit_hash      varchar(128)  not null,
    destroyed_at    timestamp with time zone not null,
    primary key (exit_id, store, store_id)
);

create table authorization_handover (
    id                uuid          not null primary key,
    exit_id           uuid          not null references authorization_exit (id),
    successor_org_id  uuid          not null,
    services          varchar(4000) not null,
    data_handed       varchar(4000),
    recorded_by       varchar(100)  not null,
    recorded_at       timestamp with time zone not null,
    confirmed_by      varchar(100),
    confirmed_at      timestamp with time zone,
    confirm_note      varchar(2000)
);
create index authorization_handover_exit on authorization_handover (exit_id);
