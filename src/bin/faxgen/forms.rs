//! Page layouts: each form's printed labels (wording and order from detainer-forms.md) and typed values.
//! Coordinates are fine-resolution pixels (1728 x 2156 = letter at 204 x 196 dpi); the canvas transform
//! maps them to the device page.

use crate::corpus::{Cover, Doc, Form, Other, OtherKind, PageSpec, Request, Warrant};
use crate::people::{chance, pick, Rng8};
use crate::text::{Canvas, Face, Fonts};
use faxtract::record::ProbableCause;
use rand::Rng;

pub const PAGE_W: usize = 1728;
pub const PAGE_H: usize = 2156;
const L: f32 = 110.0;
const R: f32 = 1618.0;

/// Label font families: (regular, bold).
const LABEL_FONTS: &[(&str, &str)] = &[
    ("DejaVuSans", "DejaVuSans-Bold"),
    ("DejaVuSerif", "DejaVuSerif-Bold"),
    ("LiberationSans", "LiberationSans-Bold"),
    ("LiberationSerif", "LiberationSerif-Bold"),
    ("FreeSans", "FreeSansBold"),
    ("FreeSerif", "FreeSerifBold"),
];
/// Typed-value fonts (weighted by repetition).
const VALUE_FONTS: &[&str] = &[
    "LiberationMono",
    "LiberationMono",
    "LiberationMono-Bold",
    "DejaVuSansMono",
    "DejaVuSansMono",
    "FreeMonoBold",
    "FreeMonoBold",
    "FreeMono",
    "LiberationSans",
    "DejaVuSansMono-Bold",
];

/// How one printing of a document looks; drawn from the document's render seed.
#[derive(Clone, Debug)]
pub struct Style {
    pub label: &'static str,
    pub bold: &'static str,
    pub value: &'static str,
    /// Label, value and prose sizes (px of line height at fine resolution).
    pub ls: f32,
    pub vs: f32,
    pub ps: f32,
    pub hscale: f32,
    /// Small vertical block shifts (printing/layout differences).
    pub dy: [f32; 8],
    pub dx: f32,
    /// Checkbox size and mark style: 0 = X strokes, 1 = tick, 2 = filled, 3 = typed X.
    pub cb: f32,
    pub mark: u8,
    pub from_short: bool,
    pub value_dark: u8,
}

impl Style {
    pub fn random(rng: &mut Rng8) -> Style {
        let (label, bold) = *pick(rng, LABEL_FONTS);
        let value = *pick(rng, VALUE_FONTS);
        let mut dy = [0.0; 8];
        for d in dy.iter_mut() {
            *d = rng.gen_range(-12.0..12.0);
        }
        Style {
            label,
            bold,
            value,
            ls: rng.gen_range(26.0..30.0),
            vs: rng.gen_range(30.0..35.0),
            ps: rng.gen_range(22.0..24.5),
            hscale: rng.gen_range(0.96..1.04),
            dy,
            dx: rng.gen_range(-20.0..20.0),
            cb: rng.gen_range(22.0..28.0),
            mark: rng.gen_range(0..4),
            from_short: chance(rng, 0.3),
            value_dark: rng.gen_range(215..=255),
        }
    }
}

struct P<'a> {
    c: &'a mut Canvas,
    lab: Face<'a>,
    bold: Face<'a>,
    val: Face<'a>,
    prose: Face<'a>,
    small: Face<'a>,
    st: &'a Style,
}

