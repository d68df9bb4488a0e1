//! Extraction from hand-built lines of words: the classic printing (values after their labels) and the
//! ruled one (values under their labels, in cells side by side).

use super::*;
use crate::forms::models::Models;
use crate::ocr::lines::lines;
use crate::page::squares::Squares;

const W: i32 = 1700;
const H: i32 = 2200;

/// A word at `x, y`, 12 px a character and `h` tall.
fn word(text: &str, x: i32, y: i32, h: i32) -> Word {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let line = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Word {
        text: text.into(),
        conf: 90.0,
        bbox: Rect::new(x, y, 12 * text.chars().count() as i32, h),
        line,
        ..Word::default()
    }
}

/// Words `(text, x)` of one printed row at `y`, split at spaces, a character's width apart.
fn row(cells: &[(&str, i32)], y: i32, h: i32) -> Vec<Word> {
    let mut out = Vec::new();
    for (text, x) in cells {
        let mut x = *x;
        for t in text.split(' ') {
            out.push(word(t, x, y, h));
            x += 12 * (t.chars().count() as i32 + 1);
        }
    }
    out
}

fn i247a(words: &[Word]) -> Extraction {
    let models = Models::builtin().unwrap();
    let model = models.form_for(crate::record::PageKind::I247aRequest).unwrap();
    let page = Measures { width: W, height: H, dpi: 200, squares: Squares::default() };
    extract(model, &lines(words), &page)
}

fn raw(e: &Extraction, field: &str) -> Option<String> {
    e.fields.get(field).map(|f| f.raw.clone())
}

/// The ruled printing: small labels at the top-left of cells, typed values under them.
fn ruled() -> Vec<Word> {
    let mut w = row(&[("IMMIGRATION DETAINER - NOTICE OF ACTION", 400)], 220, 30);
    w.extend(row(&[("Subject ID:", 150), ("Event #:", 520), ("File No:", 880), ("Date:", 1240)], 275, 14));
    w.extend(row(&[("146933110", 160), ("BOS1912001296", 530), ("2940885", 890), ("12/09/2019", 1250)], 305, 22));
    w.extend(row(&[("FROM: (DHS Office Address)", 880)], 360, 14));
    w.extend(row(&[("1000 District Avenue", 890)], 420, 22));
    w.extend(row(&[("Burlington, MA 01803", 890)], 450, 22));
    w.extend(row(&[("MAINTAIN CUSTODY OF ALIEN FOR A PERIOD NOT TO EXCEED 48 HOURS", 350)], 560, 22));
    w.extend(row(&[("Name of Alien:", 150)], 610, 14));
    w.extend(row(&[("UDDIN, HARPREET", 160)], 640, 22));
    w.extend(row(&[("Date of Birth:", 150), ("Citizenship:", 620), ("Sex:", 1110)], 682, 14));
    w.extend(row(&[("04/20/1968", 160), ("PAKISTAN", 630), ("Male", 1120)], 712, 22));
    w
}

#[test]
fn ruled_cells_give_the_values_under_their_labels() {
    let e = i247a(&ruled());
    assert_eq!(raw(&e, "subject_id").as_deref(), Some("146933110"));
    assert_eq!(raw(&e, "event_number").as_deref(), Some("BOS1912001296"));
    assert_eq!(raw(&e, "a_number").as_deref(), Some("2940885"));
    assert_eq!(raw(&e, "date_issued").as_deref(), Some("12/09/2019"));
    assert_eq!(raw(&e, "name").as_deref(), Some("UDDIN, HARPREET"));
    assert_eq!(raw(&e, "dob").as_deref(), Some("04/20/1968"));
    assert_eq!(raw(&e, "citizenship").as_deref(), Some("PAKISTAN"));
    assert_eq!(raw(&e, "sex").as_deref(), Some("Male"));
    assert!(e.fields["subject_id"].method.starts_with("below:"));
}

