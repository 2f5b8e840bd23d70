//! The world the proof suite probes: every kind of record a route's `{placeholder}` can name,
//! the people who try each route, and a fingerprint of everything stored, to tell that a
//! refused request changed nothing.

use std::collections::BTreeMap;

use diesel::{RunQueryDsl, sql_types::BigInt, sql_types::Text};
use portal::clock::Clock;
use portal::web::routes::{Group, RouteEntry};

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, opt_out_path, submitted_claim},
    webhooks_receiver::{ALL_EVENTS, add_endpoint},
    wizard::NORTHWIND_TENANT,
};

/// Who tries a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Audience {
    Anonymous,
    /// A partner of the organisation whose claim the routes name.
    OwnPartner,
    /// A partner of another organisation.
    OtherPartner,
    Reviewer,
    Administrator,
    /// A session whose user was deactivated afterwards.
    Deactivated,
    /// A session that was signed out (its cookie replayed).
    SignedOut,
}

pub const AUDIENCES: [Audience; 7] = [
    Audience::Anonymous,
    Audience::OwnPartner,
    Audience::OtherPartner,
    Audience::Reviewer,
    Audience::Administrator,
    Audience::Deactivated,
    Audience::SignedOut,
];

/// Records every placeholder of the route table can name: the claim is Contoso's, submitted
/// and validated (so its customer has an opt-out link), with one PoE file.
pub struct World {
    pub app: TestApp,
    pub claim: String,
    pub claim_id: String,
    pub file_id: String,
    pub organisation_id: String,
    pub location_id: String,
    pub user_id: String,
    pub subscription_id: String,
    pub outbox_id: String,
    pub opt_out: String,
    /// Contoso's webhook endpoint and the administrators', each with a delivery.
    pub webhook: (String, String),
    pub admin_webhook: (String, String),
    pub visitors: BTreeMap<Audience, Visitor>,
}

impl World {
    pub async fn build() -> World {
        let app = spawn_app().await;
        let partner = app.signed_in(PARTNER).await;
        let admin = app.signed_in(ADMIN).await;
        let hook = "https://crm.contoso.example/hooks";
        let (webhook, _) = add_endpoint(&partner, "/webhooks", hook, &ALL_EVENTS).await;
        let (admin_webhook, _) = add_endpoint(&admin, "/admin/webhooks", hook, &ALL_EVENTS).await;
        let claim = submitted_claim(&partner, SEATTLE, "Proof claim").await;
        let reviewer = app.signed_in(REVIEWER).await;
        assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
        app.jobs.dispatch(app.clock.now()).unwrap();
        let opt_out = opt_out_path(&app.mailbox.messages()[0].text);
        let file_id = partner
            .get(&claim)
            .await
            .attr("a[href*='/files/']", "href")
            .and_then(|href| href.rsplit('/').next().map(str::to_owned))
            .expect("the claim page links its file");
        let claim_id = claim.rsplit('/').next().unwrap().to_owned();
        let one = |sql: &str| one_text(&app, sql);
        let organisation_id = one(&format!(
            "SELECT organisation_id AS value FROM claims WHERE id = '{claim_id}'"
        ));
        let location_id = one(&format!(
            "SELECT location_id AS value FROM claims WHERE id = '{claim_id}'"
        ));
        let user_id = one(&format!(
            "SELECT id AS value FROM users WHERE email = '{PARTNER}'"
        ));
        let subscription_id = one(&format!(
            "SELECT id AS value FROM subscriptions WHERE tenant_id = '{NORTHWIND_TENANT}' LIMIT 1"
        ));
        let outbox_id = one("SELECT id AS value FROM outbox LIMIT 1");
        let with_delivery = |page: String| {
            let id = page.rsplit('/').next().unwrap().to_owned();
            let delivery = one(&format!(
                "SELECT id AS value FROM webhook_deliveries WHERE endpoint_id = '{id}' LIMIT 1"
            ));
            (id, delivery)
        };
        let (webhook, admin_webhook) = (with_delivery(webhook), with_delivery(admin_webhook));

        let mut visitors = BTreeMap::new();
        visitors.insert(Audience::Anonymous, app.visitor());
        visitors.insert(Audience::OwnPartner, partner);
        visitors.insert(Audience::OtherPartner, app.signed_in(OTHER_PARTNER).await);
        visitors.insert(Audience::Reviewer, reviewer);
        visitors.insert(Audience::Administrator, admin);
        let signed_out = app.signed_in(PARTNER).await;
        let cookie = signed_out.cookie("portal_session").unwrap();
        let token = signed_out.get("/associations").await.csrf_token();
        signed_out
            .post_form("/sign-out", &[("csrf_token", &token)])
            .await;
        signed_out.set_cookie("portal_session", &cookie);
        visitors.insert(Audience::SignedOut, signed_out);
        World {
            app,
            claim,
            claim_id,
            file_id,
            organisation_id,
            location_id,
            user_id,
            subscription_id,
            outbox_id,
            opt_out,
            webhook,
            admin_webhook,
            visitors,
        }
    }

