//! The corpus's vocabulary: forms, warrants, documents, pages, transmissions and receiving lines, as plain
//! data the planner fills in and the renderers and truth writer read.

use crate::calendar::{Date, Stamp};
use crate::layout::Style;
use crate::names::Name;
use crate::people::Office;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    I247A,
    I247D,
    I247N,
    I247X,
    I247,
}

impl Form {
    pub fn name(self) -> &'static str {
        match self {
            Form::I247A => "I-247A",
            Form::I247D => "I-247D",
            Form::I247N => "I-247N",
            Form::I247X => "I-247X",
            Form::I247 => "I-247",
        }
    }
    pub fn page_kind(self) -> &'static str {
        match self {
            Form::I247A => "i247a_request",
            Form::I247D => "i247d",
            Form::I247N => "i247n",
            Form::I247X => "i247x",
            Form::I247 => "i247",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pc {
    FinalOrder,
    Proceedings,
    Biometric,
    Statements,
}

impl Pc {
    pub fn key(self) -> &'static str {
        match self {
            Pc::FinalOrder => "final_order",
            Pc::Proceedings => "removal_proceedings",
            Pc::Biometric => "biometric",
            Pc::Statements => "statements",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarrantKind {
    None,
    I200,
    /// `judge_box`: the "United States District or Magistrate Court Judge" box is the one checked.
    I205 {
        judge_box: bool,
    },
    Ao442,
    State,
}

impl WarrantKind {
    pub fn record_type(self) -> &'static str {
        match self {
            WarrantKind::None => "none",
            WarrantKind::I200 => "I-200",
            WarrantKind::I205 { .. } => "I-205",
            WarrantKind::Ao442 | WarrantKind::State => "judicial",
        }
    }
    pub fn style(self) -> Option<&'static str> {
        match self {
            WarrantKind::None => None,
            WarrantKind::I200 => Some("I-200"),
            WarrantKind::I205 { .. } => Some("I-205"),
            WarrantKind::Ao442 => Some("AO442"),
            WarrantKind::State => Some("state"),
        }
    }
    pub fn page_kind(self) -> &'static str {
        match self {
            WarrantKind::I200 => "i200",
            WarrantKind::I205 { .. } => "i205",
            _ => "judicial_warrant",
        }
    }
}

/// How the A-number is printed; the record always wants "A" + 9 digits.
#[derive(Clone, Copy, Debug)]
pub enum AStyle {
    Plain,
    Spaced,
    Dashed,
    Bare,
    BareDashed,
}

pub fn a_print(n: u64, digits: usize, style: AStyle) -> String {
    let s = format!("{:0width$}", n, width = digits);
    let groups = |sep: &str| -> String {
        // Group from the right in threes: 212 345 678, 12 345 678, 1 234 567.
        let mut parts = Vec::new();
        let mut end = s.len();
        while end > 0 {
            let start = end.saturating_sub(3);
            parts.push(&s[start..end]);
            end = start;
        }
        parts.reverse();
        parts.join(sep)
    };
    match style {
        AStyle::Plain => format!("A{s}"),
        AStyle::Spaced => format!("A {}", groups(" ")),
        AStyle::Dashed => format!("A-{}", groups("-")),
        AStyle::Bare => s,
        AStyle::BareDashed => groups("-"),
    }
}

#[derive(Clone, Debug)]
pub struct Warrant {
    pub kind: WarrantKind,
    pub date: Date,
    pub case_no: String,
    pub judge: String,
    pub signer: (String, String),
    /// Index into the court/district tables and offense lists.
    pub court: usize,
    pub offense: usize,
    pub entry_place: String,
    pub entry_date: Date,
}

