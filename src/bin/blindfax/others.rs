//! Faxes that are not detainers, and the cover sheets that go in front of anything: court notices, public
//! records requests and attorney letters that talk about detainers (some quote the form's title and an
//! A-number), hospital forms, a criminal warrant sent alone, and cover sheets with nothing behind them.

use crate::calendar::Date;
use crate::canvas::Page;
use crate::layout::{Layout, Sheet, Style};
use crate::model::{a_print, AStyle, Body, Doc, Other, OtherKind, Warrant, WarrantKind};
use crate::names::{self, title_case};
use crate::people;
use crate::warrants::{warrant_page, Subject};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng as Rng8;

/// Who sends a cover sheet, the way its letterhead reads.
fn cover_sender(doc: &Doc, rng: &mut Rng8) -> (Vec<String>, String, String, String) {
    match &doc.body {
        Body::Detainer(r) => {
            let o = r.office;
            let head = vec![
                "U.S. Department of Homeland Security".to_string(),
                "U.S. Immigration and Customs Enforcement".to_string(),
                format!("Enforcement and Removal Operations - {}", o.name),
            ];
            (head, people::person_plain(rng), o.phone.to_string(), o.fax.to_string())
        }
        Body::Other(o) => {
            let mut r = Rng8::seed_from_u64(o.variant);
            let (org, street, city) = match o.kind {
                OtherKind::Medical => *people::HOSPITALS.choose(&mut r).unwrap(),
                OtherKind::CourtNotice | OtherKind::StateWarrant => *people::MA_COURTS.choose(&mut r).unwrap(),
                _ => *people::LAW_FIRMS.choose(&mut r).unwrap(),
            };
            let (_, phone) = people::OTHER_SENDERS.choose(rng).unwrap();
            (
                vec![org.to_string(), format!("{street}, {city}")],
                people::person_plain(rng),
                phone.to_string(),
                phone.to_string(),
            )
        }
    }
}

pub fn cover_page(p: &mut Page, st: &Style, doc: &Doc, total_pages: usize, date: Date, to_fax: &str) {
    let mut rng = Rng8::seed_from_u64(match &doc.body {
        Body::Detainer(r) => r.variant ^ 0xc0,
        Body::Other(o) => o.variant ^ 0xc0,
    });
    let (head, from_name, phone, fax) = cover_sender(doc, &mut rng);
    let mut s = Sheet::new(p, st);
    for (i, h) in head.iter().enumerate() {
        s.center(h, if i == 0 { st.title_pt * 0.9 } else { st.body_pt * 1.2 }, i == 0);
    }
    s.gap(14.0);
    let title =
        *["FAX COVER SHEET", "FACSIMILE TRANSMITTAL SHEET", "FAX", "FAX TRANSMISSION"].choose(&mut rng).unwrap();
    s.center(title, st.title_pt * 1.6, true);
    s.gap(14.0);
    let to = match &doc.body {
        Body::Detainer(r) => r.to.get(1).cloned().unwrap_or_else(|| r.to[0].clone()),
        Body::Other(_) => ["Records Access Officer", "Booking Desk", "Office of the Legal Advisor", "Duty Supervisor"]
            .choose(&mut rng)
            .unwrap()
            .to_string(),
    };
    let re = match &doc.body {
        Body::Detainer(r) => match rng.gen_range(0..5) {
            0 => "Immigration Detainer".to_string(),
            1 => format!("I-247 / {}", r.name.family),
            2 => "DETAINER - PLEASE SERVE SUBJECT AND RETURN".to_string(),
            3 => format!("Detainer and warrant: {}", r.name.family),
            _ => "ICE Detainer".to_string(),
        },
        Body::Other(o) => match o.kind {
            OtherKind::RecordsRequest => "Public records request".to_string(),
            OtherKind::AttorneyLetter => "Client in custody - letter attached".to_string(),
            OtherKind::Medical => "Medical records / authorization".to_string(),
            OtherKind::CourtNotice => "Notice of hearing".to_string(),
            _ => ["Test transmission - please confirm receipt", "Schedule", "Per our call", "Follow up"]
                .choose(&mut rng)
                .unwrap()
                .to_string(),
        },
    };
    let pages = total_pages.to_string();
    let d = date.us();
    s.fields(&[("To:", &to), ("From:", &from_name)]);
    s.fields(&[("Fax:", to_fax), ("Fax:", &fax)]);
    s.fields(&[("Phone:", ""), ("Phone:", &phone)]);
    s.fields(&[("Date:", &d), ("Pages (including cover):", &pages)]);
    s.fields(&[("Re:", &re)]);
    s.gap(10.0);
    let size = st.body_pt;
    let mut x = s.x0;
    for (i, t) in ["Urgent", "For Review", "Please Comment", "Please Reply", "Please Recycle"].iter().enumerate() {
        s.checkbox(x, s.y, i == 0 && rng.gen_bool(0.5));
        x += s.p.text(x + size * 1.05 + 4.0, s.y + size, t, s.lf, size) + size * 1.05 + 18.0;
    }
    s.y += size * 2.0;
    s.rule();
    s.left("Comments:", st.label_pt, true);
    let msg = match &doc.body {
        Body::Detainer(_) => [
            "Please see attached detainer. Serve the subject and fax the signed copy back to this office.",
            "Attached please find the detainer and warrant for the subject in your custody.",
            "Please call with the release date.",
            "",
        ]
        .choose(&mut rng)
        .unwrap()
        .to_string(),
        Body::Other(_) => ["Please see attached.", "Original to follow by mail.", "Thank you.", ""]
            .choose(&mut rng)
            .unwrap()
            .to_string(),
    };
    if !msg.is_empty() {
        let b = s.y + st.value_pt;
        s.value(s.x0 + 10.0, b, &msg);
        s.y = b + 10.0;
    }
    s.gap(120.0);
    s.para_bold("CONFIDENTIALITY NOTICE:", 0.0);
    s.para("The documents accompanying this facsimile transmission contain information that is confidential and/or legally privileged. The information is intended only for the use of the individual or entity named above. If you are not the intended recipient, you are hereby notified that any disclosure, copying, distribution or the taking of any action in reliance on the contents of this information is strictly prohibited. If you have received this fax in error, please notify the sender immediately by telephone and destroy the documents.", 0.0);
}