    /// The deactivated session: a second partner of the claim's organisation, invited, signed
    /// in, then deactivated by an administrator.
    pub async fn add_deactivated_partner(&mut self) {
        const EMAIL: &str = "dana@contoso.example";
        const PASSWORD: &str = "a garden of tomatoes";
        let admin = &self.visitors[&Audience::Administrator];
        let fields = [
            ("email", EMAIL),
            ("display_name", "Dana Ruiz"),
            ("role", "partner"),
            ("organisation", self.organisation_id.as_str()),
        ];
        let res = admin
            .submit_form("/admin/users/new", "/admin/users/new", &fields)
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        let user_page = res.location().unwrap().to_owned();
        self.app.jobs.dispatch(self.app.clock.now()).unwrap();
        let mail = self.app.mailbox.messages().pop().unwrap();
        let start = mail.text.find("/set-password/").unwrap();
        let link = mail.text[start..].split_whitespace().next().unwrap();
        let dana = self.app.visitor();
        let password = [("password", PASSWORD), ("password_again", PASSWORD)];
        assert_eq!(dana.submit_form(link, link, &password).await.status, 303);
        assert_eq!(dana.sign_in(EMAIL, PASSWORD).await.status, 303);
        let res = admin
            .submit_form(
                &user_page,
                &format!("{user_page}/active"),
                &[("active", "false")],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        self.visitors.insert(Audience::Deactivated, dana);
    }

    /// The route's path with its placeholders naming this world's records; `None` for a
    /// route the suite has no entry for (the matrix test then fails, naming it).
    pub fn concrete(&self, path: &str) -> Option<String> {
        let claim_route = |rest: &str| format!("{}{rest}", self.claim);
        let concrete = match path {
            "/static/{name}" => "/static/portal.css".to_owned(),
            "/set-password/{token}" => "/set-password/not-a-real-token".to_owned(),
            "/customer/opt-out/{token}" => self.opt_out.clone(),
            "/customer/opt-out/{token}/associations" => format!("{}/associations", self.opt_out),
            "/customer/opt-out/{token}/associations/{id}/end" => {
                format!("{}/associations/{}/end", self.opt_out, self.claim_id)
            }
            "/dev/mailbox/{id}" => "/dev/mailbox/not-a-message".to_owned(),
            "/account/tokens/{id}/revoke" => "/account/tokens/not-a-token/revoke".to_owned(),
            p if p.starts_with("/api/v1/registry/tenants/{id}") => {
                p.replace("{id}", NORTHWIND_TENANT)
            }
            p if p.starts_with("/api/v1/") => p.replace("{id}", &self.claim_id),
            "/associations/{id}/files/{file_id}" => {
                claim_route(&format!("/files/{}", self.file_id))
            }
            "/associations/{id}/files/{file_id}/remove" => {
                claim_route(&format!("/files/{}/remove", self.file_id))
            }
            p if p.starts_with("/associations/{id}") => {
                claim_route(p.trim_start_matches("/associations/{id}"))
            }
            p if p.starts_with("/review/{id}") => p.replace("{id}", &self.claim_id),
            p if p.starts_with("/admin/organisations/{id}") => {
                p.replace("{id}", &self.organisation_id)
            }
            p if p.starts_with("/admin/locations/{id}") => p.replace("{id}", &self.location_id),
            p if p.starts_with("/admin/users/{id}") => p.replace("{id}", &self.user_id),
            "/admin/calendar/holidays/{day}/remove" => {
                "/admin/calendar/holidays/2026-12-25/remove".to_owned()
            }
            "/admin/registry/example/{kind}" => "/admin/registry/example/tenants.csv".to_owned(),
            p if p.starts_with("/admin/registry/tenants/{id}") => p
                .replace("{id}", NORTHWIND_TENANT)
                .replace("{sid}", &self.subscription_id),
            p if p.starts_with("/admin/products/{id}") => p.replace("{id}", "teams"),
            p if p.starts_with("/admin/deliveries/{id}") => p.replace("{id}", &self.outbox_id),
            p if p.starts_with("/webhooks/{id}") => p
                .replace("{id}", &self.webhook.0)
                .replace("{delivery}", &self.webhook.1),
            p if p.starts_with("/admin/webhooks/{id}") => p
                .replace("{id}", &self.admin_webhook.0)
                .replace("{delivery}", &self.admin_webhook.1),
            p if !p.contains('{') => p.to_owned(),
            _ => return None,
        };
        Some(concrete)
    }

    /// A CSRF token of `audience`'s own session, from a page it may see.
    pub async fn token_of(&self, audience: Audience) -> String {
        let page = match audience {
            Audience::OwnPartner | Audience::OtherPartner => "/associations",
            Audience::Reviewer => "/review",
            Audience::Administrator => "/admin",
            _ => "/sign-in",
        };
        self.visitors[&audience].get(page).await.csrf_token()
    }

    pub fn fingerprint(&self) -> BTreeMap<&'static str, i64> {
        fingerprint(&self.app)
    }
}