#[test]
fn labels_unread_the_name_and_its_row_are_found_under_the_custody_title() {
    // Every small label unreadable ("Name of Alien:" read as garbage): the name by its typed shape on the
    // line under the custody title, the birth date's row as the first typed row under it.
    let w: Vec<Word> =
        ruled().into_iter().map(|w| if w.bbox.h == 14 { Word { text: "Nevers".into(), ..w } } else { w }).collect();
    let e = i247a(&w);
    assert_eq!(raw(&e, "name").as_deref(), Some("UDDIN, HARPREET"));
    assert!(e.fields["name"].method.starts_with("position:"));
    assert_eq!(raw(&e, "dob").as_deref(), Some("04/20/1968"));
    assert_eq!(raw(&e, "citizenship").as_deref(), Some("PAKISTAN"));
    // A street address in capitals is no name: it is not on the lines under the title.
    let mut w: Vec<Word> = w.into_iter().filter(|w| !["UDDIN,", "HARPREET"].contains(&w.text.as_str())).collect();
    w.extend(row(&[("BOSTON, MA", 160)], 760, 22));
    assert!(raw(&i247a(&w), "name").is_none());
}

#[test]
fn a_name_whose_label_and_heading_are_unread_is_the_typed_line_above_the_birth_dates_label() {
    // The 2012 I-247 prints no custody title over the name: with "Name of Alien:" misread ("Nan of Aten"),
    // the name is the typed line just above "Date of Birth:".
    let unread = |w: Word| match w.text.as_str() {
        "MAINTAIN" | "CUSTODY" => Word { text: "Mavens".into(), ..w },
        "Name" => Word { text: "Nan".into(), ..w },
        "Alien:" => Word { text: "Aten".into(), ..w },
        _ => w,
    };
    let w: Vec<Word> = ruled().into_iter().map(unread).collect();
    let e = i247a(&w);
    assert_eq!(raw(&e, "name").as_deref(), Some("UDDIN, HARPREET"));
    assert!(e.fields["name"].method.starts_with("position:"), "{}", e.fields["name"].method);
    // Only the lines just above it: a name-shaped line further up (a street in capitals) is not one.
    let mut w: Vec<Word> = w.into_iter().filter(|w| !["UDDIN,", "HARPREET"].contains(&w.text.as_str())).collect();
    w.extend(row(&[("BOSTON, MA", 160)], 480, 22));
    assert!(raw(&i247a(&w), "name").is_none());
}

#[test]
fn a_name_typed_beside_an_unread_label_is_found_in_either_case() {
    // The printing that sets the name and the birth date on one line, its name label unreadable: the name
    // is before "Date of Birth:" on its line, typed in capitals or capitalised.
    let inline = |label: &str, name: &str| {
        let mut w = row(&[(label, 150), (name, 400), ("Date of Birth: 07/14/1985", 900)], 640, 22);
        w.extend(row(&[("Citizenship: CHINA Sex: M", 150)], 700, 22));
        raw(&i247a(&w), "name")
    };
    assert_eq!(inline("Nave clAlem", "Perez, Edwin").as_deref(), Some("Perez, Edwin"));
    assert_eq!(inline("Nave clAlem", "da Silva, Ana Paula").as_deref(), Some("da Silva, Ana Paula"));
    // The label's last word read with a comma for its colon is not the family name; nor are its words.
    assert_eq!(inline("Name al Alen,", "Pineda, Yesenia").as_deref(), Some("Pineda, Yesenia"));
    assert_eq!(inline("Name Of Alien,", "Pineda, Yesenia").as_deref(), Some("Pineda, Yesenia"));
    // Mixed cases are no name; a name's second comma stays in it.
    assert_eq!(inline("Nave clAlem", "Perez, EDWIN").as_deref(), None);
    assert_eq!(inline("Nave clAlem", "DE LA CRUZ, MARIA, ROSA").as_deref(), Some("DE LA CRUZ, MARIA, ROSA"));
    // Capitalised on the row above the birth date's, the name; on a line further up (its row unread), as
    // often an address: only capitals are taken there.
    let mut w = row(&[("Nave clAlem Pineda, Yesenia", 150)], 600, 22);
    w.extend(row(&[("Date of Birth: 07/14/1985", 150)], 640, 22));
    assert_eq!(raw(&i247a(&w), "name").as_deref(), Some("Pineda, Yesenia"));
    let mut w = row(&[("1000 District Ave, Burlington, MA 01803", 900)], 480, 22);
    w.extend(row(&[("Date of Birth: 07/14/1985", 150)], 640, 22));
    assert_eq!(raw(&i247a(&w), "name"), None);
    // The end of an unreadable label glued before the capitals of the name's first word is no part of it.
    let mut w = row(&[("HName of Ale 'aAJPOP, CARLOS JESUS", 150)], 640, 22);
    w.extend(row(&[("pn Yale of Birth:", 150), ("Nationality:", 620)], 682, 14));
    w.extend(row(&[("10/14/1985", 160), ("MEXICO", 630)], 712, 22));
    assert_eq!(raw(&i247a(&w), "name").as_deref(), Some("AJPOP, CARLOS JESUS"));
}

