//! The tenant registry's CSV import: the documented column sets and the check of each row.
//! Rows that refer to other data (a tenant, a product) are checked against it by the
//! service; here only what a row says on its own.

use chrono::NaiveDate;

use super::draft::Channel;
use super::errors::{Message, code_enum};
use super::values::{DomainName, SubscriptionId, TenantId, ValueError};

/// The longest field accepted (names, ids); anything longer is refused with its line.
pub const MAX_FIELD_CHARS: usize = 200;

code_enum! {
    /// What a file holds.
    pub enum ImportKind: "import_kind" {
        Tenants => "tenants",
        Domains => "domains",
        Subscriptions => "subscriptions",
        Usage => "usage",
    }
}

impl ImportKind {
    /// The header row the file must start with, in this order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Tenants => &["tenant_id", "name"],
            ImportKind::Domains => &["domain", "tenant_id"],
            ImportKind::Subscriptions => &[
                "subscription_id",
                "tenant_id",
                "product_id",
                "channel",
                "starts_on",
                "ends_on",
                "seats",
            ],
            ImportKind::Usage => &[
                "tenant_id",
                "product_id",
                "month",
                "monthly_active_users",
                "paid_units",
            ],
        }
    }
}

/// One checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryRow {
    Tenant {
        id: TenantId,
        name: String,
    },
    Domain {
        domain: DomainName,
        tenant: TenantId,
    },
    Subscription {
        id: SubscriptionId,
        tenant: TenantId,
        product: String,
        channel: Channel,
        starts_on: NaiveDate,
        ends_on: Option<NaiveDate>,
        seats: i32,
    },
    Usage {
        tenant: TenantId,
        product: String,
        month: NaiveDate,
        monthly_active_users: i32,
        paid_units: i32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("the header is not the documented one")]
    WrongHeader,
    #[error("wrong number of fields")]
    FieldCount { expected: usize },
    #[error("a field is too long")]
    FieldTooLong { column: &'static str, max: usize },
    #[error("{column}: {error}")]
    Value {
        column: &'static str,
        error: ValueError,
    },
    #[error("{column} is empty")]
    Required { column: &'static str },
    #[error("{column} is not a date")]
    DateInvalid { column: &'static str },
    #[error("{column} is not a whole number of 0 or more")]
    NumberInvalid { column: &'static str },
    #[error("unknown channel")]
    ChannelUnknown,
    #[error("ends before it starts")]
    EndsBeforeStart,
    #[error("unknown tenant")]
    TenantUnknown,
    #[error("unknown product")]
    ProductUnknown,
    #[error("listed twice")]
    Duplicate,
    #[error("the domain belongs to another tenant")]
    DomainTaken,
    #[error("not a text file")]
    NotText,
    #[error("the file is empty")]
    Empty,
}

impl Message for RowError {
    fn key(&self) -> &'static str {
        match self {
            RowError::WrongHeader => "import.wrong_header",
            RowError::FieldCount { .. } => "import.field_count",
            RowError::FieldTooLong { .. } => "import.field_too_long",
            RowError::Value { .. } => "import.value",
            RowError::Required { .. } => "import.required",
            RowError::DateInvalid { .. } => "import.date_invalid",
            RowError::NumberInvalid { .. } => "import.number_invalid",
            RowError::ChannelUnknown => "import.channel_unknown",
            RowError::EndsBeforeStart => "import.ends_before_start",
            RowError::TenantUnknown => "import.tenant_unknown",
            RowError::ProductUnknown => "import.product_unknown",
            RowError::Duplicate => "import.duplicate",
            RowError::DomainTaken => "import.domain_taken",
            RowError::NotText => "import.not_text",
            RowError::Empty => "import.empty",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            RowError::FieldCount { expected } => vec![("expected", expected.to_string())],
            RowError::FieldTooLong { column, max } => {
                vec![("column", (*column).to_owned()), ("max", max.to_string())]
            }
            RowError::Value { column, .. }
            | RowError::Required { column }
            | RowError::DateInvalid { column }
            | RowError::NumberInvalid { column } => vec![("column", (*column).to_owned())],
            _ => Vec::new(),
        }
    }
}

/// Whether `header` is the documented one for `kind` (spaces around names and a byte-order
/// mark are forgiven).
pub fn check_header(kind: ImportKind, header: &[&str]) -> Result<(), RowError> {
    let names: Vec<&str> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').trim())
        .collect();
    if names == kind.columns() {
        Ok(())
    } else {
        Err(RowError::WrongHeader)
    }
}

/// Checks one data row of a `kind` file.
pub fn parse_row(kind: ImportKind, fields: &[&str]) -> Result<RegistryRow, RowError> {
    let columns = kind.columns();
    if fields.len() != columns.len() {
        return Err(RowError::FieldCount {
            expected: columns.len(),
        });
    }
    for (column, field) in columns.iter().zip(fields) {
        if field.chars().count() > MAX_FIELD_CHARS {
            return Err(RowError::FieldTooLong {
                column,
                max: MAX_FIELD_CHARS,
            });
        }
    }
    let f = |n: usize| fields[n].trim();
    let tenant = |n: usize| {
        TenantId::parse(f(n)).map_err(|error| RowError::Value {
            column: columns[n],
            error,
        })
    };
    let text = |n: usize| {
        let value = f(n);
        if value.is_empty() {
            Err(RowError::Required { column: columns[n] })
        } else {
            Ok(value.to_owned())
        }
    };
    let date = |n: usize| {
        NaiveDate::parse_from_str(f(n), "%Y-%m-%d")
            .map_err(|_| RowError::DateInvalid { column: columns[n] })
    };
    let number = |n: usize| {
        f(n).parse::<i32>()
            .ok()
            .filter(|v| *v >= 0)
            .ok_or(RowError::NumberInvalid { column: columns[n] })
    };
    match kind {
        ImportKind::Tenants => Ok(RegistryRow::Tenant {
            id: tenant(0)?,
            name: text(1)?,
        }),
        ImportKind::Domains => Ok(RegistryRow::Domain {
            domain: DomainName::parse(f(0)).map_err(|error| RowError::Value {
                column: columns[0],
                error,
            })?,
            tenant: tenant(1)?,
        }),
        ImportKind::Subscriptions => {
            let starts_on = date(4)?;
            let ends_on = if f(5).is_empty() {
                None
            } else {
                Some(date(5)?)
            };
            if ends_on.is_some_and(|end| end < starts_on) {
                return Err(RowError::EndsBeforeStart);
            }
            Ok(RegistryRow::Subscription {
                id: SubscriptionId::parse(f(0)).map_err(|error| RowError::Value {
                    column: columns[0],
                    error,
                })?,
                tenant: tenant(1)?,
                product: text(2)?,
                channel: Channel::parse(f(3)).ok_or(RowError::ChannelUnknown)?,
                starts_on,
                ends_on,
                seats: number(6)?,
            })
        }
        ImportKind::Usage => Ok(RegistryRow::Usage {
            tenant: tenant(0)?,
            product: text(1)?,
            month: NaiveDate::parse_from_str(&format!("{}-01", f(2)), "%Y-%m-%d")
                .map_err(|_| RowError::DateInvalid { column: columns[2] })?,
            monthly_active_users: number(3)?,
            paid_units: number(4)?,
        }),
    }
}

/// An example file for `kind`, with the header and two rows.
pub fn example(kind: ImportKind) -> String {
    let rows: &[&str] = match kind {
        ImportKind::Tenants => &[
            "6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40,Northwind Traders",
            "a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d,Tailspin Toys",
        ],
        ImportKind::Domains => &[
            "northwind.example,6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40",
            "northwindtraders.example,6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40",
        ],
        ImportKind::Subscriptions => &[
            "11111111-aaaa-4bbb-8ccc-000000000001,6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40,d365-sales,volume_licensing,2025-07-01,2028-06-30,250",
            "11111111-aaaa-4bbb-8ccc-000000000006,6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40,teams,volume_licensing,2023-01-01,,1200",
        ],
        ImportKind::Usage => &[
            "6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40,teams,2026-10,1044,1200",
            "6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40,teams,2026-11,1090,1200",
        ],
    };
    let mut out = kind.columns().join(",");
    out.push('\n');
    for row in rows {
        out.push_str(row);
        out.push('\n');
    }
    out
}