/// The group a route is in, for messages.
pub fn describe(entry: &RouteEntry) -> String {
    format!("{:?} {}", entry.group, entry.path)
}

/// Whether a route is behind a sign-in.
pub fn guarded(group: Group) -> bool {
    !matches!(
        group,
        Group::Public | Group::CustomerLink | Group::Development | Group::Api
    )
}

/// The number of rows of every table a request could change (sessions and failed sign-ins
/// aside: signing in and out is what some routes are for), and a digest of what the rows
/// of claims, users, organisations and products say.
pub fn fingerprint(app: &TestApp) -> BTreeMap<&'static str, i64> {
    let mut counts = BTreeMap::new();
    for table in [
        "organisations",
        "partner_locations",
        "location_programmes",
        "users",
        "products",
        "tenants",
        "tenant_domains",
        "subscriptions",
        "claims",
        "claim_products",
        "poe_files",
        "file_chunks",
        "audit_entries",
        "official_associations",
        "opt_out_tokens",
        "claim_messages",
        "outbox",
        "usage_records",
        "calendar_settings",
        "holidays",
        "admin_audit",
        "password_tokens",
        "api_tokens",
        "webhook_endpoints",
        "webhook_deliveries",
    ] {
        counts.insert(
            table,
            one_number(app, &format!("SELECT COUNT(*) AS n FROM {table}")),
        );
    }
    // Changes that add no row show in what the rows say.
    for (name, sql) in [
        (
            "claims",
            "SELECT id || '|' || status || '|' || CAST(updated_at AS TEXT) AS value FROM claims",
        ),
        (
            "users",
            "SELECT id || '|' || role || '|' || display_name || '|' || CAST(active AS TEXT) \
             || '|' || COALESCE(organisation_id, '') AS value FROM users",
        ),
        (
            "organisations",
            "SELECT id || '|' || name AS value FROM organisations",
        ),
        (
            "webhook_endpoints",
            "SELECT id || '|' || events || '|' || secret || '|' || CAST(enabled AS TEXT) \
             AS value FROM webhook_endpoints",
        ),
        (
            "webhook_deliveries",
            "SELECT id || '|' || state || '|' || CAST(next_attempt_at AS TEXT) \
             AS value FROM webhook_deliveries",
        ),
        (
            "products",
            "SELECT id || '|' || name || '|' || solution_area || '|' || CAST(active AS TEXT) \
             AS value FROM products",
        ),
    ] {
        counts.insert(name, digest(app, sql));
    }
    counts
}

/// The number `sql` selects as `n`.
pub fn one_number(app: &TestApp, sql: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut conn = app.pool.get().unwrap();
    let count: Count = diesel::sql_query(sql)
        .get_result(&mut **conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    count.n
}

/// A digest of the text rows `sql` selects as `value`, in any order.
fn digest(app: &TestApp, sql: &str) -> i64 {
    use std::hash::{Hash, Hasher};
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        value: String,
    }
    let mut conn = app.pool.get().unwrap();
    let mut rows: Vec<String> = diesel::sql_query(sql)
        .load::<Row>(&mut **conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|row| row.value)
        .collect();
    rows.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    rows.hash(&mut hasher);
    hasher.finish() as i64
}

pub fn one_text(app: &TestApp, sql: &str) -> String {
    #[derive(diesel::QueryableByName)]
    struct One {
        #[diesel(sql_type = Text)]
        value: String,
    }
    let mut conn = app.pool.get().unwrap();
    let one: One = diesel::sql_query(sql)
        .get_result(&mut **conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    one.value
}