#[test]
fn a_cell_with_no_value_does_not_take_the_next_rows() {
    // The name cell left empty: the row under it is the next row of labels, not the name.
    let w: Vec<Word> = ruled().into_iter().filter(|w| !["UDDIN,", "HARPREET"].contains(&w.text.as_str())).collect();
    let e = i247a(&w);
    assert!(raw(&e, "name").is_none_or(|n| !n.contains("Date") && !n.contains("04/20")), "{:?}", raw(&e, "name"));
    // A cell's empty value is not its neighbour's: the date cell blank, the file number stays its own.
    let w: Vec<Word> = ruled().into_iter().filter(|w| w.text != "12/09/2019").collect();
    let e = i247a(&w);
    assert_eq!(raw(&e, "a_number").as_deref(), Some("2940885"));
    assert!(raw(&e, "date_issued").is_none_or(|d| !d.contains("2940885")));
}

#[test]
fn the_classic_printing_reads_inline_and_a_misread_label_ends_a_value() {
    let mut w = row(&[("IMMIGRATION DETAINER - NOTICE OF ACTION", 400)], 220, 30);
    w.extend(row(&[("Subject ID: 122415044", 150), ("BeNo: A-115-443-447", 700)], 280, 22));
    w.extend(row(&[("Event #: BOS1912001296", 150), ("Date: 12/09/2019", 900)], 320, 22));
    let e = i247a(&w);
    assert_eq!(raw(&e, "subject_id").as_deref(), Some("122415044"));
    assert_eq!(raw(&e, "event_number").as_deref(), Some("BOS1912001296"));
    assert!(e.fields["subject_id"].method.starts_with("label:"));
}

#[test]
fn the_country_and_sex_are_on_the_birth_dates_row_when_no_anchor_is_read() {
    // "Citizenship:" and "Sex:" misread, the name's label and the custody title unread: the date of birth,
    // found by its label, gives the row; the country is its capitals after the date, the sex its last word.
    let garbled = |w: Word| match w.text.as_str() {
        "Citizenship:" => Word { text: "Citzcsnvstinp,".into(), ..w },
        "Sex:" => Word { text: "Nx".into(), ..w },
        _ => w,
    };
    let unread = |w: &Word| w.bbox.y == 560 || w.bbox.y == 610;
    let w: Vec<Word> = ruled().into_iter().filter(|w| !unread(w)).map(garbled).collect();
    let e = i247a(&w);
    assert!(e.fields["dob"].method.starts_with("label:"), "{}", e.fields["dob"].method);
    assert_eq!(raw(&e, "citizenship").as_deref(), Some("PAKISTAN"));
    assert_eq!(e.fields["citizenship"].method, "position:dob:caps_after_date");
    assert_eq!(raw(&e, "sex").as_deref(), Some("Male"));
    assert_eq!(e.fields["sex"].method, "position:dob:last_letter");
    // A country typed in title case, when none is in capitals: after a misread label, up to the next cell.
    for (printed, label, after, country) in [
        ("Pakistan", "[ctizenstio:", "|", Some("Pakistan")),
        ("Dominican Republic", "Clivenship,", "Male", Some("Dominican Republic")),
        // A word in small letters and the sex spelt out are no country.
        ("pakistan", "Citzcsnvstinp:", "Female", None),
    ] {
        let retyped: Vec<Word> = w
            .iter()
            .flat_map(|x| match x.text.as_str() {
                "PAKISTAN" => {
                    // Side by side from the country's place, a word every 120 pixels.
                    let texts = std::iter::once(label).chain(printed.split(' ')).chain([after]);
                    let at = |k: i32| Rect::new(x.bbox.x + 120 * k, x.bbox.y, 100, x.bbox.h);
                    texts.zip(0..).map(|(t, k)| Word { text: t.into(), bbox: at(k), ..x.clone() }).collect()
                }
                _ => vec![x.clone()],
            })
            .collect();
        let e = i247a(&retyped);
        assert_eq!(raw(&e, "citizenship").as_deref(), country, "{printed} after {label}");
    }
    // Without the date of birth either, neither is placed.
    let w: Vec<Word> = w.into_iter().filter(|w| w.text != "04/20/1968").collect();
    let e = i247a(&w);
    assert!(raw(&e, "citizenship").is_none() && raw(&e, "sex").is_none());
}

