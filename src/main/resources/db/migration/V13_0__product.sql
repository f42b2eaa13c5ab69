-- Data products (数据产品): built from a released result of a governed query, reviewed by the zone operator (TZ-18),
-- stating the sources of their data and the date each was obtained (TZ-10), served to product users by key and metered
-- per key and day (SY-17).
create table product (
    id                  uuid          not null primary key,
    title               varchar(200)  not null,
    description         varchar(2000) not null,
    form                varchar(30)   not null,
    owner_org_id        uuid          not null,
    operator_org_id     uuid          not null,
    zone_id             uuid          not null,
    agreement_id        uuid          not null,
    grant_id            uuid          not null,
    result_id           uuid          not null,
    query_id            uuid          not null,
    scenario            varchar(200)  not null,
    result_columns      varchar(4000) not null,
    result_rows         integer       not null,
    daily_quota         integer       not null,
    state               varchar(20)   not null,
    state_reason        varchar(1000),
    state_rule          varchar(20),
    state_changed_at    timestamp with time zone not null,
    created_by          varchar(100)  not null,
    created_at          timestamp with time zone not null,
    version             integer       not null
);
create index product_owner on product (owner_org_id, state);
create index product_operator on product (operator_org_id, state);
create index product_agreement on product (agreement_id, state);

create table product_source (
    product_id          uuid          not null references product (id),
    dataset_name        varchar(63)   not null,
    resource_id         uuid          not null,
    obtained_at         timestamp with time zone not null,
    primary key (product_id, dataset_name)
);

create table product_transition (
    id                  uuid          not null primary key,
    product_id          uuid          not null references product (id),
    from_state          varchar(20)   not null,
    to_state            varchar(20)   not null,
    actor               varchar(100)  not null,
    reason              varchar(1000),
    rule_id             varchar(20),
    moved_at            timestamp with time zone not null
);
create index product_transition_product on product_transition (product_id, moved_at);

create table product_key (
    id                  uuid          not null primary key,
    product_id          uuid          not null references product (id),
    holder_org_id       uuid          not null,
    issued_to           varchar(100)  not null,
    prefix              varchar(20)   not null,
    secret_sm3          varchar(64)   not null unique,
    state               varchar(20)   not null,
    created_at          timestamp with time zone not null,
    revoked_at          timestamp with time zone,
    revoked_reason      varchar(1000)
);
create index product_key_holder on product_key (holder_org_id, product_id);

create table product_call_meter (
    key_id              uuid          not null references product_key (id),
    call_day            date          not null,
    served              bigint        not null,
    refused             bigint        not null,
    primary key (key_id, call_day)
);
