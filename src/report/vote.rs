//! Copies vote: a request read two or three times takes, for each field, the value its copies agree on.
//!
//! Each copy's ballot weighs the OCR confidence of that field in its record (1 when the record has none),
//! halved when the record's own review reasons name the field. The value with the most weight wins; ties go
//! to the value more copies read, then to the smallest (for dates, the earliest). When copies disagree the
//! disagreement is kept for the review list: with the values for identifiers, with only their number for
//! personal data (names, dates of birth, citizenship, sex).

use super::record_view::RecordView;
use std::collections::BTreeMap;

/// Fields whose values never appear in a disagreement (personal data).
const PRIVATE: [&str; 4] = ["subject name", "dob", "citizenship", "sex"];

/// The weight of one copy's reading of `field` (named as in the record's `fields`).
pub(crate) fn weight(r: &RecordView, field: &str) -> f32 {
    let c = r.fields.of(field).unwrap_or(1.0).clamp(0.0, 1.0);
    if r.flags(field) {
        c * 0.5
    } else {
        c
    }
}

/// The winning value of `ballots` (value, weight), and the disagreement in words when values differ.
pub(crate) fn tally(what: &str, ballots: &[(&str, f32)]) -> (Option<String>, Option<String>) {
    let mut n: BTreeMap<&str, (f32, usize)> = BTreeMap::new();
    for (v, w) in ballots {
        let e = n.entry(v).or_default();
        e.0 += w;
        e.1 += 1;
    }
    let best = n
        .iter()
        .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(a.1 .1.cmp(&b.1 .1)).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string());
    let disagreement = (n.len() > 1).then(|| {
        if PRIVATE.contains(&what) {
            let noun = if what == "subject name" { "spellings" } else { "readings" };
            format!("copies disagree on {what} ({} {noun})", n.len())
        } else {
            format!("copies disagree on {what}: {}", n.keys().copied().collect::<Vec<_>>().join(", "))
        }
    });
    (best, disagreement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_surer_reading_wins_and_the_disagreement_is_named() {
        let (v, d) = tally("event_number", &[("BOS25O1000002", 0.45), ("BOS2501000002", 0.9)]);
        assert_eq!(v.as_deref(), Some("BOS2501000002"));
        assert_eq!(d.as_deref(), Some("copies disagree on event_number: BOS2501000002, BOS25O1000002"));
        // Two copies that agree outweigh one surer copy.
        let (v, _) = tally("subject_id", &[("834488773", 0.6), ("834488273", 0.95), ("834488773", 0.6)]);
        assert_eq!(v.as_deref(), Some("834488773"));
        // A tie goes to the smallest (the earliest date); one reading is no disagreement.
        assert_eq!(tally("date_issued", &[("2025-03-08", 1.0), ("2025-03-03", 1.0)]).0.as_deref(), Some("2025-03-03"));
        assert_eq!(tally("date_issued", &[("2025-03-08", 1.0)]).1, None);
    }

    #[test]
    fn personal_data_is_never_named() {
        let (_, d) = tally("dob", &[("1990-01-01", 1.0), ("1990-07-01", 1.0)]);
        assert_eq!(d.as_deref(), Some("copies disagree on dob (2 readings)"));
    }
}
