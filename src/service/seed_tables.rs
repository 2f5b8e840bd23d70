//! The tables `portal seed` writes claims into, as multi-row statements (see
//! [`crate::store::bulk`]), flushed parents first so foreign keys hold.

use crate::store::{AnyConnection, bulk::Bulk};

const CLAIM_COLUMNS: [&str; 34] = [
    "id",
    "organisation_id",
    "location_id",
    "created_by",
    "tenant_id",
    "customer_domain",
    "solution_area",
    "activity",
    "programme",
    "name",
    "status",
    "customer_contact_name",
    "customer_contact_title",
    "customer_contact_email",
    "technical_contact_name",
    "technical_contact_title",
    "technical_contact_email",
    "company_contact_name",
    "company_contact_email",
    "seller_name",
    "customer_name",
    "isv_solution_name",
    "comments",
    "rejected_at",
    "dispute_used",
    "window_closes_at",
    "action_required_due",
    "submitted_at",
    "created_at",
    "updated_at",
    "language",
    "ends_at",
    "product_names",
    "search_text",
];

/// The tables one chunk of claims writes to.
pub struct Tables {
    pub claims: Bulk,
    pub products: Bulk,
    pub audit: Bulk,
    pub outbox: Bulk,
    pub officials: Bulk,
    pub tokens: Bulk,
    pub files: Bulk,
    pub chunks: Bulk,
}

impl Tables {
    pub fn new(conn: &AnyConnection) -> Self {
        Tables {
            claims: Bulk::new(conn, "claims", &CLAIM_COLUMNS),
            products: Bulk::new(
                conn,
                "claim_products",
                &["claim_id", "product_id", "subscription_id"],
            ),
            audit: Bulk::new(
                conn,
                "audit_entries",
                &[
                    "id",
                    "claim_id",
                    "actor_kind",
                    "actor_user_id",
                    "from_status",
                    "to_status",
                    "reason_code",
                    "reason_text",
                    "at",
                ],
            ),
            outbox: Bulk::new(
                conn,
                "outbox",
                &[
                    "id",
                    "kind",
                    "claim_id",
                    "recipient",
                    "subject",
                    "body_text",
                    "body_html",
                    "message_id",
                    "state",
                    "attempts",
                    "next_attempt_at",
                    "created_at",
                    "sent_at",
                ],
            ),
            officials: Bulk::new(
                conn,
                "official_associations",
                &[
                    "id",
                    "association_key",
                    "claim_id",
                    "organisation_id",
                    "programme",
                    "tenant_id",
                    "starts_at",
                    "ends_at",
                    "ended_at",
                ],
            ),
            tokens: Bulk::new(
                conn,
                "opt_out_tokens",
                &["token_hash", "claim_id", "expires_at", "created_at"],
            ),
            files: Bulk::new(
                conn,
                "poe_files",
                &[
                    "id",
                    "claim_id",
                    "file_name",
                    "content_type",
                    "size_bytes",
                    "sha256",
                    "uploaded_by",
                    "uploaded_at",
                ],
            ),
            chunks: Bulk::new(conn, "file_chunks", &["file_id", "seq", "data"]),
        }
    }

    /// Parents first: claims, then what refers to them.
    pub fn all(&mut self) -> [&mut Bulk; 8] {
        [
            &mut self.claims,
            &mut self.products,
            &mut self.audit,
            &mut self.outbox,
            &mut self.officials,
            &mut self.tokens,
            &mut self.files,
            &mut self.chunks,
        ]
    }
}
