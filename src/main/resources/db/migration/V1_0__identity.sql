-- identity module: organizations, their credit and security record, users, roles and sessions.
create table identity_organization (
    id              uuid         not null primary key,
    name            varchar(200) not null,
    uscc            varchar(18)  not null unique,
    type            varchar(30)  not null,
    authority_level varchar(10),
    region_code     varchar(12),
    parent_id       uuid references identity_organization (id),
    mlps_level      integer,
    status          varchar(20)  not null,
    created_at      timestamp with time zone not null
);

create table identity_credit_record (
    id              uuid         not null primary key,
    organization_id uuid         not null references identity_organization (id),
    list_type       varchar(40)  not null,
    source          varchar(200) not null,
    listed_on       date         not null,
    removed_on      date,
    note            varchar(1000),
    recorded_by     varchar(100) not null,
    recorded_at     timestamp with time zone not null
);
create index identity_credit_record_org on identity_credit_record (organization_id);

create table identity_security_incident (
    id                uuid          not null primary key,
    organization_id   uuid          not null references identity_organization (id),
    occurred_on       date          not null,
    category          varchar(40)   not null,
    description       varchar(2000) not null,
    source            varchar(200)  not null,
    publicly_reported boolean       not null,
    recorded_by       varchar(100)  not null,
    recorded_at       timestamp with time zone not null
);
create index identity_security_incident_org on identity_security_incident (organization_id);

create table identity_user (
    id                  uuid         not null primary key,
    username            varchar(64)  not null unique,
    display_name        varchar(100) not null,
    organization_id     uuid         not null references identity_organization (id),
    password_hash       varchar(255) not null,
    password_changed_at timestamp with time zone not null,
    failed_attempts     integer      not null,
    locked_until        timestamp with time zone,
    totp_secret         varchar(255),
    enabled             boolean      not null,
    last_login_at       timestamp with time zone,
    created_at          timestamp with time zone not null
);

create table identity_user_role (
    user_id uuid        not null references identity_user (id),
    role    varchar(30) not null,
    primary key (user_id, role)
);

create table identity_session (
    token_hash     varchar(64) not null primary key,
    user_id        uuid        not null references identity_user (id),
    created_at     timestamp with time zone not null,
    last_seen_at   timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    revoked_at     timestamp with time zone,
    revoked_reason varchar(200),
    source_address varchar(64)
);
create index identity_session_user on identity_session (user_id);
