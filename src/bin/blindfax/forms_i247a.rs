//! Form I-247A page 1 (edition 3/17) and the blocks the detainer forms share: the identifier header, the
//! TO/FROM boxes, the subject line, the signature block. Wording follows detainer-forms.md where it quotes
//! the form; the rest is paraphrase.

use crate::canvas::Page;
use crate::layout::{Layout, Sheet, Style};
use crate::model::{Form, Pc, Request};
use crate::names::title_case;
use crate::notice::footer_for;
use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng as Rng8;

pub const LESC_PHONE: &str = "(802) 872-6020";

pub fn name_value(r: &Request) -> String {
    let s = format!("{}, {}", r.name.family, r.name.given);
    if r.name_upper {
        s
    } else {
        // Typed in mixed case: "Pineda Aguilar, Alexander Jose".
        s.split(", ").map(title_case).collect::<Vec<_>>().join(", ")
    }
}

pub fn dob_value(r: &Request) -> String {
    if r.dob_loose {
        r.dob.us_loose()
    } else {
        r.dob.us()
    }
}

pub fn sex_value(r: &Request) -> String {
    match (r.sex, r.sex_word) {
        ('M', true) => "Male".into(),
        ('F', true) => "Female".into(),
        (c, _) => c.to_string(),
    }
}

pub fn country_value(r: &Request) -> String {
    if r.country_upper {
        r.name.country.to_string()
    } else {
        title_case(r.name.country)
    }
}

/// Header, title, identifiers and the TO/FROM boxes: the same on every detainer form family.
pub fn id_header(s: &mut Sheet, r: &Request, title: &str, rng: &mut Rng8) {
    let st = s.st.clone();
    if rng.gen_bool(0.5) {
        s.center("DEPARTMENT OF HOMELAND SECURITY", st.title_pt * 0.82, true);
    } else {
        s.center("U.S. DEPARTMENT OF HOMELAND SECURITY", st.title_pt * 0.75, false);
    }
    s.center(title, st.title_pt, true);
    s.gap(4.0);
    let date = r.issued.us();
    let a = r.a_print.clone();
    match st.layout {
        Layout::Classic => {
            s.fields(&[("Subject ID:", &r.subject_id), ("File No:", &a)]);
            s.fields(&[("Event #:", &r.event_print), ("Date:", &date)]);
        }
        Layout::Ruled => s.fields(&[
            ("Subject ID:", &r.subject_id),
            ("Event #:", &r.event_print),
            ("File No:", &a),
            ("Date:", &date),
        ]),
        Layout::Compact => s.fields(&[
            ("Subject ID:", &r.subject_id),
            ("Event #:", &r.event_print),
            ("File No:", &a),
            ("Date:", &date),
        ]),
    }
    s.gap(4.0);
    let from_label = if rng.gen_bool(0.6) {
        "FROM: (Department of Homeland Security Office Address)"
    } else {
        "FROM: (DHS Office Address)"
    };
    s.boxes(
        ("TO: (Name and Title of Institution - OR Any Subsequent Law Enforcement Agency)", &r.to),
        (from_label, &r.from),
    );
}

/// The subject's name line and the date of birth / citizenship / sex line.
pub fn subject_block(s: &mut Sheet, r: &Request, name_label: &str, country_label: &str) {
    let name = name_value(r);
    let (dob, country, sex) = (dob_value(r), country_value(r), sex_value(r));
    s.fields(&[(name_label, &name)]);
    s.fields(&[("Date of Birth:", &dob), (country_label, &country), ("Sex:", &sex)]);
}

pub fn pc_texts(who: &str) -> [(Pc, String); 4] {
    [
        (Pc::FinalOrder, format!("A final order of removal against the {who};")),
        (Pc::Proceedings, format!("The pendency of ongoing removal proceedings against the {who};")),
        (
            Pc::Biometric,
            format!("Biometric confirmation of the {who}'s identity and a records check of federal databases that affirmatively indicate, by themselves or in addition to other reliable information, that the {who} either lacks immigration status or notwithstanding such status is removable under U.S. immigration law; and/or"),
        ),
        (
            Pc::Statements,
            format!("Statements made by the {who} to an immigration officer and/or other reliable evidence that affirmatively indicate the {who} either lacks immigration status or notwithstanding such status is removable under U.S. immigration law."),
        ),
    ]
}

