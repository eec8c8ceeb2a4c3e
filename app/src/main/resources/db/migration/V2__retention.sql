-- Indexes for the retention job's deletes (portable: H2 and PostgreSQL).
create index inbound_push_by_received on inbound_push (received_at);
create index delivery_outbox_by_finished on delivery_outbox (finished_at);
create index qr_code_by_expiry on qr_code (expires_at);
