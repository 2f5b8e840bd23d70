//! Many opt-out windows closed at once (the job's batch), decided exactly as if each were
//! closed after the one before: a claim that becomes official holds its keys against the
//! claims after it, so of two claims on one key the first to close wins and the other is
//! rejected ("workload already associated").

use chrono::{DateTime, Utc};

use super::{Actor, ClaimSnapshot, Status, Transition, TransitionError, close_window};
use crate::domain::exclusivity::{self, AssociationKey, OfficialAssociation};

/// A claim whose window is due, with the keys it would hold.
pub struct DueWindow<'a> {
    pub claim: &'a ClaimSnapshot,
    pub keys: &'a [AssociationKey],
}

/// Each claim's decision, in the order of `due`. `held` are the official associations on the
/// claims' keys before the batch.
pub fn close_windows(
    due: &[DueWindow<'_>],
    mut held: Vec<OfficialAssociation>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<Result<Transition, TransitionError>> {
    due.iter()
        .map(|window| {
            let claim = window.claim;
            let conflict = exclusivity::conflict(&claim.id, &claim.owner, window.keys, &held);
            let decided = close_window(claim, actor, now, conflict.as_ref());
            if matches!(&decided, Ok(t) if t.to == Status::Official) {
                held.extend(window.keys.iter().map(|key| OfficialAssociation {
                    claim: claim.id.clone(),
                    organisation: claim.owner.clone(),
                    key: key.clone(),
                }));
            }
            decided
        })
        .collect()
}
