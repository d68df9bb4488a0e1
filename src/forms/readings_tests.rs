//! The misreads measured on unseen faxes (issue 14), each read back to its value or refused.

use super::*;
use crate::forms::models::Models;

fn v<T>(r: Result<Read<T>, Invalid>) -> Result<T, Invalid> {
    r.map(|r| r.value)
}

fn any(_: &str) -> bool {
    true
}

fn subject_id(s: &str) -> bool {
    (6..=12).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
}

const BIRTH: DateRange = DateRange { min: (1900, 1, 1), max: (2025, 6, 1), month_of: None };
const ISSUE: DateRange = DateRange { min: (2000, 1, 1), max: (2026, 12, 4), month_of: None };

#[test]
fn ids_lose_the_marks_around_them() {
    assert_eq!(v(digits("752026741”", &any)), Ok("752026741".into()));
    assert_eq!(v(digits("“39434153,", &any)), Ok("39434153".into()));
    assert_eq!(v(digits("7520 2674I", &any)), Ok("752026741".into()));
    assert_eq!(digits("75202#741", &any).unwrap_err(), Invalid::NotDigits);
    assert_eq!(digits("’”", &any).unwrap_err(), Invalid::Empty);
    assert_eq!(digits("7520 2674I", &any).unwrap().note.as_deref(), Some("read I→1"));
}

#[test]
fn an_id_keeps_its_one_word_from_a_glued_neighbour() {
    assert_eq!(v(digits("2002185542 LES2508002932", &subject_id)), Ok("2002185542".into()));
    assert_eq!(v(digits("146933110 BOS1912001296", &subject_id)), Ok("146933110".into()));
    assert_eq!(v(digits("57381199 7 B0S1901602053", &subject_id)), Ok("57381199".into()));
    let r = digits("146933110 BOS1912001296", &subject_id).unwrap();
    assert!(r.note.unwrap().contains("kept \"146933110\""));
    // Two words that are both IDs: which one is the value is not for us to say.
    assert_eq!(digits("146933110 2940885", &subject_id).unwrap_err(), Invalid::Ambiguous);
    // A number split in two keeps none of its halves.
    assert!(digits("602 94427 ek", &subject_id).is_err());
}

#[test]
fn a_numbers_in_every_print_style() {
    for raw in ["A125181237", "A-125-181-237", "A 125 181 237", "A125 181 237", "125 181 237", "125-181-237"] {
        assert_eq!(v(a_number(raw)), Ok("A125181237".into()), "{raw}");
    }
    assert_eq!(v(a_number("A 138 361 330")), Ok("A138361330".into()));
    assert_eq!(v(a_number("A-32-683-492")), Ok("A032683492".into()));
    assert_eq!(v(a_number("A81420426")), Ok("A081420426".into()));
    assert_eq!(v(a_number("6-088-080")), Ok("A006088080".into()));
    assert_eq!(v(a_number("A2O12400")), Ok("A002012400".into()));
    assert_eq!(a_number("A2O12400").unwrap().note.as_deref(), Some("read O→0"));
}

#[test]
fn an_a_read_as_a_digit_is_the_a_when_nothing_else_reads() {
    // Ten digits: the first can only be the A.
    for raw in ["4127254952", "8127254952", "2127254952"] {
        let r = a_number(raw).unwrap();
        assert_eq!(r.value, "A127254952", "{raw}");
        assert!(r.note.unwrap().contains("as A"));
    }
    assert_eq!(v(a_number("4 138 361 330")), Ok("A138361330".into()));
    assert_eq!(v(a_number("4-125-181-237")), Ok("A125181237".into()));
    // Nine digits after a 4: a nine-digit number, or an A and eight digits. The samples' A051082662 was
    // read 451082662 and stored as A451082662: neither is chosen.
    assert_eq!(a_number("451082662").unwrap_err(), Invalid::Ambiguous);
    // Grouped, an A stands alone: a 4, 8 or 2 glued to the first group is a digit.
    assert_eq!(v(a_number("836-439~766")), Ok("A836439766".into()));
    assert_eq!(v(a_number("413 193 128")), Ok("A413193128".into()));
    // 8 and 2 are taken for the A only when nothing else reads: a bare 2xxxxxxxx is a nine-digit number.
    assert_eq!(v(a_number("223674944")), Ok("A223674944".into()));
    assert_eq!(v(a_number("21990028")), Ok("A021990028".into()));
    assert_eq!(v(a_number("47442613")), Ok("A047442613".into()));
    assert_eq!(v(a_number("A@18-243-176")), Ok("A018243176".into()));
    // A nine-digit number not starting with a look-alike of A is what it says.
    assert_eq!(v(a_number("731379744")), Ok("A731379744".into()));
}

