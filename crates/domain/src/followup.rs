//! The follow-up board's rules: when a follow-up action is due or overdue,
//! closing and reopening one (its history is appended to, never rewritten),
//! and the open difficulties counted by category and urgency.
//!
//! "This week" is the calendar week, Monday to Sunday, as 本周 is read in
//! the office: on a Friday, a follow-up due on Sunday is due this week and
//! one due on Monday is not.
//!
//! ```
//! use domain::followup::{due_state, DueState};
//! use domain::records::{FollowUp, FollowUpStatus};
//! use domain::ids::RecordId;
//! use domain::time::Date;
//!
//! let today = Date::parse("2026-11-26").unwrap(); // a Thursday
//! let f = FollowUp {
//!     id: RecordId::generate(), action: "对接融资担保".into(), owner: "经发办".into(),
//!     due: Date::parse("2026-11-23").unwrap(), status: FollowUpStatus::Open,
//!     difficulty_id: None, history: vec![],
//! };
//! assert_eq!(due_state(&f, today), DueState::Overdue { days: 3 });
//! ```

use crate::ids::RecordId;
use crate::lang::{Lang, Text};
use crate::records::{
    Difficulty, DifficultyCategory, DifficultyStatus, FollowUp, FollowUpEvent, FollowUpStatus,
    Urgency, Visit,
};
use crate::time::{Date, Timestamp};

/// Where an open follow-up stands against its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueState {
    /// Past its due date by this many days (at least 1).
    Overdue {
        /// Days late.
        days: i64,
    },
    /// Due today.
    Today,
    /// Due later in the current calendar week.
    ThisWeek {
        /// Days left.
        days: i64,
    },
    /// Due after this week.
    Later {
        /// Days left.
        days: i64,
    },
    /// Done; no longer due.
    Done,
}

impl DueState {
    /// Whether the board lists it (overdue, today or this week).
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            DueState::Overdue { .. } | DueState::Today | DueState::ThisWeek { .. }
        )
    }

    /// A short description: "逾期 3 天", "今天到期", "还有 2 天", "已完成".
    pub fn describe(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            DueState::Overdue { days } => {
                if zh {
                    format!("逾期 {days} 天")
                } else {
                    format!("{days} d overdue")
                }
            }
            DueState::Today => Text::new("今天到期", "Due today").get(lang).into(),
            DueState::ThisWeek { days } | DueState::Later { days } => {
                if zh {
                    format!("还有 {days} 天")
                } else {
                    format!("{days} d left")
                }
            }
            DueState::Done => Text::new("已完成", "Done").get(lang).into(),
        }
    }
}

/// The state of a follow-up on `today`.
pub fn due_state(follow_up: &FollowUp, today: Date) -> DueState {
    if follow_up.status == FollowUpStatus::Done {
        return DueState::Done;
    }
    let days = today.days_until(follow_up.due);
    let sunday = today.add_days(6 - i64::from(today.weekday()));
    match days {
        d if d < 0 => DueState::Overdue { days: -d },
        0 => DueState::Today,
        d if follow_up.due <= sunday => DueState::ThisWeek { days: d },
        d => DueState::Later { days: d },
    }
}

/// Why a follow-up could not change status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FollowUpError {
    /// Closing one that is already done.
    #[error("already done")]
    AlreadyDone,
    /// Reopening one that is open.
    #[error("already open")]
    AlreadyOpen,
}

fn change(follow_up: &mut FollowUp, status: FollowUpStatus, by: &str, note: &str, at: Timestamp) {
    follow_up.status = status;
    follow_up.history.push(FollowUpEvent {
        at,
        by: by.trim().to_owned(),
        status,
        note: note.trim().to_owned(),
    });
}

/// Marks a follow-up done, appending who closed it, when and why. Earlier
/// history entries are left exactly as they were.
pub fn close(
    follow_up: &mut FollowUp,
    by: &str,
    note: &str,
    at: Timestamp,
) -> Result<(), FollowUpError> {
    if follow_up.status == FollowUpStatus::Done {
        return Err(FollowUpError::AlreadyDone);
    }
    change(follow_up, FollowUpStatus::Done, by, note, at);
    Ok(())
}

/// Opens a done follow-up again, appending the reason.
pub fn reopen(
    follow_up: &mut FollowUp,
    by: &str,
    note: &str,
    at: Timestamp,
) -> Result<(), FollowUpError> {
    if follow_up.status == FollowUpStatus::Open {
        return Err(FollowUpError::AlreadyOpen);
    }
    change(follow_up, FollowUpStatus::Open, by, note, at);
    Ok(())
}

