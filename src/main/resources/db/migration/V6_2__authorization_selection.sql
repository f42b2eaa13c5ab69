-- Operator selection: announcements (授权运营公告), applications, expert panels with conflict-of-interest
-- declarations and scores, objections raised during publicity (公示).
create table authorization_announcement (
    id                    uuid          not null primary key,
    profile_id            varchar(20)   not null,
    model                 varchar(40)   not null,
    publisher_org_id      uuid          not null,
    title                 varchar(200)  not null,
    conditions            varchar(8000) not null,
    zone_codes            varchar(1000) not null,
    scenarios             varchar(4000) not null,
    tender_mode           varchar(40),
    announcement_year     integer       not null,
    closes_on             date          not null,
    state                 varchar(30)   not null,
    selected_application  uuid,
    approval_reference    varchar(200),
    collective_decision   varchar(200),
    publicity_until       date,
    result_published_on   date,
    created_by            varchar(100)  not null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null
);

create table authorization_selection_application (
    id                uuid          not null primary key,
    announcement_id   uuid          not null references authorization_announcement (id),
    applicant_org_id  uuid          not null,
    applicant_name    varchar(200)  not null,
    proposal          varchar(8000) not null,
    state             varchar(30)   not null,
    qualification     varchar(4000),
    created_by        varchar(100)  not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint authorization_selection_once unique (announcement_id, applicant_org_id)
);

create table authorization_expert (
    announcement_id  uuid          not null references authorization_announcement (id),
    user_id          uuid          not null,
    username         varchar(100)  not null,
    organization_id  uuid,
    assigned_by      varchar(100)  not null,
    assigned_at      timestamp with time zone not null,
    primary key (announcement_id, user_id)
);

create table authorization_expert_review (
    application_id  uuid          not null references authorization_selection_application (id),
    user_id         uuid          not null,
    username        varchar(100)  not null,
    conflict        boolean       not null,
    statement       varchar(2000) not null,
    declared_at     timestamp with time zone not null,
    score           integer,
    comment         varchar(4000),
    scored_at       timestamp with time zone,
    primary key (application_id, user_id)
);

create table authorization_objection (
    id               uuid          not null primary key,
    announcement_id  uuid          not null references authorization_announcement (id),
    filed_by_org_id  uuid          not null,
    filed_by         varchar(100)  not null,
    text             varchar(4000) not null,
    state            varchar(20)   not null,
    resolution       varchar(4000),
    filed_at         timestamp with time zone not null,
    resolved_at      timestamp with time zone
);
