//! Warrants attached after a request: the administrative I-200 and I-205 (signed by immigration officers), the
//! federal AO 442 arrest warrant and state-court criminal warrants (signed by judicial officers). Also used
//! alone as an unrelated fax (a criminal warrant with no detainer is not a detainer).

use crate::calendar::Date;
use crate::canvas::Page;
use crate::layout::{Layout, Sheet, Style};
use crate::model::{Pc, Request, Warrant, WarrantKind};
use crate::names::title_case;
use crate::people;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng as Rng8;

/// Who a warrant names and the identifiers it prints; a subset of the request.
pub struct Subject {
    pub name: String,
    pub a_print: String,
    pub dob: Date,
    pub male: bool,
    pub pc: Vec<Pc>,
    pub variant: u64,
}

impl Subject {
    pub fn of(r: &Request) -> Subject {
        Subject {
            name: format!("{}, {}", r.name.family, r.name.given),
            a_print: r.a_print.clone(),
            dob: r.dob,
            male: r.name.male,
            pc: r.pc.clone(),
            variant: r.variant ^ 0x77a7,
        }
    }
    /// "GIVEN FAMILY" the way court captions print a defendant.
    pub fn natural(&self) -> String {
        let mut it = self.name.splitn(2, ", ");
        let fam = it.next().unwrap_or("");
        let giv = it.next().unwrap_or("");
        format!("{giv} {fam}")
    }
}

pub fn warrant_page(p: &mut Page, st: &Style, w: &Warrant, who: &Subject) {
    let mut rng = Rng8::seed_from_u64(who.variant);
    match w.kind {
        WarrantKind::I200 => i200(p, st, w, who, &mut rng),
        WarrantKind::I205 { judge_box } => i205(p, st, w, who, judge_box, &mut rng),
        WarrantKind::Ao442 => ao442(p, st, w, who, &mut rng),
        WarrantKind::State | WarrantKind::None => state(p, st, w, who, &mut rng),
    }
}

fn top_right_ids(s: &mut Sheet, who: &Subject, date: Date, file_label: &str) {
    let x = s.x0 + s.width() * 0.58;
    let lp = s.st.label_pt;
    let y = s.y + s.st.value_pt;
    let lw = s.p.text(x, y, file_label, s.lb, lp);
    s.value(x + lw + 5.0, y, &who.a_print);
    let y2 = y + s.st.value_pt * 1.5;
    let lw = s.p.text(x, y2, "Date:", s.lb, lp);
    s.value(x + lw + 5.0, y2, &date.us());
    s.y = y2 + 8.0;
}

fn i200(p: &mut Page, st: &Style, w: &Warrant, who: &Subject, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    s.left("U.S. DEPARTMENT OF HOMELAND SECURITY", st.label_pt * 1.1, true);
    s.center("WARRANT FOR ARREST OF ALIEN", st.title_pt, true);
    s.gap(4.0);
    top_right_ids(&mut s, who, w.date, "File No.");
    s.para("To: Any immigration officer authorized pursuant to sections 236 and 287 of the Immigration and Nationality Act and part 287 of title 8, Code of Federal Regulations, to serve warrants of arrest for immigration violations", 0.0);
    s.gap(4.0);
    let size = st.body_pt;
    let (base, end) = s.p.paragraph_ex(
        s.x0,
        s.y + size,
        s.width(),
        "I have determined that there is probable cause to believe that",
        s.lf,
        size,
        st.leading,
    );
    let name = if rng.gen_bool(0.7) { who.name.clone() } else { who.natural() };
    let nw = s.p.measure(&name, s.vf, st.value_pt);
    let (nx, ny) = if end + nw + 12.0 < s.x1 { (end + 6.0, base) } else { (s.x0, base + size * st.leading + 2.0) };
    s.value(nx, ny, &name);
    s.y = ny + 2.0;
    s.para("is removable from the United States. This determination is based upon:", 0.0);
    let items = [
        ("the execution of a charging document to initiate removal proceedings against the subject;", w.date.d % 3 == 0),
        ("the pendency of ongoing removal proceedings against the subject;", who.pc.contains(&Pc::Proceedings)),
        ("the failure to establish admissibility subsequent to deferred inspection;", false),
        ("biometric confirmation of the subject's identity and a records check of federal databases that affirmatively indicate, by themselves or in addition to other reliable information, that the subject either lacks immigration status or notwithstanding such status is removable under U.S. immigration law; and/or", who.pc.contains(&Pc::Biometric) || who.pc.is_empty()),
        ("statements made voluntarily by the subject to an immigration officer and/or other reliable evidence that affirmatively indicate the subject either lacks immigration status or notwithstanding such status is removable under U.S. immigration law.", who.pc.contains(&Pc::Statements)),
    ];
    for (t, c) in items {
        s.check_item(8.0, c, t);
    }
    s.gap(4.0);
    s.para_bold("YOU ARE COMMANDED to arrest and take into custody for removal proceedings under the Immigration and Nationality Act, the above-named alien.", 0.0);
    admin_signature(
        &mut s,
        w,
        rng,
        "(Signature of Authorized Immigration Officer)",
        "(Printed Name and Title of Authorized Immigration Officer)",
    );
    s.gap(10.0);
    s.rule();
    s.center("Certificate of Service", st.body_pt * 1.2, true);
    s.para("I hereby certify that the Warrant for Arrest of Alien was served by me at ____________________ (Location) on ____________________ (Name of Alien) on ____________ (Date), and the contents of this notice were read to him or her in the ____________ (Language) language.", 0.0);
    s.gap(14.0);
    let base = s.y + 8.0;
    let half = s.width() * 0.45;
    s.sign_line(s.x0, half, base, "Name and Signature of Officer", None);
    s.sign_line(s.x1 - half, half, base, "Name or Number of Interpreter (if applicable)", None);
    s.footer(["Form I-200 (Rev. 09/16)", "Form I-200 (Rev. 08/01/07)"][rng.gen_range(0..2)], "");
}

