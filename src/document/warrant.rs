//! The warrant attached to a request, and the checks that tie a request's values together.

use super::{DocSpan, PageSlot};
use crate::forms::classify::{self, PageText};
use crate::forms::extract::WarrantANumber;
use crate::forms::models::Models;
use crate::ocr::lines::Line;
use crate::ocr::Word;
use crate::page::prepare::Frame;
use crate::plan::PageFields;
use crate::record::*;
use crate::review::calibration::NameParts;
use crate::review::Reason;
use serde_json::json;

/// How strongly a page's text shows a warrant of each family: (administrative, judicial), each the best
/// score of its kinds' cues in `classify.toml`. A cue alone (a caption, a title word) is not a warrant; two
/// weights' worth is a page worth a clerk's look.
fn warrant_cues(models: &Models, text: &PageText) -> (i32, i32) {
    let (mut admin, mut judicial) = (0, 0);
    for (kind, score) in classify::scores(&models.classifier, text) {
        match kind.warrant_type() {
            Some(WarrantType::I200 | WarrantType::I205) => admin = admin.max(score),
            Some(WarrantType::Judicial) => judicial = judicial.max(score),
            _ => {}
        }
    }
    (admin, judicial)
}

/// Most words a signature-block line holds (a date, a name and a title, its label row beside it).
const SIGNATURE_WORDS: usize = 12;

/// A gap between two words of a line wider than this many of its word heights parts two blocks printed
/// side by side; a word space is about a third of one.
const BLOCK_GAP: i32 = 2;

/// A line's words in the blocks it runs across: OCR joins a row of the judge's block ("NAME, United States
/// District Judge") with the block left of it ("City and state: ...") into one line, longer than a
/// signature's.
fn blocks(line: &Line) -> Vec<Vec<&Word>> {
    let gap = BLOCK_GAP * crate::ocr::lines::median_height(line).max(8);
    let mut words: Vec<&Word> = line.words.iter().collect();
    words.sort_by_key(|w| w.bbox.x);
    let mut out: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(block) if w.bbox.x - block[block.len() - 1].bbox.right() <= gap => block.push(w),
            _ => out.push(vec![w]),
        }
    }
    out
}

/// Score from which a page's warrant cues make its warrant type a question (see [`warrant_cues`]).
const WARRANT_CUES: i32 = 2;

/// Mean OCR confidence (0-100) under which a page's words are mostly not text the engine knows: a page too
/// degraded, or turned, to tell what it is (measured: such warrant pages 26-34; a notice in a poor scan
/// 63-80, clean pages 85-95).
const LEGIBLE: f32 = 50.0;

/// The mean OCR confidence of a page's words of three characters or more (specks and punctuation read as
/// words score anything); None when it has none.
fn legibility(text: &PageText) -> Option<f32> {
    crate::ocr::lines::mean_confidence(&text.lines, 3).map(|(_, mean)| mean)
}

