//! The reading plan driven by a fake OCR engine: a page drawn in memory (strokes where its text lines
//! are, the checkbox column's squares), the words a real engine would read there recorded beside it, and
//! a log of what the plan asked for. The policy (which zones, in which order, when to widen) is checked
//! without Tesseract.

use super::*;
use crate::ocr::Word;
use crate::page::bands::Band;
use crate::page::geometry::Rect;

const W: i32 = 1700;
const H: i32 = 2200;
const DPI: i32 = 200;
/// A character's width and a line's height on the drawn page.
const CHAR: i32 = 12;
const LINE: i32 = 25;

/// What the plan asked the engine for.
#[derive(Debug, Clone, PartialEq)]
enum Asked {
    Zone(Rect),
    Page,
    Strip,
    Orientation,
    /// A second read of a field's box.
    Again(Rect),
    /// A check read of a confident value's box.
    Check(Rect),
    /// A read of a name's box by the accents reader.
    Accents(Rect),
}

/// An engine that gives back the recorded words lying in what it is asked to read.
struct Recorded {
    words: Vec<Word>,
    asked: Vec<Asked>,
    /// What the second reader reads (the words whose centre lies in the box asked); None: no second
    /// model is installed.
    again: Option<Vec<Word>>,
    /// What the check reader reads (as `again`); None: no check model is installed.
    checked: Option<Vec<Word>>,
    /// What the accents reader reads (as `again`); None: no accents model is installed.
    accented: Option<Vec<Word>>,
    /// The quarter turns the orientation model gives; None: it cannot tell.
    orientation: Option<i32>,
}

impl Recorded {
    fn new(words: &[Word]) -> Recorded {
        Recorded {
            words: words.to_vec(),
            asked: Vec::new(),
            again: None,
            checked: None,
            accented: None,
            orientation: None,
        }
    }
}

impl Ocr for Recorded {
    fn read_zone(&mut self, _page: &PreparedPage, bands: &[Band], zone: Rect) -> anyhow::Result<Vec<Word>> {
        self.asked.push(Asked::Zone(zone));
        let in_zone = |w: &Word| {
            let (cx, cy) = (w.bbox.x + w.bbox.w / 2, w.bbox.cy());
            cx >= zone.x && cx < zone.right() && bands.iter().any(|b| (b.y0..b.y1).contains(&cy) && cx < b.x1 + 12)
        };
        Ok(self.words.iter().filter(|w| in_zone(w)).cloned().collect())
    }

    fn read_page(&mut self, _page: &PreparedPage) -> anyhow::Result<Vec<Word>> {
        self.asked.push(Asked::Page);
        Ok(self.words.clone())
    }

    fn read_strip(&mut self, _strip: &Pix, _dpi: i32) -> anyhow::Result<Vec<Word>> {
        self.asked.push(Asked::Strip);
        Ok(Vec::new())
    }

    fn upright_turns(&mut self, _page: &PreparedPage) -> anyhow::Result<Option<i32>> {
        self.asked.push(Asked::Orientation);
        Ok(self.orientation)
    }

    fn read_again(&mut self, _page: &PreparedPage, bbox: Rect) -> anyhow::Result<Option<Vec<Word>>> {
        self.asked.push(Asked::Again(bbox));
        Ok(self.again.as_ref().map(|ws| inside(ws, bbox)))
    }

    fn check_read(&mut self, _page: &PreparedPage, bbox: Rect, _charset: &str) -> anyhow::Result<Option<Vec<Word>>> {
        self.asked.push(Asked::Check(bbox));
        Ok(self.checked.as_ref().map(|ws| inside(ws, bbox)))
    }

    fn accents_read(&mut self, _page: &PreparedPage, bbox: Rect) -> anyhow::Result<Option<Vec<Word>>> {
        self.asked.push(Asked::Accents(bbox));
        Ok(self.accented.as_ref().map(|ws| inside(ws, bbox)))
    }
}

/// The words of `words` whose centre lies in `bbox`.
fn inside(words: &[Word], bbox: Rect) -> Vec<Word> {
    let inside = |w: &&Word| {
        let cx = w.bbox.x + w.bbox.w / 2;
        bbox.x <= cx && cx < bbox.right() && bbox.y <= w.bbox.cy() && w.bbox.cy() < bbox.bottom()
    };
    words.iter().filter(inside).cloned().collect()
}

/// A page of text lines `(top, left, text)`: strokes under every character (three columns in ten, as
/// glyphs are), the words recorded where they are drawn; plus checkbox squares `(top, ticked)` at the
/// left margin.
struct Drawn {
    gray: Vec<u8>,
    words: Vec<Word>,
}

