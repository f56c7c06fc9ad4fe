//! Personal access tokens' scopes (SPEC §14): what a token may do for its owner.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Read everything the owner can read (no writes).
    Read,
    /// Post and manage jobs.
    Jobs,
    /// Connects, proposals and invitations.
    Proposals,
    /// Offers, contracts, milestones, time, invoices and disputes.
    Contracts,
    /// Wallet, payment and withdrawal methods, withdrawals, Connects purchases.
    Wallet,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Read,
        Scope::Jobs,
        Scope::Proposals,
        Scope::Contracts,
        Scope::Wallet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Jobs => "jobs",
            Scope::Proposals => "proposals",
            Scope::Contracts => "contracts",
            Scope::Wallet => "wallet",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.as_str() == s)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a request needs from a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Public reference data or the token owner's own identity: any token.
    Any,
    /// Reading an area: `read` or one of the area's scopes.
    Read(&'static [Scope]),
    /// Changing an area: one of its scopes.
    Write(&'static [Scope]),
    /// Account security, messaging, admin work: a signed-in person, never a token.
    Session,
}

impl Need {
    /// Whether a token with `granted` scopes may go ahead.
    pub fn allows(self, granted: &[Scope]) -> bool {
        match self {
            Need::Any => true,
            Need::Read(area) => granted
                .iter()
                .any(|g| *g == Scope::Read || area.contains(g)),
            Need::Write(area) => granted.iter().any(|g| area.contains(g)),
            Need::Session => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_reads_everything_and_writes_nothing() {
        let read = [Scope::Read];
        assert!(Need::Read(&[Scope::Wallet]).allows(&read));
        assert!(!Need::Write(&[Scope::Wallet]).allows(&read));
        assert!(!Need::Session.allows(&Scope::ALL));
        assert!(Need::Any.allows(&[Scope::Jobs]));
    }

    #[test]
    fn an_area_scope_reads_and_writes_its_area_only() {
        let jobs = [Scope::Jobs];
        assert!(Need::Write(&[Scope::Jobs]).allows(&jobs));
        assert!(Need::Read(&[Scope::Jobs]).allows(&jobs));
        assert!(!Need::Read(&[Scope::Wallet]).allows(&jobs));
        assert!(!Need::Write(&[Scope::Contracts]).allows(&jobs));
    }

    #[test]
    fn scopes_round_trip_through_their_names() {
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(Scope::parse("admin"), None);
    }
}
