//! What each document holds and how each file was sent: decided up front from the seed, before any pixel is
//! drawn, so copies of one request render identically and the truth is known without reading the images.

use crate::calendar::{Date, Stamp};
use crate::fonts::Fonts;
use crate::layout::Style;
use crate::model::{
    a_print, lines, AStyle, Body, Doc, Encoding, Form, Line, Other, OtherKind, PageKind, Pc, Request, Transmission,
    Tti, Warrant, WarrantKind,
};
use crate::names;
use crate::people;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng as Rng8;

fn digits(rng: &mut Rng8, n: usize) -> String {
    let mut s = String::new();
    s.push((b'1' + rng.gen_range(0..9u8)) as char);
    for _ in 1..n {
        s.push((b'0' + rng.gen_range(0..10u8)) as char);
    }
    s
}

fn rand_date(rng: &mut Rng8, from: Date, to: Date) -> Date {
    Date::from_days(rng.gen_range(from.days()..=to.days()))
}

fn pick_form(rng: &mut Rng8) -> Form {
    match rng.gen_range(0..100) {
        0..=71 => Form::I247A,
        72..=79 => Form::I247D,
        80..=85 => Form::I247N,
        86..=90 => Form::I247X,
        _ => Form::I247,
    }
}

fn pick_warrant(rng: &mut Rng8, form: Form, pc: &[Pc]) -> WarrantKind {
    if form == Form::I247N {
        // A notification request carries no hold; a warrant is rarely attached.
        return if rng.gen_bool(0.2) { WarrantKind::I200 } else { WarrantKind::None };
    }
    let r = rng.gen_range(0..100);
    match r {
        0..=29 => WarrantKind::None,
        30..=66 => WarrantKind::I200,
        67..=83 => {
            WarrantKind::I205 { judge_box: rng.gen_bool(0.3) || !pc.contains(&Pc::FinalOrder) && rng.gen_bool(0.2) }
        }
        84..=91 => WarrantKind::Ao442,
        _ => WarrantKind::State,
    }
}

fn issue_window(form: Form) -> (Date, Date) {
    match form {
        Form::I247A => (Date::new(2017, 4, 3), Date::new(2025, 12, 15)),
        Form::I247 => (Date::new(2012, 12, 20), Date::new(2015, 11, 30)),
        _ => (Date::new(2015, 12, 1), Date::new(2017, 4, 1)),
    }
}

