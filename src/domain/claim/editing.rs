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