/// The warrant attached to the request: the first warrant page after it. A page is judicial only when it
/// shows a court caption (its classification) and a judge's signature block, and no officer's title. A
/// page after the request that shows warrant cues without being settled as a warrant, that nothing
/// recognised, or a judicial one that also shows an administrative warrant's, makes the type unsure
/// (`warrant_type:unsure`): `none` is only said when every page after the request is known not to be one.
pub(super) fn warrant(models: &Models, pages: &[PageSlot], span: &DocSpan, det: &mut Detainer, rec: &mut Record) {
    let req = span.request.unwrap_or(span.start);
    let mut unsure = false;
    for (i, p) in pages.iter().enumerate().take(span.end).skip(span.start) {
        let Ok(p) = p else { continue };
        if i <= req {
            continue;
        }
        let Some(wt) = p.kind.warrant_type() else {
            // The request's own notice pages are the form's, not a warrant. A page after the request that
            // nothing recognised (`other`: too degraded, turned, or in a style no cue knows) is most often
            // its warrant unread: `none` would hide a judicial warrant, so its type is left to a person.
            let (admin, judicial) = warrant_cues(models, &p.text);
            let legible = legibility(&p.text);
            if crate::ocr::tracing() {
                eprintln!(
                    "page {}: {:?} after the request, legibility {legible:?}, warrant cues {admin}/{judicial}",
                    i + 1,
                    p.kind
                );
            }
            unsure |= (p.kind == PageKind::Other && legible.is_some_and(|l| l < LEGIBLE))
                || (p.kind != PageKind::DetaineeNotice && admin.max(judicial) >= WARRANT_CUES);
            continue;
        };
        if wt == WarrantType::Judicial && warrant_cues(models, &p.text).0 >= WARRANT_CUES {
            rec.review.flag(Reason::WarrantTypeUnsure);
            det.warrant = Warrant { kind: WarrantType::None, page: Some(i as u32 + 1) };
            return;
        }
        if wt == WarrantType::Judicial && !signed_by_judge(models, &p.text, i + 1) {
            rec.review.flag(Reason::WarrantUnconfirmed(i + 1));
            det.warrant = Warrant { kind: WarrantType::None, page: Some(i as u32 + 1) };
            return;
        }
        let kind = wt;
        det.warrant = Warrant { kind, page: Some(i as u32 + 1) };
        // The warrant must be for the same person, and it prints the request's A-number and name a second
        // time: agreement is evidence for the request's reads, a difference a reason naming the field.
        let a = match (&p.fields, kind) {
            (PageFields::Warrant { a_number }, WarrantType::I200 | WarrantType::I205) => a_number.clone(),
            _ => None,
        };
        match (&a, &det.a_number) {
            (Some(wa), Some(ra)) if wa.value != *ra => {
                if crate::ocr::tracing() {
                    eprintln!("warrant A-number {} / request {ra}", wa.value);
                }
                if misread_on_warrant(&wa.value, ra, rec) {
                    note_check(rec, "a_number", "warrant_misread");
                } else {
                    rec.review.flag(Reason::WarrantANumberMismatch)
                }
            }
            (Some(_), Some(_)) => agrees(rec, "a_number"),
            (Some(wa), None) => a_number_from_warrant(wa, i + 1, p.frame, det, rec),
            _ => {}
        }
        if let (Some(family), Some(given)) = (&det.subject.family_name, &det.subject.given_names) {
            match name_on_warrant(family, given, &p.text.lines) {
                NameOnWarrant::Same => agrees(rec, "name"),
                NameOnWarrant::Differs(spelt)
                    if misread_on_warrant_name(family, given, &spelt, &models.calibration.name_parts) =>
                {
                    if crate::ocr::tracing() {
                        eprintln!("warrant name misread: {family}, {given} / {spelt:?}");
                    }
                    note_check(rec, "name", "warrant_misread");
                }
                NameOnWarrant::Differs(spelt) => {
                    // Still named: the warrant's read may be the misread one.
                    rec.review.flag(Reason::WarrantNameDiffers(i + 1));
                    let respelt = spelt_as_warrant(family, given, &spelt, &models.calibration.name_parts);
                    if crate::ocr::tracing() {
                        eprintln!("warrant name differs: {family}, {given} / {spelt:?}");
                    }
                    if let Some(f) = rec.fields.get_mut("name") {
                        f.checks.push("warrant_differs".into());
                        if let Some((family, given)) = respelt {
                            super::fields::respelt_name(det, f, family, given, "spelt as the warrant prints it");
                        }
                    }
                }
                // Not found at all: with the A-number to tie the warrant to the request, the name's line
                // may just not have read; without it nothing says the warrant is this person's.
                NameOnWarrant::Absent if a.is_none() => rec.review.flag(Reason::WarrantNameNotFound(i + 1)),
                NameOnWarrant::Absent => {}
            }
        }
        return;
    }
    if unsure {
        rec.review.flag(Reason::WarrantTypeUnsure);
    }
    det.warrant = Warrant { kind: WarrantType::None, page: None };
}

/// Whether a page classified judicial (page `number` of its file) shows a judge's signature block and no
/// immigration officer's title. The block is short lines below the title area (a state court's compact
/// warrant signs in its upper third); a sentence that mentions a judge ("bring before a United States
/// magistrate judge") is a long line, and is not a signature.
fn signed_by_judge(models: &Models, text: &PageText, number: usize) -> bool {
    let top = (text.height as f32 * classify::TOP_BAND) as i32;
    let lower: String = text
        .lines
        .iter()
        .filter(|l| l.bbox.cy() > top)
        .flat_map(blocks)
        .filter(|words| words.len() <= SIGNATURE_WORDS)
        .map(|words| words.iter().map(|w| w.text.to_uppercase()).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let w = &models.warrants;
    let judge = w.judge_signature.is_match(&lower) || w.judge_signature.is_match(&respelt(&lower, &w.judge_words));
    let signed = judge && !w.officer_titles.is_match(&PageText::text(&text.lines));
    if !signed && crate::ocr::tracing() {
        eprintln!("page {number}: judicial warrant unconfirmed; its short lower lines:\n{lower}");
    }
    signed
}

/// `lines` with each word (split at spaces, hyphens and slashes, letters only) read as the one of `words`
/// it is within a label's tolerance of (`labels::tolerance`: one edit from four letters, two from eight),
/// when exactly one (`JUSTICF`, `OLERK`, `MAGISTRAL`); two fragments a scan parted are joined when together
/// they are one (`TUS TICE`). Words of under four letters are left as they are: one edit from them is too
/// many words.
fn respelt(lines: &str, words: &[String]) -> String {
    use crate::forms::labels::{edit_distance, tolerance};
    let as_word = |piece: &str| -> Option<&String> {
        let tol = tolerance(piece.chars().count());
        let mut near = words.iter().filter(|w| edit_distance(piece, w) <= tol);
        match (near.next(), near.next()) {
            (Some(w), None) => Some(w),
            _ => None,
        }
    };
    let respell = |line: &str| {
        let pieces: Vec<String> = line
            .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
            .map(|p| p.chars().filter(char::is_ascii_alphabetic).collect::<String>())
            .filter(|p| !p.is_empty())
            .collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let joined = pieces.get(i + 1).map(|next| format!("{}{next}", pieces[i]));
            match (as_word(&pieces[i]), joined.as_deref().and_then(as_word)) {
                (Some(w), _) => out.push(w.clone()),
                (None, Some(w)) => {
                    out.push(w.clone());
                    i += 1;
                }
                (None, None) => out.push(pieces[i].clone()),
            }
            i += 1;
        }
        out.join(" ")
    };
    lines.lines().map(respell).collect::<Vec<_>>().join("\n")
}