pub fn other_page(p: &mut Page, st: &Style, o: &Other, page: u8, to_fax: &str) {
    let mut rng = Rng8::seed_from_u64(o.variant);
    let person = names::person_name(&mut rng);
    let dob = o.date.add(-rng.gen_range(20 * 365..60 * 365));
    match o.kind {
        OtherKind::CourtNotice => court_notice(p, st, o, page, &person, &mut rng),
        OtherKind::RecordsRequest => records_request(p, st, o, page, &mut rng),
        OtherKind::AttorneyLetter => attorney_letter(p, st, o, page, &person, dob, &mut rng),
        OtherKind::Medical => medical(p, st, o, &person, dob, &mut rng),
        OtherKind::StateWarrant => {
            let w = Warrant {
                kind: WarrantKind::State,
                date: o.date,
                case_no: format!("{:02}{:02}CR{:06}", o.date.y % 100, rng.gen_range(1..99), rng.gen_range(100..9999)),
                judge: people::judge(&mut rng),
                signer: people::officer(&mut rng),
                court: rng.gen_range(0..6),
                offense: rng.gen_range(0..6),
                entry_place: String::new(),
                entry_date: o.date,
            };
            let who = Subject {
                name: format!("{}, {}", person.family, person.given),
                a_print: String::new(),
                dob,
                male: person.male,
                pc: Vec::new(),
                variant: o.variant,
            };
            warrant_page(p, st, &w, &who);
        }
        OtherKind::CoverOnly => {
            let doc = Doc {
                id: String::new(),
                body: Body::Other(o.clone()),
                pages: vec![],
                style: st.clone(),
                copy_of: None,
            };
            cover_page(p, st, &doc, 1, o.date, to_fax);
        }
    }
}

fn letterhead(s: &mut Sheet, org: &str, street: &str, city: &str, rng: &mut Rng8) {
    let st = s.st.clone();
    if rng.gen_bool(0.5) {
        s.center(org, st.title_pt * 1.1, true);
        s.center(&format!("{street}  |  {city}"), st.body_pt, false);
    } else {
        s.left(org, st.title_pt, true);
        s.left(street, st.body_pt, false);
        s.left(city, st.body_pt, false);
    }
    s.rule();
    s.gap(10.0);
}