#[derive(Clone, Debug)]
pub struct Request {
    pub form: Form,
    pub name: Name,
    pub dob: Date,
    pub sex: char,
    pub subject_id: String,
    pub event: String,
    pub event_print: String,
    pub a_num: u64,
    pub a_print: String,
    pub issued: Date,
    pub office: &'static Office,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub pc: Vec<Pc>,
    pub box2: bool,
    pub priority: usize,
    pub cancel: Option<Date>,
    pub officer: (String, String),
    pub cbp: bool,
    pub warrant: Warrant,
    pub booking: Option<String>,
    /// Print variants decided here so that two copies of one request look alike.
    pub name_upper: bool,
    pub country_upper: bool,
    pub sex_word: bool,
    pub dob_loose: bool,
    /// Seeds the per-document drawing choices (signature strokes, notice languages).
    pub variant: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherKind {
    CourtNotice,
    RecordsRequest,
    AttorneyLetter,
    Medical,
    CoverOnly,
    StateWarrant,
}

impl OtherKind {
    pub fn name(self) -> &'static str {
        match self {
            OtherKind::CourtNotice => "court_notice",
            OtherKind::RecordsRequest => "records_request",
            OtherKind::AttorneyLetter => "attorney_letter",
            OtherKind::Medical => "medical_form",
            OtherKind::CoverOnly => "cover_sheet_only",
            OtherKind::StateWarrant => "criminal_warrant_only",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Other {
    pub kind: OtherKind,
    pub pages: usize,
    pub date: Date,
    pub variant: u64,
}

#[derive(Clone, Debug)]
pub enum Body {
    Detainer(Box<Request>),
    Other(Other),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Cover,
    Request,
    Notice(u8),
    Warrant,
    Other(u8),
}

#[derive(Clone, Debug)]
pub struct Doc {
    pub id: String,
    pub body: Body,
    pub pages: Vec<PageKind>,
    pub style: Style,
    pub copy_of: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    G4,
    G3OneD,
    G3TwoD,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::G4 => "g4",
            Encoding::G3OneD => "g3-1d",
            Encoding::G3TwoD => "g3-2d",
        }
    }
}

/// One TTI header line as the sending machine prints it.
#[derive(Clone, Debug)]
pub struct Tti {
    pub style: u8,
    pub sender: String,
    pub number: String,
    pub to: String,
    pub sent: Stamp,
}

#[derive(Clone, Debug)]
pub struct Line {
    pub name: String,
    pub channel: &'static str,
    pub folders: Vec<String>,
    pub number: String,
    /// The receiving server, which decides file names, tags and fill order.
    pub server: u8,
}

pub fn lines() -> Vec<Line> {
    let l = |name: &str, channel, folders: &[&str], number: &str, server| Line {
        name: name.to_string(),
        channel,
        folders: folders.iter().map(|s| s.to_string()).collect(),
        number: number.to_string(),
        server,
    };
    vec![
        l("detainer-desk", "dedicated", &["detainer-desk"], "6175550100", 0),
        l("a1-booking", "station", &["A1"], "6175550111", 1),
        l("b2-booking", "station", &["B2", "B2-old"], "6175550122", 2),
        l("c11-booking", "station", &["c11_front"], "6175550133", 0),
        l("d4-booking", "station", &["D4"], "6175550144", 3),
        l("e18-booking", "station", &["E18"], "6175550155", 1),
        l("central-booking", "station", &["central"], "6175550166", 2),
        l("records-mail", "email", &["mail-gateway"], "6175550177", 3),
    ]
}

#[derive(Clone, Debug)]
pub struct Transmission {
    pub line: usize,
    pub folder: String,
    pub file: String,
    pub docs: Vec<Doc>,
    pub fine: bool,
    pub encoding: Encoding,
    pub lsb: bool,
    pub scanner: usize,
    /// Rotation of each page as fed (0, 90, 180, 270).
    pub rot: Vec<u16>,
    pub tti: Option<Tti>,
    /// The earlier transmission's header, printed on the paper of a forwarded copy.
    pub forwarded: Option<Tti>,
    /// Pages (0-based, never the first) on which the sender printed no header.
    pub tti_skip: Vec<usize>,
    pub received: Stamp,
    pub datetime_tag: Option<bool>,
    pub tsi: Option<String>,
    pub footer: bool,
    pub seed: u64,
}

impl Transmission {
    pub fn page_count(&self) -> usize {
        self.docs.iter().map(|d| d.pages.len()).sum()
    }
}
