//! Document and file plans: what each fax holds (decided first, from the seed) before anything is drawn.

use crate::agencies::{self, Office};
use crate::people::{self, chance, pick, Date, DateTime, Person, Rng8};
use faxtract::record::{PageKind, ProbableCause};
use rand::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    I247a,
    /// The 2015 legacy forms (rescinded 2017, still arriving): same page-1 layout family.
    I247d,
    I247n,
    I247x,
}

impl Form {
    pub fn name(self) -> &'static str {
        match self {
            Form::I247a => "I-247A",
            Form::I247d => "I-247D",
            Form::I247n => "I-247N",
            Form::I247x => "I-247X",
        }
    }
    pub fn footer(self) -> &'static str {
        match self {
            Form::I247a => "DHS Form I-247A (3/17)",
            Form::I247d => "DHS Form I-247D (5/15)",
            Form::I247n => "DHS Form I-247N (5/15)",
            Form::I247x => "DHS Form I-247X (5/15)",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Request {
    pub form: Form,
    pub subject_id: String,
    pub event: String,
    pub a_num: u64,
    pub a_print: String,
    pub issued: Date,
    pub person: Person,
    pub office: &'static Office,
    pub to: Vec<String>,
    pub officer: String,
    pub pc: Vec<ProbableCause>,
    pub box2: bool,
    /// Date of the earlier request this one cancels (cancel box checked).
    pub cancel: Option<Date>,
    /// I-247D section 1(A) priority boxes checked.
    pub priority: Vec<usize>,
    pub booking: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Warrant {
    I200 {
        a_print: String,
        date: Date,
        officer: String,
        title: String,
        boxes: Vec<usize>,
    },
    I205 {
        a_print: String,
        date: Date,
        officer: String,
        title: String,
        basis: usize,
        entry_place: String,
        entry_date: Option<Date>,
        section: String,
        city: String,
    },
    Judicial {
        federal: bool,
        judge: String,
        case_no: String,
        date: Date,
        offense: String,
    },
}

#[derive(Clone, Debug)]
pub struct Cover {
    pub style: u8,
    pub to: String,
    pub to_fax: String,
    pub from: String,
    pub from_org: Vec<String>,
    pub from_phone: String,
    pub from_fax: String,
    pub date: Date,
    pub pages: usize,
    pub re: String,
    pub comments: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherKind {
    HearingNotice,
    RecordsRequest,
    AttorneyLetter,
    MedicalRelease,
    Memo,
}

#[derive(Clone, Debug)]
pub struct Other {
    pub kind: OtherKind,
    pub person: Person,
    pub date: Date,
    pub author: String,
    pub a_print: Option<String>,
    pub pages: usize,
    pub docket: String,
}

#[derive(Clone, Debug)]
pub enum PageSpec {
    Cover,
    I247aP1,
    I247dP1,
    Notice(u32),
    Warrant,
    Other(u32),
}

/// One document: the pages a sender faxed together.
#[derive(Clone, Debug)]
pub struct Doc {
    pub id: String,
    pub pages: Vec<PageSpec>,
    pub request: Option<Request>,
    pub warrant: Option<Warrant>,
    pub cover: Option<Cover>,
    pub other: Option<Other>,
    /// Seeds the page drawing (fonts, layout jitter, marks): the same for every copy of the document.
    pub render_seed: u64,
}

impl Doc {
    pub fn page_kinds(&self) -> Vec<PageKind> {
        self.pages
            .iter()
            .map(|p| match p {
                PageSpec::Cover => PageKind::CoverSheet,
                PageSpec::I247aP1 => PageKind::I247aRequest,
                PageSpec::I247dP1 => match self.request.as_ref().map(|r| r.form) {
                    Some(Form::I247n) => PageKind::I247n,
                    Some(Form::I247x) => PageKind::I247x,
                    _ => PageKind::I247d,
                },
                PageSpec::Notice(_) => PageKind::DetaineeNotice,
                PageSpec::Warrant => match self.warrant {
                    Some(Warrant::I200 { .. }) => PageKind::I200,
                    Some(Warrant::I205 { .. }) => PageKind::I205,
                    _ => PageKind::JudicialWarrant,
                },
                PageSpec::Other(_) => PageKind::Other,
            })
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Res {
    Fine,
    Standard,
    Superfine,
    /// A grayscale scan at this square dpi (email bureau scans).
    Scan(u32),
}

impl Res {
    pub fn name(self) -> &'static str {
        match self {
            Res::Fine => "fine",
            Res::Standard => "standard",
            Res::Superfine => "superfine",
            // Decision: grayscale scans get their own group so eval splits don't mix them with fax modes.
            Res::Scan(_) => "scan",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    G4,
    G3_1d,
    G3_2d,
    /// Modified Huffman (Compression 2), encoded by faxgen itself.
    Mh,
    /// Uncompressed bilevel TIFF.
    None,
    /// 8-bit grayscale PNG scan.
    Png,
    /// 8-bit grayscale TIFF scan. Decision: deflate-compressed (truth encoding "zip"), as MFPs write
    /// them; uncompressed 8-bit pages would be 4-8 MB each.
    GrayTiff,
}

impl Enc {
    pub fn name(self) -> &'static str {
        match self {
            Enc::G4 => "g4",
            Enc::G3_1d => "g3-1d",
            Enc::G3_2d => "g3-2d",
            Enc::Mh => "mh",
            Enc::None => "none",
            Enc::GrayTiff => "zip",
            Enc::Png => "png",
        }
    }
}

/// How the standard-resolution page is made from the scanner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdMode {
    /// The scanner samples at 98 lines/inch directly.
    Direct,
    /// A fine scan with each pair of rows ORed.
    OrPairs,
    /// A fine scan with every other row dropped.
    Decimate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Units {
    Inch,
    InchExact,
    Cm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DtStyle {
    Colon,
    Slash,
}

#[derive(Clone, Debug)]
pub struct HeaderLine {
    pub style: u8,
    /// Printed over the top of the page image instead of in a strip added above it.
    pub over: bool,
    /// Printed at the bottom margin instead of the top (some machines do; over the image).
    pub bottom: bool,
    pub font: &'static str,
    pub size: f32,
    pub tnum: u32,
    pub fnum: u32,
}

/// How the file was transmitted and stored.
#[derive(Clone, Debug)]
pub struct Transport {
    pub res: Res,
    pub std_mode: StdMode,
    pub enc: Enc,
    pub g3_fill: bool,
    pub fill_order: u8,
    pub units: Units,
    pub tsi: Option<String>,
    pub software: Option<&'static str>,
    pub datetime: Option<DtStyle>,
    pub header: Option<HeaderLine>,
    pub sender_name: String,
    pub sender_number: String,
    pub recv_number: String,
    /// When the receiving server started receiving (TIFF DateTime of page 1).
    pub received: DateTime,
    /// The sender's clock when it started sending (header line).
    pub sent: DateTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    Empty,
    Truncated,
    Pdf,
    Text,
    /// A valid PNG page image saved with a .tif name: readable by content sniffing.
    PngNamedTif,
    /// One page (0-based index) made unreadable inside a good file.
    BadPage(usize),
}

#[derive(Clone, Debug)]
pub struct FilePlan {
    pub rel_path: String,
    pub line: usize,
    pub docs: Vec<Doc>,
    pub transport: Transport,
    pub damage: Option<Damage>,
    pub seed: u64,
    pub copy_of: Option<String>,
    /// Naming scheme: 0 HylaFAX 9-digit, 1 HylaFAX old 5-digit, 2 Asterisk, 3 MFP/email.
    pub naming: u8,
}

impl FilePlan {
    pub fn page_count(&self) -> usize {
        self.docs.iter().map(|d| d.pages.len()).sum()
    }
}

pub struct Options {
    pub resolution: Option<Res>,
}

fn officer_line(rng: &mut Rng8) -> (String, String) {
    let (f, l) = people::officer_name(rng);
    let title = pick(rng, agencies::OFFICER_TITLES).to_string();
    (format!("{f} {l}"), title)
}

pub fn request(rng: &mut Rng8, form: Form, line: usize, cancel: bool) -> Request {
    let issued = match form {
        Form::I247a => Date::between(rng, Date { y: 2019, m: 1, d: 2 }, Date { y: 2026, m: 6, d: 30 }),
        _ => Date::between(rng, Date { y: 2015, m: 6, d: 1 }, Date { y: 2017, m: 3, d: 31 }),
    };
    let office = agencies::office(rng);
    let person = people::person(rng, issued);
    let a_num = people::a_number(rng);
    let l = &agencies::LINES[line];
    let mut to: Vec<String> = l.to.iter().map(|s| s.to_string()).collect();
    if to.len() > 3 && chance(rng, 0.3) {
        to.remove(1);
    }
    let (name, title) = officer_line(rng);
    let officer = match rng.gen_range(0..3) {
        0 => format!("{name}, {title}"),
        1 => format!("{} - {}", name.to_uppercase(), title.to_uppercase()),
        _ => format!("{name} / {title}"),
    };
    let mut pc = Vec::new();
    let mut box2 = false;
    if !(cancel && chance(rng, 0.6)) {
        let r: f64 = rng.gen();
        if form == Form::I247a && r < 0.05 {
            box2 = true;
        } else if r < 0.25 {
            pc.push(ProbableCause::FinalOrder);
        } else if r < 0.40 {
            pc.push(ProbableCause::RemovalProceedings);
        } else if r < 0.80 {
            pc.push(ProbableCause::Biometric);
            if chance(rng, 0.35) {
                pc.push(ProbableCause::Statements);
            }
        } else if r < 0.9 {
            pc.push(ProbableCause::Statements);
        } else {
            pc.push(ProbableCause::FinalOrder);
            pc.push(ProbableCause::Biometric);
        }
    }
    let priority = if form != Form::I247a { vec![rng.gen_range(0..5)] } else { vec![] };
    Request {
        form,
        subject_id: people::subject_id(rng),
        event: agencies::event_number(rng, office, issued),
        a_num,
        a_print: people::a_number_print(rng, a_num),
        issued,
        person,
        office,
        to,
        officer,
        pc,
        box2,
        cancel: if cancel { Some(issued.add(-rng.gen_range(3..400))) } else { None },
        priority,
        booking: if chance(rng, 0.3) { Some(format!("{}", rng.gen_range(100000..999999))) } else { None },
    }
}

pub fn warrant(rng: &mut Rng8, r: &Request, kind: u8) -> Warrant {
    let (name, title) = {
        let (f, l) = people::officer_name(rng);
        (
            format!("{f} {l}"),
            pick(
                rng,
                &[
                    "Supervisory Detention and Deportation Officer",
                    "Field Office Director",
                    "Assistant Field Office Director",
                    "Deportation Officer",
                    "SDDO",
                    "Acting Field Office Director",
                ],
            )
            .to_string(),
        )
    };
    let date = r.issued.add(-rng.gen_range(0..3));
    let a_print = if chance(rng, 0.5) { r.a_print.clone() } else { people::a_number_print(rng, r.a_num) };
    match kind {
        0 => {
            let mut boxes = vec![*pick(rng, &[0, 1, 3, 3, 4])];
            if chance(rng, 0.3) && boxes[0] == 3 {
                boxes.push(4);
            }
            Warrant::I200 { a_print, date, officer: name, title, boxes }
        }
        1 => Warrant::I205 {
            a_print,
            date,
            officer: name,
            title,
            basis: *pick(rng, &[0, 0, 0, 0, 1, 2, 3]),
            entry_place: pick(
                rng,
                &[
                    "UNKNOWN PLACE",
                    "SAN YSIDRO, CA",
                    "JFK AIRPORT, NEW YORK, NY",
                    "BOSTON, MA",
                    "MIAMI, FL",
                    "NEAR HIDALGO, TX",
                    "LOGAN AIRPORT, BOSTON, MA",
                ],
            )
            .to_string(),
            entry_date: if chance(rng, 0.7) { Some(r.person.dob.add(rng.gen_range(6000..9000))) } else { None },
            section: pick(rng, &["212(a)(6)(A)(i)", "237(a)(2)(A)(iii)", "237(a)(1)(B)", "212(a)(7)(A)(i)(I)"])
                .to_string(),
            city: pick(rng, &["Burlington, MA", "Boston, MA", "Hartford, CT", "Manchester, NH"]).to_string(),
        },
        _ => {
            let (f, l) = people::officer_name(rng);
            let federal = chance(rng, 0.7);
            Warrant::Judicial {
                federal,
                judge: if federal {
                    format!("Hon. {f} {l}, U.S. Magistrate Judge")
                } else {
                    format!("Hon. {f} {l}, Associate Justice")
                },
                case_no: if federal {
                    format!(
                        "1:{:02}-mj-{:05}-{}",
                        r.issued.y % 100,
                        rng.gen_range(1000..9999),
                        pick(rng, &["MBB", "JGD", "DLC", "PGL"])
                    )
                } else {
                    format!("{:02}01CR{:06}", r.issued.y % 100, rng.gen_range(100..9999))
                },
                date,
                offense: pick(
                    rng,
                    &[
                        "8 U.S.C. § 1326(a) - Reentry of a removed alien",
                        "18 U.S.C. § 1028A - Aggravated identity theft",
                        "21 U.S.C. § 841(a)(1) - Possession with intent to distribute",
                    ],
                )
                .to_string(),
            }
        }
    }
}

pub fn cover(
    rng: &mut Rng8,
    from_office: Option<&Office>,
    to_line: usize,
    pages: usize,
    re: String,
    date: Date,
) -> Cover {
    let (f, l) = people::officer_name(rng);
    let l_ = &agencies::LINES[to_line];
    let (from_org, from_phone, from_fax) = match from_office {
        Some(o) => (
            vec![
                "U.S. Immigration and Customs Enforcement".to_string(),
                "Enforcement and Removal Operations".to_string(),
                o.lines[0].to_string(),
            ],
            o.phone.to_string(),
            o.fax.to_string(),
        ),
        None => (
            vec![pick(
                rng,
                &[
                    "Suffolk County District Attorney",
                    "Law Office of R. Thornbury",
                    "Massachusetts General Records Unit",
                    "Boston Municipal Court",
                ],
            )
            .to_string()],
            format!("(617) 555-01{:02}", rng.gen_range(10..99)),
            format!("(617) 555-01{:02}", rng.gen_range(10..99)),
        ),
    };
    Cover {
        style: rng.gen_range(0..3),
        to: l_.to[0].to_string(),
        to_fax: format!("({}) {}-{}", &l_.number[0..3], &l_.number[4..7], &l_.number[8..]),
        from: format!("{f} {l}"),
        from_org,
        from_phone,
        from_fax,
        date,
        pages,
        re,
        comments: pick(
            rng,
            &[
                "",
                "Please see attached.",
                "Please acknowledge receipt.",
                "Original to follow by mail.",
                "Urgent - please forward to booking.",
            ],
        )
        .to_string(),
    }
}

pub fn request_doc(rng: &mut Rng8, id: String, form: Form, line: usize, cancel: bool) -> Doc {
    request_doc_with(rng, id, form, line, cancel, None, None)
}

/// `warrant`: Some(Some(k)) forces warrant kind k (0 I-200, 1 I-205, 2 judicial), Some(None) no warrant,
/// None random; `with_cover` likewise.
pub fn request_doc_with(
    rng: &mut Rng8,
    id: String,
    form: Form,
    line: usize,
    cancel: bool,
    warrant_kind: Option<Option<u8>>,
    with_cover: Option<bool>,
) -> Doc {
    let r = request(rng, form, line, cancel);
    let wk: Option<u8> = if let Some(k) = warrant_kind {
        k
    } else if cancel {
        if chance(rng, 0.2) {
            Some(0)
        } else {
            None
        }
    } else {
        let x: f64 = rng.gen();
        if x < 0.62 {
            Some(0)
        } else if x < 0.80 {
            Some(1)
        } else if x < 0.85 {
            Some(2)
        } else {
            None
        }
    };
    let w = wk.map(|k| warrant(rng, &r, k));
    let mut pages = Vec::new();
    let with_cover = with_cover.unwrap_or_else(|| chance(rng, 0.5));
    if with_cover {
        pages.push(PageSpec::Cover);
    }
    pages.push(if form == Form::I247a { PageSpec::I247aP1 } else { PageSpec::I247dP1 });
    let x: f64 = rng.gen();
    if x < 0.82 {
        pages.push(PageSpec::Notice(2));
        pages.push(PageSpec::Notice(3));
    } else if x < 0.88 {
        pages.push(PageSpec::Notice(2));
    }
    if w.is_some() {
        if chance(rng, 0.85) {
            pages.push(PageSpec::Warrant);
        } else {
            let at = if with_cover { 2 } else { 1 };
            pages.insert(at, PageSpec::Warrant);
        }
    }
    let cover = if with_cover {
        let re = match rng.gen_range(0..5) {
            0 => format!("Immigration Detainer - {}", r.person.name()),
            1 => "DETAINER".to_string(),
            2 => {
                if cancel {
                    "Cancellation of detainer".to_string()
                } else {
                    "I-247A / Warrant".to_string()
                }
            }
            3 => format!("Detainer {}", r.person.family),
            _ => String::new(),
        };
        Some(cover(rng, Some(r.office), line, pages.len(), re, r.issued))
    } else {
        None
    };
    Doc { id, pages, request: Some(r), warrant: w, cover, other: None, render_seed: rng.gen() }
}

pub fn other_doc(rng: &mut Rng8, id: String, line: usize) -> Doc {
    let kind = *pick(
        rng,
        &[
            OtherKind::HearingNotice,
            OtherKind::RecordsRequest,
            OtherKind::AttorneyLetter,
            OtherKind::AttorneyLetter,
            OtherKind::MedicalRelease,
            OtherKind::Memo,
        ],
    );
    let date = Date::between(rng, Date { y: 2019, m: 1, d: 2 }, Date { y: 2026, m: 6, d: 30 });
    let person = people::person(rng, date);
    let (f, l) = people::officer_name(rng);
    let n = match kind {
        OtherKind::AttorneyLetter => rng.gen_range(1..=2),
        OtherKind::RecordsRequest => rng.gen_range(1..=2),
        _ => 1,
    };
    let a = people::a_number(rng);
    let other = Other {
        kind,
        person,
        date,
        author: format!("{f} {l}"),
        a_print: if chance(rng, 0.4) { Some(people::a_number_print(rng, a)) } else { None },
        pages: n,
        docket: format!("{:02}01CR{:06}", date.y % 100, rng.gen_range(100..9999)),
    };
    let mut pages = Vec::new();
    let with_cover = chance(rng, 0.45);
    if with_cover {
        pages.push(PageSpec::Cover);
    }
    for i in 0..n {
        pages.push(PageSpec::Other(i as u32 + 1));
    }
    let cover = if with_cover {
        let re = match kind {
            OtherKind::HearingNotice => "Notice of hearing".to_string(),
            OtherKind::RecordsRequest => "Public records request".to_string(),
            OtherKind::AttorneyLetter => "Immigration detainer inquiry".to_string(),
            OtherKind::MedicalRelease => "Medical records release".to_string(),
            OtherKind::Memo => "Training schedule".to_string(),
        };
        Some(cover(rng, None, line, pages.len(), re, date))
    } else {
        None
    };
    Doc { id, pages, request: None, warrant: None, cover, other: Some(other), render_seed: rng.gen() }
}

/// The sender's identity for a document (TSI and header-line name and number).
pub fn sender_of(doc: &Doc, rng: &mut Rng8) -> (String, String) {
    if let Some(r) = &doc.request {
        let name = match rng.gen_range(0..4) {
            0 => format!("ICE ERO {}", r.office.code),
            1 => r.office.lines[0].to_uppercase(),
            2 => "DHS ICE ERO".to_string(),
            _ => r.office.name.to_uppercase(),
        };
        (name, r.office.fax.to_string())
    } else {
        let (name, num) = match doc.other.as_ref().map(|o| o.kind) {
            Some(OtherKind::HearingNotice) => ("BMC CLERK", "(617) 555-0121"),
            Some(OtherKind::RecordsRequest) => ("BAY STATE LEDGER", "(617) 555-0177"),
            Some(OtherKind::AttorneyLetter) => ("LAW OFFICE", "(617) 555-0144"),
            Some(OtherKind::MedicalRelease) => ("HARBORSIDE HIM", "(617) 555-0188"),
            _ => ("BPD HQ", "(617) 555-0100"),
        };
        let name =
            if chance(rng, 0.3) { pick(rng, &["FAX", "RECORDS UNIT", "OFFICE"]).to_string() } else { name.to_string() };
        (name, num.to_string())
    }
}
