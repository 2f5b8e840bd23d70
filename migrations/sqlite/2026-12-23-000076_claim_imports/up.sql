-- Draft claims imported from a file, one row per import form sent: the same form sent again
-- (a double click, a retry) imports nothing twice.
CREATE TABLE claim_imports (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_id TEXT NOT NULL,
    claims INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, request_id)
);
