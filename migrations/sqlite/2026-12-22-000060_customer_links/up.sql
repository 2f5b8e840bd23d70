-- The customer's link also opens their tenant view: it records the address it was sent to
-- (the view is refused once the claim names another customer contact) and how long the view
-- works (longer than the opt-out window). Links issued before have neither: no tenant view.
ALTER TABLE opt_out_tokens ADD COLUMN sent_to TEXT;
ALTER TABLE opt_out_tokens ADD COLUMN view_expires_at TIMESTAMP;

-- One reminder per opt-out window: the key makes a second instance's insert fail, so the
-- reminder and its outbox row are written once.
CREATE TABLE opt_out_reminders (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    window_closes_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (claim_id, window_closes_at)
);