/// Logs status changes made by editing a visit: every follow-up of `after`
/// whose status differs from the same item in `before` (or that is new and
/// already done) gets a history entry, so the history tells every change
/// even when it was made in the form rather than with [`close`].
pub fn log_status_changes(before: Option<&Visit>, after: &mut Visit, by: &str, at: Timestamp) {
    for f in &mut after.follow_ups {
        let old = before
            .and_then(|b| b.follow_ups.iter().find(|x| x.id == f.id))
            .map(|x| x.status);
        let changed = match old {
            Some(status) => status != f.status,
            None => f.status == FollowUpStatus::Done,
        };
        if changed {
            let status = f.status;
            change(f, status, by, "", at);
        }
    }
}

/// An open follow-up that needs attention, with where it lives.
#[derive(Clone, Debug, PartialEq)]
pub struct Attention {
    /// The visit that holds it.
    pub visit_id: RecordId,
    /// The follow-up's item id.
    pub follow_up_id: RecordId,
    /// The enterprise visited.
    pub enterprise_id: RecordId,
    /// Its due date.
    pub due: Date,
    /// Its state (overdue, today or this week).
    pub state: DueState,
}

/// Every open follow-up that is overdue or due this week, most overdue
/// first (then by visit and item id, so the order is stable).
pub fn needing_attention<'a>(
    visits: impl IntoIterator<Item = (RecordId, &'a Visit)>,
    today: Date,
) -> Vec<Attention> {
    let mut out: Vec<Attention> = visits
        .into_iter()
        .flat_map(|(visit_id, v)| {
            v.follow_ups.iter().filter_map(move |f| {
                let state = due_state(f, today);
                state.needs_attention().then_some(Attention {
                    visit_id,
                    follow_up_id: f.id,
                    enterprise_id: v.enterprise_id,
                    due: f.due,
                    state,
                })
            })
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        (a.due, a.visit_id, a.follow_up_id).cmp(&(b.due, b.visit_id, b.follow_up_id))
    });
    out
}

/// Open difficulties counted by category (rows, in
/// [`DifficultyCategory::ALL`] order) and urgency (columns, in
/// [`Urgency::ALL`] order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DifficultyTally {
    counts: [[usize; 3]; 7],
}

fn category_index(c: DifficultyCategory) -> usize {
    DifficultyCategory::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(6)
}

fn urgency_index(u: Urgency) -> usize {
    Urgency::ALL.iter().position(|x| *x == u).unwrap_or(0)
}

impl DifficultyTally {
    /// Counts the open difficulties of some visits.
    pub fn of<'a>(visits: impl IntoIterator<Item = &'a Visit>) -> DifficultyTally {
        let mut tally = DifficultyTally::default();
        for d in visits
            .into_iter()
            .flat_map(|v| &v.difficulties)
            .filter(|d| d.status == DifficultyStatus::Open)
        {
            tally.counts[category_index(d.category)][urgency_index(d.urgency)] += 1;
        }
        tally
    }

    /// Open difficulties of one category and urgency.
    pub fn count(&self, category: DifficultyCategory, urgency: Urgency) -> usize {
        self.counts[category_index(category)][urgency_index(urgency)]
    }

    /// Open difficulties of one category.
    pub fn category_total(&self, category: DifficultyCategory) -> usize {
        self.counts[category_index(category)].iter().sum()
    }

    /// Open difficulties of one urgency.
    pub fn urgency_total(&self, urgency: Urgency) -> usize {
        self.counts
            .iter()
            .map(|row| row[urgency_index(urgency)])
            .sum()
    }

    /// All open difficulties.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// The largest category total (the chart's scale); 0 when none are open.
    pub fn largest_category(&self) -> usize {
        DifficultyCategory::ALL
            .iter()
            .map(|c| self.category_total(*c))
            .max()
            .unwrap_or(0)
    }
}

/// An open difficulty with the visit that raised it.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenDifficulty<'a> {
    /// The visit.
    pub visit_id: RecordId,
    /// The visit's date.
    pub date: Date,
    /// The difficulty.
    pub difficulty: &'a Difficulty,
}

