-- jurisdiction: calendar years loaded at runtime by the system administrator (a State Council holiday notice
-- published after the release), or bundled years changed with a reason. Merged over the bundled years at
-- startup. One row per year; the definition is the year as JSON (same shape as jurisdiction/calendar/cn-<year>.yaml).
create table jurisdiction_calendar_year (
    calendar_year   integer        not null primary key,
    notice_title    varchar(300)   not null,
    notice_number   varchar(100),
    notice_issued   date           not null,
    definition      varchar(20000) not null,
    definition_sm3  varchar(64)    not null,
    replaces        varchar(20),
    reason          varchar(1000),
    loaded_by       varchar(100)   not null,
    loaded_at       timestamp with time zone not null
);