#[test]
fn other_numbers_are_not_a_numbers() {
    assert_eq!(a_number("448-6903.").unwrap_err(), Invalid::ANumberGrouping);
    assert!(a_number("04/10/1977").is_err());
    assert!(a_number("(455) 444-6903,").is_err());
    assert_eq!(a_number("A 12 34").unwrap_err(), Invalid::ANumberLength);
    assert!(a_number("A &6 804 118").is_err());
}

#[test]
fn an_a_number_keeps_its_groups_from_a_glued_neighbour() {
    assert_eq!(v(a_number("133527449 baw: 07/21/2017 an")), Ok("A133527449".into()));
    assert_eq!(v(a_number("A 833 948 590 04/09/2025.")), Ok("A833948590".into()));
    assert_eq!(v(a_number("A405178398 aSe")), Ok("A405178398".into()));
}

#[test]
fn event_numbers_by_position() {
    let codes: Vec<String> = ["BOS", "NYC", "DAL", "LOS"].map(String::from).to_vec();
    let shape = |s: &str| regex::Regex::new(r"^[A-Z]{3}\d{7,12}$").unwrap().is_match(s);
    let ev = |s: &str| event_number(s, &codes, &shape);
    assert_eq!(v(ev("BOS2503000123")), Ok("BOS2503000123".into()));
    assert_eq!(v(ev("B0S25O3000123")), Ok("BOS2503000123".into()));
    assert_eq!(v(ev("8OS201L007912")), Ok("BOS2011007912".into()));
    assert_eq!(v(ev("B0$2201003173")), Ok("BOS2201003173".into()));
    // A code one look-alike from exactly one known code.
    assert_eq!(v(ev("BQS2503000123")), Ok("BOS2503000123".into()));
    // A letter of the code read twice (`0O` for a wide `O`), and only there: a digit read twice is no
    // letter's repeat, and a known code is kept as read.
    let r = ev("B0OS1806001007").unwrap();
    let note = "read B0OS as B0S (a letter read twice); read 0→O";
    assert_eq!((r.value.as_str(), r.note.as_deref()), ("BOS1806001007", Some(note)));
    assert_eq!(v(ev("BO0S1806001007")), Ok("BOS1806001007".into()));
    assert_eq!(v(ev("BBOS1806001007")), Ok("BOS1806001007".into()));
    // The code's last letter read twice, the second a digit's look-alike (`S5`): its year was 52.
    assert_eq!(v(ev("B0S52311001199")), Ok("BOS2311001199".into()));
    assert!(ev("BOS11806001007").is_err());
    assert!(ev("ÉÉOS1806001007").is_err());
    // Unknown codes stay as printed: the docs leave the shape unconfirmed.
    assert_eq!(v(ev("LES2508002932")), Ok("LES2508002932".into()));
    // Glued neighbours.
    assert_eq!(v(ev("BOS2409003666 kil: No: A 20 261/32)")), Ok("BOS2409003666".into()));
    assert_eq!(v(ev("4\" BOS2011002912")), Ok("BOS2011002912".into()));
    // Letters after the value are no digits of it ("ss" is not "55"); a code typed apart still joins.
    assert_eq!(v(ev("DAL1408001506 ss")), Ok("DAL1408001506".into()));
    assert_eq!(v(ev("BOS 1301000937")), Ok("BOS1301000937".into()));
    assert!(ev("A-708-951-417 08/20/2020").is_err());
    // No 13th month, no year to come.
    assert!(ev("BOS2513000123").is_err());
    assert!(ev("BOS9901000123").is_err());
}

