-- Review, the customer's opt-out window, official associations, email and usage data.

-- The language the claim's emails are written in.
ALTER TABLE claims ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- When the official association ends: the last of its subscriptions' ends (NULL: open-ended).
ALTER TABLE claims ADD COLUMN ends_at TIMESTAMP;

-- The review queue (oldest submission first) and the jobs' due scans.
CREATE INDEX claims_status_submitted ON claims (status, submitted_at, id);
CREATE INDEX claims_status_window ON claims (status, window_closes_at, id);
CREATE INDEX claims_status_due ON claims (status, action_required_due, id);
CREATE INDEX claims_status_ends ON claims (status, ends_at, id);

-- SPEC rule 6 in the database: one active row per key, whatever races.
CREATE TABLE official_associations (
    id TEXT PRIMARY KEY NOT NULL,
    association_key TEXT NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    programme TEXT NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    starts_at TIMESTAMP NOT NULL,
    -- The subscription's end; NULL while it has none.
    ends_at TIMESTAMP,
    ended_at TIMESTAMP
);
CREATE UNIQUE INDEX official_associations_active_key
    ON official_associations (association_key) WHERE ended_at IS NULL;
CREATE INDEX official_associations_claim ON official_associations (claim_id);
CREATE INDEX official_associations_tenant ON official_associations (tenant_id, programme);
CREATE INDEX official_associations_ending ON official_associations (ends_at) WHERE ended_at IS NULL;

-- Only the hash of the emailed token is stored; it stops working when the window closes.
CREATE TABLE opt_out_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX opt_out_tokens_claim ON opt_out_tokens (claim_id);

-- The conversation between the partner and the reviewers about one claim.
CREATE TABLE claim_messages (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    author_kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX claim_messages_claim ON claim_messages (claim_id, created_at, id);

-- Every email, written in the transaction of the change that causes it; the dispatcher
-- leases due rows, sends with no transaction open, then marks them.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    claim_id TEXT REFERENCES claims (id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    message_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    leased_until TIMESTAMP,
    lease_token TEXT,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_lease ON outbox (lease_token);

-- What the development mail transport caught (shown at /dev/mailbox).
CREATE TABLE dev_mailbox (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    delivered_at TIMESTAMP NOT NULL
);
CREATE INDEX dev_mailbox_delivered ON dev_mailbox (delivered_at, id);

-- The tenant registry's monthly usage per workload (shown to the official partner).
CREATE TABLE usage_records (
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id),
    month DATE NOT NULL,
    monthly_active_users INTEGER NOT NULL,
    paid_units INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, product_id, month)
);
