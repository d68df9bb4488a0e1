//! Subjects' names by origin (Hispanic incl. Mayan and compound surnames, Haitian, Jamaican, Chinese,
//! Vietnamese, Brazilian, Lusophone, African, Eastern European, South Asian, Irish) and their countries.
//! Names are invented combinations of common surnames and given names.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng as Rng8;

pub struct Origin {
    pub label: &'static str,
    pub countries: &'static [&'static str],
    pub family: &'static [&'static str],
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    /// Family names are often two joined surnames (Hispanic, Lusophone).
    pub compound: f64,
    pub weight: u32,
}

pub const ORIGINS: &[Origin] = &[
    Origin {
        label: "hispanic",
        countries: &[
            "GUATEMALA",
            "HONDURAS",
            "EL SALVADOR",
            "MEXICO",
            "COLOMBIA",
            "DOMINICAN REPUBLIC",
            "ECUADOR",
            "VENEZUELA",
            "PERU",
            "NICARAGUA",
        ],
        family: &[
            "GARCIA",
            "HERNANDEZ",
            "LOPEZ",
            "MARTINEZ",
            "RODRIGUEZ",
            "PEREZ",
            "RAMIREZ",
            "CASTILLO",
            "MORALES",
            "REYES",
            "AJPOP",
            "TZOC",
            "CHUC",
            "XOL",
            "QUISPE",
            "VASQUEZ",
            "DE LA CRUZ",
            "DEL CID",
            "SANTIZO",
            "OSORIO",
            "BAUTISTA",
            "ESCOBAR",
            "VILLATORO",
            "MEJIA",
            "CARDONA",
            "DE LEON",
            "ZUNIGA",
            "PINEDA",
            "AGUILAR",
            "GUZMAN",
            "ROSARIO",
            "ALMONTE",
            "PAULINO",
        ],
        male: &[
            "JOSE",
            "LUIS",
            "CARLOS",
            "JUAN",
            "MIGUEL",
            "ANGEL",
            "FRANCISCO",
            "JESUS",
            "WILMER",
            "ELMER",
            "NELSON",
            "EDWIN",
            "BYRON",
            "YEFERSON",
            "ALEXANDER",
            "JOSE LUIS",
            "JUAN CARLOS",
            "MARVIN",
            "OSCAR",
            "DANILO",
        ],
        female: &[
            "MARIA",
            "ROSA",
            "ANA",
            "GLENDY",
            "YESENIA",
            "MARIA GUADALUPE",
            "DAYANA",
            "ESTEFANY",
            "LUZ",
            "CARMEN",
            "SONIA",
            "MARLENI",
            "KARLA",
            "DOLORES",
        ],
        compound: 0.45,
        weight: 42,
    },
    Origin {
        label: "haitian",
        countries: &["HAITI"],
        family: &[
            "JEAN-BAPTISTE",
            "PIERRE",
            "CHARLES",
            "JOSEPH",
            "LOUIS",
            "DORVAL",
            "SAINT-FLEUR",
            "ETIENNE",
            "DESROSIERS",
            "FILS-AIME",
            "AUGUSTIN",
            "CELESTIN",
            "DORSAINVIL",
            "NOEL",
            "JEUNE",
        ],
        male: &["JEAN ROBERT", "WILNER", "FRITZNER", "JEAN-PIERRE", "WIDNER", "EMMANUEL", "RONALD", "JOB", "DIEUFORT"],
        female: &["MARIE CLAUDE", "GUERLINE", "NADEGE", "ROSELAURE", "MIRLANDE", "WIDELINE", "ROSE-MARIE"],
        compound: 0.05,
        weight: 12,
    },
    Origin {
        label: "jamaican",
        countries: &["JAMAICA", "TRINIDAD AND TOBAGO", "GUYANA"],
        family: &["BROWN", "CAMPBELL", "WILLIAMS", "MCKENZIE", "GORDON", "THOMPSON", "REID", "FRANCIS", "BARRETT"],
        male: &["DWAYNE", "ANDRE", "OMAR", "SHAVAR", "DEVON", "RICARDO", "KEMAR", "O'NEIL"],
        female: &["TAMIKA", "KEISHA", "SHANTEL", "TASHANNA", "MARCIA", "NORDIA"],
        compound: 0.0,
        weight: 6,
    },
    Origin {
        label: "chinese",
        countries: &["CHINA"],
        family: &["CHEN", "LIN", "WANG", "ZHANG", "HUANG", "ZHENG", "LIU", "WU", "ZHOU", "XU"],
        male: &["WEI", "JIANHUA", "XIAO MING", "ZHIQIANG", "HAO", "JUN", "YONG"],
        female: &["MEI LING", "XIU YING", "LI NA", "YAN", "FANG", "HUI"],
        compound: 0.0,
        weight: 5,
    },
    Origin {
        label: "vietnamese",
        countries: &["VIETNAM"],
        family: &["NGUYEN", "TRAN", "LE", "PHAM", "HUYNH", "VO", "DANG", "BUI", "DO"],
        male: &["VAN MINH", "DUC ANH", "QUANG HUY", "VAN TUAN", "THANH", "HOANG LONG"],
        female: &["THI LAN", "THI HONG", "NGOC ANH", "THI THU", "KIM LIEN"],
        compound: 0.0,
        weight: 5,
    },
    Origin {
        label: "brazilian",
        countries: &["BRAZIL"],
        family: &[
            "SILVA",
            "SANTOS",
            "OLIVEIRA",
            "SOUZA",
            "DOS SANTOS",
            "DE OLIVEIRA",
            "PEREIRA",
            "ALVES",
            "FERREIRA",
            "RODRIGUES",
            "DA SILVA",
            "GONCALVES",
            "CONCEIÇÃO",
        ],
        male: &["JOAO PEDRO", "LUCAS", "WELLINGTON", "ANDERSON", "RODRIGO", "JOÃO", "GABRIEL", "EDSON"],
        female: &["ANA PAULA", "FERNANDA", "GIOVANA", "ADRIANA", "LUCIANA", "MARIA DE FÁTIMA"],
        compound: 0.4,
        weight: 9,
    },
    Origin {
        label: "lusophone",
        countries: &["PORTUGAL", "CABO VERDE", "ANGOLA"],
        family: &["MENDES", "TAVARES", "MONTEIRO", "FERNANDES", "DA GRACA", "LOPES", "CORREIA", "SEMEDO", "VARELA"],
        male: &["MANUEL", "ANTONIO", "EDNILSON", "DJALMA", "ADILSON", "JOAQUIM"],
        female: &["MARIA JOSE", "CARLA", "EDNA", "IVONE", "ODETE"],
        compound: 0.35,
        weight: 5,
    },
    Origin {
        label: "african",
        countries: &["NIGERIA", "GHANA", "KENYA", "SOMALIA", "SENEGAL", "GUINEA", "CAMEROON", "ERITREA"],
        family: &[
            "OKAFOR", "ADEYEMI", "MENSAH", "OWUSU", "YUSUF", "MOHAMED", "DIALLO", "NDIAYE", "ASANTE", "BAH", "TESFAYE",
            "OCHIENG", "NWOSU",
        ],
        male: &["CHINEDU", "OLUWASEUN", "KWAME", "ABDI", "MAMADOU", "IBRAHIMA", "OUSMANE", "MOHAMED ISMAIL"],
        female: &["ABENA", "FATOUMATA", "AMINATA", "NGOZI", "HODAN", "AKOSUA"],
        compound: 0.0,
        weight: 6,
    },
    Origin {
        label: "eastern_european",
        countries: &["UKRAINE", "RUSSIA", "POLAND", "ROMANIA", "ALBANIA", "MOLDOVA", "GEORGIA"],
        family: &[
            "KOVALENKO",
            "SHEVCHENKO",
            "KOWALSKI",
            "NOWAK",
            "POPESCU",
            "IONESCU",
            "HOXHA",
            "BERISHA",
            "IVANOV",
            "BONDARENKO",
            "WISNIEWSKI",
            "BELADZE",
        ],
        male: &["OLEKSANDR", "DMYTRO", "ANDRZEJ", "ARBEN", "SERGIU", "PIOTR", "VLADIMIR", "GIORGI"],
        female: &["YULIIA", "MARIANA", "AGNIESZKA", "ELONA", "NATALIA", "IRINA"],
        compound: 0.0,
        weight: 5,
    },
    Origin {
        label: "south_asian",
        countries: &["INDIA", "BANGLADESH", "PAKISTAN", "NEPAL"],
        family: &["HOSSAIN", "RAHMAN", "PATEL", "SINGH", "KHAN", "UDDIN", "SHRESTHA", "CHOWDHURY"],
        male: &["MD ABDUL", "RAJESH", "IMRAN", "HARPREET", "MOHAMMAD ALI", "SURESH"],
        female: &["PRIYA", "NASRIN", "SUNITA", "FARHANA", "ANJALI"],
        compound: 0.0,
        weight: 3,
    },
    Origin {
        label: "irish",
        countries: &["IRELAND", "UNITED KINGDOM"],
        family: &["O'SULLIVAN", "MC DONAGH", "O'BRIEN", "FITZGERALD", "MURPHY", "NI CHONAILL"],
        male: &["SEAN", "PADRAIG", "CIARAN", "DECLAN"],
        female: &["AOIFE", "SIOBHAN", "NIAMH"],
        compound: 0.0,
        weight: 2,
    },
];