pub fn make_request(rng: &mut Rng8, form: Form, warrant: Option<WarrantKind>) -> Request {
    let name = names::person_name(rng);
    let (from, to) = issue_window(form);
    let issued = rand_date(rng, from, to);
    let age = rng.gen_range(18 * 365..68 * 365);
    let dob = issued.add(-age);
    let office = people::pick_office(rng);
    let id_len = rng.gen_range(8..=10);
    let subject_id = digits(rng, id_len);
    let event = format!("{}{}{:06}", office.event, issued.yymm(), rng.gen_range(1..4000));
    let event_print = if rng.gen_bool(0.08) {
        format!("{} {}", &event[..office.event.len()], &event[office.event.len()..])
    } else {
        event.clone()
    };
    let nd = *[9usize, 9, 9, 9, 8, 8, 7].choose(rng).unwrap();
    let a_num = rng.gen_range(10u64.pow(nd as u32 - 1)..10u64.pow(nd as u32));
    let style = *[AStyle::Plain, AStyle::Plain, AStyle::Spaced, AStyle::Dashed, AStyle::Bare, AStyle::BareDashed]
        .choose(rng)
        .unwrap();
    let mut pc = Vec::new();
    let mut box2 = false;
    match form {
        Form::I247N => {}
        Form::I247 => {
            if rng.gen_bool(0.5) {
                pc.push(Pc::Proceedings);
            }
            if pc.is_empty() || rng.gen_bool(0.3) {
                pc.push(Pc::FinalOrder);
            }
        }
        _ => {
            if form == Form::I247A && rng.gen_bool(0.05) {
                box2 = true;
            } else {
                for (p, w) in
                    [(Pc::FinalOrder, 0.25), (Pc::Proceedings, 0.2), (Pc::Biometric, 0.55), (Pc::Statements, 0.3)]
                {
                    if rng.gen_bool(w) {
                        pc.push(p);
                    }
                }
                if pc.is_empty() {
                    pc.push(Pc::Biometric);
                }
            }
        }
    }
    pc.sort_by_key(|p| *p as u8);
    let wk = warrant.unwrap_or_else(|| pick_warrant(rng, form, &pc));
    let wdate = match wk {
        WarrantKind::Ao442 | WarrantKind::State => issued.add(-rng.gen_range(2..400)),
        WarrantKind::I205 { .. } => issued.add(-rng.gen_range(0..900)),
        _ => issued.add(-rng.gen_range(0..3)),
    };
    let court = rng.gen_range(0..6);
    let warrant = Warrant {
        kind: wk,
        date: wdate,
        case_no: match wk {
            WarrantKind::Ao442 => format!(
                "{}:{:02}-cr-{}-{}",
                rng.gen_range(1..4),
                wdate.y % 100,
                rng.gen_range(10001..10999),
                ["DJC", "NMG", "ADB", "RGS", "LTS"].choose(rng).unwrap()
            ),
            _ => format!("{:02}{:02}CR{:06}", wdate.y % 100, rng.gen_range(1..99), rng.gen_range(100..9999)),
        },
        judge: people::judge(rng),
        signer: people::officer(rng),
        court,
        offense: rng.gen_range(0..5),
        entry_place: [
            "Unknown place",
            "El Paso, TX",
            "Nogales, AZ",
            "JFK Airport, NY",
            "Boston Logan, MA",
            "Miami, FL",
            "Hidalgo, TX",
        ]
        .choose(rng)
        .unwrap()
        .to_string(),
        entry_date: dob.add(rng.gen_range(16 * 365..(issued.days() - dob.days()).max(16 * 365 + 1))),
    };
    let cancel = if (form == Form::I247A || form == Form::I247D) && rng.gen_bool(0.05) {
        Some(issued.add(-rng.gen_range(1..120)))
    } else {
        None
    };
    let mut r = Request {
        form,
        sex: if name.male { 'M' } else { 'F' },
        from: people::from_lines(office, rng),
        to: people::to_lines(rng),
        name,
        dob,
        subject_id,
        event,
        event_print,
        a_print: a_print(a_num, nd, style),
        a_num,
        issued,
        office,
        pc,
        box2,
        priority: rng.gen_range(0..5),
        cancel,
        officer: people::officer(rng),
        cbp: rng.gen_bool(0.04),
        warrant,
        booking: if rng.gen_bool(0.2) {
            Some(format!("{}-{}", issued.y % 100, rng.gen_range(10000..99999)))
        } else {
            None
        },
        name_upper: rng.gen_bool(0.85),
        country_upper: rng.gen_bool(0.75),
        sex_word: rng.gen_bool(0.3),
        dob_loose: rng.gen_bool(0.1),
        variant: rng.gen(),
    };
    if r.cancel.is_some() {
        r.pc.clear();
        r.box2 = false;
        r.warrant.kind = WarrantKind::None;
    }
    if r.sex_word && rng.gen_bool(0.02) {
        r.sex = 'X';
    }
    r
}

/// The pages of a detainer document in file order, with the variations senders make: a cover sheet first,
/// notice pages left off, the warrant sent right after page 1.
fn detainer_pages(rng: &mut Rng8, r: &Request, cover: bool) -> Vec<PageKind> {
    let mut v = Vec::new();
    if cover {
        v.push(PageKind::Cover);
    }
    v.push(PageKind::Request);
    let notices = if rng.gen_bool(0.2) { 0 } else { 2 };
    let warrant = r.warrant.kind != WarrantKind::None;
    let warrant_early = warrant && rng.gen_bool(0.15);
    if warrant_early {
        v.push(PageKind::Warrant);
    }
    for i in 0..notices {
        v.push(PageKind::Notice(2 + i));
    }
    if warrant && !warrant_early {
        v.push(PageKind::Warrant);
    }
    v
}

fn make_other(rng: &mut Rng8) -> (Other, bool) {
    let kind = match rng.gen_range(0..100) {
        0..=19 => OtherKind::CourtNotice,
        20..=36 => OtherKind::RecordsRequest,
        37..=58 => OtherKind::AttorneyLetter,
        59..=74 => OtherKind::Medical,
        75..=91 => OtherKind::CoverOnly,
        _ => OtherKind::StateWarrant,
    };
    let pages = match kind {
        OtherKind::CoverOnly | OtherKind::StateWarrant | OtherKind::Medical => 1,
        OtherKind::CourtNotice => rng.gen_range(1..=2),
        _ => rng.gen_range(1..=3),
    };
    let cover = kind != OtherKind::CoverOnly && rng.gen_bool(0.35);
    (
        Other { kind, pages, date: rand_date(rng, Date::new(2017, 1, 5), Date::new(2025, 12, 20)), variant: rng.gen() },
        cover,
    )
}