/// A warrant's word as printed, and the engine's confidence in it (0-100).
type Spelling = Option<(String, f32)>;

/// How the request's name reads on the warrant page.
#[derive(Debug, Clone, PartialEq)]
enum NameOnWarrant {
    /// One line of the warrant prints every part of the name, letter for letter (in any order: an I-200
    /// prints "GIVEN FAMILY", the request "FAMILY, GIVEN").
    Same,
    /// A line prints most of the name, but a part of it a letter or two apart, or not at all (a neighbour's
    /// word glued to the request's read, or a letter misread on one of the two). With, per part of the
    /// name, the warrant's word a letter or two from it (as printed, and the engine's confidence in it).
    Differs(Vec<Spelling>),
    /// No line prints most of the name.
    Absent,
}

/// Where the request's name (`family`, `given`) is on a warrant page's `lines`: the line on which most of
/// its letters are found, each part as a word (or two words run together, or one word split in two),
/// within OCR's usual errors. Parts are compared squashed to letters and digits (commas and hyphens are
/// printed either way), but for periods.
fn name_on_warrant(family: &str, given: &str, lines: &[Line]) -> NameOnWarrant {
    // A period is kept in a name ("ST. FLEUR"), but one read into a word ("CASTILLO. SANCHEZ") is a speck:
    // a part with a period is the warrant's only when the warrant prints the period too.
    let dotted = |s: &str| -> String {
        s.chars().filter(|c| c.is_alphanumeric() || *c == '.').flat_map(char::to_uppercase).collect()
    };
    let raw_parts: Vec<&str> = name_parts(family, given).collect();
    let (parts, part_texts): (Vec<String>, Vec<&str>) =
        raw_parts.iter().map(|p| (crate::forms::labels::squash(p), *p)).filter(|(p, _)| !p.is_empty()).unzip();
    let with_periods: Vec<String> = raw_parts.iter().map(|p| dotted(p)).filter(|p| p.contains('.')).collect();
    let letters: usize = parts.iter().map(String::len).sum();
    if parts.is_empty() || letters < 4 {
        return NameOnWarrant::Absent;
    }
    let mut best: Option<(usize, bool, Vec<Spelling>)> = None;
    // The hyphens and apostrophes inside a word: a part read without the warrant's ("SAINTFLEUR" for
    // "SAINT-FLEUR", "OBRIEN" for "O'BRIEN") lost it.
    let inner_marks = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric()).chars().filter(|c| matches!(c, '-' | '\'' | '’')).collect()
    };
    for line in lines {
        let words: Vec<(String, &str)> = line
            .words
            .iter()
            .map(|w| (crate::forms::labels::squash(&w.text), w.text.as_str()))
            .filter(|(w, _)| !w.is_empty())
            .collect();
        // Two neighbours run together: the request's part read without the space the warrant prints
        // ("GLENDYANA" for "GLENDY ANA"), which OCR loses far more often than it makes up.
        let pairs: Vec<String> = words.windows(2).map(|w| format!("{}{}", w[0].0, w[1].0)).collect();
        let near = |p: &str| {
            words
                .iter()
                .map(|(c, _)| c.as_str())
                .chain(pairs.iter().map(String::as_str))
                .map(|c| crate::forms::labels::edit_distance(p, c))
                .min()
        };
        // The one word of the line nearest a part, as the warrant prints it.
        let nearest_word = |p: &str| {
            line.words
                .iter()
                .map(|w| (crate::forms::labels::edit_distance(p, &crate::forms::labels::squash(&w.text)), w))
                .min_by_key(|(d, _)| *d)
                .map(|(d, w)| (d, w.text.clone(), w.conf))
        };
        let mut spelt = vec![None; parts.len()];
        // Each part's nearest candidate; parts the warrant's print runs together ("WILMERJOSE") are found
        // when the two parts run together are.
        let mut found = 0;
        let mut exact = true;
        let mut at = Vec::new();
        for (k, (part, raw)) in parts.iter().zip(&part_texts).enumerate() {
            if let Some((i, (_, text))) = words.iter().enumerate().find(|(_, (c, _))| c == part) {
                found += part.len();
                exact &= inner_marks(text) == inner_marks(raw);
                at.push(i);
                continue;
            }
            let d = near(part).unwrap_or(usize::MAX);
            let joined = [
                k.checked_sub(1).map(|j| format!("{}{part}", parts[j])),
                parts.get(k + 1).map(|n| format!("{part}{n}")),
            ];
            let d_joined = joined.iter().flatten().filter_map(|j| near(j)).min().unwrap_or(usize::MAX);
            if d_joined == 0 {
                found += part.len();
            } else if d.min(d_joined) <= crate::forms::labels::tolerance(part.len()).max(1) && part.len() >= 3 {
                // A letter or two apart, or the warrant's two words run together: found, not the same.
                found += part.len();
                exact = false;
                // The warrant's word spells the part unless the part is nearer two of its words run
                // together; as near (the request's order printed, the pair holding the same misread letter)
                // the word still spells it.
                spelt[k] = nearest_word(part).filter(|(dw, ..)| *dw == d && d <= d_joined).map(|(_, t, c)| (t, c));
            } else {
                exact = false;
            }
        }
        let printed: Vec<String> = line.words.iter().map(|w| dotted(&w.text)).collect();
        exact &= with_periods.iter().all(|p| printed.contains(p));
        exact &= !part_between(&words, &at, &parts);
        if best.as_ref().is_none_or(|b| (found, exact) > (b.0, b.1)) {
            best = Some((found, exact, spelt));
        }
    }
    match best {
        Some((found, true, _)) if found == letters => NameOnWarrant::Same,
        Some((found, _, spelt)) if 2 * found >= letters => NameOnWarrant::Differs(spelt),
        _ => NameOnWarrant::Absent,
    }
}

