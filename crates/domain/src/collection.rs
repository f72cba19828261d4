//! The nine synced collections and who may read and write them.

use crate::lang::{Label, Lang};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Who can read a collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Anyone, without an account (fairs, positions, policy guides).
    Public,
    /// Only signed-in staff and admins; never sent to an anonymous device.
    Staff,
}

/// A role of a signed-in account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Maintains guides, fairs, listings and accounts; may write everything.
    Admin,
    /// Field staff: reads everything, writes the staff collections.
    Staff,
}

impl Role {
    /// Parses the wire/CLI name (`admin`, `staff`).
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "admin" => Some(Role::Admin),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
    /// The wire/CLI name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
        }
    }
}

/// What a write does to a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteKind {
    /// A record that does not exist yet on the server.
    Create,
    /// An edit or a delete of an existing record.
    Change,
}

/// One synced collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    /// Job fairs.
    Fairs,
    /// Employers taking part in fairs.
    Employers,
    /// Open positions.
    Positions,
    /// The policy support categories (19 at launch).
    PolicyCategories,
    /// Policy guides.
    Policies,
    /// Enterprise ledger (staff).
    Enterprises,
    /// Enterprise visit records (staff).
    Visits,
    /// Key projects (staff).
    Projects,
    /// Job seekers' registrations of interest (staff-readable, anyone may create).
    Interests,
}

impl Collection {
    /// Every collection, in a stable order.
    pub const ALL: [Collection; 9] = [
        Collection::Fairs,
        Collection::Employers,
        Collection::Positions,
        Collection::PolicyCategories,
        Collection::Policies,
        Collection::Enterprises,
        Collection::Visits,
        Collection::Projects,
        Collection::Interests,
    ];

    /// The wire name, also the IndexedDB object-store and SQL value.
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::Fairs => "fairs",
            Collection::Employers => "employers",
            Collection::Positions => "positions",
            Collection::PolicyCategories => "policy_categories",
            Collection::Policies => "policies",
            Collection::Enterprises => "enterprises",
            Collection::Visits => "visits",
            Collection::Projects => "projects",
            Collection::Interests => "interests",
        }
    }

    /// Who may read it.
    pub fn scope(self) -> Scope {
        match self {
            Collection::Fairs
            | Collection::Employers
            | Collection::Positions
            | Collection::PolicyCategories
            | Collection::Policies => Scope::Public,
            Collection::Enterprises
            | Collection::Visits
            | Collection::Projects
            | Collection::Interests => Scope::Staff,
        }
    }

    /// Whether someone with `role` (`None` = anonymous) may read it.
    pub fn readable_by(self, role: Option<Role>) -> bool {
        self.scope() == Scope::Public || role.is_some()
    }

    /// Whether someone with `role` (`None` = anonymous) may write it this way.
    /// Public collections are written by admins; staff collections by staff and
    /// admins; anyone may create (never change) an interest registration.
    pub fn writable_by(self, role: Option<Role>, kind: WriteKind) -> bool {
        match (self.scope(), role) {
            (_, Some(Role::Admin)) => true,
            (Scope::Staff, Some(Role::Staff)) => true,
            (Scope::Public, _) => false,
            (Scope::Staff, None) => self == Collection::Interests && kind == WriteKind::Create,
        }
    }
}

impl fmt::Display for Collection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Collection {
    type Err = ();
    fn from_str(text: &str) -> Result<Self, ()> {
        Collection::ALL
            .into_iter()
            .find(|c| c.as_str() == text)
            .ok_or(())
    }
}

impl Label for Collection {
    fn label(&self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Collection::Fairs => ("招聘会", "Job fairs"),
            Collection::Employers => ("用人单位", "Employers"),
            Collection::Positions => ("岗位", "Positions"),
            Collection::PolicyCategories => ("政策类别", "Policy categories"),
            Collection::Policies => ("政策指南", "Policy guides"),
            Collection::Enterprises => ("企业台账", "Enterprises"),
            Collection::Visits => ("走访记录", "Visits"),
            Collection::Projects => ("重点项目", "Key projects"),
            Collection::Interests => ("意向登记", "Interest registrations"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Collection::ALL {
            assert_eq!(c.as_str().parse::<Collection>(), Ok(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        assert!("users".parse::<Collection>().is_err());
    }

    #[test]
    fn access_rules() {
        use WriteKind::*;
        for c in Collection::ALL {
            assert!(c.readable_by(Some(Role::Staff)));
            assert!(c.writable_by(Some(Role::Admin), Change));
            assert_eq!(c.readable_by(None), c.scope() == Scope::Public);
            assert_eq!(
                c.writable_by(Some(Role::Staff), Change),
                c.scope() == Scope::Staff
            );
            assert!(!c.writable_by(None, Change));
        }
        assert!(Collection::Interests.writable_by(None, Create));
        assert!(!Collection::Visits.writable_by(None, Create));
        assert!(!Collection::Positions.writable_by(None, Create));
    }
}