pub struct Plan {
    pub lines: Vec<Line>,
    pub files: Vec<Transmission>,
}

/// Forced (form, warrant) pairs so every form and warrant style shows up in a corpus of 100 or more.
const COVERAGE: &[(Form, WarrantKind)] = &[
    (Form::I247D, WarrantKind::I200),
    (Form::I247D, WarrantKind::None),
    (Form::I247N, WarrantKind::None),
    (Form::I247N, WarrantKind::I200),
    (Form::I247X, WarrantKind::I205 { judge_box: false }),
    (Form::I247X, WarrantKind::None),
    (Form::I247, WarrantKind::I200),
    (Form::I247, WarrantKind::None),
    (Form::I247A, WarrantKind::Ao442),
    (Form::I247A, WarrantKind::Ao442),
    (Form::I247A, WarrantKind::State),
    (Form::I247A, WarrantKind::State),
    (Form::I247A, WarrantKind::I205 { judge_box: true }),
    (Form::I247A, WarrantKind::I205 { judge_box: false }),
    (Form::I247D, WarrantKind::State),
];

pub fn plan(seed: u64, n: usize, fonts: &Fonts) -> Plan {
    let mut rng = Rng8::seed_from_u64(seed);
    let lines = lines();
    let n_det = ((n as f64) * 0.65).round() as usize;
    let n_other = n - n_det;
    let n_copy = if n_det >= 8 { (n_det * 7 / 100).max(1) } else { 0 };
    let n_linked = if n_det >= 12 { (n_det * 3 / 100).max(1) } else { 0 };
    let n_orig = n_det - n_copy - n_linked;
    let mut next_id = 0usize;
    let mut new_id = || {
        next_id += 1;
        format!("b{next_id:04}")
    };

    // Originals, the first few forced to cover every form and warrant style.
    let mut originals: Vec<Doc> = Vec::new();
    let forced: &[(Form, WarrantKind)] = if n >= 100 { COVERAGE } else { &[] };
    for i in 0..n_orig {
        let (form, wk) = match forced.get(i) {
            Some(&(f, w)) => (f, Some(w)),
            None => (pick_form(&mut rng), None),
        };
        let mut r = make_request(&mut rng, form, wk);
        if n >= 100 && i == COVERAGE.len() {
            r.cancel = Some(r.issued.add(-30));
            r.pc.clear();
            r.warrant.kind = WarrantKind::None;
        }
        let cover = rng.gen_bool(0.3);
        let pages = detainer_pages(&mut rng, &r, cover);
        originals.push(Doc {
            id: new_id(),
            body: Body::Detainer(Box::new(r)),
            pages,
            style: Style::random(&mut rng, fonts),
            copy_of: None,
        });
    }
    // Cancellations of requests already in the corpus: same subject and identifiers, the earlier date.
    let mut linked = Vec::new();
    for _ in 0..n_linked {
        let src = originals.choose(&mut rng).unwrap();
        let Body::Detainer(orig) = &src.body else { continue };
        let mut r = (**orig).clone();
        r.form = if r.form == Form::I247D { Form::I247D } else { Form::I247A };
        r.cancel = Some(r.issued);
        r.issued = r.issued.add(rng.gen_range(1..60));
        r.pc.clear();
        r.box2 = false;
        r.warrant.kind = WarrantKind::None;
        r.officer = people::officer(&mut rng);
        r.variant = rng.gen();
        if rng.gen_bool(0.5) {
            r.event = format!("{}{}{:06}", r.office.event, r.issued.yymm(), rng.gen_range(1..4000));
            r.event_print = r.event.clone();
        }
        let cover = rng.gen_bool(0.3);
        let pages = detainer_pages(&mut rng, &r, cover);
        linked.push(Doc {
            id: new_id(),
            body: Body::Detainer(Box::new(r)),
            pages,
            style: Style::random(&mut rng, fonts),
            copy_of: None,
        });
    }
    originals.extend(linked);

    // Group into transmissions: a few files carry two requests.
    let n_pairs = if n_orig >= 30 { (n_orig * 3 / 100).max(1) } else { 0 };
    let mut groups: Vec<Vec<Doc>> = Vec::new();
    let mut it = originals.into_iter();
    for _ in 0..n_pairs {
        let (Some(mut a), Some(mut b)) = (it.next(), it.next()) else { break };
        // A batch is sent by one office in one go: no per-request cover sheet on the second one.
        b.pages.retain(|p| *p != PageKind::Cover);
        a.pages.retain(|p| *p != PageKind::Cover);
        groups.push(vec![a, b]);
    }
    groups.extend(it.map(|d| vec![d]));
    for _ in 0..n_other {
        let (o, cover) = make_other(&mut rng);
        let mut pages = Vec::new();
        if cover {
            pages.push(PageKind::Cover);
        }
        pages.extend((0..o.pages as u8).map(PageKind::Other));
        groups.push(vec![Doc {
            id: new_id(),
            body: Body::Other(o),
            pages,
            style: Style::random(&mut rng, fonts),
            copy_of: None,
        }]);
    }

    let mut files: Vec<Transmission> = groups.into_iter().map(|g| transmission(&mut rng, &lines, g, None)).collect();

    // The same request received a second time on another line, sometimes forwarded by the first.
    let det_files: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].docs.len() == 1 && matches!(files[i].docs[0].body, Body::Detainer(_)))
        .collect();
    let mut chosen: Vec<usize> = det_files.choose_multiple(&mut rng, n_copy).cloned().collect();
    chosen.sort();
    for i in chosen {
        let src = files[i].clone();
        let mut d = src.docs[0].clone();
        d.copy_of = Some(d.id.clone());
        d.id = new_id();
        if rng.gen_bool(0.4) {
            d.pages.retain(|p| *p != PageKind::Cover);
        }
        let mut t = transmission(&mut rng, &lines, vec![d], Some(&src));
        if rng.gen_bool(0.5) {
            // Forwarded: the first line's receiving fax re-sent it; its header is on the paper now.
            t.forwarded = src.tti.clone();
            if t.tti.is_none() {
                // The forwarding machine prints its own header: without it the only header on the page
                // would be the first sender's, and when this copy arrived would be unknowable.
                t.tti = Some(Tti {
                    style: rng.gen_range(0..7),
                    sender: String::new(),
                    number: String::new(),
                    to: lines[t.line].number.clone(),
                    sent: t.received,
                });
            }
            t.received = src.received.add_secs(rng.gen_range(300..20000));
            if let Some(tt) = t.tti.as_mut() {
                tt.sent = t.received.add_secs(-rng.gen_range(30..300));
                tt.sender = ["BPD BOOKING", "BOSTON POLICE", "CENTRAL BOOKING", "DISTRICT STATION"]
                    .choose(&mut rng)
                    .unwrap()
                    .to_string();
                tt.number = lines[src.line].number.clone();
            }
            if t.tsi.is_some() {
                t.tsi = Some(lines[src.line].number.clone());
            }
        }
        files.push(t);
    }

    // Coverage of the transmission-level variety in small corpora too.
    if n >= 100 {
        let forced_rot = [90u16, 180, 270];
        for (k, r) in forced_rot.iter().enumerate() {
            let f = &mut files[k * 7 + 1];
            for x in f.rot.iter_mut() {
                *x = *r;
            }
        }
        let enc = [Encoding::G4, Encoding::G3OneD, Encoding::G3TwoD];
        for (k, e) in enc.iter().enumerate() {
            files[k * 5 + 2].encoding = *e;
            files[k * 5 + 3].fine = k % 2 == 0;
        }
    }

    // File names: per line, the receiving server's naming scheme.
    files.shuffle(&mut rng);
    let mut counters: Vec<u64> = lines.iter().map(|_| rng.gen_range(100..4000)).collect();
    for f in files.iter_mut() {
        let line = &lines[f.line];
        counters[f.line] += rng.gen_range(1..4);
        let c = counters[f.line];
        f.folder = line.folders[if line.folders.len() > 1 && rng.gen_bool(0.3) { 1 } else { 0 }].clone();
        let r = f.received;
        let sender_digits: String = f.tti.as_ref().map(|t| t.number.clone()).unwrap_or_else(|| "unknown".to_string());
        f.file = match line.server {
            0 => format!("fax{c:09}.tif"),
            1 => format!("fax{c:05}.tif"),
            2 => format!(
                "fax-{:04}{:02}{:02}-{:02}{:02}{:02}-{}.tif",
                r.date.y, r.date.m, r.date.d, r.h, r.min, r.s, sender_digits
            ),
            _ => format!("FAX_{:04}{:02}{:02}_{:02}{:02}{:02}_{c}.tif", r.date.y, r.date.m, r.date.d, r.h, r.min, r.s),
        };
    }
    Plan { lines, files }
}