/// "IT IS THEREFORE REQUESTED THAT YOU:" with the office's number and the LESC number.
pub fn requests_block(s: &mut Sheet, r: &Request, who: &str, hold: bool) {
    s.gap(3.0);
    s.para_bold("IT IS THEREFORE REQUESTED THAT YOU:", 0.0);
    let bullet = |s: &mut Sheet, t: &str| {
        let size = s.st.body_pt;
        let (x, y) = (s.x0 + 4.0, s.y + size);
        s.p.text(x, y, "•", s.lf, size);
        s.para(t, 14.0);
    };
    bullet(
        s,
        &format!("Notify DHS as early as practicable (at least 48 hours, if possible) before the {who} is released from your custody. Please notify DHS by calling"),
    );
    // The agency choice and the office's number, then the LESC fallback number.
    let size = s.st.body_pt;
    let x = s.x0 + 14.0;
    s.checkbox(x, s.y + 0.5, !r.cbp);
    let mut cx = x + size * 1.05 + 4.0;
    cx += s.p.text(cx, s.y + size, "U.S. Immigration and Customs Enforcement (ICE) or", s.lf, size) + 5.0;
    s.checkbox(cx, s.y + 0.5, r.cbp);
    cx += size * 1.05 + 4.0;
    cx += s.p.text(cx, s.y + size, "U.S. Customs and Border Protection (CBP) at", s.lf, size) + 5.0;
    let phone = r.office.phone.to_string();
    let vw = s.p.measure(&phone, s.vf, s.st.value_pt);
    if cx + vw > s.x1 {
        s.y += size * s.st.leading;
        cx = x;
    }
    s.value(cx, s.y + size, &phone);
    s.y += size * s.st.leading + 2.0;
    s.para(&format!("If you cannot reach an official at the number(s) provided, please contact the Law Enforcement Support Center at: {LESC_PHONE}."), 14.0);
    if hold {
        bullet(s, &format!("Maintain custody of the {who} for a period NOT TO EXCEED 48 HOURS beyond the time when he/she would otherwise have been released from your custody to allow DHS to assume custody. The {who} must be served with a copy of this form for the detainer to take effect."));
    }
    bullet(
        s,
        &format!("Relay this detainer to any other law enforcement agency to which you transfer custody of the {who}."),
    );
    bullet(
        s,
        &format!(
            "Notify this office in the event of the {who}'s death, hospitalization or transfer to another institution."
        ),
    );
}

/// The cancellation checkbox with the earlier request's date typed after it.
pub fn cancel_line(s: &mut Sheet, r: &Request, who: &str) {
    let size = s.st.body_pt;
    s.gap(3.0);
    let bx = s.x0;
    s.checkbox(bx, s.y + 0.5, r.cancel.is_some());
    let tx = bx + size * 1.05 + 5.0;
    let text = format!("If checked: please cancel the detainer related to this {who} previously submitted to you on");
    let (base, end) = s.p.paragraph_ex(tx, s.y + size, s.x1 - tx, &text, s.lf, size, s.st.leading);
    let val = r.cancel.map(|d| d.us()).unwrap_or_default();
    let w = s.p.measure("00/00/0000", s.vf, s.st.value_pt) + 10.0;
    let (vx, vy) = if end + w + 30.0 < s.x1 { (end + 6.0, base) } else { (tx, base + size * s.st.leading) };
    s.p.hline(vx, vx + w, vy + 1.5, 0.5);
    if !val.is_empty() {
        s.value(vx + 3.0, vy, &val);
    }
    s.p.text(vx + w + 3.0, vy, "(date).", s.lf, size);
    s.y = vy + size * (s.st.leading - 1.0) + 4.0;
}

/// Officer's typed name and title, and a signature.
pub fn officer_block(s: &mut Sheet, r: &Request, rng: &mut Rng8) {
    s.gap(s.st.value_pt + 12.0);
    let base = s.y + 6.0;
    let w = s.width() * 0.46;
    let typed = format!("{}, {}", r.officer.0, r.officer.1);
    s.sign_line(s.x0, w, base, "(Name and title of Immigration Officer)", Some(&typed));
    let sx = s.x1 - w;
    s.sign_line(sx, w, base, "(Signature of Immigration Officer) (Sign in ink)", None);
    s.signature(sx + 8.0, base, w * 0.8, rng);
    s.y = base + s.st.label_pt + 8.0;
}