/// Whether the warrant's line prints a word of a name between the words found as the request's `parts`
/// (at indices `at` of `words`, squashed): the request's read lost a part ("ESCOBAR, JOSE" where the
/// warrant prints "JOSE LUIS ESCOBAR": the first read's "1UIS" was dropped as glued junk), so the name is
/// not the warrant's. Words of one letter and two parts the print runs together do not count.
fn part_between(words: &[(String, &str)], at: &[usize], parts: &[String]) -> bool {
    let (Some(&first), Some(&last)) = (at.iter().min(), at.iter().max()) else { return false };
    let joined = |w: &str| parts.windows(2).any(|p| w == format!("{}{}", p[0], p[1]));
    words[first..=last].iter().any(|(w, _)| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !parts.iter().any(|p| p == w) && !joined(w)
    })
}

/// The engine's confidence (0-100) from which a warrant's word spells a name part better than the
/// request's read of it. The warrant prints the name large and alone on its line; of the request's parts
/// a letter or two from such a word, most were the request's misreads ("PEANCISCO" for the warrant's
/// "FRANCISCO").
const WARRANT_SPELLING: f32 = 90.0;

/// The request's name (`family`, `given`) with each part the warrant prints a letter or two apart, and
/// reads surely, spelt as the warrant prints it; None when no part is. The parts split as in
/// [`name_on_warrant`]: the family names', then the given names'. A part the lists of names hold (`parts`)
/// keeps its spelling against one they do not: the warrant's read is then the misread one (`THI` read `TH`
/// on the warrant, blind seed 97; of 18 parts respelt so on the blind dev corpora and faxgen's, it was the
/// only listed part turned unlisted).
fn spelt_as_warrant(family: &str, given: &str, spelt: &[Spelling], parts: &NameParts) -> Option<(String, String)> {
    let mut k = 0;
    let mut respell = |word: &str| {
        let better = spelt.get(k).cloned().flatten().and_then(|(text, conf)| {
            let text = text.trim_matches(|c: char| !c.is_alphanumeric()).to_uppercase();
            let unlisted_for_listed = parts.unknown(word) == 0 && parts.unknown(&text) > 0;
            (conf >= WARRANT_SPELLING && !text.is_empty() && text != word && !unlisted_for_listed).then_some(text)
        });
        k += 1;
        better
    };
    super::fields::respelt_parts(family, given, &mut respell)
}

/// The request's A-number did not read as one (not found, unreadable, ambiguous: null), and the warrant
/// on page `page` prints the subject's: its read is taken. When the request's text holds the same digits
/// (`450470395`, ambiguous while an `A` may read as `4`; `A 37 193 189`, grouped otherwise than an
/// A-number's threes), the two prints agree: the request's reasons for its A-number are withdrawn and the
/// warrant's agreement is evidence for the value's confidence. Otherwise the value is the warrant's alone,
/// named (`a_number:from_warrant_page_N`), and its field points at the warrant's words.
fn a_number_from_warrant(wa: &WarrantANumber, page: usize, frame: Frame, det: &mut Detainer, rec: &mut Record) {
    det.a_number = Some(wa.value.clone());
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).skip_while(|c| *c == '0').collect::<String>();
    let same = |f: &&mut Field| !digits(&f.raw).is_empty() && digits(&f.raw) == digits(&wa.value);
    match rec.fields.get_mut("a_number").filter(same) {
        Some(f) => {
            f.value = json!(wa.value);
            super::fields::note_correction(f, "read as the warrant prints it");
            agrees(rec, "a_number");
            rec.review.withdraw(|r| r.starts_with("a_number:"));
        }
        None => {
            let field = Field {
                value: json!(wa.value),
                raw: wa.read.raw.clone(),
                confidence: wa.read.confidence,
                page: page as u32,
                bbox: frame.to_stored(wa.read.bbox).as_array(),
                method: Some(wa.read.method.clone()),
                checks: vec!["warrant_only".into()],
                ..Field::default()
            };
            rec.fields.insert("a_number".into(), field);
            rec.review.flag(Reason::ANumberFromWarrant(page));
        }
    }
}

