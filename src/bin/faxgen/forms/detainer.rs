//! The detainer request pages: the I-247A and the legacy I-247D/N/X first pages (their shared header, TO/FROM
//! boxes, name, officer and holding-agency blocks) and the multilingual notice pages that follow them.

use super::{Face, L, P, R};
use crate::corpus::{Form, Request};
use crate::people::Rng8;
use faxtract::record::ProbableCause;

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

fn requested(p: &mut P, r: &Request, y: f32) -> f32 {
    let b = p.bold;
    let mut y = y;
    p.c.text(&b, p.x(L), y, "IT IS THEREFORE REQUESTED THAT YOU:", 255);
    y += 38.0;
    let bullets = [
        format!("Notify DHS as early as practicable (at least 48 hours, if possible) before the alien is released from your custody. Please notify DHS by calling U.S. Immigration and Customs Enforcement (ICE) at {}. If you cannot reach an official at the number provided, please contact the Law Enforcement Support Center at: (802) 872-6020.", r.office.phone),
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

pub(super) fn i247a(p: &mut P, r: &Request, rng: &mut Rng8) {
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
    y = requested(p, r, y);
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

pub(super) fn i247d(p: &mut P, r: &Request, rng: &mut Rng8) {
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
    y = requested(p, r, y);
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

pub(super) fn notice(p: &mut P, form: Form, n: u32) {
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
