//! Deterministic demo data for benchmarks and load tests.
//!
//! [`generate_positions`] and [`generate_employers`] build any number of
//! realistic, valid records (Tongji villages, Qingdao 2026 salaries, titles and
//! benefits per sector, like the seed content in `crates/server/seed/`) from a
//! `u64` seed. The same arguments always give the same records, ids included:
//! the generator uses its own SplitMix64 PRNG, no clock and no platform
//! randomness, so it runs the same natively and in wasm. Nothing calls it by
//! default; the server seeds only the hand-written seed files.
//!
//! Generated records are dated around [`anchor_date`] (2026-11-26) and marked
//! `sample: true`.
//!
//! ```
//! use domain::demo::{generate_employers, generate_positions};
//! use domain::records::RecordData;
//!
//! let employers = generate_employers(20, 7, &[]);
//! let ids: Vec<_> = employers.iter().map(|(id, _)| *id).collect();
//! let positions = generate_positions(100, 7, &ids, &[]);
//! assert_eq!(positions.len(), 100);
//! assert!(positions.iter().all(|(_, p)| p.validate().is_ok()));
//! assert_eq!(positions, generate_positions(100, 7, &ids, &[]));
//! ```

mod vocab;

use crate::ids::RecordId;
use crate::records::{Employer, Position};
use crate::time::{Date, TimeOfDay, Timestamp};
use uuid::Uuid;
use vocab::{
    Role, Sector, BRANDS, MOBILE_PREFIXES, SECTORS, SHIFTS, SITES, SURNAMES, TITLES, VILLAGES,
};

/// Generated positions are posted within this many days before [`anchor_date`].
pub const POSTING_WINDOW_DAYS: i64 = 60;

/// Stream constants, so positions and employers of one seed are independent.
const POSITION_STREAM: u64 = 0x706f_7369_7469_6f6e; // "position"
const EMPLOYER_STREAM: u64 = 0x656d_706c_6f79_6572; // "employer"
const PROFILE_STREAM: u64 = 0x7072_6f66_696c_6521; // "profile!"

/// The day the demo content is dated around: 2026-11-26, the demo's "today".
pub fn anchor_date() -> Date {
    Date::new(2026, 11, 26).expect("2026-11-26 exists")
}

/// Generates `count` positions offered by `employers`, at `fairs`.
///
/// Each position's employer is picked from `employers`; its sector, usual
/// village and contact follow from the employer id (see [`employer_sector`]),
/// so all positions of one employer agree. About nine in ten positions are
/// offered at one of the employer's fairs ([`employer_fairs`]); the rest, and
/// all of them when `fairs` is empty, have no fair. Ids are UUID v7 whose
/// timestamp is the morning of `posted_on` and whose random bits come from the
/// PRNG. Returns an empty list when `employers` is empty (a position needs an
/// employer).
pub fn generate_positions(
    count: usize,
    seed: u64,
    employers: &[RecordId],
    fairs: &[RecordId],
) -> Vec<(RecordId, Position)> {
    if employers.is_empty() {
        return Vec::new();
    }
    let mut rng = SplitMix64::new(seed ^ POSITION_STREAM);
    let today = anchor_date();
    (0..count)
        .map(|_| {
            let employer_id = employers[rng.below(employers.len() as u64) as usize];
            let profile = Profile::of(employer_id);
            let role = rng.pick(profile.sector.roles);
            let (salary_min, salary_max) = salary(role, &mut rng);
            let attended = employer_fairs(employer_id, fairs);
            let fair_id = if !attended.is_empty() && rng.chance(90) {
                Some(*rng.pick(&attended))
            } else {
                None
            };
            let posted_on = today.add_days(-(rng.below(POSTING_WINDOW_DAYS as u64 + 1) as i64));
            let location = if rng.chance(80) {
                profile.village
            } else {
                *rng.pick(VILLAGES)
            };
            let (contact_name, contact_phone) = if rng.chance(75) {
                (profile.contact_name.clone(), profile.phone.clone())
            } else {
                (person(&mut rng), mobile(&mut rng))
            };
            let mut description = role.duties.to_owned();
            if rng.chance(50) {
                description.push_str("工作时间：");
                description.push_str(rng.pick::<&str>(SHIFTS));
            }
            let position = Position {
                employer_id,
                fair_id,
                title: role.title.to_owned(),
                sector: profile.sector.name.to_owned(),
                headcount: 1 + rng.below(u64::from(role.headcount)) as u32,
                salary_min,
                salary_max,
                education: role.education,
                experience_years: rng.below(u64::from(role.experience) + 1) as u8,
                location: location.to_owned(),
                benefits: benefits(profile.sector, &mut rng),
                description,
                contact_name,
                contact_phone,
                posted_on,
                sample: true,
            };
            (v7_id(&mut rng, posted_on), position)
        })
        .collect()
}