impl<'a> P<'a> {
    fn new(c: &'a mut Canvas, f: &'a Fonts, st: &'a Style) -> P<'a> {
        P {
            lab: f.face(st.label, st.ls).with_hscale(st.hscale),
            bold: f.face(st.bold, st.ls).with_hscale(st.hscale),
            val: f.face(st.value, st.vs),
            prose: f.face(st.label, st.ps).with_hscale(st.hscale),
            small: f.face(st.label, st.ps * 0.85).with_hscale(st.hscale),
            c,
            st,
        }
    }
    fn x(&self, x: f32) -> f32 {
        x + self.st.dx
    }
    fn lab(&mut self, x: f32, y: f32, s: &str) -> f32 {
        let f = self.lab;
        self.c.text(&f, self.x(x), y, s, 255)
    }
    fn val(&mut self, x: f32, y: f32, s: &str) -> f32 {
        let f = self.val;
        let d = self.st.value_dark;
        self.c.text(&f, self.x(x), y, s, d)
    }
    /// A typed value squeezed horizontally (down to 75%) to fit `maxw`, as typists' software shrinks long lines.
    fn val_fit(&mut self, x: f32, y: f32, s: &str, maxw: f32) -> f32 {
        let mut f = self.val;
        let w = f.width(s);
        if w > maxw {
            f.hscale = (maxw / w).max(0.75);
        }
        let d = self.st.value_dark;
        self.c.text(&f, self.x(x), y, s, d)
    }
    /// "Label: value" on one baseline; returns the x after the value.
    fn lv(&mut self, x: f32, y: f32, label: &str, value: &str) -> f32 {
        let w = self.lab(x, y, label);
        let vx = x + w + 16.0;
        let vw = self.val(vx, y, value);
        vx + vw
    }
    fn center(&mut self, face: Face, y: f32, s: &str) {
        let cx = (L + R) / 2.0 + self.st.dx;
        self.c.text_center(&face, cx, y, s, 255);
    }
    fn para(&mut self, face: Face, x: f32, y: f32, w: f32, s: &str) -> f32 {
        let lead = face.size * 1.18;
        let x = self.x(x);
        self.c.para(&face, x, y, w, s, lead)
    }
    fn hline(&mut self, x0: f32, x1: f32, y: f32) {
        let (a, b) = (self.x(x0), self.x(x1));
        self.c.hline(a, b, y, 2.5);
    }
    fn checkbox(&mut self, x: f32, base: f32, checked: bool) {
        let s = self.st.cb;
        let x = self.x(x);
        let y = base - s + 3.0;
        self.c.rect(x, y, x + s, y + s, 2.2);
        if !checked {
            return;
        }
        let i = 4.0;
        match self.st.mark {
            0 => {
                self.c.stroke(&[(x + i, y + i), (x + s - i, y + s - i)], 3.0, 255);
                self.c.stroke(&[(x + s - i, y + i), (x + i, y + s - i)], 3.0, 255);
            }
            1 => {
                self.c.stroke(&[(x + 3.0, y + s * 0.5), (x + s * 0.42, y + s - 3.0), (x + s + 4.0, y - 6.0)], 3.5, 255)
            }
            2 => self.c.fill_rect(x + i, y + i, x + s - i, y + s - i, 255),
            _ => {
                let f = self.val;
                let w = f.width("X");
                self.c.text(&f, x + (s - w) / 2.0, y + s - 3.0, "X", 255);
            }
        }
    }
    /// A checkbox item with wrapped text; returns the next baseline.
    fn item(&mut self, x: f32, y: f32, checked: bool, text: &str) -> f32 {
        self.checkbox(x, y, checked);
        let f = self.prose;
        let tx = x + self.st.cb + 20.0;
        self.para(f, tx, y, R - tx - 10.0, text) + 8.0
    }
    fn signature(&mut self, x: f32, y: f32, rng: &mut Rng8) {
        let mut pts = Vec::new();
        let mut px = self.x(x);
        let n = rng.gen_range(14..26);
        for i in 0..n {
            px += rng.gen_range(8.0..24.0);
            let py = y - 18.0 + (i as f32 * rng.gen_range(0.6..1.4)).sin() * rng.gen_range(8.0..26.0);
            pts.push((px, py));
        }
        self.c.stroke(&pts, 2.6, 235);
    }
    fn footer(&mut self, left: &str, right: &str) {
        let f = self.small;
        let y = 2075.0 + self.st.dy[7];
        let dx = self.st.dx;
        self.c.text(&f, L + dx, y, left, 255);
        if !right.is_empty() {
            self.c.text_right(&f, R + dx, y, right, 255);
        }
    }
}

pub fn render_styled(c: &mut Canvas, fonts: &Fonts, st: &Style, doc: &Doc, page: &PageSpec, rng: &mut Rng8) {
    let mut p = P::new(c, fonts, st);
    match page {
        PageSpec::Cover => cover(&mut p, fonts, doc.cover.as_ref().expect("cover"), rng),
        PageSpec::I247aP1 => i247a(&mut p, doc.request.as_ref().expect("req"), rng),
        PageSpec::I247dP1 => i247d(&mut p, doc.request.as_ref().expect("req"), rng),
        PageSpec::Notice(n) => notice(&mut p, doc.request.as_ref().expect("req").form, *n),
        PageSpec::Warrant => match doc.warrant.as_ref().expect("warrant") {
            w @ Warrant::I200 { .. } => i200(&mut p, doc.request.as_ref().unwrap(), w, rng),
            w @ Warrant::I205 { .. } => i205(&mut p, doc.request.as_ref().unwrap(), w, rng),
            w => judicial(&mut p, doc.request.as_ref().unwrap(), w, rng),
        },
        PageSpec::Other(n) => other(&mut p, doc.other.as_ref().expect("other"), *n, rng),
    }
}

const PC_TEXT_A: [&str; 4] = [
    "A final order of removal against the alien;",
    "The pendency of ongoing removal proceedings against the alien;",
    "Biometric confirmation of the alien's identity and a records check of federal databases that affirmatively indicate, by themselves or in addition to other reliable information, that the alien either lacks immigration status or notwithstanding such status is removable under U.S. immigration law; and/or",
    "Statements made by the alien to an immigration officer and/or other reliable evidence that affirmatively indicate the alien either lacks immigration status or notwithstanding such status is removable under U.S. immigration law.",
];

fn pc_checked(r: &Request, i: usize) -> bool {
    let k = [
        ProbableCause::FinalOrder,
        ProbableCause::RemovalProceedings,
        ProbableCause::Biometric,
        ProbableCause::Statements,
    ][i];
    r.pc.contains(&k)
}

/// Header block shared by the I-247 family: ids, dates, TO/FROM boxes. Returns the next baseline.
fn detainer_head(p: &mut P, r: &Request, title: &str) -> f32 {
    let st = p.st;
    let b = p.bold;
    let mut y = 100.0 + st.dy[0];
    p.center(b, y, "DEPARTMENT OF HOMELAND SECURITY");
    y += 50.0;
    let mut big = Face { size: st.ls * 1.3, ..p.bold };
    let tw = big.width(title);
    if tw > R - L {
        big.size *= (R - L) / tw;
    }
    p.center(big, y, title);
    y += 78.0 + st.dy[1];
    p.lv(L, y, "Subject ID:", &r.subject_id);
    p.lv(930.0, y, "Event #:", &r.event);
    y += 50.0;
    p.lv(L, y, "File No:", &r.a_print);
    p.lv(930.0, y, "Date:", &r.issued.mdy());
    y += 28.0;
    // TO / FROM boxes
    let top = y;
    let h = 258.0;
    let mid = 858.0;
    let dx = st.dx;
    p.c.rect(L + dx, top, mid - 8.0 + dx, top + h, 2.0);
    p.c.rect(mid + 8.0 + dx, top, R + dx, top + h, 2.0);
    let small = p.small;
    let ty = p.para(
        small,
        L + 12.0,
        top + 28.0,
        mid - L - 40.0,
        "TO: (Name and Title of Institution - OR Any Subsequent Law Enforcement Agency)",
    );
    let from = if st.from_short {
        "FROM: (DHS Office Address)"
    } else {
        "FROM: (Department of Homeland Security Office Address)"
    };
    let fy = p.para(small, mid + 20.0, top + 28.0, R - mid - 40.0, from);
    let lead = st.vs + 6.0;
    let mut yy = ty + 14.0;
    for line in &r.to {
        p.val_fit(L + 22.0, yy, line, mid - L - 50.0);
        yy += lead;
    }
    let mut yy = fy + 14.0;
    for line in r.office.lines {
        p.val_fit(mid + 30.0, yy, line, R - mid - 50.0);
        yy += lead;
    }
    top + h + 50.0
}

fn name_block(p: &mut P, r: &Request, y: f32, label: &str) -> f32 {
    let mut y = y;
    p.lv(L, y, label, &r.person.name());
    y += 50.0;
    p.lv(L, y, "Date of Birth:", &r.person.dob.mdy());
    p.lv(720.0, y, "Citizenship:", r.person.country);
    p.lv(1390.0, y, "Sex:", &r.person.sex.to_string());
    y + 58.0
}

fn officer_block(p: &mut P, officer: &str, y: f32, rng: &mut Rng8, cap_name: &str, cap_sig: &str) -> f32 {
    let y = y + 20.0;
    p.val_fit(L + 10.0, y, officer, 860.0 - L);
    p.signature(1000.0, y, rng);
    p.hline(L, 880.0, y + 12.0);
    p.hline(960.0, R, y + 12.0);
    let s = p.small;
    let yc = y + 40.0;
    p.c.text(&s, p.x(L), yc, cap_name, 255);
    p.c.text(&s, p.x(960.0), yc, cap_sig, 255);
    yc + 40.0
}

fn requested(p: &mut P, r: &Request, y: f32, voluntary: bool) -> f32 {
    let b = p.bold;
    let mut y = y;
    p.c.text(&b, p.x(L), y, "IT IS THEREFORE REQUESTED THAT YOU:", 255);
    y += 38.0;
    let bullets = [
        format!("Notify DHS as early as practicable (at least 48 hours, if possible) before the alien is released from your custody. Please notify DHS by calling {} U.S. Immigration and Customs Enforcement (ICE) at {}. If you cannot reach an official at the number provided, please contact the Law Enforcement Support Center at: (802) 872-6020.", if voluntary { "" } else { "" }, r.office.phone),
        "Maintain custody of the alien for a period NOT TO EXCEED 48 HOURS beyond the time when he/she would otherwise have been released from your custody to allow DHS to assume custody.".to_string(),
        "Relay this detainer to any other law enforcement agency to which you transfer custody of the alien.".to_string(),
        "Notify this office in the event of the alien's death, hospitalization or transfer to another institution.".to_string(),
    ];
    let f = p.prose;
    let keep: &[usize] = match r.form {
        Form::I247n => &[0, 3],
        Form::I247x => &[0, 2, 3],
        _ => &[0, 1, 2, 3],
    };
    for t in keep.iter().map(|&i| &bullets[i]) {
        p.c.text(&f, p.x(L + 12.0), y, "\u{2022}", 255);
        y = p.para(f, L + 42.0, y, R - L - 60.0, t) + 4.0;
    }
    y
}

fn notice_and_holding(p: &mut P, r: &Request, y: f32, alien: &str) -> f32 {
    let s = p.small;
    let mut y = y + 6.0;
    y = p.para(s, L, y, R - L, &format!("Notice: If the {alien} may be the victim of a crime or you want the {alien} to remain in the United States for prosecution or other law enforcement purposes, including acting as a witness, please notify the ICE Law Enforcement Support Center at (802) 872-6020. You may also call this number if you have any other questions or concerns about this matter."));
    y += 14.0;
    let top = y - 26.0;
    let b = Face { size: p.st.ps * 0.9, ..p.bold };
    y = p.para(
        b,
        L + 12.0,
        y + 8.0,
        R - L - 30.0,
        "TO BE COMPLETED BY THE LAW ENFORCEMENT AGENCY CURRENTLY HOLDING THE ALIEN WITHIN THIS FACILITY:",
    );
    y += 8.0;
    let x2 = 880.0;
    p.c.text(&s, p.x(L + 12.0), y, "Local Booking/Inmate #:", 255);
    if let Some(bk) = &r.booking {
        let v = Face { size: p.st.vs * 0.85, ..p.val };
        let xx = p.x(L + 12.0) + s.width("Local Booking/Inmate #:") + 14.0;
        p.c.text(&v, xx, y, bk, p.st.value_dark);
    }
    p.hline(L + 12.0 + s.width("Local Booking/Inmate #:") + 6.0, x2 - 20.0, y + 6.0);
    p.c.text(&s, p.x(x2), y, "Estimated release date/time:", 255);
    p.hline(x2 + s.width("Estimated release date/time:") + 6.0, R - 12.0, y + 6.0);
    y += 40.0;
    p.c.text(&s, p.x(L + 12.0), y, "Date of latest criminal charge/conviction:", 255);
    p.hline(L + 12.0 + s.width("Date of latest criminal charge/conviction:") + 6.0, x2 - 20.0, y + 6.0);
    p.c.text(&s, p.x(x2), y, "Last offense charged/conviction:", 255);
    p.hline(x2 + s.width("Last offense charged/conviction:") + 6.0, R - 12.0, y + 6.0);
    y += 40.0;
    y = p.para(s, L + 12.0, y, R - L - 30.0, "This form was served upon the alien on ________________, in the following manner:  [ ] in person   [ ] by inmate mail delivery   [ ] other (please specify): ______________________");
    y += 30.0;
    p.hline(L + 12.0, 860.0, y);
    p.hline(960.0, R - 12.0, y);
    p.c.text(&s, p.x(L + 12.0), y + 28.0, "(Name and title of Officer)", 255);
    p.c.text(&s, p.x(960.0), y + 28.0, "(Signature of Officer)", 255);
    y += 48.0;
    let dx = p.st.dx;
    p.c.rect(L + dx, top, R + dx, y, 2.0);
    y
}

fn i247a(p: &mut P, r: &Request, rng: &mut Rng8) {
    let st = p.st;
    let mut y = detainer_head(p, r, "IMMIGRATION DETAINER \u{2013} NOTICE OF ACTION");
    let b = p.bold;
    p.center(b, y + st.dy[2], "MAINTAIN CUSTODY OF ALIEN FOR A PERIOD NOT TO EXCEED 48 HOURS");
    y += 58.0 + st.dy[2];
    y = name_block(p, r, y, "Name of Alien:");
    let hb = Face { size: st.ps, ..p.bold };
    y = p.para(hb, L, y, R - L, "1. DHS HAS DETERMINED THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN. THIS DETERMINATION IS BASED ON (complete box 1 or 2).") + 10.0;
    for (i, t) in PC_TEXT_A.iter().enumerate() {
        y = p.item(L + 20.0, y, pc_checked(r, i), t);
    }
    y += 6.0 + st.dy[3].abs() * 0.5;
    y = p.para(
        hb,
        L,
        y,
        R - L,
        "2. DHS TRANSFERRED THE ALIEN TO YOUR CUSTODY FOR A PROCEEDING OR INVESTIGATION (complete box 1 or 2).",
    ) + 10.0;
    y = p.item(L + 20.0, y, r.box2, "Upon completion of the proceeding or investigation for which the alien was transferred to your custody, DHS intends to resume custody of the alien to complete processing and/or make an admissibility determination.");
    y += 14.0;
    y = requested(p, r, y, false);
    y += 14.0;
    // cancel line
    p.checkbox(L, y, r.cancel.is_some());
    let f = p.prose;
    let tx = p.x(L + st.cb + 16.0);
    let w = p.c.text(
        &f,
        tx,
        y,
        "If checked: please cancel the detainer related to this alien previously submitted to you on",
        255,
    );
    let ux = tx + w + 12.0 - st.dx;
    p.hline(ux, (ux + 220.0).min(R + 60.0), y + 6.0);
    if let Some(d) = r.cancel {
        p.val(ux + 8.0, y - 2.0, &d.mdy());
    }
    y += 34.0;
    y = officer_block(
        p,
        &r.officer,
        y + 20.0,
        rng,
        "(Name and title of Immigration Officer)",
        "(Signature of Immigration Officer)",
    );
    notice_and_holding(p, r, y + 8.0, "alien");
    p.footer("DHS Form I-247A (3/17)", "Page 1 of 3");
}

fn i247d(p: &mut P, r: &Request, rng: &mut Rng8) {
    let st = p.st;
    let title = match r.form {
        Form::I247n => "REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN",
        Form::I247x => "REQUEST FOR VOLUNTARY TRANSFER",
        _ => "IMMIGRATION DETAINER \u{2013} REQUEST FOR VOLUNTARY ACTION",
    };
    let mut y = detainer_head(p, r, title);
    y += st.dy[2] - 10.0;
    y = name_block(p, r, y, "Name of Subject:");
    let hb = Face { size: st.ps, ..p.bold };
    y = p.para(hb, L, y, R - L, "1. DHS HAS DETERMINED THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN WHO MEETS ONE OR MORE OF THE ENFORCEMENT PRIORITIES IN (A) BELOW. THIS DETERMINATION IS BASED ON (B):") + 6.0;
    let f = p.prose;
    p.c.text(&f, p.x(L), y, "(A) The subject is an enforcement priority because:", 255);
    y += 34.0;
    let pri = [
        "the subject has engaged in or is suspected of terrorism or espionage, or otherwise poses a danger to national security;",
        "the subject has been convicted of an offense of which an element was active participation in a criminal street gang;",
        "the subject has been convicted of an offense classified as a felony, other than a state or local offense for which an essential element was the alien's immigration status;",
        "the subject has been convicted of an \"aggravated felony,\" as defined in section 101(a)(43) of the Immigration and Nationality Act;",
        "the subject has been convicted of three or more misdemeanor offenses, not including minor traffic offenses.",
    ];
    for (i, t) in pri.iter().enumerate() {
        y = p.item(L + 20.0, y, r.priority.contains(&i), t) - 2.0;
    }
    y += 4.0;
    p.c.text(&f, p.x(L), y, "(B) Probable cause that the subject is removable is based on:", 255);
    y += 34.0;
    let pc = [
        "a final order of removal against the subject;",
        "the pendency of ongoing removal proceedings against the subject;",
        "biometric confirmation of the subject's identity and a records check of federal databases that affirmatively indicate, by themselves or in addition to other reliable information, that the subject either lacks immigration status or notwithstanding such status is removable;",
        "statements made by the subject to an immigration officer and/or other reliable evidence that affirmatively indicate the subject either lacks immigration status or notwithstanding such status is removable.",
    ];
    for (i, t) in pc.iter().enumerate() {
        y = p.item(L + 20.0, y, pc_checked(r, i), t) - 2.0;
    }
    y += 12.0;
    y = requested(p, r, y, true);
    y = officer_block(
        p,
        &r.officer,
        y + 24.0,
        rng,
        "(Name and title of Immigration Officer)",
        "(Signature of Immigration Officer)",
    );
    notice_and_holding(p, r, y + 4.0, "subject");
    p.footer(r.form.footer(), "Page 1 of 3");
}

const NOTICE_EN: &str = "The Department of Homeland Security (DHS) has placed an immigration detainer on you. An immigration detainer is a notice from DHS informing law enforcement agencies that DHS intends to assume custody of you after you otherwise would be released from custody. DHS has requested that the law enforcement agency which is currently detaining you maintain custody of you for a period not to exceed 48 hours beyond the time when you would have been released based on your criminal charges or convictions. If DHS does not take you into custody during this additional 48 hour period, you should contact your custodian (the agency that is holding you now) to inquire about your release from state or local custody. If you have a complaint regarding this detainer or related to violations of civil rights or civil liberties connected to DHS activities, please contact the ICE Joint Intake Center at 1-877-246-8253. If you believe you are a United States citizen or the victim of a crime, please advise DHS by calling the ICE Law Enforcement Support Center toll free at (855) 448-6903.";
const NOTICE_ES: &str = "El Departamento de Seguridad Nacional (DHS) ha emitido una orden de detención inmigratoria en su contra. Mediante esta orden, se notifica a los organismos policiales que el DHS pretende arrestarlo cuando usted cumpla su reclusión actual. El DHS ha solicitado que el organismo policial local o estatal a cargo de su actual detención lo mantenga en custodia por un período no mayor a 48 horas adicionales al tiempo en que usted habría sido puesto en libertad en función de los cargos o condenas penales. Si el DHS no lo arresta durante este período adicional de 48 horas, usted debe comunicarse con la autoridad que lo tiene bajo custodia para informarse sobre su liberación. Si usted tiene alguna queja sobre esta orden de detención, comuníquese con el Centro Conjunto de Admisión de ICE al 1-877-246-8253. Si usted cree que es ciudadano de los Estados Unidos o víctima de un delito, llame al Centro de Apoyo a los Organismos Policiales de ICE al (855) 448-6903.";
const NOTICE_PT: &str = "O Departamento de Segurança Interna (DHS) emitiu um mandado de detenção imigratória contra você. Este mandado informa às autoridades policiais que o DHS pretende assumir a sua custódia quando você for libertado. O DHS solicitou que a autoridade que o mantém detido o mantenha sob custódia por um período não superior a 48 horas além do momento em que você seria libertado. Se o DHS não assumir a sua custódia durante esse período, entre em contato com a autoridade que o mantém detido. Se acredita que é cidadão dos Estados Unidos ou vítima de um crime, ligue para (855) 448-6903.";
const NOTICE_FR: &str = "Le Département de la Sécurité intérieure (DHS) a émis un ordre de détention en matière d'immigration à votre encontre. Cet ordre informe les services de police que le DHS a l'intention de vous placer sous sa garde à votre libération. Le DHS a demandé à l'organisme qui vous détient actuellement de vous maintenir en détention pendant une période ne dépassant pas 48 heures. Si vous pensez être citoyen des États-Unis ou victime d'un crime, appelez le (855) 448-6903.";
const NOTICE_VI: &str = "Bộ An Ninh Nội Địa (DHS) đã ban hành lệnh giam giữ di trú đối với quý vị. Lệnh này thông báo cho cơ quan thực thi pháp luật rằng DHS dự định tạm giữ quý vị sau khi quý vị được thả. Nếu quý vị tin rằng mình là công dân Hoa Kỳ hoặc là nạn nhân của tội phạm, vui lòng gọi số (855) 448-6903.";

fn notice(p: &mut P, form: Form, n: u32) {
    let st = p.st;
    let b = Face { size: st.ls * 1.1, ..p.bold };
    let f = p.prose;
    let mut y = 110.0 + st.dy[0];
    p.center(p.bold, y, "DEPARTMENT OF HOMELAND SECURITY");
    y += 70.0;
    let blocks: &[(&str, &str)] = if n == 2 {
        &[("NOTICE TO THE DETAINEE", NOTICE_EN), ("AVISO A LA PERSONA DETENIDA", NOTICE_ES)]
    } else {
        &[("AVISO AO DETIDO", NOTICE_PT), ("AVIS AU DÉTENU", NOTICE_FR), ("THÔNG BÁO CHO NGƯỜI BỊ GIAM GIỮ", NOTICE_VI)]
    };
    for (h, t) in blocks {
        p.center(b, y, h);
        y += 50.0;
        y = p.para(f, L, y, R - L, t) + 50.0 + st.dy[1].abs();
    }
    p.footer(form.footer(), &format!("Page {n} of 3"));
}

fn i200(p: &mut P, r: &Request, w: &Warrant, rng: &mut Rng8) {
    let Warrant::I200 { a_print, date, officer, title, boxes } = w else { unreachable!() };
    let st = p.st;
    let mut y = 110.0 + st.dy[0];
    p.center(p.lab, y, "U.S. DEPARTMENT OF HOMELAND SECURITY");
    y += 60.0;
    let big = Face { size: st.ls * 1.4, ..p.bold };
    p.center(big, y, "WARRANT FOR ARREST OF ALIEN");
    y += 80.0 + st.dy[1];
    p.lv(1050.0, y, "File No.", a_print);
    y += 48.0;
    p.lv(1050.0, y, "Date:", &date.mdy());
    y += 70.0;
    let f = p.prose;
    p.c.text(&p.lab.clone(), p.x(L), y, "To:", 255);
    y = p.para(f, L + 70.0, y, R - L - 80.0, "Any immigration officer authorized pursuant to sections 236 and 287 of the Immigration and Nationality Act and part 287 of title 8, Code of Federal Regulations, to serve warrants of arrest for immigration violations");
    y += 30.0;
    let w1 = p.c.text(&f, p.x(L), y, "I have determined that there is probable cause to believe that", 255);
    y += 44.0;
    p.val(L + 30.0, y, &r.person.natural());
    p.hline(L, R, y + 10.0);
    y += 46.0;
    let _ = w1;
    p.c.text(&f, p.x(L), y, "is removable from the United States. This determination is based upon:", 255);
    y += 44.0;
    let items = [
        "the execution of a charging document to initiate removal proceedings against the subject;",
        "the pendency of ongoing removal proceedings against the subject;",
        "the failure to establish admissibility subsequent to deferred inspection;",
        "biometric confirmation of the subject's identity and a records check of federal databases that affirmatively indicate, by themselves or in addition to other reliable information, that the subject either lacks immigration status or notwithstanding such status is removable under U.S. immigration law; and/or",
        "statements made voluntarily by the subject to an immigration officer and/or other reliable evidence that affirmatively indicate the subject either lacks immigration status or notwithstanding such status is removable under U.S. immigration law.",
    ];
    for (i, t) in items.iter().enumerate() {
        y = p.item(L + 20.0, y, boxes.contains(&i), t);
    }
    y += 24.0;
    let bf = p.bold;
    y = p.para(f, L, y, R - L, "YOU ARE COMMANDED to arrest and take into custody for removal proceedings under the Immigration and Nationality Act, the above-named alien.");
    let _ = bf;
    y += 60.0;
    p.signature(1000.0, y, rng);
    p.hline(900.0, R, y + 10.0);
    let s = p.small;
    p.c.text(&s, p.x(900.0), y + 38.0, "(Signature of Authorized Immigration Officer)", 255);
    y += 100.0;
    let v = Face { size: st.vs * 0.9, ..p.val };
    let typed = if chance(rng, 0.5) { format!("{officer}, {title}") } else { format!("{}\n{}", officer, title) };
    for (i, line) in typed.split('\n').enumerate() {
        p.c.text(&v, p.x(900.0), y - 30.0 * (typed.lines().count() - 1 - i) as f32, line, st.value_dark);
    }
    p.hline(900.0, R, y + 10.0);
    p.c.text(&s, p.x(900.0), y + 38.0, "(Printed Name and Title of Authorized Immigration Officer)", 255);
    y += 110.0;
    p.c.hline(L, R, y - 40.0, 3.0);
    p.center(p.bold, y, "Certificate of Service");
    y += 50.0;
    y = p.para(f, L, y, R - L, "I hereby certify that the Warrant for Arrest of Alien was served by me at ______________________ (Location) on ______________________ (Name of Alien) on ____________ (Date of Service), and the contents of this notice were read to him or her in the ______________ (Language) language.");
    y += 70.0;
    p.hline(L, 800.0, y);
    p.hline(960.0, R, y);
    p.c.text(&s, p.x(L), y + 28.0, "Name and Signature of Officer", 255);
    p.c.text(&s, p.x(960.0), y + 28.0, "Name or Number of Interpreter (if applicable)", 255);
    p.footer("Form I-200 (Rev. 09/16)", "");
}

fn i205(p: &mut P, r: &Request, w: &Warrant, rng: &mut Rng8) {
    let Warrant::I205 { a_print, date, officer, title, basis, entry_place, entry_date, section, city } = w else {
        unreachable!()
    };
    let st = p.st;
    let mut y = 110.0 + st.dy[0];
    p.center(p.lab, y, "U.S. Department of Homeland Security");
    y += 60.0;
    let big = Face { size: st.ls * 1.4, ..p.bold };
    p.center(big, y, "WARRANT OF REMOVAL/DEPORTATION");
    y += 80.0 + st.dy[1];
    p.lv(1050.0, y, "File No:", a_print);
    y += 48.0;
    p.lv(1050.0, y, "Date:", &date.mdy());
    y += 70.0;
    let f = p.prose;
    let s = p.small;
    p.c.text(&f, p.x(L), y, "To any immigration officer of the United States Department of Homeland Security:", 255);
    y += 70.0;
    let name = r.person.natural();
    let vw = p.val.width(&name);
    p.val((L + R) / 2.0 - vw / 2.0, y, &name);
    p.hline(L + 100.0, R - 100.0, y + 10.0);
    p.c.text_center(&s, (L + R) / 2.0 + st.dx, y + 38.0, "(Full name of alien)", 255);
    y += 80.0;
    let w0 = p.c.text(&f, p.x(L), y, "who entered the United States at", 255);
    p.val(L + w0 + 20.0, y, entry_place);
    p.hline(L + w0 + 10.0, 1180.0, y + 10.0);
    p.c.text(&f, p.x(1200.0), y, "on", 255);
    if let Some(d) = entry_date {
        p.val(1250.0, y, &d.mdy());
    }
    p.hline(1245.0, R, y + 10.0);
    p.c.text(&s, p.x(L + w0 + 60.0), y + 36.0, "(Place of entry)", 255);
    p.c.text(&s, p.x(1300.0), y + 36.0, "(Date of entry)", 255);
    y += 80.0;
    y = p.para(
        f,
        L,
        y,
        R - L,
        "is subject to removal/deportation from the United States, based upon a final order by:",
    ) + 10.0;
    let items = [
        "an immigration judge in exclusion, deportation, or removal proceedings",
        "a designated official",
        "the Board of Immigration Appeals",
        "a United States District or Magistrate Court Judge",
    ];
    for (i, t) in items.iter().enumerate() {
        y = p.item(L + 40.0, y, *basis == i, t);
    }
    y += 16.0;
    y = p.para(f, L, y, R - L, "and pursuant to the following provisions of the Immigration and Nationality Act:");
    p.val(L + 40.0, y + 4.0, section);
    p.hline(L, R, y + 14.0);
    y += 60.0;
    y = p.para(f, L, y, R - L, "I, the undersigned officer of the United States, by virtue of the power and authority vested in the Secretary of Homeland Security under the laws of the United States and by his or her direction, command you to take into custody and remove from the United States the above-named alien, pursuant to law, at the expense of:");
    p.val(L + 40.0, y + 4.0, "the appropriation for Enforcement and Removal Operations");
    p.hline(L, R, y + 14.0);
    y += 90.0;
    p.signature(960.0, y, rng);
    p.hline(900.0, R, y + 10.0);
    p.c.text(&s, p.x(900.0), y + 36.0, "(Signature of immigration officer)", 255);
    y += 90.0;
    let v = Face { size: st.vs * 0.9, ..p.val };
    p.c.text(&v, p.x(910.0), y, &format!("{officer}, {title}"), st.value_dark);
    p.hline(900.0, R, y + 10.0);
    p.c.text(&s, p.x(900.0), y + 36.0, "(Title of immigration officer)", 255);
    y += 90.0;
    p.c.text(&v, p.x(910.0), y, &format!("{}  {}", date.mdy(), city), st.value_dark);
    p.hline(900.0, R, y + 10.0);
    p.c.text(&s, p.x(900.0), y + 36.0, "(Date and office location)", 255);
    y += 90.0;
    p.c.hline(L, R, y - 30.0, 3.0);
    p.c.text(&p.bold.clone(), p.x(L), y, "Verification of Removal/Deportation", 255);
    y += 44.0;
    p.c.text(&s, p.x(L), y, "Departure Date: ______________   Port of Departure: ______________________   Manner of Departure: __________________", 255);
    p.footer("Form I-205 (Rev. 08/07)", "");
}

fn judicial(p: &mut P, r: &Request, w: &Warrant, rng: &mut Rng8) {
    let Warrant::Judicial { federal, judge, case_no, date, offense } = w else { unreachable!() };
    let st = p.st;
    let mut y = 110.0 + st.dy[0];
    let name = r.person.natural();
    let f = p.prose;
    let s = p.small;
    let big = Face { size: st.ls * 1.3, ..p.bold };
    if *federal {
        p.center(p.small, y - 40.0, "AO 442 (Rev. 11/11) Arrest Warrant");
        p.center(big, y, "UNITED STATES DISTRICT COURT");
        y += 40.0;
        p.center(p.lab, y, "for the");
        y += 40.0;
        p.center(p.lab, y, "District of Massachusetts");
        y += 80.0;
        p.c.text(&p.lab.clone(), p.x(L + 40.0), y, "United States of America", 255);
        y += 40.0;
        p.c.text(&p.lab.clone(), p.x(L + 250.0), y, "v.", 255);
        p.lv(1000.0, y, "Case No.", case_no);
        y += 44.0;
        p.val(L + 40.0, y, &name);
        y += 40.0;
        p.c.text(&s, p.x(L + 250.0), y, "Defendant", 255);
        y += 70.0;
        p.center(big, y, "ARREST WARRANT");
        y += 70.0;
        p.c.text(&f, p.x(L), y, "To:       Any authorized law enforcement officer", 255);
        y += 50.0;
        y = p.para(f, L + 40.0, y, R - L - 40.0, "YOU ARE COMMANDED to arrest and bring before a United States magistrate judge without unnecessary delay (name of person to be arrested)") + 18.0;
        p.val(L + 60.0, y, &name);
        p.hline(L + 40.0, R, y + 10.0);
        y += 44.0;
        y = p.para(
            f,
            L,
            y,
            R - L,
            "who is accused of an offense or violation based on the following document filed with the court:",
        ) + 8.0;
        let kinds = [
            "Indictment",
            "Superseding Indictment",
            "Information",
            "Superseding Information",
            "Complaint",
            "Probation Violation Petition",
            "Supervised Release Violation Petition",
            "Violation Notice",
            "Order of the Court",
        ];
        let sel = rng.gen_range(0..kinds.len());
        let mut x = L + 20.0;
        for (i, k) in kinds.iter().enumerate() {
            let wk = f.width(k) + st.cb + 50.0;
            if x + wk > R {
                x = L + 20.0;
                y += 40.0;
            }
            p.checkbox(x, y, i == sel);
            p.c.text(&f, p.x(x + st.cb + 12.0), y, k, 255);
            x += wk;
        }
        y += 60.0;
        p.c.text(&f, p.x(L), y, "This offense is briefly described as follows:", 255);
        y += 44.0;
        p.val(L + 40.0, y, offense);
        y += 100.0;
        p.c.text(&f, p.x(L), y, &format!("Date:   {}", date.mdy()), 255);
        p.signature(1000.0, y - 10.0, rng);
        p.hline(920.0, R, y + 8.0);
        p.c.text_center(&s, 1270.0 + st.dx, y + 36.0, "Issuing officer's signature", 255);
        y += 90.0;
        p.c.text(&f, p.x(L), y, "City and state:   Boston, Massachusetts", 255);
        p.val_fit(930.0, y, judge, R - 940.0);
        p.hline(920.0, R, y + 8.0);
        p.c.text_center(&s, 1270.0 + st.dx, y + 36.0, "Printed name and title", 255);
        y += 110.0;
        p.c.hline(L, R, y - 40.0, 3.0);
        p.center(p.bold, y, "Return");
        y += 50.0;
        y = p.para(f, L, y, R - L, "This warrant was received on (date) ____________, and the person was arrested on (date) ____________ at (city and state) ______________________.");
        y += 60.0;
        p.c.text(&f, p.x(L), y, "Date: ____________", 255);
        p.hline(920.0, R, y + 8.0);
        p.c.text_center(&s, 1270.0 + st.dx, y + 36.0, "Arresting officer's signature", 255);
        p.footer("AO 442 (Rev. 11/11) Arrest Warrant", "");
    } else {
        p.center(big, y, "COMMONWEALTH OF MASSACHUSETTS");
        y += 44.0;
        p.center(p.lab, y, "THE TRIAL COURT");
        y += 40.0;
        p.center(p.lab, y, "BOSTON MUNICIPAL COURT DEPARTMENT");
        y += 70.0;
        p.lv(L, y, "Docket No.", case_no);
        y += 70.0;
        p.center(big, y, "WARRANT");
        y += 60.0;
        p.center(p.lab, y, "COMMONWEALTH vs.");
        y += 46.0;
        let vw = p.val.width(&name);
        p.val((L + R) / 2.0 - vw / 2.0, y, &name);
        y += 70.0;
        p.c.text(&f, p.x(L), y, "To any authorized officer:", 255);
        y += 44.0;
        y = p.para(f, L, y, R - L, "A complaint has been issued by this court charging the above-named defendant with the offense(s) listed below. YOU ARE COMMANDED to arrest the defendant and bring the defendant before this court forthwith if the court is then in session, and if not, at its next session.");
        y += 30.0;
        p.c.text(&f, p.x(L), y, "Offense(s):", 255);
        p.val(L + 180.0, y, "c.265 s.15A ASSAULT & BATTERY W/ DANGEROUS WEAPON");
        y += 110.0;
        p.c.text(&f, p.x(L), y, &format!("Date issued:  {}", date.mdy()), 255);
        p.signature(1000.0, y - 10.0, rng);
        p.hline(920.0, R, y + 8.0);
        p.c.text_center(&s, 1270.0 + st.dx, y + 36.0, "Signature of Justice", 255);
        y += 90.0;
        p.val_fit(930.0, y, judge, R - 940.0);
        p.hline(920.0, R, y + 8.0);
        p.c.text_center(&s, 1270.0 + st.dx, y + 36.0, "Printed name of Justice", 255);
        p.footer("TC-0016 (rev. 06/19) Warrant", "");
    }
}

fn cover(p: &mut P, fonts: &Fonts, cv: &Cover, _rng: &mut Rng8) {
    let st = p.st;
    let mut y = 140.0 + st.dy[0];
    let v = p.val;
    let f = p.prose;
    match cv.style {
        0 => {
            let huge = fonts.face(st.bold, 150.0);
            p.c.text(&huge, p.x(L), y + 60.0, "FAX", 255);
            let mut yy = y - 40.0;
            for l in &cv.from_org {
                p.c.text_right(&f, R + st.dx, yy, l, 255);
                yy += 32.0;
            }
            y += 170.0;
        }
        1 => {
            let big = Face { size: st.ls * 1.6, ..p.bold };
            p.center(big, y, "FACSIMILE TRANSMITTAL");
            y += 50.0;
            for l in &cv.from_org {
                p.center(f, y, l);
                y += 32.0;
            }
            y += 40.0;
        }
        _ => {
            let big = Face { size: st.ls * 1.8, ..p.lab };
            for l in &cv.from_org {
                p.c.text(&f, p.x(L), y, l, 255);
                y += 32.0;
            }
            y += 40.0;
            p.c.text(&big, p.x(L), y, "Fax Cover Sheet", 255);
            y += 70.0;
        }
    }
    p.c.hline(L, R, y, 3.0);
    y += 60.0;
    let rows: Vec<(&str, String)> = vec![
        ("To:", cv.to.clone()),
        ("Fax:", cv.to_fax.clone()),
        ("From:", cv.from.clone()),
        ("Phone:", cv.from_phone.clone()),
        ("Fax:", cv.from_fax.clone()),
        ("Date:", cv.date.mdy()),
        ("Pages (including cover):", cv.pages.to_string()),
        ("Re:", cv.re.clone()),
    ];
    for (l, val) in rows {
        p.lab(L, y, l);
        let vx = if st.mark % 2 == 0 { L + 420.0 } else { L + p.lab.width(l) + 24.0 };
        p.c.text(&v, p.x(vx), y, &val, st.value_dark);
        p.hline(vx - 6.0, R, y + 10.0);
        y += 62.0;
    }
    y += 20.0;
    if !cv.comments.is_empty() {
        p.lab(L, y, "Comments:");
        p.val(L + 200.0, y, &cv.comments);
        y += 60.0;
    }
    let _ = v;
    let y2 = 1750.0 + st.dy[5];
    let b = Face { size: st.ps, ..p.bold };
    p.c.text(&b, p.x(L), y2.max(y + 40.0), "CONFIDENTIALITY NOTICE", 255);
    p.para(p.small, L, y2.max(y + 40.0) + 36.0, R - L, "This facsimile transmission contains information that is confidential, privileged, or otherwise protected from disclosure. It is intended only for the use of the addressee named above. If you are not the intended recipient, any dissemination, distribution, or copying of this communication is strictly prohibited. If you received this transmission in error, please notify the sender immediately by telephone and destroy the original.");
}

fn letterhead(p: &mut P, lines: &[&str]) -> f32 {
    let mut y = 120.0 + p.st.dy[0];
    let big = Face { size: p.st.ls * 1.25, ..p.bold };
    p.center(big, y, lines[0]);
    y += 42.0;
    for l in &lines[1..] {
        p.center(p.small, y, l);
        y += 30.0;
    }
    p.c.hline(L, R, y, 2.0);
    y + 70.0
}

fn other(p: &mut P, o: &Other, n: u32, rng: &mut Rng8) {
    let f = p.prose;
    let v = p.val;
    let name = o.person.name();
    let natural = o.person.natural();
    match o.kind {
        OtherKind::HearingNotice => {
            let mut y = letterhead(
                p,
                &[
                    "COMMONWEALTH OF MASSACHUSETTS",
                    "THE TRIAL COURT",
                    "BOSTON MUNICIPAL COURT DEPARTMENT - CENTRAL DIVISION",
                    "24 New Chardon Street, Boston, MA 02114",
                ],
            );
            p.center(Face { size: p.st.ls * 1.3, ..p.bold }, y, "NOTICE OF HEARING");
            y += 70.0;
            p.lv(L, y, "Docket No.", &o.docket);
            y += 50.0;
            p.lv(L, y, "Commonwealth v.", &name);
            y += 50.0;
            p.lv(L, y, "Date of Birth:", &o.person.dob.mdy());
            y += 70.0;
            let d = o.date.add(rng.gen_range(10..60));
            y = p.para(f, L, y, R - L, &format!("You are hereby notified that the above-entitled matter is scheduled for a {} on {} {}, {} at 9:00 AM in Courtroom {}. The presence of the arresting officer and of any civilian witness is required. Failure to appear may result in the dismissal of the complaint.", pick(rng, &["pretrial conference", "motion hearing", "jury trial", "probation violation hearing"]), d.month_name(), d.d, d.y, rng.gen_range(1..12)));
            y += 40.0;
            y = p.para(f, L, y, R - L, "Police prosecutors: please forward this notice to the officer(s) listed in the incident report and confirm attendance with the session clerk.");
            y += 90.0;
            p.signature(1000.0, y, rng);
            p.hline(940.0, R, y + 10.0);
            p.c.text(&p.small.clone(), p.x(940.0), y + 38.0, "Clerk-Magistrate", 255);
            p.footer("BMC-NH-1 (2018)", "");
        }
        OtherKind::RecordsRequest => {
            let mut y = letterhead(
                p,
                &["THE BAY STATE LEDGER", "Newsroom - 200 Harborview Drive, Boston, MA 02210", "Tel. (617) 555-0177"],
            );
            if n == 1 {
                p.c.text(&f, p.x(L), y, &format!("{} {}, {}", o.date.month_name(), o.date.d, o.date.y), 255);
                y += 60.0;
                for l in ["Records Access Officer", "Boston Police Department", "1 Schroeder Plaza", "Boston, MA 02120"]
                {
                    p.c.text(&f, p.x(L), y, l, 255);
                    y += 32.0;
                }
                y += 30.0;
                p.c.text(&p.bold.clone(), p.x(L), y, "Re: Public Records Request under M.G.L. c. 66, s. 10", 255);
                y += 60.0;
                y = p.para(f, L, y, R - L, "Dear Records Access Officer:") + 20.0;
                y = p.para(f, L, y, R - L, &format!("Pursuant to the Massachusetts Public Records Law, I request copies of the following records for the period January 1, {} through December 31, {}: (1) all logs of civil immigration detainer requests received by the Department; (2) the annual report submitted under the Boston Trust Act; (3) any policies governing the receipt of faxes from U.S. Immigration and Customs Enforcement.", o.date.y - 1, o.date.y - 1)) + 20.0;
                y = p.para(f, L, y, R - L, "If you expect a fee to exceed $10.00, please inform me first. I would prefer to receive the records electronically. Thank you for your assistance.") + 40.0;
                if o.pages == 1 {
                    p.c.text(&f, p.x(L), y, "Sincerely,", 255);
                    p.val(L, y + 80.0, &o.author);
                }
            } else {
                y = p.para(f, L, y, R - L, "Additional detail: the request covers records in any format, including electronic logs, fax server archives and email. Please redact personal information as permitted by exemption (c) and provide a log of any withheld records.") + 40.0;
                p.c.text(&f, p.x(L), y, "Sincerely,", 255);
                p.val(L, y + 80.0, &o.author);
            }
            p.footer("", &format!("Page {} of {}", n, o.pages));
        }
        OtherKind::AttorneyLetter => {
            let mut y = letterhead(
                p,
                &[
                    "LAW OFFICE OF R. THORNBURY",
                    "Immigration and Criminal Defense",
                    "15 Court Square, Suite 400, Boston, MA 02108 - (617) 555-0144",
                ],
            );
            if n == 1 {
                p.c.text(&f, p.x(L), y, &format!("{:02}/{:02}/{}", o.date.m, o.date.d, o.date.y), 255);
                y += 50.0;
                p.c.text(&f, p.x(L), y, "VIA FACSIMILE", 255);
                y += 50.0;
                for l in ["Commanding Officer", "Boston Police Department", "Boston, MA"] {
                    p.c.text(&f, p.x(L), y, l, 255);
                    y += 32.0;
                }
                y += 30.0;
                p.lv(L, y, "Re:", &format!("My client {name}"));
                y += 44.0;
                p.lv(L + 60.0, y, "DOB:", &o.person.dob.mdy());
                if let Some(a) = &o.a_print {
                    p.lv(L + 500.0, y, "A-Number:", a);
                }
                y += 60.0;
                y = p.para(f, L, y, R - L, "Dear Commanding Officer:") + 20.0;
                y = p.para(f, L, y, R - L, &format!("I represent {natural}, who I understand is currently held at your facility. I write regarding the immigration detainer (DHS Form I-247A) that U.S. Immigration and Customs Enforcement may have lodged against my client. An immigration detainer is a civil request. Under Lunn v. Commonwealth, 477 Mass. 517 (2017), Massachusetts officers lack authority to hold an individual solely on the basis of a civil immigration detainer or an administrative warrant (Form I-200 or Form I-205).")) + 20.0;
                y = p.para(f, L, y, R - L, "Please confirm in writing whether any Form I-247A, Notice of Action, or any warrant has been received concerning my client, and provide copies. Please do not hold my client beyond the time of release on any criminal matter.") + 30.0;
                let _ = v;
                if o.pages == 1 {
                    p.c.text(&f, p.x(L), y, "Very truly yours,", 255);
                    p.val(L, y + 80.0, &format!("{}, Esq.", o.author));
                }
            } else {
                y = p.para(f, L, y, R - L, "I also request that any communication with ICE concerning my client, including notification of release date and time under the detainer's request, be disclosed to counsel. Nothing in this letter consents to any interview of my client by immigration officers outside counsel's presence.") + 40.0;
                p.c.text(&f, p.x(L), y, "Very truly yours,", 255);
                p.val(L, y + 80.0, &format!("{}, Esq.", o.author));
                p.val(L, y + 120.0, "cc: client file");
            }
            p.footer(
                "",
                if o.pages > 1 {
                    if n == 1 {
                        "Page 1 of 2"
                    } else {
                        "Page 2 of 2"
                    }
                } else {
                    ""
                },
            );
        }
        OtherKind::MedicalRelease => {
            let mut y = letterhead(
                p,
                &[
                    "HARBORSIDE COMMUNITY HOSPITAL",
                    "Health Information Management",
                    "300 Longwood Way, Boston, MA 02115 - Fax (617) 555-0188",
                ],
            );
            p.center(
                Face { size: p.st.ls * 1.1, ..p.bold },
                y,
                "AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION",
            );
            y += 70.0;
            p.lv(L, y, "Patient Name:", &name);
            y += 50.0;
            p.lv(L, y, "Date of Birth:", &o.person.dob.mdy());
            p.lv(900.0, y, "MRN:", &format!("{}", rng.gen_range(1000000..9999999)));
            y += 60.0;
            y = p.para(
                f,
                L,
                y,
                R - L,
                "I authorize the release of the following information to the Boston Police Department, Detective Unit:",
            ) + 10.0;
            for (i, t) in [
                "Emergency department records",
                "Discharge summary",
                "Laboratory results",
                "Radiology reports",
                "Other (specify)",
            ]
            .iter()
            .enumerate()
            {
                y = p.item(L + 20.0, y, i == 0 || (i == 1 && chance(rng, 0.5)), t);
            }
            y += 20.0;
            y = p.para(f, L, y, R - L, "This authorization expires one year from the date of signature. I understand that I may revoke it in writing at any time, except to the extent that action has already been taken.") + 60.0;
            p.signature(200.0, y, rng);
            p.hline(L, 800.0, y + 10.0);
            p.c.text(&p.small.clone(), p.x(L), y + 38.0, "Signature of patient or legal representative", 255);
            p.lv(960.0, y, "Date:", &o.date.mdy());
            p.footer("HIM-102 (rev. 2019)", "");
        }
        OtherKind::Memo => {
            let mut y = letterhead(p, &["BOSTON POLICE DEPARTMENT", "Interdepartmental Correspondence"]);
            p.lv(L, y, "TO:", "All District Commanders");
            y += 50.0;
            p.lv(L, y, "FROM:", &o.author);
            y += 50.0;
            p.lv(L, y, "DATE:", &o.date.mdy());
            y += 50.0;
            p.lv(L, y, "SUBJECT:", "In-service training schedule");
            y += 70.0;
            y = p.para(f, L, y, R - L, "The following in-service training sessions are scheduled at the Academy. Booking officers are reminded that all faxes received on station lines must be forwarded to the Operations Division the same day.") + 30.0;
            for i in 0..5 {
                let d = o.date.add(7 * (i + 1));
                p.c.text(&f, p.x(L + 40.0), y, &format!("{}   0800-1600   Session {}", d.mdy(), i + 1), 255);
                y += 40.0;
            }
            p.footer("BPD Form 0034", "");
        }
    }
}