impl Drawn {
    fn new() -> Drawn {
        Drawn { gray: vec![255; (W * H) as usize], words: Vec::new() }
    }

    fn dark(&mut self, x: i32, y: i32) {
        self.gray[(y * W + x) as usize] = 0;
    }

    fn line(&mut self, top: i32, left: i32, text: &str) -> &mut Self {
        let mut x = left;
        for (n, word) in text.split(' ').enumerate() {
            let w = word.chars().count() as i32 * CHAR;
            for y in top..top + LINE {
                for xx in (x..x + w).filter(|xx| xx % 10 < 3) {
                    self.dark(xx, y);
                }
            }
            let id = (top as u32) << 8 | n as u32;
            self.words.push(Word {
                text: word.into(),
                conf: 96.0,
                bbox: Rect::new(x, top, w, LINE),
                line: id,
                ..Word::default()
            });
            x += w + CHAR;
        }
        self
    }

    /// A line of running text from `left` to the right margin, as a form's paragraphs and options are.
    fn prose(&mut self, top: i32, left: i32, text: &str) -> &mut Self {
        let mut line = text.to_string();
        while (line.chars().count() as i32 + 8) * CHAR < 1600 - left {
            line.push_str(" custody");
        }
        self.line(top, left, &line)
    }

    /// A line set centred on the page, as a form's titles are.
    fn centred(&mut self, top: i32, text: &str) -> &mut Self {
        let w = text.chars().count() as i32 * CHAR;
        self.line(top, (W - w) / 2, text)
    }

    fn square(&mut self, top: i32, ticked: bool) -> &mut Self {
        let (x0, side) = (100, 30);
        for d in 0..side {
            for t in 0..2 {
                self.dark(x0 + d, top + t);
                self.dark(x0 + d, top + side - 1 - t);
                self.dark(x0 + t, top + d);
                self.dark(x0 + side - 1 - t, top + d);
            }
        }
        if ticked {
            for y in top + 8..top + 22 {
                for x in x0 + 8..x0 + 22 {
                    self.dark(x, y);
                }
            }
        }
        self
    }

    fn page(&self) -> PreparedPage {
        PreparedPage::unrotated(self.gray.clone(), W, H, DPI)
    }
}

/// A request page's top as drawn by `Drawn`: the agency line, the form's `title`, the identifiers' two
/// rows (the event number and issue date given) and the FROM box.
fn request_top(title: &str, event: &str, date: &str) -> Drawn {
    let mut d = Drawn::new();
    d.centred(120, "DEPARTMENT OF HOMELAND SECURITY")
        .centred(170, title)
        .line(240, 100, "Subject ID: 123456789")
        .line(240, 900, &format!("Event #: {event}"))
        .line(290, 100, "File No: A123456789")
        .line(290, 900, &format!("Date: {date}"))
        .line(340, 900, "FROM: (DHS Office Address)")
        .line(380, 900, "ERO Boston Field Office")
        .line(420, 900, "1000 District Ave, Burlington, MA 01803");
    d
}

/// An I-247A's page 1 as drawn by `Drawn`; without the alien's name row when `name` is false.
fn request_page(name: bool) -> Drawn {
    let mut d = request_top("IMMIGRATION DETAINER - NOTICE OF ACTION", "BOS2501000123", "01/15/2025");
    d.centred(480, "MAINTAIN CUSTODY OF ALIEN FOR A PERIOD NOT TO EXCEED 48 HOURS");
    if name {
        d.line(540, 100, "Name of Alien: DOE, JOHN");
    }
    d.line(590, 100, "Date of Birth: 01/01/1980 Citizenship: MEXICO Sex: M")
        .line(650, 100, "1. DHS HAS DETERMINED THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN.")
        .line(690, 100, "THIS DETERMINATION IS BASED ON (complete box 1 or 2).");
    for (i, top) in [760, 820, 880, 940].into_iter().enumerate() {
        d.square(top, i == 2).prose(top, 160, "a final order of removal against the subject;");
    }
    d.line(1000, 100, "2. DHS TRANSFERRED THE ALIEN TO YOUR CUSTODY FOR A PROCEEDING OR INVESTIGATION")
        .square(1050, false)
        .prose(1050, 160, "Upon completion of the proceeding DHS intends to resume custody of the alien")
        .line(1120, 100, "IT IS THEREFORE REQUESTED THAT YOU:")
        .prose(1170, 100, "Notify DHS as early as practicable at least 48 hours if possible before the alien")
        .prose(1220, 100, "Maintain custody of the alien for a period not to exceed 48 hours beyond the time")
        .square(1400, false)
        .line(1400, 160, "If checked: please cancel the detainer related to this alien previously submitted to you on")
        .prose(1450, 100, "Notice: if the alien may be the victim of a crime or you want the alien to remain in")
        .line(1500, 100, "(Name and title of Immigration Officer)")
        .line(2060, 100, "DHS Form I-247A (3/17)")
        .line(2060, 1300, "Page 1 of 3");
    d
}

