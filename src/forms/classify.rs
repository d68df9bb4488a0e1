//! Stage 4: what each page is, from printed cues (titles, footers' form numbers) in `models/classify.toml`.

use crate::forms::labels::{find_label, squash};
use crate::forms::models::{Band, Classifier, Cue};
use crate::ocr::lines::Line;
use crate::record::PageKind;

/// Top and bottom bands as fractions of the page height: title area and footer.
pub const TOP_BAND: f32 = 0.17;
pub const BOTTOM_BAND: f32 = 0.90;

/// The text lines read from one page, in page coordinates. `full` says whether the whole page was read
/// (otherwise only the bands were).
pub struct PageText {
    pub lines: Vec<Line>,
    pub height: i32,
    pub full: bool,
}

impl PageText {
    pub fn band(&self, band: Band) -> Vec<Line> {
        let (top, bottom) = match band {
            Band::Top => (0, (self.height as f32 * TOP_BAND) as i32),
            Band::Bottom => ((self.height as f32 * BOTTOM_BAND) as i32, self.height),
            Band::Page => (0, self.height),
        };
        self.lines.iter().filter(|l| l.bbox.cy() >= top && l.bbox.cy() <= bottom).cloned().collect()
    }

    pub fn text(lines: &[Line]) -> String {
        lines.iter().map(|l| l.text().to_uppercase()).collect::<Vec<_>>().join("\n")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub kind: PageKind,
    pub score: i32,
    /// The score reached the model's minimum and no other kind scored as much. A page not sure is read
    /// further; one tied at the end keeps the first kind the model lists.
    pub sure: bool,
    /// The kind that scored highest, even when it fell short (then `kind` is `Other`): what the page may
    /// be, which decides whether it is worth reading further.
    pub lead: PageKind,
}

fn cue_matches(cue: &Cue, page: &PageText) -> bool {
    if cue.band == Band::Page && !page.full {
        return false;
    }
    let lines = page.band(cue.band);
    if let Some(re) = &cue.regex {
        return re.is_match(&PageText::text(&lines));
    }
    let phrase = cue.phrase.as_deref().unwrap_or_default();
    if !cue.line {
        return find_label(&lines, phrase, None).is_some();
    }
    // A title: the phrase must make up most of its line, so prose that merely mentions it does not count.
    let Some(hit) = find_label(&lines, phrase, None) else { return false };
    let line = &lines[hit.line];
    let covered: usize = line.words[hit.start..hit.end].iter().map(|w| squash(&w.text).len()).sum();
    covered * 10 >= squash(&line.text()).len() * 6
}

/// The kind of a page from the text read so far, scored by the printed cues of `classify.toml`: sure when
/// the best kind reaches the minimum and no other scores as much (the plan reads on while it is not).
pub fn classify(model: &Classifier, page: &PageText) -> Decision {
    let mut best = Decision { kind: PageKind::Other, score: 0, sure: false, lead: PageKind::Other };
    // The runner-up's score: two kinds tied at the top are a question for a fuller read, not a decision
    // (an I-247D's first page whose page number is misread scores as much as its notice).
    let mut second = 0;
    for k in &model.kinds {
        if k.reject.iter().any(|c| cue_matches(c, page)) {
            continue;
        }
        let score: i32 = k.cues.iter().filter(|c| cue_matches(c, page)).map(|c| c.weight).sum();
        if score > best.score {
            second = best.score;
            best = Decision { kind: k.kind, score, sure: false, lead: k.kind };
        } else {
            second = second.max(score);
        }
    }
    // A tie still names the first kind listed (as the model orders them) when nothing more can be read.
    best.sure = best.score >= model.min_score && best.score > second;
    if best.score < model.min_score {
        best.kind = PageKind::Other;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::lines::{lines, tests::word};

    fn page(rows: &[(&str, i32)], full: bool) -> PageText {
        let mut ws = Vec::new();
        for (text, y) in rows {
            let mut x = 100;
            for t in text.split(' ') {
                ws.push(word(t, x, *y));
                x += 12 * t.len() as i32 + 14;
            }
        }
        PageText { lines: lines(&ws), height: 2200, full }
    }

    #[test]
    fn request_notice_and_letter() {
        let m = crate::forms::models::Models::builtin().unwrap();
        let req = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("Subject ID: 12345678", 240),
                ("DHS Form I-247A (3/17) Page 1 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &req).kind, PageKind::I247aRequest);
        let notice = page(&[("NOTICE TO THE DETAINEE", 150), ("DHS Form I-247A (3/17) Page 2 of 3", 2100)], false);
        assert_eq!(classify(&m.classifier, &notice).kind, PageKind::DetaineeNotice);
        let letter = page(
            &[
                ("LAW OFFICES OF SMITH", 100),
                ("Re: the Immigration Detainer - Notice of Action (Form I-247A) lodged against my client", 300),
            ],
            true,
        );
        assert_eq!(classify(&m.classifier, &letter).kind, PageKind::Other);
        let i205 = page(&[("WARRANT OF REMOVAL/DEPORTATION", 150), ("Form I-205 (Rev. 08/07)", 2100)], false);
        assert_eq!(classify(&m.classifier, &i205).kind, PageKind::I205);
        // An I-247D's first page whose title is not read yet shares agency line, form number and date
        // with its notices, but "Page 1" is never a notice: its footer read whole settles it.
        let d1 = page(&[("DEPARTMENT OF HOMELAND SECURITY", 120), ("DHS Form I-247D (5/15) Page 1 of 3", 2100)], false);
        let d = classify(&m.classifier, &d1);
        assert!(d.sure && d.kind == PageKind::I247d, "{d:?}");
        // An I-247N's footer of the same edition, its letter misread, is not taken for an I-247D's.
        let n1 = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("Subject ID: 302580950", 200),
                ("DHS Form I-247H (5/15) Page 1 of 3", 2100),
            ],
            false,
        );
        assert!(!classify(&m.classifier, &n1).sure);
        let d1 = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("IMMIGRATION DETAINER - REQUEST FOR VOLUNTARY ACTION", 170),
                ("DHS Form I-247D (5/15) Page 1 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &d1).kind, PageKind::I247d);
        // Its page number lost, it scores as much as a notice (agency line, form number, edition), and a
        // tie is no decision (the first kind listed is kept only for want of anything else to read)...
        let d1 = page(&[("DEPARTMENT OF HOMELAND SECURITY", 120), ("DHS Form I-247D (5/15) Page of 3", 2100)], false);
        let d = classify(&m.classifier, &d1);
        assert!(!d.sure && d.score == 4 && d.kind == PageKind::DetaineeNotice, "{d:?}");
        // ...which its subject ID row settles.
        let d1 = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("Subject ID: 302580950 Event #: BOS1604001271", 200),
                ("DHS Form I-247D (5/15) Page of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &d1).kind, PageKind::I247d);
        // Read as "}", the 1 still says page 1.
        let d1 = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("Subject ID: 302580950 Event #: BOS1604001271", 200),
                ("DHS Form I-247D (5/15) Page } of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &d1).kind, PageKind::I247d);
        // A court's notice of hearing shares a warrant's caption, but its title says what it is: it is
        // other at once, with no more to read.
        let notice = page(
            &[("COMMONWEALTH OF MASSACHUSETTS", 130), ("THE TRIAL COURT", 170), ("NOTICE OF HEARING", 300)],
            false,
        );
        let d = classify(&m.classifier, &notice);
        assert!(d.sure && d.kind == PageKind::Other, "{d:?}");
        let letter = page(&[("THE BAY STATE LEDGER", 100), ("Dear Records Access Officer:", 700)], true);
        assert!(classify(&m.classifier, &letter).sure);
        // A state court's warrant titled "WARRANT" below its caption; an I-200's title is not that line.
        let tc = page(
            &[
                ("THE TRIAL COURT", 220),
                ("BOSTON MUNICIPAL COURT DEPARTMENT", 260),
                ("WARRANT", 400),
                ("COMMONWEALTH vs.", 460),
            ],
            true,
        );
        assert_eq!(classify(&m.classifier, &tc).kind, PageKind::JudicialWarrant);
        let i200 = page(&[("WARRANT FOR ARREST OF ALIEN", 400)], true);
        assert_ne!(classify(&m.classifier, &i200).lead, PageKind::JudicialWarrant);
    }
}
