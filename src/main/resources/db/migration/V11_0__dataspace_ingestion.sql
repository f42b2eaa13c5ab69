-- Ingestion: datasets tied to their catalog resource, with their source and quality profile; source
-- units' databases registered per zone (password sealed under the master key).
alter table dataspace_dataset add column resource_id uuid;
alter table dataspace_dataset add column source_unit_id uuid;
alter table dataspace_dataset add column source_kind varchar(20);
alter table dataspace_dataset add column duplicate_rows bigint;
alter table dataspace_dataset add column profile varchar(8000);

alter table dataspace_load add column resource_id uuid;
alter table dataspace_load add column source_kind varchar(20);
create index dataspace_load_state on dataspace_load (state);

create table dataspace_source (
    id               uuid          not null primary key,
    zone_id          uuid          not null references dataspace_zone (id),
    name             varchar(200)  not null,
    url              varchar(500)  not null,
    username         varchar(100)  not null,
    sealed_password  varchar(500)  not null,
    created_by       varchar(100)  not null,
    created_at       timestamp with time zone not null,
    constraint dataspace_source_name unique (zone_id, name)
);
