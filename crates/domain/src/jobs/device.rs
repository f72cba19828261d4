//! What the job seeker's device remembers without an account: saved
//! positions and the registrations of interest it sent.

use crate::ids::RecordId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Saved positions (收藏), most recently saved first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SavedPositions(pub Vec<RecordId>);

impl SavedPositions {
    /// Whether a position is saved.
    pub fn contains(&self, id: RecordId) -> bool {
        self.0.contains(&id)
    }

    /// Saves or unsaves a position; returns whether it is saved now.
    pub fn toggle(&mut self, id: RecordId) -> bool {
        if let Some(at) = self.0.iter().position(|x| *x == id) {
            self.0.remove(at);
            false
        } else {
            self.0.insert(0, id);
            true
        }
    }
}

/// A registration of interest this device sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    /// The interest record's id (to tell from the outbox whether it has
    /// reached the office).
    pub interest_id: RecordId,
    /// The position.
    pub position_id: RecordId,
    /// When it was submitted.
    pub at: Timestamp,
}

impl MyRegistration {
    /// The latest registration for a position in a list.
    pub fn latest_for(list: &[MyRegistration], position: RecordId) -> Option<&MyRegistration> {
        list.iter()
            .filter(|r| r.position_id == position)
            .max_by_key(|r| r.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_saves_newest_first_and_unsaves() {
        let (a, b) = (RecordId::generate(), RecordId::generate());
        let mut saved = SavedPositions::default();
        assert!(saved.toggle(a));
        assert!(saved.toggle(b));
        assert_eq!(saved.0, [b, a]);
        assert!(!saved.toggle(a));
        assert!(!saved.contains(a) && saved.contains(b));
        let json = serde_json::to_string(&saved).unwrap();
        assert_eq!(json, format!("[\"{b}\"]"), "stored as a plain list");
    }

    #[test]
    fn the_latest_registration_for_a_position() {
        let (p, q) = (RecordId::generate(), RecordId::generate());
        let reg = |position, ms| MyRegistration {
            interest_id: RecordId::generate(),
            position_id: position,
            at: Timestamp::from_millis(ms),
        };
        let list = vec![reg(p, 1), reg(q, 5), reg(p, 3)];
        assert_eq!(MyRegistration::latest_for(&list, p).unwrap().at.millis(), 3);
        assert!(MyRegistration::latest_for(&list, RecordId::generate()).is_none());
    }
}
