-- Organisations, partner locations, users, sessions and sign-in throttling.
-- Ids are text UUIDs made by the application; times are UTC.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE partner_locations (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    mpn_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX partner_locations_organisation ON partner_locations (organisation_id, name);

-- The CPOR programmes a location is enrolled in (only these can be claimed from it).
CREATE TABLE location_programmes (
    location_id TEXT NOT NULL REFERENCES partner_locations (id) ON DELETE CASCADE,
    programme TEXT NOT NULL CHECK (programme IN ('osa', 'osu_m365', 'osu_bizapps', 'revenue_association')),
    PRIMARY KEY (location_id, programme)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('partner', 'reviewer', 'administrator')),
    organisation_id TEXT REFERENCES organisations (id),
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    -- A partner user belongs to exactly one organisation; staff to none.
    CHECK ((role = 'partner') = (organisation_id IS NOT NULL))
);
CREATE INDEX users_organisation ON users (organisation_id);

-- id is the SHA-256 of the cookie's token: the token itself is never stored.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per account (scope 'account') and per client address (scope 'address').
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY NOT NULL,
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_failures_subject ON sign_in_failures (scope, subject, at);
