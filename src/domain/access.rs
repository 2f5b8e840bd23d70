//! Temporary placeholder until the domain module lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Partner,
    Reviewer,
    Administrator,
}
impl Role {
    pub const ALL: [Role; 3] = [Role::Partner, Role::Reviewer, Role::Administrator];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Partner => "partner",
            Role::Reviewer => "reviewer",
            Role::Administrator => "administrator",
        }
    }
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == code)
    }
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Partner => "role.partner",
            Role::Reviewer => "role.reviewer",
            Role::Administrator => "role.administrator",
        }
    }
}
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::Partner => "/associations",
        Role::Reviewer => "/review",
        Role::Administrator => "/admin",
    }
}