#[test]
fn by_position_keeps_cells_apart_and_takes_no_street_number_for_a_date() {
    // The ruled printing with every label unreadable: the values' row, then the FROM box's street.
    let w: Vec<Word> = ruled().into_iter().filter(|w| w.bbox.h != 14).collect();
    let e = i247a(&w);
    let subject = e.fields.get("subject_id").unwrap();
    assert!(subject.method.starts_with("position:"));
    assert_eq!(subject.raw, "146933110");
    // The row holds four values, one a cell: each is its cell's, in the form's order.
    assert_eq!(raw(&e, "event_number").as_deref(), Some("BOS1912001296"));
    assert_eq!(raw(&e, "a_number").as_deref(), Some("2940885"));
    assert_eq!(raw(&e, "date_issued").as_deref(), Some("12/09/2019"));
    // Fewer values on that row (the date not typed): the date is not taken from the FROM box's street.
    let w: Vec<Word> = w.into_iter().filter(|w| w.text != "12/09/2019").collect();
    let e = i247a(&w);
    assert!(raw(&e, "date_issued").is_none_or(|d| !d.contains("1000")), "{:?}", raw(&e, "date_issued"));
}

#[test]
fn a_header_rows_one_date_is_the_issue_date_when_its_cells_do_not_count() {
    // The ruled header's labels unread and merged with the values under them into one line, the gaps
    // between cells lost: no four cells to count, the date not on the classic layout's second row.
    let mut w = row(&[("IMMIGRATION DETAINER - NOTICE OF ACTION", 400)], 220, 30);
    w.extend(row(
        &[("Subject) vent IBN Dale | 478664863? 7 | BOS?510007044 137-697-751 § 10/08/2025 |", 150)],
        290,
        22,
    ));
    w.extend(row(&[("1000 District Avenue, Burlington, MA 01803", 890)], 420, 22));
    let e = i247a(&w);
    let date = e.fields.get("date_issued").unwrap();
    assert_eq!(date.raw, "10/08/2025");
    assert!(date.method.starts_with("position:only_date:"), "{}", date.method);
    // Two dates there: neither is taken for it.
    let mut w: Vec<Word> = w.into_iter().filter(|w| w.text != "§").collect();
    w.iter_mut().filter(|w| w.text == "7").for_each(|w| w.text = "07/01/2025".into());
    let e = i247a(&w);
    assert!(raw(&e, "date_issued").is_none(), "{:?}", e.fields.get("date_issued"));
}