/// Whether the warrant's A-number (`on_warrant`) is a misreading of the request's (`on_request`), not
/// another person's: the request's was read alike by the check reader, an engine that shares nothing with
/// the first reader (`check_agrees`), and the two differ in at most [`MISREAD_DIGITS`] places. Another
/// person's A-number differs in most of its digits. On blind seeds 13, 21, 73 and faxgen seed 11, every
/// request A-number a warrant's differed from that the check reader had confirmed was right (9 of 9), and
/// every wrong one lacked that confirmation (12 of 12).
fn misread_on_warrant(on_warrant: &str, on_request: &str, rec: &Record) -> bool {
    let confirmed = rec.fields.get("a_number").is_some_and(|f| f.has_check("check_agrees"));
    let (w, r): (Vec<char>, Vec<char>) = (on_warrant.chars().collect(), on_request.chars().collect());
    let differ = w.iter().zip(&r).filter(|(a, b)| a != b).count();
    confirmed && w.len() == r.len() && differ <= MISREAD_DIGITS
}

/// See [`misread_on_warrant`].
const MISREAD_DIGITS: usize = 2;

/// The parts of a name as the warrant's print is searched for them, family then given, as written (some
/// empty): split at spaces, commas and hyphens.
fn name_parts<'a>(family: &'a str, given: &'a str) -> impl Iterator<Item = &'a str> {
    family.split(|c: char| c.is_whitespace() || c == ',' || c == '-').chain(given.split([' ', ',', '-']))
}

/// Whether the warrant's print of the request's name differs from it only where the warrant's read is the
/// misread one: each part it spells otherwise (`spelt`, per part of `family` then `given`) is a part a list
/// of names holds (`parts`), and the warrant's word one no list holds (`WISNIEWSKIL`, `TZ0C`, `QUISPK`,
/// `BU]`), as with an A-number's digits ([`misread_on_warrant`]). The warrant then names nothing; its
/// difference is evidence for the name's calibration (`warrant_misread`). A part no list holds, or a
/// warrant's word one does (`MARIA` for the request's `MARLA`), is still a difference a person looks at,
/// as is a difference with no part spelt otherwise (a part missing, or another between them).
fn misread_on_warrant_name(family: &str, given: &str, spelt: &[Spelling], parts: &NameParts) -> bool {
    let request: Vec<String> =
        name_parts(family, given).map(crate::forms::labels::squash).filter(|p| !p.is_empty()).collect();
    let differing: Vec<(&String, &String)> =
        request.iter().zip(spelt).filter_map(|(part, s)| s.as_ref().map(|(text, _)| (part, text))).collect();
    !differing.is_empty()
        && request.len() == spelt.len()
        && differing.iter().all(|(part, text)| parts.unknown(part) == 0 && parts.unknown(text) > 0)
}

/// Notes on field `name` that the warrant page shows the same value: evidence for its calibration.
fn agrees(rec: &mut Record, name: &str) {
    note_check(rec, name, "warrant_agrees");
}

/// Notes `check` (what the warrant page says of the value) on field `name`, when the record has it.
fn note_check(rec: &mut Record, name: &str, check: &str) {
    if let Some(f) = rec.fields.get_mut(name) {
        f.checks.push(check.into());
    }
}

