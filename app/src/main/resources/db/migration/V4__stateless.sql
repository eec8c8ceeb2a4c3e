-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.

-- Web authorization in flight: the random state sent to WeChat, the quote it is for, and the
-- SHA-256 of the random nonce in the browser's HttpOnly cookie, so that WeChat's redirect may land
-- on any instance and is accepted only once, only from the browser that set out, before it expires.
-- Rows are kept until they expire: an unexpired row for (browser, quote) means "already tried".
create table oauth_state (
    state        varchar(64)              primary key,
    quote_id     varchar(32)              not null references quote (public_id),
    browser_hash varchar(64)              not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    used_at      timestamp with time zone
);
create index oauth_state_by_browser on oauth_state (browser_hash, quote_id);
create index oauth_state_by_expiry on oauth_state (expires_at);

-- Rate limits shared by every instance: hits per (bucket, client address, fixed window); the
-- limiter weighs the previous window in, so the limit holds over any sliding window (approximately).
create table rate_limit_hit (
    bucket       varchar(32)              not null,
    client       varchar(64)              not null,
    window_start timestamp with time zone not null,
    hits         int                      not null,
    primary key (bucket, client, window_start)
);
create index rate_limit_hit_by_window on rate_limit_hit (window_start);
