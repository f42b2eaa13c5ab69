-- catalog supply: data demands (TZM-11), sharing requests (TZM-15), arbitration items for the data
-- authority (TZM-15), unmet development-catalog needs (TZ-13); publication dates of development entries.
create table catalog_demand (
    id                 uuid          not null primary key,
    title              varchar(200)  not null,
    description        varchar(4000) not null,
    purpose            varchar(1000) not null,
    source_unit_id     uuid          not null,
    requester_id       uuid          not null,
    requested_by       varchar(100)  not null,
    state              varchar(20)   not null,
    received_on        date          not null,
    answer_due         date          not null,
    answered_on        date,
    delivery_due       date,
    delivered_on       date,
    answer             varchar(1000),
    legal_basis        varchar(1000),
    resource_id        uuid,
    delivery_alerted   boolean       not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);
create index catalog_demand_unit on catalog_demand (source_unit_id, state);
create index catalog_demand_requester on catalog_demand (requester_id, state);

create table catalog_sharing_request (
    id              uuid          not null primary key,
    resource_id     uuid          not null references catalog_resource (id),
    source_unit_id  uuid          not null,
    requester_id    uuid          not null,
    requested_by    varchar(100)  not null,
    purpose         varchar(1000) not null,
    legal_duty      varchar(1000) not null,
    state           varchar(20)   not null,
    received_on     date          not null,
    review_due      date          not null,
    reviewed_on     date,
    reason          varchar(1000),
    legal_basis     varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index catalog_sharing_unit on catalog_sharing_request (source_unit_id, state);

create table catalog_arbitration (
    id             uuid          not null primary key,
    subject_type   varchar(30)   not null,
    subject_id     uuid          not null,
    cause          varchar(20)   not null,
    state          varchar(20)   not null,
    source_unit_id uuid          not null,
    requester_id   uuid          not null,
    rule_id        varchar(20)   not null,
    opened_at      timestamp with time zone not null,
    ruling         varchar(20),
    ruling_reason  varchar(1000),
    ruled_by       varchar(100),
    ruled_at       timestamp with time zone,
    unique (subject_type, subject_id, cause)
);

create table catalog_need_submission (
    id            uuid          not null primary key,
    operator_id   uuid          not null,
    submitted_by  varchar(100)  not null,
    submitted_at  timestamp with time zone not null,
    note          varchar(1000),
    response      varchar(2000),
    answered_by   varchar(100),
    answered_at   timestamp with time zone
);

create table catalog_unmet_need (
    id             uuid          not null primary key,
    operator_id    uuid          not null,
    developer_id   uuid,
    scenario       varchar(1000) not null,
    data_wanted    varchar(2000) not null,
    entry_id       uuid,
    state          varchar(20)   not null,
    submission_id  uuid references catalog_need_submission (id),
    recorded_by    varchar(100)  not null,
    recorded_at    timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create index catalog_unmet_need_operator on catalog_unmet_need (operator_id, state);

alter table catalog_dev_entry add column published_at timestamp with time zone;
alter table catalog_dev_entry add column withdrawn_at timestamp with time zone;