#[test]
fn a_rows_values_split_at_labels_and_cell_gaps() {
    let l =
        &lines(&row(&[("11; 429509859 Evert BOS2409003666 Fil: A 20 261 732", 100), ("09/17/2024", 900)], 300, 22))[0];
    let v: Vec<String> =
        cells::values(l).iter().map(|r| r.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(v, ["429509859", "BOS2409003666", "A 20 261 732", "09/17/2024"]);
    // An office code typed a space before the event number's digits is the value's; a label's last word
    // ("ID") before its value is not, nor is a word a cell's gap away.
    let l = &lines(&row(
        &[("Subject ID 2717618167 BOS 1301000937 A 292 800 581", 100), ("ELP", 850), ("01/02/2013", 950)],
        300,
        22,
    ))[0];
    let v: Vec<String> =
        cells::values(l).iter().map(|r| r.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(v, ["2717618167", "BOS 1301000937", "A 292 800 581", "01/02/2013"]);
}

#[test]
fn a_label_followed_by_a_mark_or_an_unread_neighbour_still_finds_its_cell() {
    // A rule's remnant after "Event #:"; "Citizenship:" unread, so the birth date's cell runs on.
    let w: Vec<Word> = ruled()
        .into_iter()
        .filter(|w| w.text != "Citizenship:")
        .chain([word("_", 620, 275, 14), word("j", 1600, 640, 22)])
        .collect();
    let e = i247a(&w);
    assert_eq!(raw(&e, "event_number").as_deref(), Some("BOS1912001296"));
    assert_eq!(raw(&e, "dob").as_deref(), Some("04/20/1968"));
    assert_eq!(raw(&e, "name").as_deref(), Some("UDDIN, HARPREET"));
}

#[test]
fn a_ruled_rows_labels_keep_their_cells_for_a_second_read() {
    // A rule's debris read beside "Sex:" ("a"), the value lost with the rule: the cell under the label
    // (from under it, its columns to the page's edge) is where the value is read again.
    let w: Vec<Word> = ruled().into_iter().filter(|w| w.text != "Male").chain([word("a", 1170, 682, 14)]).collect();
    let e = i247a(&w);
    let sex = &e.fields["sex"];
    assert_eq!(sex.raw, "a");
    let cell = sex.cell.expect("a ruled row's label has its cell");
    assert!(cell.y > 682 + 14 - 2 && cell.y < 712, "{cell:?}");
    let (x, y) = (1126, 722);
    assert!(
        (cell.x..cell.right()).contains(&x) && (cell.y..cell.bottom()).contains(&y),
        "{cell:?} holds the value's place"
    );
    assert!(cell.x > 620 + 12 * 12, "{cell:?} starts right of the citizenship cell's label");
    // A label with its value beside it (the classic printing) is in no cell.
    let mut w = row(&[("IMMIGRATION DETAINER - NOTICE OF ACTION", 400)], 220, 30);
    w.extend(row(&[("Date of Birth: 04/20/1968", 150), ("Citizenship: PAKISTAN", 620), ("Sex: Male", 1110)], 682, 22));
    let e = i247a(&w);
    assert_eq!(raw(&e, "sex").as_deref(), Some("Male"));
    assert_eq!(e.fields["sex"].cell, None);
}

/// The classic printing in another order (File No. right of the Subject ID, the Event # under it, as
/// another issuing style prints it), its Event # label misread: the event number's place in the form
/// model holds the A-number, which its own label claims. The event number gets the header's unclaimed
/// cells as alternates, and the one that reads as an event number is the one taken.
#[test]
fn an_event_number_found_in_another_layout_is_taken_from_the_unclaimed_header_cells() {
    let mut w = row(&[("IMMIGRATION DETAINER - NOTICE OF ACTION", 400)], 220, 30);
    w.extend(row(&[("Subject ID: 209132550", 150), ("File No: A 26 945 098", 880)], 290, 22));
    w.extend(row(&[("Kyent #; BOS2204003653", 150), ("Date: 04/07/2022", 880)], 340, 22));
    w.extend(row(&[("MAINTAIN CUSTODY OF ALIEN FOR A PERIOD NOT TO EXCEED 48 HOURS", 350)], 560, 22));
    let e = i247a(&w);
    assert_eq!(raw(&e, "a_number").as_deref(), Some("A 26 945 098"));
    let event = &e.fields["event_number"];
    assert!(event.method.starts_with("position:"), "{}", event.method);
    let reads = |r: &RawField| r.raw.starts_with("BOS");
    let taken = event.taken(reads);
    assert_eq!(taken.raw, "BOS2204003653");
    assert!(taken.method.ends_with(":header_cell"), "{}", taken.method);
    // Neither the Subject ID nor the A-number (their labels claim them) is an alternate.
    assert!(
        event.alternates.iter().all(|a| !a.raw.contains("209132550") && !a.raw.contains("945")),
        "{:?}",
        event.alternates
    );
}

#[test]
fn a_printing_without_the_probable_cause_boxes_has_none_to_read() {
    let models = Models::builtin().unwrap();
    let model = models.form_for(crate::record::PageKind::I247n).unwrap();
    let page = Measures { width: W, height: H, dpi: 200, squares: Squares::default() };
    let mut w = row(&[("REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN", 150)], 220, 30);
    w.extend(row(&[("Name of Subject:", 150), ("ADEYEMI, CHINEDU", 400)], 560, 22));
    w.extend(row(
        &[("1. DHS SUSPECTS THAT THE SUBJECT IS A REMOVABLE ALIEN AND IS AN ENFORCEMENT PRIORITY", 150)],
        620,
        22,
    ));
    let requested = row(&[("IT IS THEREFORE REQUESTED THAT YOU:", 150)], 1000, 22);
    // The I-247N's priorities alone: no boxes of probable cause, and none missing.
    let priorities_only = extract(model, &lines(&[&w[..], &requested[..]].concat()), &page);
    // (Nor a cancel box: its sentence is not read either.)
    assert_eq!(priorities_only.not_printed, ["probable_cause", "cancel"]);
    assert!(!priorities_only.missing.iter().any(Missing::is_checkboxes));
    // A printing that sets the I-247D's (B) under it: its boxes are the group's, here not found.
    let b = row(&[("(B) Probable cause that the subject is removable is based on:", 150)], 800, 22);
    let with_b = extract(model, &lines(&[&w[..], &b[..], &requested[..]].concat()), &page);
    assert!(!with_b.not_printed.contains(&"probable_cause".to_string()));
    assert!(with_b.missing.iter().any(Missing::is_checkboxes));
    // The I-247D's own heading misread ("DIS HAS", "PROBARLE") is not the I-247N's.
    let mut d = row(&[("Name of Subject:", 150), ("RODRIGUEZ RAMIREZ, LUIS", 400)], 560, 22);
    d.extend(row(&[("1, DIS HAS DETERMINED THAT THE SUBJECT IS A PRIORITY FOR REMOVAL AND THAT", 150)], 620, 22));
    d.extend(row(&[("PROBARLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN;", 150)], 650, 22));
    let i247d = extract(model, &lines(&[&d[..], &requested[..]].concat()), &page);
    assert!(!i247d.not_printed.contains(&"probable_cause".to_string()));
}

/// A white page with checkbox squares of side 27 (frame 2) at `(x, y, ticked)`, measured as the plan
/// measures a prepared page.
fn with_squares(squares: &[(i32, i32, bool)]) -> Measures {
    let mut gray = vec![255u8; (W * H) as usize];
    let mut fill = |x0: i32, y0: i32, w: i32, h: i32| {
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                gray[(y * W + x) as usize] = 0;
            }
        }
    };
    for &(x, y, ticked) in squares {
        fill(x, y, 27, 2);
        fill(x, y + 25, 27, 2);
        fill(x, y, 2, 27);
        fill(x + 25, y, 2, 27);
        if ticked {
            fill(x + 6, y + 12, 15, 4);
            fill(x + 12, y + 6, 4, 15);
        }
    }
    let page = crate::page::prepare::PreparedPage::unrotated(gray, W, H, 204);
    Measures { width: W, height: H, dpi: 204, squares: Squares::measure(&page) }
}