#[test]
fn a_seven_without_its_top_bar_is_read_in_an_identifier() {
    let id = |s: &str| v(digits(s, &|d: &str| (6..=12).contains(&d.len())));
    assert_eq!(id("5497/9401"), Ok("54979401".into()));
    let r = a_number("A4504/0395").unwrap();
    assert_eq!(r.value, "A450470395");
    // Without its A, the 7 read, it is as doubtful as any nine digits led by a 4.
    assert_eq!(a_number("4504/0395").unwrap_err(), Invalid::Ambiguous);
    assert_eq!(r.note.as_deref(), Some("read / as 7"));
    let codes: Vec<String> = ["BOS", "LES"].map(String::from).to_vec();
    let shape = |s: &str| regex::Regex::new(r"^[A-Z]{3}\d{7,12}$").unwrap().is_match(s);
    let r = event_number("LES22110029/1", &codes, &shape).unwrap();
    assert_eq!(r.value, "LES2211002971");
    assert_eq!(r.note.as_deref(), Some("read / as 7"));
    assert_eq!(v(event_number("B0S1310003/89", &codes, &shape)), Ok("BOS1310003789".into()));
    let r = digits("3O58 7/838", &|d: &str| d.len() == 8).unwrap();
    assert_eq!(r.value, "30587838");
    assert_eq!(r.note.as_deref(), Some("read 7/ as 7; read O→0"));
    // Two slashes are a date glued on; a slash at a word's edge is no digit.
    assert!(id("08/20/2020").is_err());
    assert_eq!(id("549779401/"), Err(Invalid::NotDigits));
    assert_eq!(id("/549779401"), Err(Invalid::NotDigits));
}

#[test]
fn an_event_number_is_read_again_knowing_its_office_and_month() {
    let ev = |s: &str, start: &str| event_number_of_month(s, start).map(|r| r.value);
    // A month misread beyond a look-alike, a mark inside, the code's letters read as digits.
    assert_eq!(ev("BOS?2904003675", "BOS2504").as_deref(), Some("BOS2504003675"));
    assert_eq!(ev("PHIT8O 1001268", "PHI1801").as_deref(), Some("PHI1801001268"));
    assert_eq!(ev("3052207001338", "BOS2207").as_deref(), Some("BOS2207001338"));
    assert_eq!(ev("BOSIGITO03171", "BOS1611").as_deref(), Some("BOS1611003171"));
    let r = event_number_of_month("BOS2198001373", "BOS2108").unwrap();
    assert_eq!(
        r.note.as_deref(),
        Some("read BOS2198 as BOS2108, the issuing office's code and the issue date's year and month")
    );
    // Read as printed: no note.
    assert_eq!(event_number_of_month("DAL 1408001506 mre", "DAL1408").unwrap().note, None);
    // Two characters off, a sequence that is no digits, or too short: not read.
    assert_eq!(ev("I LFE1510000222", "LES1510"), None);
    assert_eq!(ev("BOS23K6021936", "BOS2305"), None);
    assert_eq!(ev("BOS2504X0367Y", "BOS2504"), None);
    // A digit lost: one edit.
    assert_eq!(ev("BOS 108002214", "BOS1408").as_deref(), Some("BOS1408002214"));
    assert_eq!(ev("137-697-751", "BOS2510"), None);
}