/// Generates `count` employers attending some of `fairs`.
///
/// The sector, village and contact of each employer follow from its id, the
/// same way [`generate_positions`] derives them, so positions generated for
/// these employers agree with them; `fair_ids` is [`employer_fairs`] of the id.
/// Names combine a brand and a sector word (青岛鑫源针织服饰有限公司) and may
/// repeat when `count` is large.
pub fn generate_employers(
    count: usize,
    seed: u64,
    fairs: &[RecordId],
) -> Vec<(RecordId, Employer)> {
    let mut rng = SplitMix64::new(seed ^ EMPLOYER_STREAM);
    let today = anchor_date();
    (0..count)
        .map(|_| {
            let registered = today.add_days(-(rng.below(730) as i64));
            let id = v7_id(&mut rng, registered);
            let profile = Profile::of(id);
            let sector = profile.sector;
            let name = format!(
                "青岛{}{}有限公司",
                rng.pick(BRANDS),
                rng.pick(sector.company_words)
            );
            let employer = Employer {
                name,
                sector: sector.name.to_owned(),
                location: format!("即墨区通济街道{}{}", profile.village, rng.pick(SITES)),
                description: (*rng.pick(sector.blurbs)).to_owned(),
                contact_name: profile.contact_name,
                contact_phone: profile.phone,
                fair_ids: employer_fairs(id, fairs),
                sample: true,
            };
            (id, employer)
        })
        .collect()
}

/// The sector the generator gives an employer, derived from its id alone.
pub fn employer_sector(employer: RecordId) -> &'static str {
    Profile::of(employer).sector.name
}

/// The fairs the generator has an employer attend: one to three of `fairs`
/// (or all of them when there are fewer), derived from the employer id alone.
pub fn employer_fairs(employer: RecordId, fairs: &[RecordId]) -> Vec<RecordId> {
    let mut rng = profile_rng(employer);
    rng.next_u64(); // skip the draws Profile::of uses
    let wanted = (1 + rng.below(3) as usize).min(fairs.len());
    let mut pool = fairs.to_vec();
    let mut chosen = Vec::with_capacity(wanted);
    while chosen.len() < wanted {
        chosen.push(pool.swap_remove(rng.below(pool.len() as u64) as usize));
    }
    chosen
}

/// What follows from an employer id: sector, usual village and contact.
struct Profile {
    sector: &'static Sector,
    village: &'static str,
    contact_name: String,
    phone: String,
}

impl Profile {
    fn of(employer: RecordId) -> Profile {
        let mut rng = profile_rng(employer);
        let mut fixed = SplitMix64::new(rng.next_u64());
        let sector = fixed.pick(SECTORS);
        let village = *fixed.pick(VILLAGES);
        let contact_name = person(&mut fixed);
        let phone = if fixed.chance(50) {
            format!(
                "0532-8{}{:06}",
                fixed.pick(&["4", "6", "7", "8"]),
                fixed.below(1_000_000)
            )
        } else {
            mobile(&mut fixed)
        };
        Profile {
            sector,
            village,
            contact_name,
            phone,
        }
    }
}

fn profile_rng(employer: RecordId) -> SplitMix64 {
    let bits = employer.as_uuid().as_u128();
    SplitMix64::new((bits >> 64) as u64 ^ bits as u64 ^ PROFILE_STREAM)
}

