-- Portable SQL: runs unchanged on H2 and PostgreSQL.

-- A retried push whose recorded answer carried the quote card queues the card as a
-- customer-service message instead; this records that it was queued, so that it happens once.
alter table inbound_push add column fallback_queued boolean default false not null;

-- Fencing of the outbox lease: every claim bumps lease_version, and the worker's markSent,
-- markFailed, scheduleRetry and park only change the row while it still holds that version.
alter table delivery_outbox add column lease_version bigint default 0 not null;