fn court_notice(p: &mut Page, st: &Style, o: &Other, page: u8, person: &names::Name, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    let (court, street, city) = *people::MA_COURTS.choose(rng).unwrap();
    let docket = format!("{:02}{:02}CR{:06}", o.date.y % 100, rng.gen_range(1..99), rng.gen_range(100..9999));
    if page > 0 {
        s.center("NOTICE OF RIGHTS AND SERVICES", st.title_pt, true);
        s.gap(8.0);
        s.para("Interpreter services are available at no cost. If you or a witness need an interpreter, notify the Clerk-Magistrate's office as soon as possible. Persons with disabilities may request reasonable accommodation by contacting the court's ADA coordinator.", 0.0);
        s.para("If a party is in the custody of a sheriff, the Department of Correction or any other agency, the custodian is directed to transport the party to the court on the date above. Questions about custody, bail, holds or detainers lodged by other agencies should be directed to the holding agency and not to this office.", 0.0);
        s.para("Failure to appear may result in the issuance of a warrant. Please bring this notice with you.", 0.0);
        return;
    }
    s.center("COMMONWEALTH OF MASSACHUSETTS", st.title_pt * 0.85, true);
    s.center("THE TRIAL COURT", st.body_pt * 1.2, false);
    s.center(
        if court.starts_with("Boston Municipal") {
            "BOSTON MUNICIPAL COURT DEPARTMENT"
        } else {
            "DISTRICT COURT DEPARTMENT"
        },
        st.body_pt * 1.2,
        false,
    );
    s.center(court, st.body_pt * 1.2, false);
    s.gap(8.0);
    s.center(
        ["NOTICE OF HEARING", "NOTICE TO APPEAR", "NOTICE OF SCHEDULED COURT EVENT"].choose(rng).unwrap(),
        st.title_pt * 1.15,
        true,
    );
    s.gap(8.0);
    let caption = format!("COMMONWEALTH v. {} {}", person.given, person.family);
    s.fields(&[("Docket No.:", &docket)]);
    s.fields(&[("Case:", &caption)]);
    let when = o.date.add(rng.gen_range(7..60));
    let time = ["9:00 AM", "2:00 PM", "10:30 AM", "11:00 AM"].choose(rng).unwrap();
    let event = *["Pretrial Hearing", "Arraignment", "Probation Violation Hearing", "Motion Hearing", "Jury Trial"]
        .choose(rng)
        .unwrap();
    s.fields(&[("Event:", event), ("Date:", &when.us()), ("Time:", time)]);
    s.fields(&[("Location:", &format!("Courtroom {}, {street}, {city}", rng.gen_range(1..12)))]);
    s.gap(8.0);
    s.para(&format!("You are hereby notified that the above-entitled matter is scheduled for a {} on {} at {}. All parties and counsel of record are required to appear. Counsel for the defendant and the Commonwealth shall be prepared to address the status of discovery.", event.to_lowercase(), when.long(), time), 0.0);
    s.gap(30.0);
    let b = s.y + 8.0;
    let half = s.width() * 0.45;
    s.sign_line(s.x1 - half, half, b, "Clerk-Magistrate / Assistant Clerk", Some(&people::person_plain(rng)));
    s.y = b + 30.0;
    s.fields(&[("Date issued:", &o.date.us())]);
}

