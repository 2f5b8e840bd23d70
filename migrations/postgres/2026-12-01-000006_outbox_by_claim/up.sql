-- A claim's emails, found without reading the whole outbox: the opt-out window waits
-- for the customer's notice, checked for every window that closes.
CREATE INDEX outbox_claim ON outbox (claim_id, kind);
