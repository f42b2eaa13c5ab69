-- Data zones (专区), their encrypted raw stores, datasets and loads.
create table dataspace_zone (
    id                 uuid          not null primary key,
    code               varchar(40)   not null unique,
    name_zh            varchar(200)  not null,
    name_en            varchar(200)  not null,
    kind               varchar(20)   not null,
    industry           varchar(30),
    supervisor_org_id  uuid          not null,
    operator_org_id    uuid          not null,
    store_file         varchar(200)  not null,
    sealed_store_key   varchar(200)  not null,
    created_by         varchar(100)  not null,
    created_at         timestamp with time zone not null
);

create table dataspace_dataset (
    id              uuid          not null primary key,
    zone_id         uuid          not null references dataspace_zone (id),
    name            varchar(63)   not null,
    person_key      varchar(63)   not null,
    column_grades   varchar(4000) not null,
    row_count       bigint        not null,
    content_sm3     varchar(64)   not null,
    loaded_at       timestamp with time zone not null,
    constraint dataspace_dataset_name unique (zone_id, name)
);

create table dataspace_load (
    id              uuid          not null primary key,
    zone_id         uuid          not null references dataspace_zone (id),
    dataset_name    varchar(63)   not null,
    state           varchar(20)   not null,
    rows_loaded     bigint        not null,
    bytes_total     bigint        not null,
    bytes_read      bigint        not null,
    content_sm3     varchar(64),
    unchanged       boolean       not null,
    failure         varchar(100),
    started_by      varchar(100)  not null,
    started_at      timestamp with time zone not null,
    finished_at     timestamp with time zone
);
create index dataspace_load_zone on dataspace_load (zone_id);