#[test]
fn a_misread_leading_digit_of_a_month_is_fixed_when_one_month_fits() {
    let r = date("98/05/1993", BIRTH).unwrap();
    assert_eq!(r.value, "1993-08-05");
    assert!(r.note.unwrap().contains("08/05/1993"));
    assert_eq!(v(date("67/10/1999", BIRTH)), Ok("1999-07-10".into()));
    // 01/23 or 11/23: refused.
    assert_eq!(date("41/23/1993", BIRTH).unwrap_err(), Invalid::Ambiguous);
    // A day's leading digit has several candidates: refused.
    assert_eq!(date("05/98/1993", BIRTH).unwrap_err(), Invalid::Ambiguous);
    // A day the month does not have is not repaired.
    assert_eq!(date("04/31/1993", BIRTH).unwrap_err(), Invalid::ImpossibleDate);
}

#[test]
fn dates_read_as_printed_and_in_range() {
    assert_eq!(v(date("01/23/1963", BIRTH)), Ok("1963-01-23".into()));
    assert_eq!(date("01/23/1963", BIRTH).unwrap().note, None);
    assert_eq!(v(date("O8/2O/2020", ISSUE)), Ok("2020-08-20".into()));
    // A 0 whose right side the scan lost reads as a C.
    assert_eq!(v(date("05/23/198C", BIRTH)), Ok("1980-05-23".into()));
    assert_eq!(v(date("2020-08-20", ISSUE)), Ok("2020-08-20".into()));
    assert_eq!(v(date("6/29/82", BIRTH)), Ok("1982-06-29".into()));
    assert_eq!(v(date("6/29/19", ISSUE)), Ok("2019-06-29".into()));
    // A birth in 2093 is no birth date.
    assert_eq!(date("02/22/2093", BIRTH).unwrap_err(), Invalid::DateOutOfRange);
    assert_eq!(date("02/22/1999", ISSUE).unwrap_err(), Invalid::DateOutOfRange);
    assert_eq!(date("02/30/1999", BIRTH).unwrap_err(), Invalid::ImpossibleDate);
    assert_eq!(date("13/45/1980", BIRTH).unwrap_err(), Invalid::Ambiguous);
    assert_eq!(date("13/0/1980", BIRTH).unwrap_err(), Invalid::ImpossibleDate);
    assert_eq!(date("26A1994", BIRTH).unwrap_err(), Invalid::DateUnreadable);
    // Letters read as digits are not a date ("SALVADOR": 5 1 00).
    assert_eq!(date("SALVADOR", BIRTH).unwrap_err(), Invalid::DateUnreadable);
    assert_eq!(v(date("03/18/1947 Nationality; EL SALVADOR", BIRTH)), Ok("1947-03-18".into()));
}

#[test]
fn a_date_keeps_its_words_from_a_glued_neighbour() {
    assert_eq!(v(date("08/29/1986 Nationality: ROMANIA", BIRTH)), Ok("1986-08-29".into()));
    assert_eq!(v(date("01/23/1963 —”—S=™--—s™-", BIRTH)), Ok("1963-01-23".into()));
    assert_eq!(v(date("A 833 948 590 04/09/2025.", ISSUE)), Ok("2025-04-09".into()));
    // 11/10 with a space in it, or 1/10 with a speck before: refused.
    assert_eq!(date("1 1/10/2024 1", ISSUE).unwrap_err(), Invalid::Ambiguous);
}