#[test]
fn the_legacy_forms_cancel_box_is_the_square_beside_its_sentence() {
    let models = Models::builtin().unwrap();
    let model = models.form_for(crate::record::PageKind::I247d).unwrap();
    // A bullet's ticked option box (ICE) in the margin above the cancel box, both ticked.
    let ice = row(&[("U.S. Immigration and Customs Enforcement (ICE) or CBP at (617) 555-0100", 190)], 1000, 22);
    let cancel = row(
        &[("If checked: please cancel the detainer related to this subject previously submitted to you on", 160)],
        1100,
        22,
    );
    let date = row(&[("03/05/2016 (date).", 1330)], 1100, 22);
    let page = with_squares(&[(150, 998, true), (120, 1098, true)]);
    let e = extract(model, &lines(&[&ice[..], &cancel[..], &date[..]].concat()), &page);
    let square = &e.checkboxes["cancels_previous"];
    assert_eq!((square.bbox.x, square.bbox.y, square.checked), (120, 1098, Some(true)), "{square:?}");
    assert!(raw(&e, "cancelled_request_date").is_some_and(|d| d.starts_with("03/05/2016")), "{e:?}");
    assert!(!e.not_printed.contains(&"cancel".to_string()));
    // A printing without the sentence (or its line unread): no cancel box, and none asked for; the
    // ticked option box is not taken for it.
    let e = extract(model, &lines(&ice), &page);
    assert!(!e.checkboxes.contains_key("cancels_previous"));
    assert!(e.not_printed.contains(&"cancel".to_string()));
    assert!(!e.missing.iter().any(|m| matches!(m, Missing::Checkboxes { group, .. } if group == "cancel")));
    // The sentence read with no square beside it: no box either.
    let e = extract(model, &lines(&[&ice[..], &cancel[..]].concat()), &with_squares(&[(150, 998, true)]));
    assert!(!e.checkboxes.contains_key("cancels_previous"));
}

