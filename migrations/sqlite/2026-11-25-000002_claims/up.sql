-- The product catalogue, the tenant registry, claims with their products, proof-of-execution
-- files and the audit trail. Codes (status, programme, area, channel) are the domain's.

CREATE TABLE products (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    solution_area TEXT NOT NULL CHECK (solution_area IN ('microsoft_365', 'business_applications')),
    is_dynamics365 BOOLEAN NOT NULL,
    active BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE tenants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A verified domain belongs to exactly one tenant.
CREATE TABLE tenant_domains (
    domain TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
);
CREATE INDEX tenant_domains_tenant ON tenant_domains (tenant_id);

CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id),
    channel TEXT NOT NULL CHECK (channel IN ('volume_licensing', 'web_direct', 'csp')),
    starts_on DATE NOT NULL,
    ends_on DATE,
    seats INTEGER NOT NULL
);
CREATE INDEX subscriptions_tenant_product ON subscriptions (tenant_id, product_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    location_id TEXT NOT NULL REFERENCES partner_locations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    customer_domain TEXT NOT NULL,
    solution_area TEXT NOT NULL,
    activity TEXT NOT NULL,
    programme TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    customer_contact_name TEXT,
    customer_contact_title TEXT,
    customer_contact_email TEXT,
    technical_contact_name TEXT,
    technical_contact_title TEXT,
    technical_contact_email TEXT,
    company_contact_name TEXT,
    company_contact_email TEXT,
    seller_name TEXT,
    customer_name TEXT,
    isv_solution_name TEXT,
    comments TEXT,
    rejected_at TIMESTAMP,
    dispute_used BOOLEAN NOT NULL DEFAULT 0,
    window_closes_at TIMESTAMP,
    action_required_due TIMESTAMP,
    submitted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- Every list's filter and sort, each ending in the tie-break column.
CREATE INDEX claims_org_updated ON claims (organisation_id, updated_at, id);
CREATE INDEX claims_org_status_updated ON claims (organisation_id, status, updated_at, id);
CREATE INDEX claims_org_programme_updated ON claims (organisation_id, programme, updated_at, id);
CREATE INDEX claims_org_location_updated ON claims (organisation_id, location_id, updated_at, id);
-- Also covers the search (name, domain, tenant) so it reads no table rows.
CREATE INDEX claims_org_name ON claims (organisation_id, name, id, customer_domain, tenant_id, updated_at);
CREATE INDEX claims_org_domain ON claims (organisation_id, customer_domain, id);
CREATE INDEX claims_status_updated ON claims (status, updated_at, id);
CREATE INDEX claims_tenant ON claims (tenant_id);

CREATE TABLE claim_products (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id),
    subscription_id TEXT REFERENCES subscriptions (id),
    PRIMARY KEY (claim_id, product_id)
);

-- Files are stored in the database in chunks: every instance can serve them, none holds a
-- whole file in memory.
CREATE TABLE poe_files (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX poe_files_claim ON poe_files (claim_id, uploaded_at);

CREATE TABLE file_chunks (
    file_id TEXT NOT NULL REFERENCES poe_files (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (file_id, seq)
);

-- One row per change of a claim: who, when, from which status to which, and why.
CREATE TABLE audit_entries (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    actor_kind TEXT NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason_code TEXT,
    reason_text TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX audit_entries_claim ON audit_entries (claim_id, at, id);