#[test]
fn sex_from_the_first_letter_or_the_word() {
    for (raw, want) in [("M", "M"), ("F", "F"), ("X", "X"), ("Male", "M"), ("FEMALE", "F"), ("Fo", "F")] {
        assert_eq!(v(sex(raw)), Ok(want.to_string()), "{raw}");
    }
    for (raw, want) in [("M. oo,", "M"), ("Male ae not", "M"), ("F woe 4A", "F"), ("M Te", "M"), ("M|", "M")] {
        assert_eq!(v(sex(raw)), Ok(want.to_string()), "{raw}");
    }
    assert_eq!(v(sex("Femaie")), Ok("F".into()));
    assert_eq!(sex("Fo").unwrap().note.as_deref(), Some("read Fo as F"));
    assert_eq!(sex("M").unwrap().note, None);
    for raw in ["vw", "jy", "|e", "3", ""] {
        assert_eq!(sex(raw).unwrap_err(), Invalid::SexUnreadable, "{raw}");
    }
    assert_eq!(sex("XM").unwrap_err(), Invalid::Ambiguous);
    // A cell's left rule read as a letter before the value.
    for (raw, want) in [("IF", "F"), ("im", "M"), ("lX", "X")] {
        let r = sex(raw).unwrap();
        assert_eq!((r.value.as_str(), r.note.is_some()), (want, true), "{raw}");
    }
    assert_eq!(sex("IFM").unwrap_err(), Invalid::SexUnreadable);
    // An F read as its look-alikes (seen on blind corpora at standard resolution), noted.
    for raw in ["E", "£", "£ 1,", "E."] {
        let r = sex(raw).unwrap();
        assert_eq!((r.value.as_str(), r.note.is_some()), ("F", true), "{raw}");
    }
    assert_eq!(sex("e").unwrap_err(), Invalid::SexUnreadable);
    // One letter read twice is that letter; two letters stay two.
    for raw in ["MM. pon", "[Mm", "[mM"] {
        let r = sex(raw).unwrap();
        assert_eq!((r.value.as_str(), r.note.is_some()), ("M", true), "{raw}");
    }
    assert_eq!(sex("MFM").unwrap_err(), Invalid::Ambiguous);
}

#[test]
fn countries_a_few_letters_off() {
    let m = Models::builtin().unwrap();
    let c = |s: &str| country(s, &m.countries);
    assert_eq!(v(c("MEXICO")), Ok("MEXICO".into()));
    assert_eq!(v(c("MRXTCO")), Ok("MEXICO".into()));
    assert_eq!(v(c("HAITOO")), Ok("HAITI".into()));
    assert_eq!(v(c("BOUADO")), Ok("ECUADOR".into()));
    assert_eq!(v(c("VENEZULLA")), Ok("VENEZUELA".into()));
    assert_eq!(v(c("EL SALVADOR Sex: M")), Ok("EL SALVADOR".into()));
    assert!(c("HAITOO").unwrap().note.unwrap().contains("HAITI"));
    // A fragment of a longer name is not taken for the country it is near.
    assert!(c("DOMINI PYUBLIC").is_err());
    // Iran or Iraq.
    assert_eq!(c("IRAX").unwrap_err(), Invalid::Ambiguous);
    for raw in ["Sea:", "Saks", "Bex:", "~SSSOSst—S"] {
        assert!(c(raw).is_err(), "{raw}");
    }
}