pub fn i247a_page1(p: &mut Page, st: &Style, r: &Request) {
    let mut rng = Rng8::seed_from_u64(r.variant);
    let mut s = Sheet::new(p, st);
    id_header(&mut s, r, "IMMIGRATION DETAINER – NOTICE OF ACTION", &mut rng);
    s.center("MAINTAIN CUSTODY OF ALIEN FOR A PERIOD NOT TO EXCEED 48 HOURS", st.body_pt * 1.15, true);
    s.gap(2.0);
    subject_block(&mut s, r, "Name of Alien:", "Citizenship:");
    s.gap(3.0);
    if st.layout != Layout::Compact {
        s.rule();
    }
    s.para_bold("1. DHS HAS DETERMINED THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN. THIS DETERMINATION IS BASED ON (complete box 1 or 2).", 0.0);
    for (pc, text) in pc_texts("alien") {
        s.check_item(8.0, r.pc.contains(&pc), &text);
    }
    s.para_bold(
        "2. DHS TRANSFERRED THE ALIEN TO YOUR CUSTODY FOR A PROCEEDING OR INVESTIGATION (complete box 1 or 2).",
        0.0,
    );
    s.check_item(8.0, r.box2, "Upon completion of the proceeding or investigation for which the alien was transferred to your custody, DHS intends to resume custody of the alien to complete processing and/or make an admissibility determination.");
    if st.layout != Layout::Compact {
        s.rule();
    }
    requests_block(&mut s, r, "alien", true);
    cancel_line(&mut s, r, "alien");
    officer_block(&mut s, r, &mut rng);
    let limit = s.p.height_pt() - 62.0;
    if s.y < limit - 40.0 {
        s.para(&format!("Notice: If the alien may be the victim of a crime or you want the alien to remain in the United States for prosecution or other law enforcement purposes, including acting as a witness, please notify the ICE Law Enforcement Support Center at {LESC_PHONE}. You may also call this number if you have any other questions or concerns about this matter."), 0.0);
    }
    if s.y < limit - 70.0 {
        holding_block(&mut s, r, "alien", limit);
    }
    let (foot, total) = footer_for(Form::I247A);
    s.footer(foot, &format!("Page 1 of {total}"));
}

/// The block the holding agency fills in; usually blank, sometimes with a booking number typed in.
pub fn holding_block(s: &mut Sheet, r: &Request, who: &str, limit: f32) {
    s.rule();
    s.para_bold(
        &format!(
            "TO BE COMPLETED BY THE LAW ENFORCEMENT AGENCY CURRENTLY HOLDING THE {} WHO IS THE SUBJECT OF THIS NOTICE:",
            who.to_uppercase()
        ),
        0.0,
    );
    let booking = r.booking.clone().unwrap_or_default();
    let rows: [[(&str, &str); 2]; 2] = [
        [("Local Booking/Inmate #:", &booking), ("Estimated release date/time:", "")],
        [("Date of latest criminal charge/conviction:", ""), ("Last offense charged/conviction:", "")],
    ];
    let size = s.st.label_pt;
    for row in rows {
        if s.y > limit - 20.0 {
            return;
        }
        let colw = s.width() / 2.0;
        let base = s.y + size + 6.0;
        for (i, (label, val)) in row.iter().enumerate() {
            let x = s.x0 + colw * i as f32;
            let lw = s.p.text(x, base, label, s.lf, size);
            s.p.hline(x + lw + 3.0, x + colw - 8.0, base + 1.5, 0.5);
            if !val.is_empty() {
                s.value(x + lw + 6.0, base, val);
            }
        }
        s.y = base + 4.0;
    }
    if s.y < limit - 24.0 {
        s.para(&format!("This form was served upon the {who} on ____________, in the following manner:  in person  /  by inmate mail delivery  /  other (please specify): ____________"), 0.0);
    }
}