fn done(r: Read) -> PageAnalysis {
    match r {
        Read::Done(a) => *a,
        Read::Turn(q, ..) => panic!("asked to turn the page {q} quarters"),
        Read::Doubt(..) => panic!("doubted the page was upright"),
    }
}

fn zones(asked: &[Asked]) -> Vec<Rect> {
    zones_and_second_reads(asked).0
}

/// The zones asked for, and the boxes read a second time.
fn zones_and_second_reads(asked: &[Asked]) -> (Vec<Rect>, Vec<Rect>) {
    let again = asked.iter().filter_map(|a| if let Asked::Again(r) = a { Some(*r) } else { None }).collect();
    let zones = asked
        .iter()
        .filter(|a| !matches!(a, Asked::Again(_) | Asked::Check(_) | Asked::Accents(_)))
        .map(|a| match a {
            Asked::Zone(r) => *r,
            other => panic!("asked for {other:?}, not a zone"),
        })
        .collect();
    (zones, again)
}

fn raw(a: &PageAnalysis, field: &str) -> String {
    match &a.fields {
        PageFields::Request(ex) => ex.fields.get(field).map(|f| f.raw.clone()).unwrap_or_default(),
        _ => panic!("not a request page"),
    }
}

#[test]
fn a_request_page_is_settled_by_its_footer_and_read_only_in_its_typed_rows() {
    let models = Models::builtin().unwrap();
    let drawn = request_page(true);
    let mut engine = Recorded::new(&drawn.words);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(a.kind, PageKind::I247aRequest);
    let asked = zones(&engine.asked);
    // The footer first; it settles the page (form number and "Page 1 of 3"), so no title is read.
    assert!(asked[0].y >= H * 9 / 10 - 20, "first zone {:?}", asked[0]);
    // Then the typed rows above the checkbox column: the ID rows with the FROM box, and the name rows.
    // The centred title lines and "MAINTAIN CUSTODY..." are left out, so the rows make two zones.
    assert_eq!(asked.len(), 3, "{asked:?}");
    assert!(asked[1].y < 240 && asked[1].y > 200 && asked[1].bottom() > 445 && asked[1].bottom() < 480, "{asked:?}");
    assert!(asked[2].y > 505 && asked[2].y < 540 && asked[2].bottom() < 650, "{asked:?}");
    // Nothing below the column's top (its heading, options, paragraphs) was read: its squares were found
    // on the image, and the ticked one is the third.
    assert!(asked.iter().all(|z| z.y < 650 || z.y >= H * 9 / 10 - 20));
    assert_eq!(raw(&a, "subject_id"), "123456789");
    assert_eq!(raw(&a, "sex"), "M");
    assert!(raw(&a, "issuing_office").contains("Burlington"));
    let PageFields::Request(ex) = &a.fields else { unreachable!() };
    let ticked: Vec<&str> =
        ex.checkboxes.iter().filter(|(_, b)| b.checked == Some(true)).map(|(k, _)| k.as_str()).collect();
    assert_eq!(ticked, ["biometric"]);
    assert!(ex.missing.is_empty(), "{:?}", ex.missing);
    assert!(a.read_share < 0.4, "read {:.2} of the lines", a.read_share);
    // The header strip is read only once documents are grouped, and only when the page kept one.
    assert!(!engine.asked.contains(&Asked::Strip));
}

#[test]
fn a_missing_field_widens_the_read_to_the_rows_left_out() {
    let models = Models::builtin().unwrap();
    let drawn = request_page(false);
    let mut engine = Recorded::new(&drawn.words);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    let asked = zones(&engine.asked);
    // The name is not on the page: extraction reports it missing, so the rows above the column are read
    // again whole: the centred headings and the column's heading lines, one zone each run of them.
    assert!(asked.len() > 3, "{asked:?}");
    let later = &asked[3..];
    assert!(later.iter().any(|z| z.y < 170 && z.bottom() > 195), "the title lines: {later:?}");
    assert!(later.iter().any(|z| z.y < 650 && z.bottom() > 715), "the column's heading: {later:?}");
    let PageFields::Request(ex) = &a.fields else { panic!("not a request page") };
    assert!(ex.missing.iter().any(|m| matches!(m, Missing::Field { name, .. } if name == "name")));
    // Still never the whole page.
    assert!(!engine.asked.contains(&Asked::Page));
}