#[test]
fn glued_letters_after_the_given_names_are_dropped() {
    let n = |s: &str| crate::forms::normalize::name_read(s).map(|r| r.value.0);
    assert_eq!(n("SMITH, DWAYNE A"), Ok("SMITH, DWAYNE".into()));
    assert_eq!(n("GARCIA, ROSA MARIA F RE"), Ok("GARCIA, ROSA MARIA".into()));
    assert_eq!(n("LOPEZ, EDWIN. ed ue cal |e"), Ok("LOPEZ, EDWIN".into()));
    assert_eq!(n("NI CHONAILL, SEAN copy 4 ee"), Ok("NI CHONAILL, SEAN".into()));
    assert_eq!(n("De Oliveira Oliveira, Joao Pedro oO 7 a"), Ok("DE OLIVEIRA OLIVEIRA, JOAO PEDRO".into()));
    assert_eq!(n("Gordon, Kemar me, Po"), Ok("GORDON, KEMAR".into()));
    // A receiving stamp's word run into the name's line, its date after it or not.
    assert_eq!(n("BAUTISTA, MARVIN RECEIVED"), Ok("BAUTISTA, MARVIN".into()));
    assert_eq!(n("BAUTISTA, MARVIN JOSE FAXED 03 12"), Ok("BAUTISTA, MARVIN JOSE".into()));
    // What is part of a name stays: an initial with its period, particles, a lone given name.
    assert_eq!(n("SMITH, JOHN A."), Ok("SMITH, JOHN A".into()));
    assert_eq!(n("Dos Santos, Maria de Fátima"), Ok("DOS SANTOS, MARIA DE FÁTIMA".into()));
    assert_eq!(n("LEE, A"), Ok("LEE, A".into()));
    // Punctuation standing alone, a speck by the comma, is not a word: single spaces stay single.
    assert_eq!(n("DE OLIVEIRA SANTOS,. EDSON RODRIGO mo"), Ok("DE OLIVEIRA SANTOS, EDSON RODRIGO".into()));
    assert_eq!(n("SMITH , . JOHN"), Ok("SMITH, JOHN".into()));
    // The case of the given names decides, not a misread family name.
    assert_eq!(n("vU, HUNG ANH"), Ok("VU, HUNG ANH".into()));
    assert_eq!(n("DEL VALLE, CARLOS ANGEL c"), Ok("DEL VALLE, CARLOS ANGEL".into()));
    assert!(crate::forms::normalize::name_read("SMITH, DWAYNE A").unwrap().note.unwrap().contains("\"A\""));
}

/// Misreads that make a name wrong or unreadable, repaired and noted: a tick before it, the comma read as a
/// period, a cell's rule read as a letter before the family name. What looks like them in a name stays.
#[test]
fn a_tick_a_period_for_the_comma_and_a_rule_letter_are_repaired() {
    let n = |s: &str| crate::forms::normalize::name_read(s).map(|r| (r.value.0, r.note));
    assert_eq!(n("'JEUNE, GUERLINE MARIE CLAUDE").unwrap().0, "JEUNE, GUERLINE MARIE CLAUDE");
    let (v, note) = n("BARRETT. RICARDO").unwrap();
    assert_eq!((v.as_str(), note.as_deref()), ("BARRETT, RICARDO", Some("read . as ,")));
    let (v, note) = n("I VASQUEZ, ELMER").unwrap();
    assert_eq!((v.as_str(), note.as_deref()), ("VASQUEZ, ELMER", Some("dropped I before the name")));
    // An apostrophe inside a name, an initial's period after the comma, a one-letter given name: kept.
    assert_eq!(n("O'BRIEN, SEAN").unwrap(), ("O'BRIEN, SEAN".into(), None));
    assert_eq!(n("SMITH, JOHN A.").unwrap().0, "SMITH, JOHN A");
    assert_eq!(n("LEE, A").unwrap().0, "LEE, A");
    // A period after a word of four letters or more inside the name is a speck; an abbreviation's stays.
    let (v, note) = n("VILLATORO, YEFERSON. JOSE").unwrap();
    assert_eq!((v.as_str(), note.as_deref()), ("VILLATORO, YEFERSON JOSE", Some("dropped a period after a word")));
    assert_eq!(n("ST. FLEUR, NADEGE").unwrap(), ("ST. FLEUR, NADEGE".into(), None));
    assert_eq!(n("PEREZ, JOSE MA. LUISA").unwrap(), ("PEREZ, JOSE MA. LUISA".into(), None));
    // A digit in a word of letters is the letter it looks like; a word of digits is debris.
    let (v, note) = n("TZ0C, MARIA GUADALUPE").unwrap();
    assert_eq!(
        (v.as_str(), note.as_deref()),
        ("TZOC, MARIA GUADALUPE", Some("read digits in a word as the letters they look like"))
    );
    assert_eq!(n("RODRIGUEZ RAMTRE7, IUTS").unwrap().0, "RODRIGUEZ RAMTREZ, IUTS");
    assert_eq!(n("ESCOBAR, JOSE 1UIS 1").unwrap().0, "ESCOBAR, JOSE IUIS");
    assert_eq!(n("TZO0C, JOSE LUIS").unwrap().0, "TZOC, JOSE LUIS");
    assert_eq!(n("GARCIA, LUIS.68").unwrap().0, "GARCIA, LUIS");
    assert_eq!(
        n("REID, MARCIA TAMIKA 5").unwrap(),
        ("REID, MARCIA TAMIKA".into(), Some("dropped \"5\" after the given names".into()))
    );
    // Nor does a word begin with a period, in the family name or the given names.
    let (v, note) = n("FERREIRA, ANDERSON .LUCAS").unwrap();
    assert_eq!((v.as_str(), note.as_deref()), ("FERREIRA, ANDERSON LUCAS", Some("dropped a period before a word")));
    assert_eq!(n("MORALES .GARCIA, JOSE").unwrap().0, "MORALES GARCIA, JOSE");
    // Two periods, or one at the end, are no comma.
    assert!(n("ST. JEAN. PIERRE").is_err());
    assert!(n("BARRETT RICARDO.").is_err());
}

