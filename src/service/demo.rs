//! Demo data for a first `cargo run`: two partner organisations, a reviewer, an administrator.

use chrono::{DateTime, Utc};

use crate::{
    domain::access::Role,
    store::{
        AnyConnection, db_time, new_id,
        organisations::{self, NewLocation, NewOrganisation},
        users::{self, NewUser},
        write_transaction,
    },
};

use super::passwords;

/// Printed at start-up; demo accounts are for trying the portal, never for production.
pub const DEMO_PASSWORD: &str = "demo-password-2026";

#[derive(Debug, Clone)]
pub struct DemoSignIn {
    pub email: &'static str,
    pub role: Role,
    pub organisation: Option<&'static str>,
}

struct DemoOrganisation {
    name: &'static str,
    locations: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    )],
    user_email: &'static str,
    user_name: &'static str,
}

const ORGANISATIONS: [DemoOrganisation; 2] = [
    DemoOrganisation {
        name: "Contoso Consulting",
        locations: &[
            (
                "4651234",
                "Contoso Consulting – Seattle",
                "US",
                &["osa", "osu_m365", "osu_bizapps", "revenue_association"],
            ),
            (
                "4651235",
                "Contoso Consulting – London",
                "GB",
                &["osu_m365"],
            ),
        ],
        user_email: "partner@contoso.example",
        user_name: "Avery Chen",
    },
    DemoOrganisation {
        name: "Fabrikam Partners",
        locations: &[(
            "5123456",
            "Fabrikam Partners – Munich",
            "DE",
            &["osu_m365", "osu_bizapps"],
        )],
        user_email: "partner@fabrikam.example",
        user_name: "Jonas Weber",
    },
];

const STAFF: [(&str, &str, Role); 2] = [
    ("reviewer@portal.example", "Riley Morgan", Role::Reviewer),
    ("admin@portal.example", "Sam Patel", Role::Administrator),
];

/// Seeds the demo data into a database without users; returns the sign-ins it created,
/// or `None` when the database already had users (a second start seeds nothing).
pub fn seed_if_empty(
    conn: &mut AnyConnection,
    memory_kib: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Vec<DemoSignIn>>> {
    if users::count(conn)? > 0 {
        return Ok(None);
    }
    // Hash before the transaction: argon2 is slow and must not hold the write lock.
    let password_hash = passwords::hash(DEMO_PASSWORD, memory_kib)?;
    let at = db_time(now);
    write_transaction(conn, |c| -> anyhow::Result<Option<Vec<DemoSignIn>>> {
        if users::count(c)? > 0 {
            return Ok(None);
        }
        let mut created = Vec::new();
        for org in &ORGANISATIONS {
            let organisation_id = new_id();
            organisations::insert(
                c,
                &NewOrganisation {
                    id: &organisation_id,
                    name: org.name,
                    created_at: at,
                },
            )?;
            for (mpn_id, name, country, programmes) in org.locations {
                let location_id = new_id();
                let location = NewLocation {
                    id: &location_id,
                    organisation_id: &organisation_id,
                    mpn_id,
                    name,
                    country,
                    created_at: at,
                };
                organisations::insert_location(c, &location, programmes)?;
            }
            insert_user(
                c,
                org.user_email,
                org.user_name,
                Role::Partner,
                Some(&organisation_id),
                &password_hash,
                at,
            )?;
            created.push(DemoSignIn {
                email: org.user_email,
                role: Role::Partner,
                organisation: Some(org.name),
            });
        }
        for (email, name, role) in STAFF {
            insert_user(c, email, name, role, None, &password_hash, at)?;
            created.push(DemoSignIn {
                email,
                role,
                organisation: None,
            });
        }
        super::demo_registry::seed(c, at)?;
        Ok(Some(created))
    })
}

fn insert_user(
    c: &mut AnyConnection,
    email: &str,
    name: &str,
    role: Role,
    organisation_id: Option<&str>,
    password_hash: &str,
    at: chrono::NaiveDateTime,
) -> diesel::QueryResult<()> {
    users::insert(
        c,
        &NewUser {
            id: &new_id(),
            email,
            display_name: name,
            password_hash: Some(password_hash),
            role: role.as_str(),
            organisation_id,
            active: true,
            created_at: at,
            language: None,
        },
    )
}

/// The demo sign-ins that still exist in a reused database (to print them again).
pub fn existing_sign_ins(conn: &mut AnyConnection) -> anyhow::Result<Vec<DemoSignIn>> {
    let mut found = Vec::new();
    let partners = ORGANISATIONS
        .iter()
        .map(|o| (o.user_email, Role::Partner, Some(o.name)));
    let staff = STAFF.iter().map(|&(email, _, role)| (email, role, None));
    for (email, role, organisation) in partners.chain(staff) {
        if users::find_by_email(conn, email)?.is_some_and(|u| u.active) {
            found.push(DemoSignIn {
                email,
                role,
                organisation,
            });
        }
    }
    Ok(found)
}
