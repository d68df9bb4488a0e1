//! Pages that are not detainer paperwork: fax cover sheets and the unrelated faxes a receiving line also
//! gets (court notices, records requests, attorney letters, medical releases, memos).

use super::{Face, L, P, R};
use crate::corpus::{Cover, Other, OtherKind};
use crate::people::{chance, pick, Rng8};
use crate::text::Fonts;
use rand::Rng;

pub(super) fn cover(p: &mut P, fonts: &Fonts, cv: &Cover, _rng: &mut Rng8) {
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

pub(super) fn other(p: &mut P, o: &Other, n: u32, rng: &mut Rng8) {
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