fn records_request(p: &mut Page, st: &Style, o: &Other, page: u8, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    let year = o.date.y - 1;
    if page == 0 {
        let orgs = [
            ("Boston Civic Transparency Project", "77 Summer Street, Suite 500", "Boston, MA 02110"),
            ("The Harbor Ledger - Newsroom", "300 Congress Street", "Boston, MA 02210"),
            ("Massachusetts Immigrant Justice Coalition", "2 Oliver Street, 4th Floor", "Boston, MA 02109"),
        ];
        let (org, street, city) = *orgs.choose(rng).unwrap();
        letterhead(&mut s, org, street, city, rng);
        s.left(&o.date.long(), st.body_pt * 1.1, false);
        s.gap(8.0);
        for l in [
            "Records Access Officer",
            "Boston Police Department, Office of the Legal Advisor",
            "1 Schroeder Plaza",
            "Boston, MA 02120",
        ] {
            s.left(l, st.body_pt * 1.1, false);
        }
        s.gap(8.0);
        s.left("Re: Public Records Request - immigration detainers", st.body_pt * 1.1, true);
        s.gap(6.0);
        s.para("Dear Records Access Officer:", 0.0);
        s.para(&format!("Pursuant to the Massachusetts Public Records Law, G.L. c. 66, § 10, I request copies of the following records for the period January 1, {year} through December 31, {year}:"), 0.0);
        for item in [
            "All immigration detainer requests received by the Department, including any DHS Form I-247A, \"Immigration Detainer – Notice of Action\", and any legacy Form I-247D, I-247N or I-247X;",
            "Any Form I-200 (Warrant for Arrest of Alien) or Form I-205 (Warrant of Removal/Deportation) received with such requests;",
            "Records sufficient to show the number of persons held or transferred to U.S. Immigration and Customs Enforcement, and any reimbursement received;",
            "Logs or indexes of faxes received on the Department's detainer line and at district booking stations.",
        ] {
            s.para(&format!("-  {item}"), 12.0);
        }
        s.para("Personal identifying information of detained individuals may be redacted. I ask that records be provided electronically. If any portion of this request is denied, please cite the specific exemption and release all segregable portions.", 0.0);
    } else {
        s.gap(20.0);
        s.para("I agree to pay reasonable fees under 950 CMR 32.07; please inform me in advance if the estimated fees will exceed $50. This request relates to the annual report required by the Boston Trust Act, and the information is of significant public interest.", 0.0);
        s.para("Thank you for your assistance. I look forward to your response within ten business days as the statute requires.", 0.0);
        s.gap(20.0);
        s.left("Sincerely,", st.body_pt * 1.1, false);
        s.gap(30.0);
        let name = people::person_plain(rng);
        s.signature(s.x0, s.y, 120.0, rng);
        s.left(&name, st.body_pt * 1.1, false);
        s.left(&format!("(617) 555-01{:02}", rng.gen_range(10..99)), st.body_pt, false);
    }
    s.footer("", &format!("Page {} of {}", page + 1, o.pages));
}

#[allow(clippy::too_many_arguments)]
fn attorney_letter(p: &mut Page, st: &Style, o: &Other, page: u8, person: &names::Name, dob: Date, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    let (firm, street, city) = *people::LAW_FIRMS.choose(rng).unwrap();
    let client = format!("{} {}", title_case(&person.given), title_case(&person.family));
    let a = a_print(
        rng.gen_range(100_000_000..300_000_000),
        9,
        *[AStyle::Plain, AStyle::Dashed, AStyle::Spaced].choose(rng).unwrap(),
    );
    if page == 0 {
        letterhead(&mut s, firm, street, city, rng);
        s.left(&o.date.long(), st.body_pt * 1.1, false);
        s.gap(6.0);
        s.left("VIA FACSIMILE", st.body_pt * 1.1, true);
        for l in ["Commanding Officer", "Boston Police Department", "1 Schroeder Plaza, Boston, MA 02120"] {
            s.left(l, st.body_pt * 1.1, false);
        }
        s.gap(8.0);
        s.left(&format!("Re: {client}, A# {a}, DOB {}", dob.us()), st.body_pt * 1.1, true);
        s.gap(6.0);
        s.para("Dear Sir or Madam:", 0.0);
        s.para(&format!("This office represents {client}, who we understand is presently held at your facility. We write concerning the immigration detainer that U.S. Immigration and Customs Enforcement may have lodged against our client, styled \"Immigration Detainer – Notice of Action\" (DHS Form I-247A), and any administrative warrant accompanying it."), 0.0);
        s.para("As you know, the Supreme Judicial Court held in Lunn v. Commonwealth, 477 Mass. 517 (2017), that Massachusetts law provides no authority for officers to arrest or hold an individual solely on the basis of a civil immigration detainer. An ICE administrative warrant (Form I-200 or I-205) is not a warrant issued by a judge and does not change that analysis.", 0.0);
        s.para("We therefore ask that our client not be held beyond the time he or she would otherwise be released, and that you notify this office of any contact from immigration authorities. Please direct all communications regarding our client to the undersigned.", 0.0);
    } else {
        s.gap(20.0);
        s.para("Nothing in this letter waives any right or privilege of our client. Should you believe that a judicial warrant exists, we ask that you provide a copy to this office so that we may review it.", 0.0);
        s.para("Thank you for your prompt attention to this matter.", 0.0);
    }
    if page + 1 == o.pages as u8 {
        s.gap(20.0);
        s.left("Very truly yours,", st.body_pt * 1.1, false);
        s.gap(28.0);
        s.signature(s.x0, s.y, 130.0, rng);
        s.left(&format!("{}, Esq.", people::person_plain(rng)), st.body_pt * 1.1, false);
        s.left(&format!("BBO# {}", rng.gen_range(600000..699999)), st.body_pt, false);
    }
    if o.pages > 1 {
        s.footer("", &format!("{} of {}", page + 1, o.pages));
    }
}