fn salary(role: &Role, rng: &mut SplitMix64) -> (u32, u32) {
    let vary = |value: u32, rng: &mut SplitMix64| {
        let percent = 94 + rng.below(13) as u32; // 94..=106 %
        (value * percent / 100 + 50) / 100 * 100
    };
    let min = vary(role.salary.0, rng);
    let max = vary(role.salary.1, rng).max(min + 500);
    (min, max)
}

fn benefits(sector: &Sector, rng: &mut SplitMix64) -> Vec<String> {
    let wanted = 3 + rng.below(3) as usize;
    let mut pool: Vec<&str> = sector.benefits.to_vec();
    let mut out = Vec::with_capacity(wanted);
    // The first benefit of a sector is its social insurance; keep it first.
    out.push(pool.remove(0).to_owned());
    while out.len() < wanted && !pool.is_empty() {
        out.push(
            pool.swap_remove(rng.below(pool.len() as u64) as usize)
                .to_owned(),
        );
    }
    out
}

fn person(rng: &mut SplitMix64) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(TITLES))
}

fn mobile(rng: &mut SplitMix64) -> String {
    format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.below(100_000_000))
}

/// A UUID v7: the 48-bit timestamp is 09:00 (China Standard Time) of `day`
/// plus up to eight hours, the other 74 bits come from the PRNG.
fn v7_id(rng: &mut SplitMix64, day: Date) -> RecordId {
    let morning =
        Timestamp::from_local(day, TimeOfDay::parse("09:00").expect("valid time")).millis();
    let millis = (morning as u64).wrapping_add(rng.below(8 * 3_600_000)) & 0xFFFF_FFFF_FFFF;
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next_u64().to_be_bytes());
    bytes[8..].copy_from_slice(&rng.next_u64().to_be_bytes());
    bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    bytes[6] = (bytes[6] & 0x0F) | 0x70; // version 7
    bytes[8] = (bytes[8] & 0x3F) | 0x80; // RFC 4122 variant
    RecordId::from_uuid(Uuid::from_bytes(bytes))
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fully determined by its seed.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (Lemire's multiply-shift; the bias is negligible for small `n`).
    fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with the given probability in percent.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::RecordData;

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // First outputs for seed 0 from the reference implementation.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn every_vocabulary_role_yields_valid_positions() {
        let employer = RecordId::from_uuid(Uuid::from_u128(1));
        let mut rng = SplitMix64::new(3);
        for sector in SECTORS {
            assert!(sector.benefits.len() >= 3, "{}", sector.name);
            for role in sector.roles {
                let (min, max) = salary(role, &mut rng);
                assert!(
                    min >= 3000 && min < max && max <= 16_000,
                    "{}: {min}-{max}",
                    role.title
                );
                let p = Position {
                    employer_id: employer,
                    fair_id: None,
                    title: role.title.into(),
                    sector: sector.name.into(),
                    headcount: role.headcount,
                    salary_min: min,
                    salary_max: max,
                    education: role.education,
                    experience_years: role.experience,
                    location: VILLAGES[0].into(),
                    benefits: benefits(sector, &mut rng),
                    description: role.duties.into(),
                    contact_name: person(&mut rng),
                    contact_phone: mobile(&mut rng),
                    posted_on: anchor_date(),
                    sample: true,
                };
                assert_eq!(p.validate(), Ok(()), "{}", role.title);
            }
        }
    }

    #[test]
    fn ids_are_version_7_with_the_posting_day_as_timestamp() {
        let mut rng = SplitMix64::new(9);
        let day = anchor_date();
        let id = v7_id(&mut rng, day);
        assert_eq!(id.as_uuid().get_version_num(), 7);
        assert_eq!(id.as_uuid().get_variant(), uuid::Variant::RFC4122);
        let (secs, _) = id
            .as_uuid()
            .get_timestamp()
            .expect("v7 has a timestamp")
            .to_unix();
        assert_eq!(Timestamp::from_millis(secs as i64 * 1000).local_date(), day);
    }
}
