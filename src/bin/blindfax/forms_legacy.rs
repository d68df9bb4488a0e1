//! First pages of the detainer forms rescinded in 2017 that still arrive: I-247D (request for voluntary
//! action), I-247N (notification of release), I-247X (voluntary transfer) and the 2012 I-247. They share the
//! I-247A's header block but word the subject and the request differently and carry their own footers.

use crate::canvas::Page;
use crate::forms_i247a::{
    cancel_line, holding_block, id_header, officer_block, pc_texts, requests_block, subject_block,
};
use crate::layout::{Layout, Sheet, Style};
use crate::model::{Form, Pc, Request};
use crate::notice::footer_for;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng as Rng8;

const PRIORITIES: [&str; 5] = [
    "has engaged in or is suspected of terrorism or espionage, or otherwise poses a danger to national security;",
    "has been convicted of an offense for which an element was active participation in a criminal street gang;",
    "has been convicted of an offense classified as a felony, other than a state or local offense for which an essential element was the alien's immigration status;",
    "has been convicted of an aggravated felony, as defined in section 101(a)(43) of the Immigration and Nationality Act at the time of the conviction;",
    "has been convicted of a \"significant misdemeanor\" or three or more misdemeanor offenses not arising out of the same act, omission, scheme, or misconduct.",
];

fn priority_block(s: &mut Sheet, r: &Request, lead: &str) {
    s.para(lead, 8.0);
    for (i, t) in PRIORITIES.iter().enumerate() {
        s.check_item(16.0, i == r.priority, t);
    }
}

fn sections_db(s: &mut Sheet, r: &Request, header: &str) {
    s.para_bold(header, 0.0);
    priority_block(s, r, "(A) The subject is a priority for removal because he or she (check one):");
    s.para("(B) Probable cause that the subject is a removable alien is based on (check all that apply):", 8.0);
    for (pc, text) in pc_texts("subject") {
        s.check_item(16.0, r.pc.contains(&pc), &text);
    }
}

pub fn legacy_page1(p: &mut Page, st: &Style, r: &Request) {
    let mut rng = Rng8::seed_from_u64(r.variant);
    let mut s = Sheet::new(p, st);
    let limit = s.p.height_pt() - 62.0;
    match r.form {
        Form::I247D => {
            id_header(&mut s, r, "IMMIGRATION DETAINER – REQUEST FOR VOLUNTARY ACTION", &mut rng);
            subject_block(&mut s, r, "Name of Subject:", "Citizenship:");
            rule(&mut s);
            sections_db(&mut s, r, "1. DHS HAS DETERMINED THAT THE SUBJECT IS A PRIORITY FOR REMOVAL AND THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN:");
            rule(&mut s);
            requests_block(&mut s, r, "subject", true);
            cancel_line(&mut s, r, "subject");
            officer_block(&mut s, r, &mut rng);
        }
        Form::I247N => {
            id_header(&mut s, r, "REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE OF SUSPECTED PRIORITY ALIEN", &mut rng);
            subject_block(&mut s, r, "Name of Subject:", "Citizenship:");
            rule(&mut s);
            s.para_bold("1. DHS SUSPECTS THAT THE SUBJECT IS A REMOVABLE ALIEN AND IS AN ENFORCEMENT PRIORITY BECAUSE HE OR SHE (check one):", 0.0);
            for (i, t) in PRIORITIES.iter().enumerate() {
                s.check_item(10.0, i == r.priority, t);
            }
            rule(&mut s);
            requests_block(&mut s, r, "subject", false);
            s.para("This request does not ask or authorize you to maintain custody of the subject beyond the time he or she is currently scheduled for release from your custody.", 0.0);
            officer_block(&mut s, r, &mut rng);
        }
        Form::I247X => {
            id_header(&mut s, r, "REQUEST FOR VOLUNTARY TRANSFER", &mut rng);
            subject_block(&mut s, r, "Name of Subject:", "Citizenship:");
            rule(&mut s);
            sections_db(&mut s, r, "1. DHS HAS DETERMINED THAT THE SUBJECT IS A PRIORITY FOR REMOVAL AND THAT PROBABLE CAUSE EXISTS THAT THE SUBJECT IS A REMOVABLE ALIEN:");
            rule(&mut s);
            s.para_bold("IT IS THEREFORE REQUESTED THAT YOU:", 0.0);
            s.para("Transfer the subject to DHS custody at the time he or she would otherwise be released from your custody, at a time and place agreed between your agency and DHS. Please notify DHS as early as practicable before the transfer by calling the number below.", 8.0);
            let phone = format!("Contact: {}", r.office.phone);
            s.left(&phone, st.label_pt, false);
            s.para("If you cannot reach an official, please contact the Law Enforcement Support Center at: (802) 872-6020.", 8.0);
            officer_block(&mut s, r, &mut rng);
        }
        Form::I247 | Form::I247A => {
            id_header(&mut s, r, "IMMIGRATION DETAINER – NOTICE OF ACTION", &mut rng);
            subject_block(&mut s, r, "Name of Alien:", "Nationality:");
            rule(&mut s);
            s.para_bold(
                "DHS HAS TAKEN THE FOLLOWING ACTION RELATED TO THE PERSON IDENTIFIED ABOVE, CURRENTLY IN YOUR CUSTODY:",
                0.0,
            );
            // Of the 2012 edition's boxes only the removal-proceedings and order boxes are ever checked here: the
            // "investigation" and "served a warrant" boxes map to none of the record's probable-cause categories.
            s.check_item(8.0, false, "Initiated an investigation to determine whether this person is subject to removal from the United States.");
            s.check_item(8.0, r.pc.contains(&Pc::Proceedings), "Initiated removal proceedings and served a Notice to Appear or other charging document. A copy of the charging document is attached and was served on ____________ (Date).");
            s.check_item(8.0, false, "Served a warrant of arrest for removal proceedings. A copy of the warrant is attached and was served on ____________ (Date).");
            s.check_item(
                8.0,
                r.pc.contains(&Pc::FinalOrder),
                "Obtained an order of deportation or removal from the United States for this person.",
            );
            s.para("This action does not limit your discretion in any decision affecting the offender's classification, work and quarters assignments, or other treatment which he or she would otherwise receive.", 0.0);
            rule(&mut s);
            s.para_bold("IT IS REQUESTED THAT YOU:", 0.0);
            s.para("Please accept this notice as a detainer. This is a request for you to maintain custody of the individual for a period NOT TO EXCEED 48 HOURS, excluding Saturdays, Sundays, and holidays, beyond the time when the subject would have otherwise been released from your custody to allow DHS to take custody of the subject.", 8.0);
            s.para(&format!("Notify this office of the time of release at least 30 days prior to release or as far in advance as possible. Contact DHS at {} or the Law Enforcement Support Center at (802) 872-6020.", r.office.phone), 8.0);
            cancel_line(&mut s, r, "individual");
            officer_block(&mut s, r, &mut rng);
        }
    }
    if s.y < limit - 70.0 {
        holding_block(&mut s, r, "subject", limit);
    }
    let (foot, total) = footer_for(r.form);
    s.footer(foot, &format!("Page 1 of {total}"));
}

fn rule(s: &mut Sheet) {
    if s.st.layout != Layout::Compact {
        s.rule();
    } else {
        s.gap(3.0);
    }
}
