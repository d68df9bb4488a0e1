//! Stage 4: what each page is, from printed cues (titles, footers' form numbers) in `models/classify.toml`.

use crate::forms::labels::{find_label, squash};
use crate::forms::models::{Band, Classifier, Cue, KindModel};
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
        let inside = |l: &&Line| l.bbox.cy() >= top && l.bbox.cy() <= bottom;
        // A receiving server's footer line counts the transmission's pages ("page 2 of 3" on a request's
        // first page): a form's footer cue must not be read in it.
        let own = |l: &&Line| band != Band::Bottom || !crate::forms::header::is_transmission_line(&l.text());
        self.lines.iter().filter(inside).filter(own).cloned().collect()
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

/// Whether reject cue `c` rules its kind out: it matches, and its `unless` cue does not.
fn rejects(c: &Cue, page: &PageText) -> bool {
    cue_matches(c, page) && !c.unless.as_ref().is_some_and(|u| cue_matches(u, page))
}

/// Each kind's score on the page, in the model's order; a kind one of whose reject cues matches is left
/// out. What the page may be, for checks made after classification (a warrant page not settled).
pub fn scores(model: &Classifier, page: &PageText) -> Vec<(PageKind, i32)> {
    model.kinds.iter().filter(|k| !ruled_out(k, page)).map(|k| (k.kind, cue_score(&k.cues, page))).collect()
}

/// Whether one of `kind`'s reject cues rules it out on the page as read so far.
pub fn rules_out(model: &Classifier, kind: PageKind, page: &PageText) -> bool {
    model.kinds.iter().filter(|k| k.kind == kind).any(|k| ruled_out(k, page))
}

/// Whether one of kind `k`'s reject cues rules it out.
fn ruled_out(k: &KindModel, page: &PageText) -> bool {
    k.reject.iter().any(|c| rejects(c, page))
}

/// Each kind's score with its reject cues ignored: what the page prints of each kind, whatever else it
/// prints (a request form's title above its notice's heading is still a detainer form's title).
pub fn printed_scores(model: &Classifier, page: &PageText) -> Vec<(PageKind, i32)> {
    model.kinds.iter().map(|k| (k.kind, cue_score(&k.cues, page))).collect()
}

fn cue_score(cues: &[Cue], page: &PageText) -> i32 {
    cues.iter().filter(|c| cue_matches(c, page)).map(|c| c.weight).sum()
}

