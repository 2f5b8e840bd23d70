//! The saved views of the partner's Customer associations list: each a set of claims with
//! a rule the list and its counts apply in the database, with the instants computed here.

use chrono::{DateTime, Duration, Utc};

use super::claim::{DISPUTE_DAYS, Status};
use super::errors::code_enum;

/// How far ahead **Ending within 60 days** looks.
pub const ENDING_SOON_DAYS: i64 = 60;

code_enum! {
    /// A saved view of the list (`?view=<code>`).
    pub enum SavedView: "associations.views" {
        /// Action required, and rejections the partner can still dispute.
        NeedsAction => "needs_action",
        /// Pending the customer (the opt-out window is open).
        WaitingCustomer => "waiting_customer",
        Official => "official",
        /// Official, with an end date within [`ENDING_SOON_DAYS`] of now.
        EndingSoon => "ending_soon",
    }
}

/// A view's rule at one instant, as the store applies it to a claim's status, its
/// rejection (instant, dispute used) and its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewRule {
    /// `statuses`, plus rejected claims whose dispute is unused and which were rejected at
    /// or after `rejected_since` (still within the dispute window).
    NeedsAction {
        rejected_since: DateTime<Utc>,
    },
    Status(Status),
    /// Official, ending at or before `ends_by`.
    EndingBy {
        ends_by: DateTime<Utc>,
    },
}

impl SavedView {
    /// The view's rule at `now`.
    pub fn rule(self, now: DateTime<Utc>) -> ViewRule {
        match self {
            SavedView::NeedsAction => ViewRule::NeedsAction {
                rejected_since: disputable_rejections_since(now),
            },
            SavedView::WaitingCustomer => ViewRule::Status(Status::PendingCustomer),
            SavedView::Official => ViewRule::Status(Status::Official),
            SavedView::EndingSoon => ViewRule::EndingBy {
                ends_by: now + Duration::days(ENDING_SOON_DAYS),
            },
        }
    }
}

/// The earliest rejection a partner can still dispute at `now` (SPEC rule 8: within 30
/// days; the same bound as the claim's own dispute deadline, which it may reach exactly).
pub fn disputable_rejections_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(DISPUTE_DAYS)
}

/// The number of claims in each view, in [`SavedView::ALL`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ViewCounts {
    pub needs_action: i64,
    pub waiting_customer: i64,
    pub official: i64,
    pub ending_soon: i64,
}

impl ViewCounts {
    pub fn of(&self, view: SavedView) -> i64 {
        match view {
            SavedView::NeedsAction => self.needs_action,
            SavedView::WaitingCustomer => self.waiting_customer,
            SavedView::Official => self.official,
            SavedView::EndingSoon => self.ending_soon,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejection_needs_action_exactly_as_long_as_it_can_be_disputed() {
        let now = DateTime::parse_from_rfc3339("2026-12-04T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let since = disputable_rejections_since(now);
        // Rejected exactly at the bound: its dispute deadline is now, still open.
        assert_eq!(since + Duration::days(DISPUTE_DAYS), now);
        assert_eq!(
            SavedView::EndingSoon.rule(now),
            ViewRule::EndingBy {
                ends_by: now + Duration::days(60)
            }
        );
        assert_eq!(
            SavedView::parse("needs_action"),
            Some(SavedView::NeedsAction)
        );
    }
}