/// The open difficulties of some visits, most urgent first, then newest
/// visit first.
pub fn open_difficulties<'a>(
    visits: impl IntoIterator<Item = (RecordId, &'a Visit)>,
) -> Vec<OpenDifficulty<'a>> {
    let mut out: Vec<OpenDifficulty<'a>> = visits
        .into_iter()
        .flat_map(|(visit_id, v)| {
            v.difficulties
                .iter()
                .filter(|d| d.status == DifficultyStatus::Open)
                .map(move |d| OpenDifficulty {
                    visit_id,
                    date: v.date,
                    difficulty: d,
                })
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| {
        b.difficulty
            .urgency
            .cmp(&a.difficulty.urgency)
            .then(b.date.cmp(&a.date))
            .then(a.difficulty.id.cmp(&b.difficulty.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn follow_up(due: &str) -> FollowUp {
        FollowUp {
            id: RecordId::generate(),
            action: "协调用地手续".into(),
            owner: "规划办".into(),
            due: date(due),
            status: FollowUpStatus::Open,
            difficulty_id: None,
            history: vec![],
        }
    }

    fn difficulty(category: DifficultyCategory, urgency: Urgency, open: bool) -> Difficulty {
        Difficulty {
            id: RecordId::generate(),
            category,
            urgency,
            description: "说明".into(),
            status: if open {
                DifficultyStatus::Open
            } else {
                DifficultyStatus::Resolved
            },
            resolution: String::new(),
        }
    }

    fn visit(on: &str, difficulties: Vec<Difficulty>, follow_ups: Vec<FollowUp>) -> Visit {
        Visit {
            enterprise_id: RecordId::generate(),
            date: date(on),
            staff: "王磊".into(),
            purpose: String::new(),
            policies_presented: vec![],
            difficulties,
            follow_ups,
            photos: vec![],
            indicators: Default::default(),
            notes: String::new(),
        }
    }

    #[test]
    fn due_states_around_today_and_the_week_end() {
        // 2026-11-26 is a Thursday; that week ends on Sunday 2026-11-29.
        let thu = date("2026-11-26");
        let state = |due: &str| due_state(&follow_up(due), thu);
        assert_eq!(state("2026-11-25"), DueState::Overdue { days: 1 });
        assert_eq!(state("2026-10-27"), DueState::Overdue { days: 30 });
        assert_eq!(state("2026-11-26"), DueState::Today);
        assert_eq!(state("2026-11-27"), DueState::ThisWeek { days: 1 });
        assert_eq!(state("2026-11-29"), DueState::ThisWeek { days: 3 });
        assert_eq!(state("2026-11-30"), DueState::Later { days: 4 });
        // On a Sunday only today is left of the week.
        let sun = date("2026-11-29");
        assert_eq!(
            due_state(&follow_up("2026-11-30"), sun),
            DueState::Later { days: 1 }
        );
        // On a Monday the whole week is ahead.
        let mon = date("2026-11-23");
        assert_eq!(
            due_state(&follow_up("2026-11-29"), mon),
            DueState::ThisWeek { days: 6 }
        );
        // Across a year end.
        let wed = date("2026-12-30");
        assert_eq!(
            due_state(&follow_up("2027-01-03"), wed),
            DueState::ThisWeek { days: 4 }
        );
        let mut done = follow_up("2026-01-01");
        done.status = FollowUpStatus::Done;
        assert_eq!(due_state(&done, thu), DueState::Done);
        assert!(!DueState::Done.needs_attention());
        assert!(!DueState::Later { days: 4 }.needs_attention());
        assert!(DueState::Today.needs_attention());
        assert_eq!(
            DueState::Overdue { days: 3 }.describe(Lang::Zh),
            "逾期 3 天"
        );
        assert_eq!(
            DueState::ThisWeek { days: 2 }.describe(Lang::En),
            "2 d left"
        );
    }

    #[test]
    fn closing_appends_to_the_history_and_never_rewrites_it() {
        let mut f = follow_up("2026-11-20");
        let t1 = Timestamp::from_millis(1_000);
        let t2 = Timestamp::from_millis(2_000);
        let t3 = Timestamp::from_millis(3_000);
        close(&mut f, " 王磊 ", " 已推荐 3 名缝纫工 ", t1).unwrap();
        assert_eq!(f.status, FollowUpStatus::Done);
        assert_eq!(
            close(&mut f, "李娜", "", t2),
            Err(FollowUpError::AlreadyDone)
        );
        assert_eq!(f.history.len(), 1, "a refused close leaves no trace");
        let first = f.history[0].clone();
        assert_eq!(first.by, "王磊");
        assert_eq!(first.note, "已推荐 3 名缝纫工");
        reopen(&mut f, "李娜", "企业反馈仍缺人", t2).unwrap();
        assert_eq!(
            reopen(&mut f, "李娜", "", t3),
            Err(FollowUpError::AlreadyOpen)
        );
        close(&mut f, "李娜", "第二批到岗", t3).unwrap();
        assert_eq!(f.history.len(), 3);
        assert_eq!(f.history[0], first, "earlier entries are untouched");
        let statuses: Vec<_> = f.history.iter().map(|e| e.status).collect();
        assert_eq!(
            statuses,
            [
                FollowUpStatus::Done,
                FollowUpStatus::Open,
                FollowUpStatus::Done
            ]
        );
        assert_eq!(due_state(&f, date("2026-11-26")), DueState::Done);
    }

    #[test]
    fn status_changes_made_in_the_form_are_logged() {
        let at = Timestamp::from_millis(5_000);
        let mut before = visit(
            "2026-11-01",
            vec![],
            vec![follow_up("2026-11-10"), follow_up("2026-11-12")],
        );
        before.follow_ups[1].history.push(FollowUpEvent {
            at: Timestamp::from_millis(1),
            by: "王磊".into(),
            status: FollowUpStatus::Open,
            note: "初始".into(),
        });
        let mut after = before.clone();
        after.follow_ups[0].status = FollowUpStatus::Done;
        let mut added = follow_up("2026-11-30");
        added.status = FollowUpStatus::Done;
        after.follow_ups.push(added);
        after.follow_ups.push(follow_up("2026-12-01"));
        log_status_changes(Some(&before), &mut after, "李娜", at);
        assert_eq!(after.follow_ups[0].history.len(), 1);
        assert_eq!(after.follow_ups[0].history[0].by, "李娜");
        assert_eq!(after.follow_ups[0].history[0].status, FollowUpStatus::Done);
        assert_eq!(
            after.follow_ups[1].history, before.follow_ups[1].history,
            "unchanged"
        );
        assert_eq!(after.follow_ups[2].history.len(), 1, "new and already done");
        assert!(after.follow_ups[3].history.is_empty(), "new and open");
        let mut fresh = visit("2026-11-01", vec![], vec![follow_up("2026-11-10")]);
        log_status_changes(None, &mut fresh, "王磊", at);
        assert!(fresh.follow_ups[0].history.is_empty());
    }

    #[test]
    fn the_board_lists_overdue_and_this_weeks_follow_ups_most_overdue_first() {
        let today = date("2026-11-26");
        let a = visit(
            "2026-11-01",
            vec![],
            vec![
                follow_up("2026-11-28"),
                follow_up("2026-12-15"),
                follow_up("2026-11-10"),
            ],
        );
        let mut closed = follow_up("2026-11-01");
        closed.status = FollowUpStatus::Done;
        let b = visit("2026-11-20", vec![], vec![closed, follow_up("2026-11-26")]);
        let (ia, ib) = (RecordId::generate(), RecordId::generate());
        let list = needing_attention([(ia, &a), (ib, &b)], today);
        let states: Vec<_> = list.iter().map(|x| x.state).collect();
        assert_eq!(
            states,
            [
                DueState::Overdue { days: 16 },
                DueState::Today,
                DueState::ThisWeek { days: 2 }
            ]
        );
        assert_eq!(list[0].visit_id, ia);
        assert_eq!(list[0].follow_up_id, a.follow_ups[2].id);
        assert_eq!(list[1].visit_id, ib);
        assert_eq!(list[1].enterprise_id, b.enterprise_id);
        assert!(needing_attention([], today).is_empty());
    }

    #[test]
    fn open_difficulties_are_tallied_by_category_and_urgency() {
        use DifficultyCategory::*;
        let a = visit(
            "2026-11-01",
            vec![
                difficulty(Labour, Urgency::High, true),
                difficulty(Labour, Urgency::Low, true),
                difficulty(Finance, Urgency::Medium, true),
                difficulty(Finance, Urgency::High, false),
            ],
            vec![],
        );
        let b = visit(
            "2026-11-20",
            vec![
                difficulty(Labour, Urgency::High, true),
                difficulty(Other, Urgency::Low, true),
            ],
            vec![],
        );
        let tally = DifficultyTally::of([&a, &b]);
        assert_eq!(tally.count(Labour, Urgency::High), 2);
        assert_eq!(tally.category_total(Labour), 3);
        assert_eq!(
            tally.category_total(Finance),
            1,
            "resolved ones do not count"
        );
        assert_eq!(tally.category_total(Land), 0);
        assert_eq!(tally.urgency_total(Urgency::Low), 2);
        assert_eq!(tally.total(), 5);
        assert_eq!(tally.largest_category(), 3);
        assert_eq!(DifficultyTally::default().largest_category(), 0);

        let (ia, ib) = (RecordId::generate(), RecordId::generate());
        let open = open_difficulties([(ia, &a), (ib, &b)]);
        assert_eq!(open.len(), 5);
        assert_eq!(open[0].visit_id, ib, "most urgent, then newest visit");
        assert_eq!(open[0].difficulty.urgency, Urgency::High);
        assert_eq!(open[1].visit_id, ia);
        assert_eq!(open[1].difficulty.urgency, Urgency::High);
        assert_eq!(open[2].difficulty.urgency, Urgency::Medium);
    }
}