#[test]
fn today_is_a_calendar_date() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(20_454), (2026, 1, 1));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    let (y, m, d) = today();
    assert!(y >= 2024 && (1..=12).contains(&m) && (1..=31).contains(&d));
}

#[test]
fn an_issue_date_out_of_range_takes_its_event_numbers_year_when_one_digit_is_off() {
    let until = |max| DateRange { min: (2000, 1, 1), max, month_of: Some((2023, 5)) };
    // Received in November 2023: 2028 is to come; the event number says May 2023, one digit off.
    let r = date("05/03/2028", until((2023, 11, 14))).unwrap();
    assert_eq!(r.value, "2023-05-03");
    assert!(r.note.unwrap().contains("2028"));
    // In range as read, the date stands even when the event number's month is another.
    assert_eq!(v(date("05/03/2021", until((2023, 11, 14)))), Ok("2021-05-03".into()));
    // Another month, or a year two digits off: nothing corroborates a repair.
    assert_eq!(date("06/03/2028", until((2023, 11, 14))).unwrap_err(), Invalid::DateOutOfRange);
    assert_eq!(date("05/03/2088", until((2023, 11, 14))).unwrap_err(), Invalid::DateOutOfRange);
    // The event number's year after the fax was received: no repair into the future.
    assert_eq!(date("05/03/2028", until((2023, 4, 30))).unwrap_err(), Invalid::DateOutOfRange);
}

#[test]
fn a_date_one_digit_off_is_the_one_date_the_facts_place() {
    let in_month = |ym: (i32, u32)| move |(y, m, _): (i32, u32, u32)| (y, m) == ym;
    // A year's digit misread: the one date of the event number's month a digit away.
    let r = date_one_digit_off("09/08/2018", in_month((2016, 9))).unwrap();
    assert_eq!(r.value, "2016-09-08");
    assert!(r.note.unwrap().contains("one digit off"));
    // A month misread past the months (read 14): the month's digit.
    assert_eq!(date_one_digit_off("14/30/2023", in_month((2023, 11))).unwrap().value, "2023-11-30");
    // Look-alike letters read as digits first.
    assert_eq!(date_one_digit_off("OB/06/2074", in_month((2014, 8))).unwrap().value, "2014-08-06");
    // Several dates a digit away fit: none is taken.
    let before_24th = |(y, m, d): (i32, u32, u32)| (y, m) == (2021, 3) && d <= 24;
    assert!(date_one_digit_off("03/27/2021", before_24th).is_none());
    // The date fits as read: nothing to change. Not a whole MM/DD/YYYY: nothing read.
    assert!(date_one_digit_off("09/08/2016", in_month((2016, 9))).is_none());
    assert!(date_one_digit_off("9/08/2018", in_month((2016, 9))).is_none());
    assert!(date_one_digit_off("09/08/2018", in_month((2012, 3))).is_none());
}
