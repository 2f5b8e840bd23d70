-- Administration: the holiday calendar and the record of administrators' changes.

-- One row: the weekend days, as day codes ("sat,sun"). The time zone is configuration.
CREATE TABLE calendar_settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    weekend_days TEXT NOT NULL
);
INSERT INTO calendar_settings (id, weekend_days) VALUES (1, 'sat,sun');

CREATE TABLE holidays (
    day DATE PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

-- Who changed what in the administration, and when.
CREATE TABLE admin_audit (
    id TEXT PRIMARY KEY NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX admin_audit_at ON admin_audit (at, id);
