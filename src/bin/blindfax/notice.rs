//! The notice to the detainee (pages 2-3 of the detainer forms): the same notice in several languages. Written
//! here as plausible paraphrases; these pages carry no fields, only text a classifier has to recognise.

use crate::canvas::Page;
use crate::layout::Sheet;
use crate::layout::Style;
use crate::model::{Form, Request};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng as Rng8;

pub struct Notice {
    pub heading: &'static str,
    pub body: &'static [&'static str],
}

pub const ENGLISH: Notice = Notice {
    heading: "NOTICE TO THE DETAINEE",
    body: &[
        "The Department of Homeland Security (DHS) has placed an immigration detainer on you. An immigration detainer is a notice from DHS informing law enforcement agencies that DHS intends to assume custody of you after you otherwise would be released from custody. DHS has requested that the law enforcement agency which is currently detaining you maintain custody of you for a period not to exceed 48 hours beyond the time when you would otherwise have been released based on your criminal charges or convictions.",
        "If DHS does not take you into custody during this additional 48-hour period, you should contact your custodian (the agency that is holding you now) to inquire about your release from their custody. If you have a complaint regarding this detainer or related to violations of civil rights or civil liberties connected to DHS activities, please contact the ICE Joint Intake Center at 1-877-2INTAKE (877-246-8253).",
        "If you believe you are a United States citizen or the victim of a crime, please advise DHS by calling the ICE Law Enforcement Support Center toll free at (855) 448-6903.",
    ],
};

const SPANISH: Notice = Notice {
    heading: "AVISO A LA PERSONA DETENIDA",
    body: &[
        "El Departamento de Seguridad Nacional (DHS) ha emitido una orden de detención inmigratoria en su contra. Mediante esta orden, se notifica a los organismos policiales que el DHS tiene la intención de asumir la custodia de usted una vez que sea puesto en libertad. El DHS ha solicitado que el organismo policial que lo tiene detenido actualmente mantenga su custodia por un período que no exceda de 48 horas adicionales a la hora en que habría sido puesto en libertad.",
        "Si el DHS no asume su custodia durante este período adicional de 48 horas, usted debe comunicarse con la entidad que lo tiene bajo custodia para preguntar sobre su liberación. Si tiene alguna queja relacionada con esta orden de detención o con violaciones de sus derechos civiles, comuníquese con el Centro Conjunto de Admisión de ICE al 1-877-246-8253.",
        "Si usted cree que es ciudadano de los Estados Unidos o víctima de un delito, infórmelo al DHS llamando sin costo al Centro de Apoyo a las Fuerzas del Orden de ICE al (855) 448-6903.",
    ],
};

const FRENCH: Notice = Notice {
    heading: "AVIS AU DÉTENU",
    body: &[
        "Le Département de la Sécurité intérieure (DHS) a émis un ordre de détention d'immigration à votre encontre. Cet ordre informe les services de police que le DHS a l'intention de vous prendre en charge lorsque vous seriez autrement libéré. Le DHS a demandé à l'organisme qui vous détient actuellement de vous garder pendant une période ne dépassant pas 48 heures au-delà de l'heure prévue de votre libération.",
        "Si le DHS ne vous prend pas en charge pendant cette période supplémentaire de 48 heures, veuillez contacter l'organisme qui vous détient pour vous renseigner sur votre libération. Pour toute plainte concernant cet ordre ou une atteinte à vos droits civils, veuillez contacter le Centre conjoint d'admission de l'ICE au 1-877-246-8253.",
        "Si vous pensez être citoyen des États-Unis ou victime d'un crime, veuillez en informer le DHS en appelant gratuitement le Centre de soutien aux forces de l'ordre de l'ICE au (855) 448-6903.",
    ],
};

const PORTUGUESE: Notice = Notice {
    heading: "AVISO AO DETENTO",
    body: &[
        "O Departamento de Segurança Interna (DHS) emitiu uma ordem de detenção imigratória contra você. Essa ordem informa aos órgãos policiais que o DHS pretende assumir a sua custódia quando você seria normalmente libertado. O DHS solicitou que o órgão que o mantém detido atualmente mantenha a sua custódia por um período não superior a 48 horas além do horário em que você seria libertado.",
        "Se o DHS não assumir a sua custódia durante esse período adicional de 48 horas, entre em contato com o órgão que o mantém detido para se informar sobre a sua libertação. Para reclamações sobre esta ordem ou sobre violações de direitos civis, entre em contato com o Centro Conjunto de Admissão do ICE pelo telefone 1-877-246-8253.",
        "Se você acredita ser cidadão dos Estados Unidos ou vítima de um crime, informe o DHS ligando gratuitamente para o Centro de Apoio às Forças da Lei do ICE no número (855) 448-6903.",
    ],
};

