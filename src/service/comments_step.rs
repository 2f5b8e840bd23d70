//! Step 7: the partner's optional comments for the reviewers.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Viewer,
        claim::Section,
        draft::{CommentsInput, FieldErrors},
    },
    store::{AnyConnection, claims, db_time, write_transaction},
};

use super::draft_edit::{EditDenied, editable_claim};

pub fn save(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    claim_id: &str,
    input: &CommentsInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Result<(), FieldErrors>, EditDenied>> {
    if let Err(denied) = editable_claim(conn, viewer, claim_id, Section::Comments)? {
        return Ok(Err(denied));
    }
    let comments = match input.validate() {
        Ok(comments) => comments,
        Err(errors) => return Ok(Ok(Err(errors))),
    };
    let text = comments.map(|c| c.as_ref().to_owned());
    write_transaction(conn, |c| {
        claims::set_comments(c, claim_id, text.as_deref(), db_time(now))
    })?;
    Ok(Ok(Ok(())))
}