#[test]
fn a_digit_field_read_without_a_digit_and_no_place_to_find_it_is_missing() {
    // The ruled row read as one line, labels and values run together ("Subject ID: SO Event ..."), and the
    // title over it left unread as a heading: the read is kept, but the field is asked for, so the plan
    // reads the lines left out (the title anchors the values' row).
    let mut w = row(&[("Subject ID: SO", 150), ("Event #: BOS1912001296", 520)], 275, 22);
    w.extend(row(&[("Name of Alien: UDDIN, HARPREET", 150)], 610, 22));
    let e = i247a(&w);
    assert_eq!(raw(&e, "subject_id").as_deref(), Some("SO"));
    assert!(
        e.missing.iter().any(|m| matches!(m, Missing::Field { name, .. } if name == "subject_id")),
        "{:?}",
        e.missing
    );
    assert!(!e.missing.iter().any(|m| matches!(m, Missing::Field { name, .. } if name == "event_number")));
}

#[test]
fn a_value_row_is_near_its_anchor_not_the_footer() {
    // The date-of-birth row left unread (taken for the column's heading): the next line with a digit after
    // the name's is the footer's form number, no date of birth.
    let mut w = row(&[("Name of Alien: UDDIN, HARPREET", 150)], 610, 22);
    w.extend(row(&[("DHS Form |-247A (3/17)", 150)], 2100, 22));
    let e = i247a(&w);
    assert!(raw(&e, "dob").is_none_or(|d| !d.contains("247")), "{:?}", raw(&e, "dob"));
    assert!(e.missing.iter().any(|m| matches!(m, Missing::Field { name, .. } if name == "dob")));
    // The row under the name's, read: its date is the value.
    w.extend(row(&[("04/20/1968", 160), ("PAKISTAN", 630), ("M", 1120)], 650, 22));
    assert_eq!(raw(&i247a(&w), "dob").as_deref(), Some("04/20/1968"));
}

#[test]
fn a_value_glued_to_its_label_past_a_misread_colon_is_the_value() {
    // "Sex.M", "Sex-M": the one-word label read with another mark for its colon, the value run into it.
    for (sex, want) in [
        ("Sex:M", Some("M")),
        ("Sex.M", Some("M")),
        ("Sex,F", Some("F")),
        ("Sex-M", Some("M")),
        ("Sex'F", Some("F")),
        ("Sexual", None),
    ] {
        let mut w = row(&[("Name of Alien: PATEL, MD ABDUL", 150)], 610, 22);
        w.extend(row(&[("Date of Birth: 12/16/1994", 150), ("Citizenship: INDIA", 620), (sex, 1110)], 682, 22));
        let e = i247a(&w);
        assert_eq!(raw(&e, "sex").as_deref().filter(|_| e.fields["sex"].method.starts_with("label:")), want, "{sex}");
    }
}