#[test]
fn a_full_page_strategy_asks_for_the_page_once() {
    let models = Models::builtin().unwrap();
    let drawn = request_page(true);
    let mut engine = Recorded::new(&drawn.words);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::FullPage, true).unwrap());
    assert_eq!(engine.asked, [Asked::Page]);
    assert_eq!(a.kind, PageKind::I247aRequest);
    assert_eq!(raw(&a, "a_number"), "A123456789");
    assert_eq!(a.read_share, 1.0);
}

/// An I-247N's page 1 whose footer reads without the form's letter: with its Subject ID row, which the
/// title area's short lines hold, that scores an I-247 before the long title line is read. The fields'
/// reads take the title in, and the title rules the I-247 out: the page is the I-247N it prints.
#[test]
fn a_kind_its_title_rules_out_once_read_is_overruled() {
    let models = Models::builtin().unwrap();
    let mut d = Drawn::new();
    d.centred(120, "DEPARTMENT OF HOMELAND SECURITY")
        .prose(170, 60, "REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN")
        .line(240, 100, "Subject ID: 359128395")
        .line(240, 900, "File No: A450470395")
        .line(290, 100, "Event #: BOS1612003681")
        .line(290, 900, "Date: 12/20/2016")
        .line(340, 900, "FROM: (DHS Office Address)")
        .line(380, 900, "1000 District Ave, Burlington, MA 01803")
        .line(540, 100, "Name of Subject: ZHENG, HAO WEI")
        .line(590, 100, "Date of Birth: 05/22/1980 Citizenship: CHINA Sex: M")
        .line(2060, 100, "DES Bornt 1-247 (12/15)")
        .line(2060, 1300, "Page bold");
    let mut engine = Recorded::new(&d.words);
    let a = done(analyze_prepared(d.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(a.kind, PageKind::I247n);
    assert_eq!(raw(&a, "date_issued"), "12/20/2016");
    // Without the title read, the same page is an I-247 (the footer and the Subject ID row).
    let text = crate::forms::classify::tests::page(
        &[("Subject ID: 359128395", 240), ("DES Bornt 1-247 (12/15) Page bold", 2060)],
        false,
    );
    assert_eq!(crate::forms::classify::classify(&models.classifier, &text).kind, PageKind::I247);
}

/// The request page with some words read otherwise by the first reader: `(as drawn, as read, confidence)`.
fn misread(changes: &[(&str, &str, f32)]) -> Drawn {
    let mut d = request_page(true);
    for &(drawn, read, conf) in changes {
        let w = d.words.iter_mut().find(|w| w.text == drawn).expect("a drawn word");
        (w.text, w.conf) = (read.into(), conf);
    }
    d
}

/// What the second reader reads where the first read `first`: `text`, confident.
fn second_word(d: &Drawn, first: &str, text: &str) -> Word {
    let w = d.words.iter().find(|w| w.text == first).expect("a word read");
    Word { text: text.into(), conf: 90.0, ..w.clone() }
}

fn outcome(a: &PageAnalysis, field: &str) -> Option<Outcome> {
    a.second_reads.get(field).map(|s| s.outcome)
}

#[test]
fn only_doubtful_fields_are_read_again_each_in_its_own_small_box() {
    let models = Models::builtin().unwrap();
    // The subject ID misread (not digits), the date of birth valid but read with low confidence; every
    // other field valid and confident.
    let drawn = misread(&[("123456789", "12E456789", 88.0), ("01/01/1980", "01/01/1980", 41.0)]);
    let mut engine = Recorded::new(&drawn.words);
    engine.again =
        Some(vec![second_word(&drawn, "12E456789", "123456789"), second_word(&drawn, "01/01/1980", "01/01/1980")]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    let (zones, again) = zones_and_second_reads(&engine.asked);
    assert_eq!(zones.len(), 3, "the zones are those of a page read once: {zones:?}");
    assert_eq!(again.len(), 2, "{again:?}");
    // Each box holds its value with a margin, and little more: one line high, not the row.
    for (first, b) in [("12E456789", again[0]), ("01/01/1980", again[1])] {
        let w = drawn.words.iter().find(|w| w.text == first).unwrap().bbox;
        assert!(b.x < w.x && b.right() > w.right() && b.y < w.y && b.bottom() > w.bottom(), "{first}: {b:?}");
        assert!(b.h < 2 * LINE && b.w < w.w + 2 * LINE, "{first}: {b:?}");
    }
    // The invalid first read is replaced by the valid second; the doubtful dob is confirmed.
    assert_eq!(outcome(&a, "subject_id"), Some(Outcome::SecondOnly));
    assert_eq!(a.second_reads["subject_id"].raw.raw, "123456789");
    assert_eq!(outcome(&a, "dob"), Some(Outcome::Agree));
    assert_eq!(a.second_reads.len(), 2);
    // The first read stays what extraction found: the document stage weighs both.
    assert_eq!(raw(&a, "subject_id"), "12E456789");
}

#[test]
fn the_name_alone_is_read_by_the_accents_reader_in_its_box() {
    let models = Models::builtin().unwrap();
    let drawn = request_page(true);
    let mut engine = Recorded::new(&drawn.words);
    engine.accented = Some(vec![second_word(&drawn, "DOE,", "DOÉ,"), second_word(&drawn, "JOHN", "JOHN")]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    let asked: Vec<Rect> =
        engine.asked.iter().filter_map(|q| if let Asked::Accents(r) = q { Some(*r) } else { None }).collect();
    assert_eq!(asked.len(), 1, "{:?}", engine.asked);
    for first in ["DOE,", "JOHN"] {
        let w = drawn.words.iter().find(|w| w.text == first).unwrap().bbox;
        assert!(asked[0].x < w.x && asked[0].right() > w.right() && asked[0].bottom() > w.bottom(), "{first}");
    }
    let read: Vec<&str> = a.accents.iter().flatten().map(|w| w.text.as_str()).collect();
    assert_eq!(read, ["DOÉ,", "JOHN"]);
    // Without the model, nothing is read and the page keeps no such read.
    let mut engine = Recorded::new(&drawn.words);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert!(a.accents.is_none());
}

#[test]
fn second_reads_that_differ_or_do_not_read_are_told_apart() {
    let models = Models::builtin().unwrap();
    let drawn = misread(&[("01/01/1980", "01/01/1980", 41.0), ("MEXICO", "MEXICO", 35.0), ("M", "M", 30.0)]);
    let mut engine = Recorded::new(&drawn.words);
    engine.again = Some(vec![
        // Another valid date: a person must look.
        second_word(&drawn, "01/01/1980", "07/01/1980"),
        // Nothing valid: the first read stands.
        second_word(&drawn, "MEXICO", "ME%1C0"),
        // A label remnant taken in by the margin is no part of the value.
        second_word(&drawn, "M", "x:M"),
    ]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(outcome(&a, "dob"), Some(Outcome::Disagree));
    assert_eq!(outcome(&a, "citizenship"), Some(Outcome::Unsure));
    assert_eq!(outcome(&a, "sex"), Some(Outcome::Agree));
}

#[test]
fn without_a_second_model_fields_are_read_once() {
    let models = Models::builtin().unwrap();
    let drawn = misread(&[("123456789", "12E456789", 88.0), ("01/01/1980", "01/01/1980", 41.0)]);
    let mut engine = Recorded::new(&drawn.words);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    // Asked once, told there is no second model, not asked again for the next field.
    assert_eq!(zones_and_second_reads(&engine.asked).1.len(), 1);
    assert!(a.second_reads.is_empty());
    // A page read confidently is never read again.
    let drawn = request_page(true);
    let mut engine = Recorded::new(&drawn.words);
    engine.again = Some(Vec::new());
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert!(zones_and_second_reads(&engine.asked).1.is_empty() && a.second_reads.is_empty());
}

/// The identifiers and dates the first read gave confidently are check read, each in its own small box,
/// and so is one the second reader confirmed (the two LSTM readers share their misreads); the name, the
/// country and the sex are not, nor the event number and the date of birth (their form model says
/// `check_read = false`). What the check reader says is kept beside the first read, which stays.
#[test]
fn confident_identifiers_and_dates_are_check_read() {
    let models = Models::builtin().unwrap();
    let drawn = misread(&[("01/15/2025", "01/15/2025", 41.0)]);
    let mut engine = Recorded::new(&drawn.words);
    engine.again = Some(vec![second_word(&drawn, "01/15/2025", "01/15/2025")]);
    engine.checked = Some(vec![
        second_word(&drawn, "123456789", "123456789"),
        // Another valid A-number: the first read is not replaced.
        second_word(&drawn, "A123456789", "A123456780"),
        second_word(&drawn, "01/15/2025", "01/1"),
    ]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    let checked: Vec<&str> = a.second_reads.iter().filter(|(_, s)| s.check).map(|(n, _)| n.as_str()).collect();
    assert_eq!(checked, ["a_number", "subject_id"]);
    assert_eq!(outcome(&a, "subject_id"), Some(Outcome::Agree));
    assert_eq!(outcome(&a, "a_number"), Some(Outcome::Disagree));
    assert_eq!(outcome(&a, "date_issued"), Some(Outcome::Agree));
    assert!(!a.second_reads["date_issued"].check);
    // The confirmed issue date, check read where nothing reads: the second read's agreement stays.
    assert_eq!(a.second_reads["date_issued"].checked, Some(Outcome::Unsure));
    assert!(!a.second_reads.contains_key("dob") && !a.second_reads.contains_key("event_number"));
    assert_eq!(raw(&a, "a_number"), "A123456789");
    let boxes: Vec<Rect> =
        engine.asked.iter().filter_map(|q| if let Asked::Check(r) = q { Some(*r) } else { None }).collect();
    assert_eq!(boxes.len(), 3);
    for b in boxes {
        assert!(b.h < 2 * LINE, "{b:?}");
    }
}

/// Two valid values from the two LSTM reads: the legacy engine reads the field a third time, where the
/// second read was made, and which of the two it gives is kept for the document stage.
#[test]
fn a_disagreement_is_read_a_third_time() {
    let models = Models::builtin().unwrap();
    let drawn = misread(&[("01/01/1980", "07/01/1980", 41.0), ("123456789", "123456789", 60.0)]);
    let mut engine = Recorded::new(&drawn.words);
    engine.again =
        Some(vec![second_word(&drawn, "07/01/1980", "01/01/1980"), second_word(&drawn, "123456789", "128456789")]);
    engine.checked =
        Some(vec![second_word(&drawn, "07/01/1980", "01/01/1980"), second_word(&drawn, "123456789", "123456789")]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(outcome(&a, "dob"), Some(Outcome::Disagree));
    assert_eq!(a.second_reads["dob"].third, Some(Third::Second));
    assert_eq!(a.second_reads["subject_id"].third, Some(Third::First));
    // Read where the second read was: the same box, asked once more of the check reader.
    let again: Vec<Rect> = zones_and_second_reads(&engine.asked).1;
    let checks: Vec<Rect> =
        engine.asked.iter().filter_map(|q| if let Asked::Check(r) = q { Some(*r) } else { None }).collect();
    assert!(again.iter().all(|b| checks.contains(b)), "{again:?} {checks:?}");
    // A third read that gives neither value, or none, says nothing.
    engine.checked = Some(vec![second_word(&drawn, "07/01/1980", "09/01/1980")]);
    engine.asked.clear();
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(a.second_reads["dob"].third, None);
    assert_eq!(a.second_reads["subject_id"].third, None);
    // A third read that lost a digit gives a one-digit day (`01/ 1/1980`): it says nothing of the digit.
    let drawn = misread(&[("01/01/1980", "01/11/1980", 41.0)]);
    let mut engine = Recorded::new(&drawn.words);
    engine.again = Some(vec![second_word(&drawn, "01/11/1980", "01/01/1980")]);
    engine.checked = Some(vec![second_word(&drawn, "01/11/1980", "01/ 1/1980")]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(outcome(&a, "dob"), Some(Outcome::Disagree));
    assert_eq!(a.second_reads["dob"].third, None);
    // Read whole, it is the third's say.
    engine.checked = Some(vec![second_word(&drawn, "01/11/1980", "01/01/1980")]);
    let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
    assert_eq!(a.second_reads["dob"].third, Some(Third::Second));
}

/// A page no cue matches: lines of `words` read at confidence `conf`, as a page read upside down reads
/// ("ALIGNDAS ONVTAWOH AO LNAWLYWd3d") or an unrelated letter does.
fn cueless_page(conf: f32) -> Drawn {
    let mut d = Drawn::new();
    for i in 0..8 {
        d.prose(300 + 60 * i, 100, "ALIGNDAS ONVTAWOH AO LNAWLYWd3d");
    }
    for w in &mut d.words {
        w.conf = conf;
    }
    d
}

/// A cueless page read at confidence `conf`, as received (`may_turn`) or already turned: what the plan
/// came to, and what the engine was asked.
fn read_cueless(conf: f32, may_turn: bool) -> (Read, Vec<Asked>) {
    let models = Models::builtin().unwrap();
    let drawn = cueless_page(conf);
    let mut engine = Recorded::new(&drawn.words);
    let read = analyze_prepared(drawn.page(), 1, &models, &mut engine, Strategy::Zonal, may_turn).unwrap();
    (read, engine.asked)
}

/// A name the two English readers read as two names is decided by the accents reader's read of it, made
/// for its marks: the one of the two it gives, a marked letter standing for any. A name read at 0.70-0.95
/// is read again (a letter misread still makes a name), unless the accents reader reads it alike.
#[test]
fn a_names_disagreement_is_decided_by_the_accents_reader() {
    let models = Models::builtin().unwrap();
    // The page `drawn` analysed with the second reader and the accents reader reading its name `DOE, JOHN`
    // (read `first` by the first reader) as they are told; what they were asked.
    let read = |drawn: &Drawn, first: &str, again: Option<[&str; 2]>, accents: Option<[&str; 2]>| {
        let name =
            |[family, given]: [&str; 2]| vec![second_word(drawn, "DOE,", family), second_word(drawn, first, given)];
        let mut engine = Recorded::new(&drawn.words);
        (engine.again, engine.accented) = (again.map(name), accents.map(name));
        let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
        (a, engine.asked)
    };
    let drawn = misread(&[("JOHN", "JOHM", 88.0)]);
    let (a, _) = read(&drawn, "JOHM", Some(["DOE,", "JOHN"]), Some(["DOÉ,", "JOHN"]));
    assert_eq!(outcome(&a, "name"), Some(Outcome::Disagree));
    assert_eq!(a.second_reads["name"].third, Some(Third::Second));
    // The accents reader reads as the first reader did: the first is kept by two readers of three.
    let (a, _) = read(&drawn, "JOHM", Some(["DOE,", "JOHN"]), Some(["DOE,", "JOHM"]));
    assert_eq!(a.second_reads["name"].third, Some(Third::First));
    // So too when the first read was faint (under 0.70).
    let faint = misread(&[("JOHN", "JOHM", 20.0)]);
    let (a, _) = read(&faint, "JOHM", Some(["DOE,", "JOHN"]), Some(["DOE,", "JOHM"]));
    assert_eq!(a.second_reads["name"].third, Some(Third::First));
    // A name every list holds, read confidently, that the accents reader reads alike: the second reader,
    // which would only be heard if it disagreed, is not asked, and the name has no second read. (`JOHM`
    // above, a part no list holds, was: the accents reader shares misreads.)
    let listed = misread(&[("JOHN", "JOAN", 88.0)]);
    let (a, asked) = read(&listed, "JOAN", Some(["DOE,", "JOHN"]), Some(["DOE,", "JOAN"]));
    assert!(!a.second_reads.contains_key("name"));
    assert!(zones_and_second_reads(&asked).1.is_empty(), "{asked:?}");
    // A mark the accents reader reads and the first read lacks is no such agreement: asked.
    let (a, asked) = read(&listed, "JOAN", Some(["DOE,", "JOHN"]), Some(["DOÉ,", "JOAN"]));
    assert_eq!(outcome(&a, "name"), Some(Outcome::Disagree));
    assert_eq!(zones_and_second_reads(&asked).1.len(), 1, "{asked:?}");
    // The second reader reads the name alike: no evidence (the two LSTM models share their misreads), so
    // no second read is kept for it.
    let (a, _) = read(&drawn, "JOHM", Some(["DOE,", "JOHM"]), Some(["DOÉ,", "JOHN"]));
    assert!(!a.second_reads.contains_key("name"));
    // Neither, or no accents model: nothing decided.
    let (a, _) = read(&drawn, "JOHM", Some(["DOE,", "JOHN"]), Some(["DOE,", "JOHIN"]));
    assert_eq!(a.second_reads["name"].third, None);
    let (a, _) = read(&drawn, "JOHM", Some(["DOE,", "JOHN"]), None);
    assert_eq!(a.second_reads["name"].third, None);
}

#[test]
fn a_cueless_page_read_at_low_confidence_is_doubted_upright() {
    let (read, asked) = read_cueless(30.0, true);
    // The orientation model was asked first and could not tell.
    assert!(asked.contains(&Asked::Orientation));
    match read {
        Read::Doubt(a, _) => assert_eq!(a.kind, PageKind::Other),
        _ => panic!("a page read as garbage was not doubted"),
    }
}

/// A page whose text runs down it (fed sideways) is asked its orientation before any of it is read: its
/// text block is one band inches tall, which OCR reads for seconds as nothing. When the model cannot tell,
/// the page is to be turned a quarter (and the other way after that, see `analyze`).
#[test]
fn a_page_whose_text_runs_down_it_is_turned_before_any_of_it_is_read() {
    let models = Models::builtin().unwrap();
    let mut d = Drawn::new();
    for y in 300..1900 {
        for x in (200..1500).filter(|x| x % 40 < 25 && x % 3 == 0) {
            d.dark(x, y);
        }
    }
    let mut engine = Recorded::new(&d.words);
    let read = analyze_prepared(d.page(), 1, &models, &mut engine, Strategy::Zonal, true).unwrap();
    assert_eq!(engine.asked, vec![Asked::Orientation]);
    assert!(matches!(read, Read::Turn(1, _, true)), "not turned first");
    // The model's quarter turn is taken; its half turn, which leaves the text running down, is not.
    for (said, turned) in [(3, 3), (1, 1), (2, 1)] {
        let mut engine = Recorded { orientation: Some(said), ..Recorded::new(&d.words) };
        let read = analyze_prepared(d.page(), 1, &models, &mut engine, Strategy::Zonal, true).unwrap();
        assert!(matches!(read, Read::Turn(q, _, true) if q == turned), "model said {said}");
    }
    // Already turned: read as it is, and known to run down the page (a turn the wrong way).
    let mut engine = Recorded::new(&d.words);
    let a = done(analyze_prepared(d.page(), 1, &models, &mut engine, Strategy::Zonal, false).unwrap());
    assert!(a.runs_down && !engine.asked.contains(&Asked::Orientation));
    // A page of lines across it is read first, and asked its orientation only when nothing is found.
    let (read, asked) = read_cueless(90.0, true);
    assert!(matches!(asked.first(), Some(Asked::Zone(_))));
    assert!(!done(read).runs_down);
}

/// A page already turned as the orientation model said, that reads poorly as nothing, is doubted too
/// (without asking the model again): it may have been turned the wrong way round (see `analyze`). Its
/// strip stays with it.
#[test]
fn a_turned_page_read_poorly_as_nothing_is_doubted() {
    let (read, asked) = read_cueless(30.0, false);
    assert!(!asked.contains(&Asked::Orientation));
    assert!(matches!(read, Read::Doubt(ref a, None) if a.kind == PageKind::Other), "not doubted");
    let (read, _) = read_cueless(90.0, false);
    assert!(matches!(read, Read::Done(_)));
}

#[test]
fn a_cueless_page_read_confidently_is_other_and_not_doubted() {
    let a = done(read_cueless(90.0, true).0);
    assert_eq!(a.kind, PageKind::Other);
}

/// An I-247D's page 1 as drawn by `Drawn`: nine squares in its column (five priorities, four causes),
/// a bullet's ICE box below them, ticked, and a cancel box, ticked when `cancel` is.
fn legacy_request_page(cancel: bool) -> Drawn {
    let mut d = request_top("IMMIGRATION DETAINER - REQUEST FOR VOLUNTARY ACTION", "BOS1601000123", "01/15/2016");
    d.line(480, 100, "Name of Subject: DOE, JOHN")
        .line(530, 100, "Date of Birth: 01/01/1980 Citizenship: MEXICO Sex: M")
        .line(580, 100, "1. DHS HAS DETERMINED THAT THE SUBJECT IS A PRIORITY FOR REMOVAL AND THAT PROBABLE")
        .line(620, 100, "CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN:");
    for (i, top) in [680, 730, 780, 830, 880, 960, 1010, 1060, 1110].into_iter().enumerate() {
        d.square(top, i == 0 || i == 7).prose(top, 160, "has been convicted of an offense against the subject;");
    }
    d.line(1170, 100, "IT IS THEREFORE REQUESTED THAT YOU:")
        .square(1220, true)
        .line(1220, 160, "U.S. Immigration and Customs Enforcement (ICE) at (617) 555-0100")
        .prose(1270, 100, "Relay this detainer to any other law enforcement agency to which you transfer")
        .square(1400, cancel)
        .line(
            1400,
            160,
            "If checked: please cancel the detainer related to this subject previously submitted to you on",
        )
        .line(1400, 1300, "12/20/2015")
        .line(1500, 100, "(Name and title of Immigration Officer)")
        .line(2060, 100, "DHS Form I-247D (12/15)")
        .line(2060, 1300, "Page 1 of 3");
    d
}

#[test]
fn a_legacy_forms_cancel_box_is_read_beside_its_sentence_only_when_marked() {
    let models = Models::builtin().unwrap();
    for cancel in [true, false] {
        let drawn = legacy_request_page(cancel);
        let mut engine = Recorded::new(&drawn.words);
        let a = done(analyze_prepared(drawn.page(), 0, &models, &mut engine, Strategy::Zonal, true).unwrap());
        assert_eq!(a.kind, PageKind::I247d);
        let asked = zones(&engine.asked);
        let PageFields::Request(ex) = &a.fields else { panic!("not a request page") };
        let read_cancel_line = asked.iter().any(|z| z.y <= 1400 && z.bottom() >= 1425);
        if cancel {
            // The ICE box's line and the cancel box's: the sentence names the square, and the date beside it.
            assert!(read_cancel_line, "{asked:?}");
            assert_eq!(ex.checkboxes["cancels_previous"].bbox.y, 1400);
            assert_eq!(ex.checkboxes["cancels_previous"].checked, Some(true));
            assert_eq!(raw(&a, "cancelled_request_date"), "12/20/2015");
        } else {
            // An empty square's line is not read: unticked, it says nothing a request needs.
            assert!(!read_cancel_line, "{asked:?}");
            assert!(ex.not_printed.contains(&"cancel".to_string()), "{:?}", ex.not_printed);
        }
        assert!(!ex.missing.iter().any(Missing::is_checkboxes), "{:?}", ex.missing);
    }
}