/// Sender identity for the header line, by who sends the document.
fn sender_of(rng: &mut Rng8, doc: &Doc) -> (String, String) {
    match &doc.body {
        Body::Detainer(r) => {
            let o = r.office;
            let city = people::city_only(o).to_uppercase();
            let name = match rng.gen_range(0..6) {
                0 => "DHS ICE ERO".to_string(),
                1 => format!("ICE ERO {city}"),
                2 => "U.S. IMMIGRATION".to_string(),
                3 => o.name.to_uppercase(),
                4 => format!("ERO {}", o.code),
                _ => "DHS/ICE".to_string(),
            };
            (name, o.fax.chars().filter(|c| c.is_ascii_digit()).collect())
        }
        Body::Other(_) => {
            let (n, p) = people::OTHER_SENDERS.choose(rng).unwrap();
            (n.to_string(), p.chars().filter(|c| c.is_ascii_digit()).collect())
        }
    }
}

fn transmission(rng: &mut Rng8, lines: &[Line], docs: Vec<Doc>, copy_of: Option<&Transmission>) -> Transmission {
    let is_det = matches!(docs[0].body, Body::Detainer(_));
    let line = loop {
        let l = if is_det {
            match rng.gen_range(0..100) {
                0..=29 => 0,
                30..=84 => rng.gen_range(1..7),
                _ => 7,
            }
        } else {
            rng.gen_range(0..lines.len())
        };
        if copy_of.map(|c| c.line != l).unwrap_or(true) {
            break l;
        }
    };
    let base = match (&docs[0].body, copy_of) {
        (_, Some(c)) => c.received.date,
        (Body::Detainer(r), None) => {
            // Legacy forms are now and then re-sent long after they were issued.
            if r.form != Form::I247A && rng.gen_bool(0.2) {
                r.issued.add(rng.gen_range(200..2500))
            } else {
                r.issued.add(rng.gen_range(0..3))
            }
        }
        (Body::Other(o), None) => o.date,
    };
    let sent = Stamp { date: base, h: rng.gen_range(0..24), min: rng.gen_range(0..60), s: rng.gen_range(0..60) };
    let sent = match copy_of {
        Some(c) => c.received.add_secs(rng.gen_range(120..200000)),
        None => sent,
    };
    let pages: usize = docs.iter().map(|d| d.pages.len()).sum();
    let received = sent.add_secs(rng.gen_range(20..90) + 25 * pages as i64);
    let (sender, number) = sender_of(rng, &docs[0]);
    let tti = if rng.gen_bool(0.88) {
        Some(Tti { style: rng.gen_range(0..7), sender, number, to: lines[line].number.clone(), sent })
    } else {
        None
    };
    let doc_rot = if rng.gen_bool(0.04) { *[180u16, 180, 180, 90, 270].choose(rng).unwrap() } else { 0 };
    let rot = (0..pages)
        .map(|_| {
            if doc_rot != 0 {
                doc_rot
            } else if rng.gen_bool(0.035) {
                *[180u16, 180, 90, 270].choose(rng).unwrap()
            } else {
                0
            }
        })
        .collect();
    let server = lines[line].server;
    let datetime_tag = if rng.gen_bool(0.65) { Some(server == 3 || rng.gen_bool(0.15)) } else { None };
    let tti_skip =
        if tti.is_some() && pages > 2 && rng.gen_bool(0.1) { vec![rng.gen_range(1..pages)] } else { Vec::new() };
    Transmission {
        line,
        folder: String::new(),
        file: String::new(),
        fine: rng.gen_bool(0.55),
        encoding: match rng.gen_range(0..100) {
            0..=39 => Encoding::G4,
            40..=74 => Encoding::G3TwoD,
            _ => Encoding::G3OneD,
        },
        lsb: if server == 0 || server == 2 { rng.gen_bool(0.8) } else { rng.gen_bool(0.2) },
        scanner: crate::scan::pick_profile(rng),
        rot,
        footer: datetime_tag.is_some() && rng.gen_bool(0.3),
        tsi: if rng.gen_bool(0.5) { tti.as_ref().map(|t| t.number.clone()) } else { None },
        tti,
        forwarded: None,
        tti_skip,
        received,
        datetime_tag,
        docs,
        seed: rng.gen(),
    }
}