#[test]
fn the_sex_at_its_rows_end_is_read_through_marks_glued_to_it() {
    // Labels unreadable: the sex is the last word of the birth date's row, past a speck read after it
    // ("\F '") or with a rule's debris glued on ("iFemale9").
    let unlabelled = |sex: &[(&str, i32)]| -> Vec<Word> {
        let mut w: Vec<Word> = ruled()
            .into_iter()
            .filter(|w| w.text != "Male")
            .map(|w| if w.bbox.h == 14 { Word { text: "Nevers".into(), ..w } } else { w })
            .collect();
        w.extend(row(sex, 712, 22));
        w
    };
    for (words, sex) in
        [(&[("\\F", 1120), ("'", 1160)][..], "F"), (&[("iFemale9", 1120)][..], "Female"), (&[("M", 1120)][..], "M")]
    {
        let e = i247a(&unlabelled(words));
        assert_eq!(raw(&e, "sex").as_deref(), Some(sex), "{words:?}");
        assert!(e.fields["sex"].method.starts_with("position:"));
    }
    // A word that is no sex, or a letter straight after the date (no country between), is none.
    for words in [&[("Nevers", 1120)][..], &[("7", 1120)][..]] {
        assert!(raw(&i247a(&unlabelled(words)), "sex").is_none(), "{words:?}");
    }
}

#[test]
fn a_speck_after_the_sex_on_the_birth_dates_row_is_passed_over() {
    // "Sex:" misread ("Siew"): the sex is the row's last letter, but a speck at the row's end read as a
    // letter ("a") comes after it; a country is never passed over.
    let printed = |tail: &[(&str, i32)]| {
        let mut w = row(&[("Date of Birth:", 102), ("Citizenship:", 622), ("Siew", 1142)], 635, 20);
        let mut values = vec![("12/16/1969", 113), ("HAITI", 632)];
        values.extend_from_slice(tail);
        w.extend(row(&values, 682, 28));
        w
    };
    let e = i247a(&printed(&[("M", 1151), ("a", 1561)]));
    assert_eq!(raw(&e, "sex").as_deref(), Some("M"));
    assert_eq!(e.fields["sex"].method, "position:dob:last_letter");
    let e = i247a(&printed(&[("F", 1151), ("ve", 1400), ("a", 1561)]));
    assert_eq!(raw(&e, "sex").as_deref(), Some("F"));
    // Nothing between the country and the speck: the speck stays the reading (it reads as no sex).
    let e = i247a(&printed(&[("a", 1561)]));
    assert_eq!(raw(&e, "sex").as_deref(), Some("a"));
}

#[test]
fn a_label_whose_value_reads_as_no_text_gives_its_place_to_read_again() {
    // The ruled printing with a rule's debris after "Sex:" and its value under it lost (read as a speck's
    // "·", left of the cell): no sex is made up, but the field keeps the cell under its label.
    let w: Vec<Word> = ruled()
        .into_iter()
        .filter(|w| w.text != "Male")
        .chain(row(&[("_", 1180)], 684, 4))
        .chain(row(&[("·", 1000)], 712, 22))
        .collect();
    let e = i247a(&w);
    let sex = &e.fields["sex"];
    assert_eq!((sex.raw.as_str(), sex.method.as_str()), ("", "below:Sex:"));
    let cell = sex.cell.expect("the cell under the label");
    assert_eq!(sex.bbox, cell);
    assert!(cell.x <= 1110 && cell.y > 682 && cell.bottom() > 712 + 11, "{cell:?}");
    // Beside the label, a letter read as a symbol ("Sex: ¥" for an F): its own box.
    let mut w: Vec<Word> = ruled().into_iter().filter(|w| w.bbox.y < 682).collect();
    w.extend(row(&[("Date of Birth: 04/20/1968", 150), ("Citizenship: PAKISTAN", 620), ("Sex: ¥", 1110)], 682, 22));
    let e = i247a(&w);
    let sex = &e.fields["sex"];
    assert_eq!((sex.raw.as_str(), sex.method.as_str(), sex.cell), ("¥", "label:Sex:", None));
    assert_eq!(sex.bbox.x, 1110 + 12 * 5);
    // What a label's value is when it reads: unchanged.
    assert_eq!(raw(&e, "citizenship").as_deref(), Some("PAKISTAN"));
}