fn medical(p: &mut Page, st: &Style, o: &Other, person: &names::Name, dob: Date, rng: &mut Rng8) {
    let mut s = Sheet::new(p, st);
    let (hosp, street, city) = *people::HOSPITALS.choose(rng).unwrap();
    letterhead(&mut s, hosp, street, city, rng);
    let patient = format!("{}, {}", person.family, person.given);
    let mrn = format!("{}", rng.gen_range(10_000_000..99_999_999));
    if rng.gen_bool(0.5) {
        s.center("AUTHORIZATION FOR RELEASE OF PROTECTED HEALTH INFORMATION", st.title_pt * 0.95, true);
        s.gap(6.0);
        s.fields(&[("Patient Name:", &patient), ("Date of Birth:", &dob.us())]);
        s.fields(&[("Medical Record #:", &mrn), ("Phone:", "")]);
        s.gap(4.0);
        s.para_bold("I authorize the release of the following information:", 0.0);
        for (i, t) in [
            "Discharge summary",
            "History and physical",
            "Emergency department record",
            "Laboratory results",
            "Medication list",
            "Other (specify): ______________",
        ]
        .iter()
        .enumerate()
        {
            s.check_item(10.0, i == 0 || i == 4, t);
        }
        s.fields(&[("Release to:", "Boston Police Department - Medical Unit")]);
        s.fields(&[("Purpose:", "Continuity of care")]);
        s.para("This authorization expires one year from the date signed unless revoked earlier in writing. I understand that information disclosed under this authorization may be redisclosed by the recipient and no longer protected by federal privacy regulations (45 CFR Parts 160 and 164).", 0.0);
    } else {
        s.center("MEDICAL CLEARANCE - PATIENT IN CUSTODY", st.title_pt, true);
        s.gap(6.0);
        s.fields(&[("Patient:", &patient), ("DOB:", &dob.us()), ("MRN:", &mrn)]);
        s.fields(&[("Arresting agency:", "Boston Police Department"), ("Date:", &o.date.us())]);
        s.gap(4.0);
        s.para("The above patient was evaluated in the Emergency Department and is medically cleared for booking and incarceration. Follow-up instructions are attached. Medications dispensed: none.", 0.0);
        s.fields(&[(
            "Diagnosis:",
            [
                "Contusion, left forearm",
                "Alcohol intoxication, resolved",
                "Laceration repaired",
                "Chest pain, non-cardiac",
            ]
            .choose(rng)
            .unwrap(),
        )]);
        s.fields(&[("Follow up:", "Primary care within 7 days")]);
    }
    s.gap(24.0);
    let b = s.y + 8.0;
    let half = s.width() * 0.45;
    s.sign_line(s.x0, half, b, "Signature", None);
    s.signature(s.x0 + 6.0, b, half * 0.6, rng);
    s.sign_line(s.x1 - half, half, b, "Date", Some(&o.date.us()));
    s.y = b + 20.0;
    if s.st.layout == Layout::Ruled {
        s.rule();
    }
    s.footer(&format!("{} HIM-{}", hosp.split(' ').next().unwrap_or(""), rng.gen_range(100..999)), "");
}
