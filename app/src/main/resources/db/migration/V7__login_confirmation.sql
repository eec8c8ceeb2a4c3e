-- Scan to log in only asks (issue #24): the browser that showed a code is named on the scanner's
-- confirmation page, and only 确认登录 logs it in.
-- user_agent / requested_from: the browser's User-Agent and network address when it asked for the code.
-- oauth_state: the state of the confirmation page's snsapi_base authorization (used up once seen).
-- phone_hash: SHA-256 of the random token in the confirmation page's cookie, set when the web
--   authorization showed the page's reader to be the scanner (openid); the forms carry the token.
-- decided_at: when the scanner confirmed or cancelled (outcome), or an inviter approved or refused.
alter table login_code add column user_agent varchar(512);
alter table login_code add column requested_from varchar(64);
alter table login_code add column oauth_state varchar(64);
alter table login_code add column phone_hash varchar(64);
alter table login_code add column decided_at timestamp with time zone;
create index login_code_by_oauth_state on login_code (oauth_state);

-- Sessions: an admin session is started only by an admin login; idle sessions end; an admin sees
-- their sessions (browser, address) and can sign out everywhere.
alter table web_session add column kind varchar(16) default 'VISITOR' not null;
alter table web_session add column last_seen_at timestamp with time zone;
alter table web_session add column user_agent varchar(512);
alter table web_session add column address varchar(64);
create index web_session_by_openid on web_session (openid);