/// The kind of a page from the text read so far, scored by the printed cues of `classify.toml`: sure when
/// the best kind reaches the minimum and no other scores as much (the plan reads on while it is not).
pub fn classify(model: &Classifier, page: &PageText) -> Decision {
    let mut best = Decision { kind: PageKind::Other, score: 0, sure: false, lead: PageKind::Other };
    // The runner-up's score: two kinds tied at the top are a question for a fuller read, not a decision
    // (an I-247D's first page whose page number is misread scores as much as its notice).
    let mut second = 0;
    for (kind, score) in scores(model, page) {
        if score > best.score {
            second = best.score;
            best = Decision { kind, score, sure: false, lead: kind };
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
pub(crate) mod tests {
    use super::*;
    use crate::ocr::lines::{lines, tests::word};

    /// A page's text from `rows` (text, y), words set a letter pitch apart.
    pub(crate) fn page(rows: &[(&str, i32)], full: bool) -> PageText {
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

    /// The text lines of `rows`, one under the other from y 300, 40 px apart.
    pub(crate) fn stacked(rows: &[&str]) -> Vec<crate::ocr::lines::Line> {
        let rows: Vec<(&str, i32)> = rows.iter().enumerate().map(|(i, t)| (*t, 300 + 40 * i as i32)).collect();
        page(&rows, false).lines
    }

    #[test]
    fn a_transmission_stamp_in_the_footer_is_not_the_forms_page_count() {
        let m = crate::forms::models::Models::builtin().unwrap();
        // A receiving server's footer under the form's: its "page 2 of 3" counts the fax's pages.
        let req = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("DHS Form I-247A (3/17) Page 1 of 3", 2050),
                ("Received 12/28/2024 09:40:20 on detainer-desk page 2 of 3", 2120),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &req).kind, PageKind::I247aRequest);
        // The notice page of the same fax is still the notice.
        let notice = page(
            &[
                ("NOTICE TO THE DETAINEE", 150),
                ("DHS Form I-247A (3/17) Page 2 of 3", 2050),
                ("Received 12/28/2024 09:40:20 on detainer-desk page 3 of 3", 2120),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &notice).kind, PageKind::DetaineeNotice);
    }

    #[test]
    fn the_2012_i247_is_told_by_its_footer() {
        let m = crate::forms::models::Models::builtin().unwrap();
        // The same title as the I-247A's, "Form" misread, the bare number with its edition.
        let old = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("Subject ID: 2717618167", 240),
                ("DHS Forny 1-247 (12/12) Page 1 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &old).kind, PageKind::I247);
        // Its title unread, its footer and header block still make it one.
        let old = page(&[("Subject ID: 602794427", 240), ("DHS Form 1-247 (12/12) Page 1 of 3", 2100)], false);
        assert_eq!(classify(&m.classifier, &old).kind, PageKind::I247);
        // "Form" and the page number misread (a standard-resolution blind fax), the edition read.
        let old = page(
            &[
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("Subject 19: 759980729", 240),
                ("DUS Worn £-247 (12/12) © Page dol 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &old).kind, PageKind::I247);
        // The I-247A's footer with its letter dropped is still not an I-247: its edition is the I-247A's.
        let new = page(
            &[
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("Subject ID: 602794427", 240),
                ("DHS Form 1-247 (3/17) Page 1 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &new).kind, PageKind::I247aRequest);
        // Nor is one whose edition's month is misread: its year is the I-247A's.
        let new = page(
            &[
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("Subject ID: 602794427", 240),
                ("DHS Form I-247 (8/17) Page 1 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &new).kind, PageKind::I247aRequest);
        // A 2015 form's footer with its letter dropped and its Subject ID row score an I-247 as much as its
        // title scores its own kind: the title rules the I-247 out (a blind fax's I-247N).
        for (title, kind) in [
            ("REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN", PageKind::I247n),
            ("REQUEST FOR VOLUNTARY TRANSFER", PageKind::I247x),
            ("IMMIGRATION DETAINER - REQUEST FOR VOLUNTARY ACTION", PageKind::I247d),
        ] {
            let later = page(
                &[
                    ("DEPARTMENT OF HOMELAND SECURITY", 120),
                    (title, 170),
                    ("Subject ID; 359128395", 240),
                    ("DES Bornt 1-247 (12/15) | Page bold", 2100),
                ],
                false,
            );
            assert_eq!(classify(&m.classifier, &later).kind, kind, "{title}");
        }
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
        // Its "Page 1" read "Page 2" (an I-247N turned sideways at standard resolution): the request's
        // field rows under the title say it is page 1 all the same; the notice prints none.
        let misread = page(
            &[
                ("REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN", 120),
                ("Subject ID: 884540578 File No: 465-437-110", 170),
                ("DHS form 247M (22/15) Page 2 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &misread).kind, PageKind::I247n);
        let title_only = page(
            &[
                ("REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN", 120),
                ("DHS form 247M (22/15) Page 2 of 3", 2100),
            ],
            false,
        );
        assert_ne!(classify(&m.classifier, &title_only).kind, PageKind::I247n);
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

    /// A notice page prints its form's agency line and title above its own heading: the heading makes it
    /// the notice, whatever its footer lost.
    #[test]
    fn notice_under_the_request_title() {
        let m = crate::forms::models::Models::builtin().unwrap();
        let notice = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("NOTICE TO THE DETAINEE", 230),
                ("DHS Form I-247A (3/17) Page of 3", 2100),
            ],
            false,
        );
        let d = classify(&m.classifier, &notice);
        assert!(d.sure && d.kind == PageKind::DetaineeNotice, "{d:?}");
        // Read whole, its other languages' headings and first sentence say so too.
        let notice = page(
            &[
                ("IMMIGRATION DETAINER - NOTICE OF ACTION", 170),
                ("The Department of Homeland Security (DHS) has placed an immigration detainer on you.", 300),
                ("AVISO AO DETENTO", 700),
            ],
            true,
        );
        assert_eq!(classify(&m.classifier, &notice).kind, PageKind::DetaineeNotice);
        // An I-247N's notice under its own title.
        let n = page(
            &[
                ("REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE", 170),
                ("NOTICE TO THE DETAINEE", 230),
                ("DHS Form I-247N (5/15) Page 2 of 3", 2100),
            ],
            false,
        );
        assert_eq!(classify(&m.classifier, &n).kind, PageKind::DetaineeNotice);
        // Its page 1, title not read yet and "of" misread: its field rows say it is no notice.
        let n1 = page(
            &[
                ("DEPARTMENT OF HOMELAND SECURITY", 120),
                ("Subject ID: 6744935694 Event #: PRC1510003638", 200),
                ("DHS Form I-247N (5/15) Page 1 ot 3", 2100),
            ],
            false,
        );
        assert_ne!(classify(&m.classifier, &n1).lead, PageKind::DetaineeNotice);
    }

    /// A court's warrant is recognised from several of its parts, federal (AO 442) or state; an
    /// administrative warrant never is, whatever court words it prints.
    #[test]
    fn judicial_warrants_from_their_parts() {
        let m = crate::forms::models::Models::builtin().unwrap();
        let ao442 = page(
            &[
                ("UNITED STATES DISTRICT COURT", 250),
                ("for the", 290),
                ("District of Massachusetts", 330),
                ("United States of America v. JOHN DOE Case No. 1:20-cr-10417", 420),
                ("ARREST WARRANT", 620),
                ("To: Any authorized law enforcement officer", 680),
                ("Issuing officer's signature", 1250),
                ("Margaret L. Kessler, U.S. Magistrate Judge", 1330),
            ],
            true,
        );
        let d = classify(&m.classifier, &ao442);
        assert!(d.sure && d.kind == PageKind::JudicialWarrant, "{d:?}");
        let state = page(
            &[
                ("STATE OF NEW HAMPSHIRE", 200),
                ("SUPERIOR COURT", 250),
                ("WARRANT FOR ARREST", 330),
                ("TO ANY AUTHORIZED OFFICER:", 600),
                ("Hon. Denise L. Lindgren, Associate Justice", 1300),
            ],
            true,
        );
        assert_eq!(classify(&m.classifier, &state).kind, PageKind::JudicialWarrant);
        // A caption alone is no warrant.
        let caption = page(&[("SUPERIOR COURT", 250)], false);
        assert_ne!(classify(&m.classifier, &caption).kind, PageKind::JudicialWarrant);
        // An I-205 with its judge's box: its title and form number rule the court out.
        let i205 = page(
            &[
                ("WARRANT OF REMOVAL/DEPORTATION", 150),
                ("a United States District or Magistrate Court Judge", 900),
                ("To any authorized officer", 1000),
                ("Form I-205 (Rev. 08/07)", 2100),
            ],
            true,
        );
        let s = scores(&m.classifier, &i205);
        assert!(!s.iter().any(|(k, _)| *k == PageKind::JudicialWarrant), "{s:?}");
        assert_eq!(classify(&m.classifier, &i205).kind, PageKind::I205);
        // Read through a poor scan (blind corpora): the AO 442's address, defendant and signature labels
        // misread, its title run into the next words; a state warrant whose title shares its row.
        let poor = page(
            &[
                ("UNITED STATES DISTRICT COURT", 250),
                ("Dofondant", 500),
                ("4 ARREST WARRANT To: Any authorized law enforcement ofticor", 620),
                ("Issuing offirer's signature", 1250),
            ],
            true,
        );
        let d = classify(&m.classifier, &poor);
        assert!(d.sure && d.kind == PageKind::JudicialWarrant, "{d:?}");
        let nh = page(
            &[
                ("THE STATE OF NEW HAMPSHIRE CIRCUIT COURT - DISTRICT DIVISION", 200),
                ("ARREST WARRANT Docket No. 1568CR007000 Date: 02/19/2015", 280),
                ("Signature of Judge", 700),
            ],
            true,
        );
        let d = classify(&m.classifier, &nh);
        assert!(d.sure && d.kind == PageKind::JudicialWarrant, "{d:?}");
    }
}
