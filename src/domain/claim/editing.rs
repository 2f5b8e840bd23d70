//! SPEC rule 7: a draft can be edited; once submitted it cannot, except the parts a
//! reviewer reopens by asking for information (*Action required*): products, contacts and
//! proof of execution.

use super::Status;

/// The parts of a claim, as the wizard's steps edit them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Steps 1–2: partner location, customer, solution area and activity.
    CustomerAndProgramme,
    /// Step 3.
    Name,
    /// Step 4.
    Products,
    /// Step 5.
    Contacts,
    /// Step 6.
    ProofOfExecution,
    /// Step 7.
    Comments,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::CustomerAndProgramme,
        Section::Name,
        Section::Products,
        Section::Contacts,
        Section::ProofOfExecution,
        Section::Comments,
    ];
}

/// Whether the owning partner may change `section` of a claim in `status`. (Who the partner
/// is, is [`crate::domain::access`]'s question.)
pub fn can_edit(status: Status, section: Section) -> bool {
    match status {
        Status::Draft => true,
        Status::ActionRequired => matches!(
            section,
            Section::Products | Section::Contacts | Section::ProofOfExecution
        ),
        _ => false,
    }
}

/// The wizard step after `section` that the partner may still change in `status`, where
/// its **Continue** leads; `None` when it leads back to the claim page (a reopened claim has
/// no comments step, a locked one no step at all).
pub fn next_section(status: Status, section: Section) -> Option<Section> {
    let next = match section {
        Section::CustomerAndProgramme => Section::Name,
        Section::Name => Section::Products,
        Section::Products => Section::Contacts,
        Section::Contacts => Section::ProofOfExecution,
        Section::ProofOfExecution => Section::Comments,
        Section::Comments => return None,
    };
    can_edit(status, next).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_goes_on_step_by_step_and_a_reopened_claim_returns_to_its_page() {
        let draft = Status::Draft;
        assert_eq!(next_section(draft, Section::Name), Some(Section::Products));
        assert_eq!(
            next_section(draft, Section::Products),
            Some(Section::Contacts)
        );
        assert_eq!(
            next_section(draft, Section::Contacts),
            Some(Section::ProofOfExecution)
        );
        assert_eq!(
            next_section(draft, Section::ProofOfExecution),
            Some(Section::Comments)
        );
        let reopened = Status::ActionRequired;
        assert_eq!(
            next_section(reopened, Section::Contacts),
            Some(Section::ProofOfExecution)
        );
        assert_eq!(next_section(reopened, Section::ProofOfExecution), None);
        assert_eq!(next_section(Status::Submitted, Section::Products), None);
    }
}
