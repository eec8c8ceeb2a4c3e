-- Forced refreshes of the stable access_token (issue 26, docs/PROTOCOL.md#stable-access-tokens):
-- WeChat allows 20 a day (its day: Beijing time) and 30 s apart per AppID, so every instance of a
-- cluster counts in this one row per AppID. Portable SQL: runs unchanged on H2 and PostgreSQL.
create table token_force_refresh (
    app_id    varchar(64)              primary key,
    quota_day date                     not null,
    used      integer                  not null,
    last_at   timestamp with time zone not null
);