fn admin_signature(s: &mut Sheet, w: &Warrant, rng: &mut Rng8, sig_cap: &str, name_cap: &str) {
    s.gap(s.st.value_pt + 14.0);
    let x = s.x0 + s.width() * 0.45;
    let wd = s.x1 - x;
    let base = s.y + 6.0;
    s.sign_line(x, wd, base, sig_cap, None);
    s.signature(x + 10.0, base, wd * 0.7, rng);
    let base2 = base + s.st.label_pt + s.st.value_pt + 14.0;
    let typed = format!("{} - {}", w.signer.0, w.signer.1);
    s.sign_line(x, wd, base2, name_cap, Some(&typed));
    s.y = base2 + s.st.label_pt + 6.0;
}

fn i205(p: &mut Page, st: &Style, w: &Warrant, who: &Subject, judge_box: bool, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    s.left("U.S. DEPARTMENT OF HOMELAND SECURITY", st.label_pt * 1.1, true);
    s.center("WARRANT OF REMOVAL/DEPORTATION", st.title_pt, true);
    s.gap(4.0);
    top_right_ids(&mut s, who, w.date, "File No:");
    s.para("To any immigration officer of the United States Department of Homeland Security:", 0.0);
    s.gap(8.0);
    let base = s.y + st.value_pt + 4.0;
    s.value(s.x0 + 20.0, base, &who.name);
    s.p.hline(s.x0, s.x1, base + 2.0, 0.5);
    s.p.text(s.x0 + s.width() * 0.4, base + st.label_pt + 2.0, "(Full name of alien)", s.lf, st.label_pt * 0.9);
    s.y = base + st.label_pt + 8.0;
    let base = s.y + st.value_pt + 2.0;
    let lw = s.p.text(s.x0, base, "who entered the United States at", s.lf, st.body_pt);
    s.value(s.x0 + lw + 8.0, base, &w.entry_place);
    let ox = s.x0 + s.width() * 0.66;
    let lw2 = s.p.text(ox, base, "on", s.lf, st.body_pt);
    s.value(ox + lw2 + 6.0, base, &w.entry_date.us());
    s.y = base + 4.0;
    s.p.text(s.x0 + s.width() * 0.3, s.y + st.label_pt, "(Place of entry)", s.lf, st.label_pt * 0.85);
    s.p.text(ox + 20.0, s.y + st.label_pt, "(Date of entry)", s.lf, st.label_pt * 0.85);
    s.y += st.label_pt + 6.0;
    s.para("is subject to removal/deportation from the United States, based upon a final order by:", 0.0);
    let chosen = if judge_box { 3 } else { rng.gen_range(0..3) };
    for (i, t) in [
        "an immigration judge in exclusion, deportation, or removal proceedings",
        "a designated official",
        "the Board of Immigration Appeals",
        "a United States District or Magistrate Court Judge",
    ]
    .iter()
    .enumerate()
    {
        s.check_item(10.0, i == chosen, t);
    }
    s.para("and pursuant to the following provisions of the Immigration and Nationality Act:", 0.0);
    let section = ["212(a)(6)(A)(i)", "237(a)(2)(A)(iii)", "237(a)(1)(B)", "212(a)(7)(A)(i)(I)"].choose(rng).unwrap();
    let b = s.y + st.value_pt + 2.0;
    s.value(s.x0 + 20.0, b, section);
    s.y = b + 6.0;
    s.para("I, the undersigned officer of the United States, by virtue of the power and authority vested in the Secretary of Homeland Security under the laws of the United States and by his or her direction, command you to take into custody and remove from the United States the above-named alien, pursuant to law, at the expense of:", 0.0);
    let b = s.y + st.value_pt + 2.0;
    s.value(s.x0 + 20.0, b, "the appropriation \"Salaries and Expenses, ICE\"");
    s.y = b + 6.0;
    admin_signature(&mut s, w, rng, "(Signature of immigration officer)", "(Title of immigration officer)");
    s.gap(8.0);
    let b = s.y + st.value_pt;
    s.value(
        s.x0 + s.width() * 0.47,
        b,
        &format!("{}  {}", w.date.us(), ["Burlington, MA", "Boston, MA", "Hartford, CT"].choose(rng).unwrap()),
    );
    s.p.hline(s.x0 + s.width() * 0.45, s.x1, b + 2.0, 0.5);
    s.p.text(s.x0 + s.width() * 0.45, b + st.label_pt + 2.0, "(Date and office location)", s.lf, st.label_pt * 0.9);
    s.footer(["Form I-205 (Rev. 08/07)", "Form I-205 (Rev. 08/01/07)"][rng.gen_range(0..2)], "");
}

