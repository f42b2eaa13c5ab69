-- catalog module: the public data resource catalog (fields with grades, versions), the development
-- catalog compiled from it, and registration numbers.
create table catalog_resource (
    id                  uuid          not null primary key,
    name                varchar(200)  not null,
    description         varchar(4000) not null,
    source_unit_id      uuid          not null,
    domain              varchar(100)  not null,
    category            varchar(100)  not null,
    update_frequency    varchar(20)   not null,
    sharing             varchar(20)   not null,
    opening             varchar(20)   not null,
    legal_basis         varchar(1000),
    restrictions        varchar(500)  not null,
    version             integer       not null,
    next_opening_review date,
    registration_no     varchar(40)   unique,
    updated_by          varchar(100)  not null,
    updated_at          timestamp with time zone not null,
    created_at          timestamp with time zone not null,
    unique (source_unit_id, name)
);
create index catalog_resource_unit on catalog_resource (source_unit_id);

create table catalog_resource_field (
    resource_id    uuid         not null references catalog_resource (id),
    position       integer      not null,
    name           varchar(100) not null,
    label          varchar(200) not null,
    data_type      varchar(40)  not null,
    grade          integer      not null,
    classification varchar(100) not null,
    person_key     boolean      not null,
    primary key (resource_id, position)
);

create table catalog_resource_version (
    resource_id uuid         not null references catalog_resource (id),
    version     integer      not null,
    snapshot    text         not null,
    changed_by  varchar(100) not null,
    changed_at  timestamp with time zone not null,
    primary key (resource_id, version)
);

create table catalog_dev_entry (
    id               uuid          not null primary key,
    title            varchar(200)  not null,
    description      varchar(4000) not null,
    resource_id      uuid          not null references catalog_resource (id),
    field_names      varchar(4000) not null,
    operator_id      uuid          not null,
    state            varchar(20)   not null,
    consent_by       varchar(200),
    consent_on       date,
    consent_document varchar(200),
    last_reason      varchar(1000),
    created_by       varchar(100)  not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index catalog_dev_entry_state on catalog_dev_entry (state);

create table catalog_registration_counter (
    prefix     varchar(40) not null primary key,
    last_value bigint      not null
);