const CREOLE: Notice = Notice {
    heading: "AVI POU MOUN KI ANBA DETANSYON AN",
    body: &[
        "Depatman Sekirite Enteryè a (DHS) mete yon lòd detansyon imigrasyon sou ou. Lòd sa a se yon avi DHS voye bay ajans ki fè respekte lalwa yo pou di yo DHS gen entansyon pran ou anba responsablite li lè yo ta dwe lage ou. DHS mande ajans ki kenbe ou kounye a pou li kenbe ou pou yon peryòd ki pa depase 48 èdtan apre lè yo ta dwe lage ou.",
        "Si DHS pa pran ou pandan 48 èdtan sa yo, kontakte ajans ki kenbe ou a pou mande enfòmasyon sou lè y ap lage ou. Si ou gen yon plent sou lòd detansyon sa a, rele Sant Resepsyon Konjwen ICE la nan 1-877-246-8253.",
        "Si ou kwè ou se yon sitwayen Ameriken oswa yon viktim yon krim, fè DHS konnen lè ou rele Sant Sipò pou Fòs Lòd ICE la gratis nan (855) 448-6903.",
    ],
};

const VIETNAMESE: Notice = Notice {
    heading: "THÔNG BÁO CHO NGƯỜI BỊ GIAM GIỮ",
    body: &[
        "Bộ Nội An (DHS) đã ban hành lệnh tạm giữ di trú đối với quý vị. Lệnh này thông báo cho các cơ quan thực thi pháp luật rằng DHS dự định tiếp nhận quyền giam giữ quý vị sau khi quý vị lẽ ra được trả tự do. DHS đã yêu cầu cơ quan đang giam giữ quý vị tiếp tục giam giữ trong thời gian không quá 48 giờ.",
        "Nếu DHS không tiếp nhận quý vị trong thời gian 48 giờ này, quý vị nên liên lạc với cơ quan đang giam giữ để hỏi về việc trả tự do. Nếu có khiếu nại, xin gọi Trung Tâm Tiếp Nhận Chung của ICE ở số 1-877-246-8253.",
        "Nếu quý vị tin rằng mình là công dân Hoa Kỳ hoặc nạn nhân của tội phạm, xin báo cho DHS qua số điện thoại miễn phí (855) 448-6903.",
    ],
};

const RUSSIAN: Notice = Notice {
    heading: "УВЕДОМЛЕНИЕ ЗАДЕРЖАННОМУ",
    body: &[
        "Министерство внутренней безопасности (DHS) направило в отношении вас иммиграционный запрос о задержании. Этим запросом DHS уведомляет правоохранительные органы о намерении взять вас под стражу после того, как вы были бы освобождены. DHS просит учреждение, в котором вы содержитесь, продолжать содержать вас не более 48 часов сверх времени освобождения.",
        "Если вы считаете, что являетесь гражданином США или жертвой преступления, сообщите об этом в DHS по бесплатному номеру (855) 448-6903.",
    ],
};

const OTHERS: &[Notice] = &[SPANISH, FRENCH, PORTUGUESE, CREOLE, VIETNAMESE, RUSSIAN];

/// Notice page 2 or 3 of a detainer form: English first on page 2, then other languages.
pub fn notice_page(p: &mut Page, st: &Style, r: &Request, page_no: u8) {
    let mut rng = Rng8::seed_from_u64(r.variant ^ 0x5eed);
    let mut langs: Vec<&Notice> = OTHERS.iter().collect();
    langs.shuffle(&mut rng);
    let mut s = Sheet::new(p, st);
    let (form_foot, total) = footer_for(r.form);
    let list: Vec<&Notice> = if page_no == 2 {
        let mut v = vec![&ENGLISH];
        v.extend(langs.iter().take(2));
        v
    } else {
        langs.iter().skip(2).cloned().collect()
    };
    if page_no == 2 {
        s.center("DEPARTMENT OF HOMELAND SECURITY", st.title_pt * 0.8, true);
        let sub = match r.form {
            Form::I247N => "REQUEST FOR VOLUNTARY NOTIFICATION OF RELEASE",
            Form::I247X => "REQUEST FOR VOLUNTARY TRANSFER",
            Form::I247D => "IMMIGRATION DETAINER – REQUEST FOR VOLUNTARY ACTION",
            _ => "IMMIGRATION DETAINER – NOTICE OF ACTION",
        };
        s.center(sub, st.title_pt * 0.85, true);
        s.gap(6.0);
    }
    let limit = s.p.height_pt() - 70.0;
    for n in list {
        if s.y > limit - 60.0 {
            break;
        }
        s.gap(6.0);
        s.center(n.heading, st.body_pt * 1.25, true);
        s.gap(2.0);
        for para in n.body {
            if s.y > limit {
                break;
            }
            s.para(para, 0.0);
            s.gap(3.0);
        }
    }
    s.footer(form_foot, &format!("Page {page_no} of {total}"));
}

/// Footer text and page total of each detainer form family.
pub fn footer_for(form: Form) -> (&'static str, u8) {
    match form {
        Form::I247A => ("DHS Form I-247A (3/17)", 3),
        Form::I247D => ("DHS Form I-247D (12/15)", 3),
        Form::I247N => ("DHS Form I-247N (12/15)", 3),
        Form::I247X => ("DHS Form I-247X (3/16)", 3),
        Form::I247 => ("DHS Form I-247 (12/12)", 3),
    }
}