fn ao442(p: &mut Page, st: &Style, w: &Warrant, who: &Subject, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    let (district, city) = people::FED_DISTRICTS[w.court % people::FED_DISTRICTS.len()];
    s.left("AO 442 (Rev. 11/11) Arrest Warrant", st.label_pt * 0.9, false);
    s.rule();
    s.gap(6.0);
    s.center("UNITED STATES DISTRICT COURT", st.title_pt, true);
    s.center("for the", st.body_pt, false);
    s.center(district, st.value_pt, false);
    s.gap(10.0);
    // The caption: parties on the left, a bracket column, the case number on the right.
    let top = s.y;
    let lx = s.x0 + 20.0;
    let mut y = top + st.body_pt;
    s.p.text(lx, y, "United States of America", s.lf, st.body_pt * 1.1);
    y += st.body_pt * 1.6;
    s.p.text(lx + 70.0, y, "v.", s.lf, st.body_pt * 1.1);
    y += st.body_pt * 1.8;
    let defendant = who.natural();
    s.value(lx, y, &defendant);
    y += st.body_pt * 1.6;
    s.p.hline(lx, s.x0 + s.width() * 0.45, y - st.body_pt, 0.5);
    s.p.text(lx + 60.0, y + 2.0, "Defendant", s.lf, st.label_pt);
    let bx = s.x0 + s.width() * 0.5;
    let mut by = top + st.body_pt;
    while by < y + 4.0 {
        s.p.text(bx, by, ")", s.lf, st.body_pt);
        by += st.body_pt * 1.15;
    }
    let lw = s.p.text(bx + 20.0, top + st.body_pt * 3.4, "Case No.", s.lf, st.body_pt);
    s.value(bx + 26.0 + lw, top + st.body_pt * 3.4, &w.case_no);
    s.y = y + 16.0;
    s.center("ARREST WARRANT", st.title_pt * 1.05, true);
    s.gap(4.0);
    s.left("To:      Any authorized law enforcement officer", st.body_pt * 1.05, false);
    s.gap(4.0);
    s.para(
        "YOU ARE COMMANDED to arrest and bring before a United States magistrate judge without unnecessary delay",
        0.0,
    );
    let b = s.y + st.value_pt + 2.0;
    s.p.text(s.x0, b, "(name of person to be arrested)", s.lf, st.label_pt * 0.9);
    s.value(s.x0 + 140.0, b, &defendant);
    s.p.hline(s.x0 + 135.0, s.x1, b + 2.0, 0.5);
    s.y = b + 6.0;
    s.para("who is accused of an offense or violation based on the following document filed with the court:", 0.0);
    let docs = [
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
    let pick = *[0usize, 4, 4, 6].choose(rng).unwrap();
    let mut x = s.x0 + 6.0;
    let size = st.body_pt;
    for (i, d) in docs.iter().enumerate() {
        let wd = s.p.measure(d, s.lf, size) + size * 1.05 + 16.0;
        if x + wd > s.x1 {
            x = s.x0 + 6.0;
            s.y += size * 1.6;
        }
        s.checkbox(x, s.y + 0.5, i == pick);
        s.p.text(x + size * 1.05 + 4.0, s.y + size, d, s.lf, size);
        x += wd;
    }
    s.y += size * 1.8;
    s.para("This offense is briefly described as follows:", 0.0);
    let b = s.y + st.value_pt + 2.0;
    s.value(s.x0 + 20.0, b, people::OFFENSES[w.offense % people::OFFENSES.len()]);
    s.y = b + 24.0;
    let b = s.y + st.value_pt;
    let lw = s.p.text(s.x0, b, "Date:", s.lf, st.body_pt);
    s.value(s.x0 + lw + 12.0, b, &w.date.us());
    let rx = s.x0 + s.width() * 0.5;
    s.sign_line(rx, s.x1 - rx, b + 2.0, "Issuing officer's signature", None);
    s.signature(rx + 10.0, b + 2.0, (s.x1 - rx) * 0.7, rng);
    let b2 = b + st.value_pt * 2.0 + 14.0;
    let lw = s.p.text(s.x0, b2, "City and state:", s.lf, st.body_pt);
    s.value(s.x0 + lw + 8.0, b2, city);
    let judge_title = if rng.gen_bool(0.75) { "U.S. Magistrate Judge" } else { "United States District Judge" };
    s.sign_line(rx, s.x1 - rx, b2 + 2.0, "Printed name and title", Some(&format!("{}, {judge_title}", w.judge)));
    s.y = b2 + st.label_pt + 18.0;
    s.rule();
    s.center("Return", st.body_pt * 1.3, true);
    s.para("This warrant was received on (date) ____________, and the person was arrested on (date) ____________ at (city and state) ________________________.", 0.0);
    s.gap(16.0);
    let b = s.y + 6.0;
    s.p.text(s.x0, b, "Date: ____________", s.lf, st.body_pt);
    s.sign_line(rx, s.x1 - rx, b, "Arresting officer's signature", None);
    s.sign_line(rx, s.x1 - rx, b + st.label_pt + 24.0, "Printed name and title", None);
}

fn state(p: &mut Page, st: &Style, w: &Warrant, who: &Subject, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    let (court, street, city) = people::MA_COURTS[w.court % people::MA_COURTS.len()];
    let offense = people::STATE_OFFENSES[w.offense % people::STATE_OFFENSES.len()];
    let size = st.body_pt;
    match rng.gen_range(0..3) {
        0 | 1 => {
            // Massachusetts district court warrant: ruled header boxes, docket number, trial court caption.
            let top = s.y;
            let wd = s.width();
            s.p.rect(s.x0, top, wd, 44.0, 0.8);
            s.p.vline(s.x0 + wd * 0.28, top, top + 44.0, 0.8);
            s.p.vline(s.x0 + wd * 0.52, top, top + 44.0, 0.8);
            s.p.text(s.x0 + 6.0, top + 26.0, "WARRANT", s.tb, st.title_pt * 1.1);
            s.p.text(s.x0 + wd * 0.28 + 4.0, top + 10.0, "DOCKET NUMBER", s.lf, st.label_pt * 0.85);
            s.value(s.x0 + wd * 0.28 + 8.0, top + 30.0, &w.case_no);
            s.p.text(s.x0 + wd * 0.52 + 6.0, top + 12.0, "Trial Court of Massachusetts", s.lb, size * 1.1);
            s.p.text(s.x0 + wd * 0.52 + 6.0, top + 24.0, "District Court Department", s.lf, size);
            s.p.text(s.x0 + wd * 0.52 + 6.0, top + 36.0, "COMMONWEALTH OF MASSACHUSETTS", s.lb, size);
            s.y = top + 50.0;
            if s.st.layout == Layout::Ruled {
                s.fields(&[("NAME AND ADDRESS OF DEFENDANT", &who.name), ("DATE OF BIRTH", &who.dob.us())]);
                s.fields(&[("COURT NAME & ADDRESS", &format!("{court}, {street}, {city}"))]);
            } else {
                s.fields(&[("DEFENDANT:", &who.name)]);
                s.fields(&[("DATE OF BIRTH:", &who.dob.us()), ("SEX:", if who.male { "M" } else { "F" })]);
                s.fields(&[("COURT:", &format!("{court}, {street}, {city}"))]);
            }
            s.gap(4.0);
            s.para_bold("OFFENSE(S) CHARGED", 0.0);
            let b = s.y + st.value_pt;
            s.value(s.x0 + 10.0, b, &format!("1. {offense}"));
            s.y = b + 8.0;
            s.para_bold("TO ANY AUTHORIZED OFFICER:", 0.0);
            s.para("A complaint having been issued charging the above-named defendant with the offense(s) listed above, and the defendant having failed to appear as required, YOU ARE COMMANDED to arrest the defendant and bring him or her before the above-named Court forthwith, or if the Court is not then in session, to commit the defendant to the custody of the appropriate officer for safekeeping until the Court is next in session.", 0.0);
            s.gap(18.0);
            let b = s.y + 8.0;
            let third = s.width() / 3.0;
            s.value(s.x0 + 4.0, b - 2.0, &w.date.us());
            s.sign_line(s.x0, third - 10.0, b, "DATE ISSUED", None);
            s.sign_line(s.x0 + third, third - 10.0, b, "WITNESS: FIRST JUSTICE", Some(&format!("Hon. {}", w.judge)));
            s.sign_line(s.x0 + 2.0 * third, third - 10.0, b, "SIGNATURE OF CLERK-MAGISTRATE/ASST. CLERK", None);
            s.signature(s.x0 + 2.0 * third + 6.0, b, third * 0.7, rng);
            s.y = b + 30.0;
            s.rule();
            s.para_bold("RETURN OF SERVICE", 0.0);
            s.para("I have this day arrested the defendant and brought him or her before the Court. Date: ____________ Signature and title of arresting officer: ______________________", 0.0);
        }
        _ => {
            // A neighbouring state's superior court arrest warrant (Connecticut/New Hampshire style wording).
            let (state_name, court_name) = *[
                ("STATE OF CONNECTICUT", "SUPERIOR COURT"),
                ("THE STATE OF NEW HAMPSHIRE", "CIRCUIT COURT - DISTRICT DIVISION"),
                ("STATE OF RHODE ISLAND", "DISTRICT COURT"),
            ]
            .choose(rng)
            .unwrap();
            s.center(state_name, st.title_pt * 0.9, true);
            s.center(court_name, st.title_pt * 0.8, true);
            s.gap(4.0);
            s.center("ARREST WARRANT", st.title_pt * 1.1, true);
            s.gap(6.0);
            s.fields(&[("Docket No.:", &w.case_no), ("Date:", &w.date.us())]);
            s.fields(&[("Name of accused:", &title_case(&who.natural()))]);
            s.fields(&[("Date of birth:", &who.dob.us())]);
            s.gap(4.0);
            s.para("TO ANY PROPER OFFICER: By the authority of the State, you are hereby commanded to arrest the body of the above-named accused and bring the accused before a clerk or assistant clerk of the court, to answer to the complaint or information charging the offense(s) of:", 0.0);
            // Another state's court cites its own statutes: keep the description, drop the M.G.L. citation.
            let words: Vec<&str> = offense.split_whitespace().collect();
            let start =
                words.iter().position(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_uppercase())).unwrap_or(0);
            let b = s.y + st.value_pt;
            s.value(s.x0 + 10.0, b, &words[start..].join(" "));
            s.y = b + 10.0;
            s.para("The court finds, upon the affidavit of the complainant, that there is probable cause to believe that an offense has been committed and that the accused committed it.", 0.0);
            s.gap(24.0);
            let b = s.y + 8.0;
            let half = s.width() * 0.48;
            s.sign_line(s.x1 - half, half, b, "Signature of Judge", None);
            s.signature(s.x1 - half + 8.0, b, half * 0.7, rng);
            s.sign_line(
                s.x1 - half,
                half,
                b + 36.0,
                "Printed name of Judge",
                Some(&format!("Hon. {}, Judge", w.judge)),
            );
        }
    }
}