pub(super) fn cross_check(det: &mut Detainer, rec: &mut Record) {
    if let (Some(dob), Some(issued)) = (&det.subject.dob, &det.date_issued) {
        if dob >= issued {
            rec.review.flag(Reason::DobNotBeforeIssueDate);
            det.subject.dob = None;
        } else {
            let age = issued[..4].parse::<i32>().unwrap_or(0) - dob[..4].parse::<i32>().unwrap_or(0);
            if !(10..=110).contains(&age) {
                rec.review.flag(Reason::DobImplausibleAge);
                det.subject.dob = None;
            }
        }
    }
    if let (Some(issued), Some(received)) = (&det.date_issued, &rec.fax.received_at) {
        if issued.as_str() > &received[..10] {
            rec.review.flag(Reason::DateIssuedAfterReceipt);
            det.date_issued = None;
        }
    }
    if let (Some(cancelled), Some(issued)) = (&det.cancelled_request_date, &det.date_issued) {
        if cancelled > issued {
            rec.review.flag(Reason::CancelledRequestAfterIssueDate);
            det.cancelled_request_date = None;
        }
    }
    // Keep `fields` consistent with the values finally kept.
    for (name, v) in [
        ("dob", json!(det.subject.dob)),
        ("date_issued", json!(det.date_issued)),
        ("cancelled_request_date", json!(det.cancelled_request_date)),
    ] {
        if let Some(f) = rec.fields.get_mut(name) {
            f.value = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::forms::classify::tests::stacked as lines;

    #[test]
    fn the_request_name_is_found_on_the_warrant_or_its_difference_named() {
        // An I-200: the name on its own line, given names first; punctuation read into a name is no difference.
        let i200 = lines(&[
            "I have determined that there is probable cause to believe that",
            "FERMIN SANTOS CASTILLO SANCHEZ",
            "is removable from the United States. This determination is based upon:",
        ]);
        assert_eq!(name_on_warrant("CASTILLO SANCHEZ", "FERMIN SANTOS", &i200), NameOnWarrant::Same);
        // A period read into the name that the warrant does not print is a difference.
        assert!(matches!(name_on_warrant("CASTILLO. SANCHEZ", "FERMIN SANTOS", &i200), NameOnWarrant::Differs(_)));
        let saint = lines(&["probable cause to believe that NADEGE ST. FLEUR,"]);
        assert_eq!(name_on_warrant("ST. FLEUR", "NADEGE", &saint), NameOnWarrant::Same);
        // A letter misread on one of the two, a neighbour's word glued to the request's read.
        assert!(matches!(name_on_warrant("CASTILLO SANCHEZ", "FERMIN SANTQS", &i200), NameOnWarrant::Differs(_)));
        assert!(matches!(name_on_warrant("CASTILLO SANCHEZ", "FERMIN SANTOS RE", &i200), NameOnWarrant::Differs(_)));
        // A short name: a letter apart is a difference, not a match.
        let short = lines(&["probable cause to believe that WEI ZHOU is removable"]);
        assert_eq!(name_on_warrant("ZHOU", "WEI", &short), NameOnWarrant::Same);
        assert!(matches!(name_on_warrant("ZHOU", "WET", &short), NameOnWarrant::Differs(_)));
        // Another person's warrant, or a name not read at all.
        assert_eq!(name_on_warrant("NDIAYE", "AMINATA", &i200), NameOnWarrant::Absent);
        // An I-205 that prints the name as the request does; a part split or run together by the print.
        let i205 = lines(&["DE OLIVEIRA OLIVEIRA, JOAO PEDRO", "(Full name of alien)"]);
        assert_eq!(name_on_warrant("DE OLIVEIRA OLIVEIRA", "JOAO PEDRO", &i205), NameOnWarrant::Same);
        let run_together = lines(&["PINEDA-QUISPE WILMERJOSE"]);
        assert_eq!(name_on_warrant("PINEDA-QUISPE", "WILMER JOSE", &run_together), NameOnWarrant::Same);
        // A name the request's read cut short: the warrant prints a part between those the request has.
        let ao442 = lines(&["JOSE LUIS ESCOBAR Case No. 3:17-cr-10005-DJC"]);
        assert!(matches!(name_on_warrant("ESCOBAR", "JOSE", &ao442), NameOnWarrant::Differs(_)));
        assert_eq!(name_on_warrant("ESCOBAR", "JOSE LUIS", &ao442), NameOnWarrant::Same);
    }

    #[test]
    fn a_warrants_name_part_no_list_holds_for_a_listed_one_is_its_misreading() {
        let parts = NameParts::parse("WISNIEWSKI\nPIOTR\nMARIA\nMARLA\nLUZ\nCARDONA\nQUISPE\n");
        let i200 =
            |line: &str| lines(&["probable cause to believe that", line, "is removable from the United States."]);
        let misread = |family: &str, given: &str, line: &str| match name_on_warrant(family, given, &i200(line)) {
            NameOnWarrant::Differs(spelt) => misread_on_warrant_name(family, given, &spelt, &parts),
            other => panic!("{other:?}"),
        };
        // The warrant's word is no name, the request's is: the warrant misread it.
        assert!(misread("WISNIEWSKI", "PIOTR", "PIOTR WISNIEWSKIL"));
        assert!(misread("CARDONA QUISPE", "MARIA LUZ", "MARIA LUZ CARDONA QUISPK"));
        // The request's part is no name (its read is the doubtful one), or the warrant's word is one.
        assert!(!misread("WISNIEWSKT", "PIOTR", "PIOTR WISNIEWSKI"));
        assert!(!misread("CARDONA QUISPE", "MARLA LUZ", "MARIA LUZ CARDONA QUISPE"));
        // A part the warrant prints between the request's: no part spelt otherwise says which misread.
        assert!(!misread("WISNIEWSKI", "PIOTR", "PIOTR MARIA WISNIEWSKI"));
    }

    #[test]
    fn an_a_number_the_request_does_not_give_is_the_warrants() {
        let frame = crate::page::prepare::PreparedPage::unrotated(vec![255; 4], 2, 2, 200).frame;
        let bbox = crate::page::geometry::Rect::new(600, 300, 180, 24);
        let read = |raw: &str| crate::forms::extract::RawField {
            raw: raw.into(),
            bbox,
            confidence: 0.93,
            method: "warrant:File No.".into(),
            ..crate::forms::extract::RawField::default()
        };
        let warrant = WarrantANumber { value: "A450470395".into(), read: read("A450470395") };
        let request = |raw: &str, reason: &str| {
            let mut rec = Record::new(Kind::Detainer, Source::default());
            rec.fields.insert("a_number".into(), Field { raw: raw.into(), ..Field::default() });
            rec.review.flag(reason);
            rec
        };
        // The request prints the same digits, ambiguous alone (`A` read as `4`?): the two prints agree.
        let (mut det, mut rec) = (Detainer::default(), request("450470395", "a_number:ambiguous"));
        a_number_from_warrant(&warrant, 4, frame, &mut det, &mut rec);
        assert_eq!(det.a_number.as_deref(), Some("A450470395"));
        assert_eq!(rec.fields["a_number"].value, json!("A450470395"));
        assert_eq!(rec.fields["a_number"].checks, ["warrant_agrees"]);
        assert!(rec.review.reasons.is_empty() && !rec.review.needed, "{:?}", rec.review);
        // Grouped otherwise, its zeros unprinted: the same digits still.
        let short = WarrantANumber { value: "A037193189".into(), read: read("A037193189") };
        let (mut det, mut rec) = (Detainer::default(), request("A 37 193 189", "a_number:a_number_grouping"));
        a_number_from_warrant(&short, 4, frame, &mut det, &mut rec);
        assert_eq!(det.a_number.as_deref(), Some("A037193189"));
        assert!(rec.review.reasons.is_empty());
        // Another reading: the warrant's value is taken, from its page, and named.
        let (mut det, mut rec) = (Detainer::default(), request("AGB1389160", "a_number:a_number_not_digits"));
        a_number_from_warrant(&warrant, 5, frame, &mut det, &mut rec);
        assert_eq!(det.a_number.as_deref(), Some("A450470395"));
        let f = &rec.fields["a_number"];
        assert_eq!((f.page, f.raw.as_str(), f.checks.as_slice()), (5, "A450470395", &["warrant_only".to_string()][..]));
        assert_eq!(rec.review.reasons, ["a_number:a_number_not_digits", "a_number:from_warrant_page_5"]);
    }

    #[test]
    fn a_warrants_a_number_a_digit_or_two_off_a_checked_request_one_is_its_misreading() {
        let request = |checks: &[&str]| {
            let mut rec = Record::new(Kind::Detainer, Source::default());
            let checks = checks.iter().map(|c| c.to_string()).collect();
            rec.fields.insert("a_number".into(), Field { value: json!("A802966002"), checks, ..Field::default() });
            rec
        };
        let checked = request(&["reread_agrees", "check_agrees"]);
        // One digit or two apart from a value the legacy engine read alike: the warrant's print misread.
        assert!(misread_on_warrant("A802956002", "A802966002", &checked));
        assert!(misread_on_warrant("A802956007", "A802966002", &checked));
        // Three apart, or shifted: another person's, or a read that says nothing; the difference is named.
        assert!(!misread_on_warrant("A802956117", "A802966002", &checked));
        assert!(!misread_on_warrant("A080296600", "A802966002", &checked));
        // The request's value not confirmed by the check reader (the LSTM readers agreeing is not enough:
        // they misread a digit alike): the warrant's may be the right one.
        assert!(!misread_on_warrant("A802956002", "A802966002", &request(&["reread_agrees", "check_differs"])));
        assert!(!misread_on_warrant("A802956002", "A802966002", &request(&["reread_agrees"])));
    }

    #[test]
    fn a_part_the_warrant_reads_surely_a_letter_apart_is_spelt_as_the_warrant_prints_it() {
        let parts = Models::builtin().unwrap().calibration.name_parts;
        let i200 = lines(&["probable cause to believe that FRANCISCO WILMER DEL CID is removable"]);
        let NameOnWarrant::Differs(spelt) = name_on_warrant("DEL CID", "PEANCISCO WILNER", &i200) else {
            panic!("the name differs")
        };
        let sure: Vec<Spelling> = spelt.iter().map(|s| s.clone().map(|(t, _)| (t, 95.0))).collect();
        assert_eq!(
            spelt_as_warrant("DEL CID", "PEANCISCO WILNER", &sure, &parts),
            Some(("DEL CID".to_string(), "FRANCISCO WILMER".to_string()))
        );
        // Read doubtfully on the warrant: the request's read stands.
        let unsure: Vec<Spelling> = spelt.iter().map(|s| s.clone().map(|(t, _)| (t, 60.0))).collect();
        assert_eq!(spelt_as_warrant("DEL CID", "PEANCISCO WILNER", &unsure, &parts), None);
        // A part the warrant lacks, or prints run together with another, is left as read.
        let NameOnWarrant::Differs(spelt) = name_on_warrant("DEL CID", "FRANCISCO WILMER RE", &i200) else {
            panic!("the name differs")
        };
        assert!(spelt.iter().all(Option::is_none), "{spelt:?}");
        // An I-205 prints the name in the request's order: the part run together with its neighbour is
        // as far from the warrant's pair as the part alone is from its word, which still spells it.
        let i205 = lines(&["PINEDA, LUIS", "(Full name of alien)"]);
        let NameOnWarrant::Differs(spelt) = name_on_warrant("PINEDA", "LUTS", &i205) else {
            panic!("the name differs")
        };
        let sure: Vec<Spelling> = spelt.iter().map(|s| s.clone().map(|(t, _)| (t, 95.0))).collect();
        assert_eq!(spelt_as_warrant("PINEDA", "LUTS", &sure, &parts), Some(("PINEDA".into(), "LUIS".into())));
        // Hyphenated family names keep their hyphen.
        let sure = vec![None, Some(("QUISPE".to_string(), 95.0)), None];
        assert_eq!(
            spelt_as_warrant("PINEDA-QUTSPE", "WILMER", &sure, &parts),
            Some(("PINEDA-QUISPE".into(), "WILMER".into()))
        );
        // A listed part is not spelt as an unlisted one: the warrant's read lost a letter of it.
        let sure = vec![None, Some(("TH".to_string(), 95.0)), None];
        assert_eq!(spelt_as_warrant("BUI", "THI HONG", &sure, &parts), None);
    }

    #[test]
    fn a_request_read_without_the_warrants_space_hyphen_or_apostrophe_differs() {
        let glendy = lines(&["probable cause to believe that GLENDY ANA GARCIA is removable"]);
        assert_eq!(name_on_warrant("GARCIA", "GLENDY ANA", &glendy), NameOnWarrant::Same);
        assert!(matches!(name_on_warrant("GARCIA", "GLENDYANA", &glendy), NameOnWarrant::Differs(_)));
        let saint = lines(&["SAINT-FLEUR, ROSELAURE", "(Full name of alien)"]);
        assert_eq!(name_on_warrant("SAINT-FLEUR", "ROSELAURE", &saint), NameOnWarrant::Same);
        assert!(matches!(name_on_warrant("SAINTFLEUR", "ROSELAURE", &saint), NameOnWarrant::Differs(_)));
        let lin = lines(&["LIN, MEI LING XIU YING", "(Full name of alien)"]);
        assert_eq!(name_on_warrant("LIN", "MEI LING XIU YING", &lin), NameOnWarrant::Same);
        assert!(matches!(name_on_warrant("LIN", "MEI LING'XIU YING", &lin), NameOnWarrant::Differs(_)));
        let obrien = lines(&["O'BRIEN, SEAN", "(Full name of alien)"]);
        assert_eq!(name_on_warrant("O'BRIEN", "SEAN", &obrien), NameOnWarrant::Same);
        assert!(matches!(name_on_warrant("OBRIEN", "SEAN", &obrien), NameOnWarrant::Differs(_)));
    }

    /// Words `(text, x)` of rows at `y`, 12 px a character, 14 px a space.
    fn page(rows: &[(&[(&str, i32)], i32)]) -> PageText {
        let mut ws = Vec::new();
        for (cells, y) in rows {
            for (text, x0) in *cells {
                let mut x = *x0;
                for t in text.split(' ') {
                    ws.push(crate::ocr::lines::tests::word(t, x, *y));
                    x += 12 * t.len() as i32 + 14;
                }
            }
        }
        PageText { lines: crate::ocr::lines::lines(&ws), height: 2200, full: true }
    }

    #[test]
    fn a_judges_block_beside_another_on_one_line_still_signs() {
        let models = Models::builtin().unwrap();
        let caption: (&[(&str, i32)], i32) = (&[("UNITED STATES DISTRICT COURT", 600)], 150);
        // The AO 442: the judge's printed name and title right of "City and state:", one line to OCR.
        let ao442 = page(&[
            caption,
            (
                &[
                    ("City and state: New York, New York", 100),
                    ("Gordon Q. Abernathy, United States District Judge", 900),
                ],
                1000,
            ),
            (&[("Printed name and title", 900)], 1040),
        ]);
        assert!(signed_by_judge(&models, &ao442, 5));
        // A sentence that mentions a judge is no signature, however wide the page.
        let prose = page(&[
            caption,
            (&[("You are commanded to arrest and bring before a United States magistrate judge without unnecessary delay", 100)], 600),
        ]);
        assert!(!signed_by_judge(&models, &prose, 5));
        // An officer's title anywhere on the page: never judicial.
        let officer = page(&[
            caption,
            (&[("City and state: Boston", 100), ("Jane Roe, District Judge", 900)], 1000),
            (&[("Supervisory Detention and Deportation Officer", 900)], 1100),
        ]);
        assert!(!signed_by_judge(&models, &officer, 5));
    }

    #[test]
    fn a_judges_block_a_poor_scan_misspelt_still_signs() {
        let models = Models::builtin().unwrap();
        let caption: (&[(&str, i32)], i32) = (&[("LYNN DISTRICT COURT", 600)], 150);
        let signed = |rows: &[&str]| {
            let cells: Vec<[(&str, i32); 1]> = rows.iter().map(|r| [(*r, 100)]).collect();
            let rows: Vec<(&[(&str, i32)], i32)> = std::iter::once(caption)
                .chain(cells.iter().enumerate().map(|(i, c)| (&c[..], 1000 + 100 * i as i32)))
                .collect();
            signed_by_judge(&models, &page(&rows), 4)
        };
        // Seen on blind corpora: a state court's witness line and clerk's title, the AO 442's judge's title.
        assert!(signed(&["WITNESS: FIRST JUSTICF"]));
        assert!(signed(&["WITNESS: FIRS | TUS TICE."]));
        assert!(signed(&["SIGNATURE OF OLERK-MAGISTRATEZASST, CLERK"]));
        assert!(signed(&["DENISE R. KESSLER, U.S. MAGISTRATE JUDG"]));
        assert!(signed(&["VICTOR R. JINDGREN, U.S. MAGISTRAL"]));
        // A state court's judge, the Honorable, at the start of the line.
        assert!(signed(&["HON. MARGARET M. CASTELLANOS"]));
        // Words that are not a judge's title stay unsigned: a word near two titles, a short word, "HON"
        // inside a line.
        assert!(!signed(&["WITNESS: FIRS | JUSHOT"]));
        assert!(!signed(&["PRINTED NAME AND TITLE", "CITY AND STATE: BOSTON, HON DA"]));
        assert!(!signed(&["ISSUING OFFICER'S SIGNATURE"]));
        // A misspelt title never outweighs an officer's.
        assert!(!signed(&["FIRST JUSTICF", "DEPORTATION OFFICER"]));
    }
}
