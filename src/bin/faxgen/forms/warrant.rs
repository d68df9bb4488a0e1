//! The warrant pages sent with a request: the administrative I-200 and I-205, and judicial arrest warrants
//! (federal AO 442 and a state court's).

use super::{Face, L, P, R};
use crate::corpus::{Request, Warrant};
use crate::people::{chance, Rng8};
use rand::Rng;

pub(super) fn i200(p: &mut P, r: &Request, w: &Warrant, rng: &mut Rng8) {
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

pub(super) fn i205(p: &mut P, r: &Request, w: &Warrant, rng: &mut Rng8) {
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

pub(super) fn judicial(p: &mut P, r: &Request, w: &Warrant, rng: &mut Rng8) {
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