#[derive(Clone, Debug)]
pub struct Name {
    pub family: String,
    pub given: String,
    pub country: &'static str,
    pub male: bool,
    pub origin: &'static str,
}

pub fn pick_origin(rng: &mut Rng8) -> &'static Origin {
    let total: u32 = ORIGINS.iter().map(|o| o.weight).sum();
    let mut r = rng.gen_range(0..total);
    for o in ORIGINS {
        if r < o.weight {
            return o;
        }
        r -= o.weight;
    }
    &ORIGINS[0]
}

pub fn person_name(rng: &mut Rng8) -> Name {
    let o = pick_origin(rng);
    let male = rng.gen_bool(0.78);
    let mut family = o.family.choose(rng).unwrap().to_string();
    if rng.gen_bool(o.compound) {
        let second = o.family.choose(rng).unwrap();
        if *second != family {
            let joiner = if rng.gen_bool(0.25) { "-" } else { " " };
            family = format!("{family}{joiner}{second}");
        }
    }
    let pool = if male { o.male } else { o.female };
    let mut given = pool.choose(rng).unwrap().to_string();
    // Multiple given names are common on DHS records (full legal names, not just first names).
    let extra = rng.gen_range(0..10);
    if extra >= 6 {
        let more = pool.choose(rng).unwrap();
        if !given.contains(more) {
            given = format!("{given} {more}");
        }
    }
    Name { family, given, country: o.countries.choose(rng).unwrap(), male, origin: o.label }
}

/// Printed country: mostly as the record wants it, sometimes in title case (typed by hand).
pub fn title_case(s: &str) -> String {
    // Capital after a space, hyphen or apostrophe: "Escobar-Mejia", "O'Sullivan", "Jean-Pierre".
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = matches!(ch, ' ' | '-' | '\'');
    }
    out
}
