//! Importing the tenant registry from CSV: every row is checked first (on its own, against
//! the registry and the catalogue, and against the rest of the file); nothing is written
//! unless the whole file is good, and then all of it in one transaction.

use std::{
    collections::{HashMap, HashSet},
    ops::ControlFlow,
};

use chrono::{DateTime, Utc};

use super::csv_file;
use crate::{
    domain::{
        access::{self, Viewer},
        registry_import::{ImportKind, RegistryRow, RowError, check_header, parse_row},
    },
    store::{
        AnyConnection, admin_audit, catalogue, db_time,
        registry::{self, SubscriptionRow},
        usage, write_transaction,
    },
};

/// A problem and the line of the file it is on (counted from 1, the header included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub error: RowError,
}

/// What became of an import: how many rows were written, or every problem found.
pub type Imported = Result<usize, Vec<LineProblem>>;

/// [`import`]s the file at `path` (an upload staged on local disk).
pub fn import_file(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    kind: ImportKind,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Imported>> {
    import(conn, viewer, kind, std::fs::File::open(path)?, now)
}

/// Reads and checks the file, then imports it. `None`: not an administrator.
pub fn import(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    kind: ImportKind,
    file: impl std::io::Read,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Imported>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let mut file = std::io::BufReader::with_capacity(64 * 1024, file);
    if !csv_file::looks_like_text(std::io::BufRead::fill_buf(&mut file)?) {
        return Ok(Some(Err(vec![LineProblem {
            line: 1,
            error: RowError::NotText,
        }])));
    }
    let (rows, mut problems) = match read(kind, file) {
        Ok(read) => read,
        Err(fatal) => return Ok(Some(Err(fatal))),
    };
    problems.extend(check_references(conn, kind, &rows)?);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Ok(Some(Err(problems)));
    }
    let at = db_time(now);
    write_transaction(conn, |c| -> anyhow::Result<()> {
        for (_, row) in &rows {
            write(c, row, at)?;
        }
        let detail = format!("{}: {}", kind.as_str(), rows.len());
        admin_audit::record(
            c,
            Some(viewer.user.as_str()),
            "registry.imported",
            "registry",
            Some(&detail),
            at,
        )?;
        Ok(())
    })?;
    Ok(Some(Ok(rows.len())))
}

type Parsed = (Vec<(u64, RegistryRow)>, Vec<LineProblem>);

/// Parses the CSV: the header, then each row on its own (the good rows, and a problem per
/// bad one). A file that is not text, a wrong header or an empty file stops it at once.
fn read(kind: ImportKind, file: impl std::io::Read) -> Result<Parsed, Vec<LineProblem>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut header = Ok(());
    let read = csv_file::for_each_record(file, |line, fields| {
        if line == 1 {
            header = check_header(kind, fields).map_err(|error| LineProblem { line, error });
            return if header.is_ok() {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            };
        }
        if !fields.iter().all(|f| f.trim().is_empty()) {
            match parse_row(kind, fields) {
                Ok(row) => rows.push((line, row)),
                Err(error) => problems.push(LineProblem { line, error }),
            }
        }
        ControlFlow::Continue(())
    });
    header.map_err(|problem| vec![problem])?;
    match read {
        Err(line) => {
            problems.push(LineProblem {
                line,
                error: RowError::NotText,
            });
            Err(problems)
        }
        Ok(0) => Err(vec![LineProblem {
            line: 1,
            error: RowError::Empty,
        }]),
        Ok(_) => Ok((rows, problems)),
    }
}

/// What the rows refer to must exist (or come earlier in a tenants file), and no row may
/// repeat another.
fn check_references(
    conn: &mut AnyConnection,
    kind: ImportKind,
    rows: &[(u64, RegistryRow)],
) -> anyhow::Result<Vec<LineProblem>> {
    let tenants: HashSet<String> = registry::all_tenant_ids(conn)?.into_iter().collect();
    let products: HashSet<String> = match kind {
        ImportKind::Subscriptions | ImportKind::Usage => {
            catalogue::all(conn)?.into_iter().map(|p| p.id).collect()
        }
        _ => HashSet::new(),
    };
    let domains: HashMap<String, String> = match kind {
        ImportKind::Domains => registry::all_domains(conn)?.into_iter().collect(),
        _ => HashMap::new(),
    };
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for (line, row) in rows {
        let (key, error) = match row {
            RegistryRow::Tenant { id, .. } => (id.to_string(), None),
            RegistryRow::Domain { domain, tenant } => {
                let taken = domains
                    .get(domain.as_str())
                    .is_some_and(|owner| owner != tenant.as_str());
                let error = if !tenants.contains(tenant.as_str()) {
                    Some(RowError::TenantUnknown)
                } else if taken {
                    Some(RowError::DomainTaken)
                } else {
                    None
                };
                (domain.to_string(), error)
            }
            RegistryRow::Subscription {
                id,
                tenant,
                product,
                ..
            } => (
                id.to_string(),
                reference_error(&tenants, &products, tenant.as_str(), product),
            ),
            RegistryRow::Usage {
                tenant,
                product,
                month,
                ..
            } => (
                format!("{tenant}/{product}/{month}"),
                reference_error(&tenants, &products, tenant.as_str(), product),
            ),
        };
        let error = error.or_else(|| (!seen.insert(key)).then_some(RowError::Duplicate));
        if let Some(error) = error {
            problems.push(LineProblem { line: *line, error });
        }
    }
    Ok(problems)
}

fn reference_error(
    tenants: &HashSet<String>,
    products: &HashSet<String>,
    tenant: &str,
    product: &str,
) -> Option<RowError> {
    if !tenants.contains(tenant) {
        Some(RowError::TenantUnknown)
    } else if !products.contains(product) {
        Some(RowError::ProductUnknown)
    } else {
        None
    }
}

fn write(
    c: &mut AnyConnection,
    row: &RegistryRow,
    at: chrono::NaiveDateTime,
) -> anyhow::Result<()> {
    match row {
        RegistryRow::Tenant { id, name } => registry::put_tenant(c, id.as_str(), name, at)?,
        RegistryRow::Domain { domain, tenant } => {
            registry::put_domain(c, domain.as_str(), tenant.as_str())?
        }
        RegistryRow::Subscription {
            id,
            tenant,
            product,
            channel,
            starts_on,
            ends_on,
            seats,
        } => registry::put_subscription(
            c,
            &SubscriptionRow {
                id: id.to_string(),
                tenant_id: tenant.to_string(),
                product_id: product.clone(),
                channel: channel.as_str().to_owned(),
                starts_on: *starts_on,
                ends_on: *ends_on,
                seats: *seats,
            },
        )?,
        RegistryRow::Usage {
            tenant,
            product,
            month,
            monthly_active_users,
            paid_units,
        } => usage::put(
            c,
            &usage::NewUsage {
                tenant_id: tenant.as_str(),
                product_id: product,
                month: *month,
                monthly_active_users: *monthly_active_users,
                paid_units: *paid_units,
            },
        )?,
    }
    Ok(())
}
