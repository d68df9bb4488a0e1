//! Synthetic people and their identifiers (A-numbers, subject IDs); the offices and receiving lines are in
//! `agencies`. Every name is made up by combining common surnames and given names of a community; no entry
//! describes a real person.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub type Rng8 = ChaCha8Rng;

/// A calendar date (proleptic Gregorian); enough arithmetic for the generator without a date crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Date {
    pub fn days(self) -> i64 {
        // days since 1970-01-01 (Howard Hinnant's algorithm)
        let y = if self.m <= 2 { self.y - 1 } else { self.y } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date { y: (if m <= 2 { y + 1 } else { y }) as i32, m, d }
    }
    pub fn add(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }
    pub fn mdy(self) -> String {
        format!("{:02}/{:02}/{:04}", self.m, self.d, self.y)
    }
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
    pub fn between(rng: &mut Rng8, a: Date, b: Date) -> Date {
        Date::from_days(rng.gen_range(a.days()..=b.days()))
    }
    pub fn month_name(self) -> &'static str {
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][self.m as usize - 1]
    }
}

/// Date and time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    pub date: Date,
    pub secs: u32, // seconds since midnight
}

impl DateTime {
    pub fn add_secs(self, s: i64) -> DateTime {
        let t = self.date.days() * 86400 + self.secs as i64 + s;
        DateTime { date: Date::from_days(t.div_euclid(86400)), secs: t.rem_euclid(86400) as u32 }
    }
    pub fn hms(self) -> (u32, u32, u32) {
        (self.secs / 3600, self.secs / 60 % 60, self.secs % 60)
    }
    pub fn iso(self) -> String {
        let (h, m, s) = self.hms();
        format!("{}T{:02}:{:02}:{:02}", self.date.iso(), h, m, s)
    }
    pub fn iso_min(self) -> String {
        let (h, m, _) = self.hms();
        format!("{}T{:02}:{:02}", self.date.iso(), h, m)
    }
}

pub fn pick<'a, T>(rng: &mut Rng8, xs: &'a [T]) -> &'a T {
    xs.choose(rng).expect("non-empty")
}

pub fn chance(rng: &mut Rng8, p: f64) -> bool {
    rng.gen_bool(p.clamp(0.0, 1.0))
}

/// Countries as the forms print them (uppercase); a correct pipeline normalizes citizenship to one of these.
pub const COUNTRIES: &[&str] = &[
    "MEXICO",
    "GUATEMALA",
    "HONDURAS",
    "EL SALVADOR",
    "DOMINICAN REPUBLIC",
    "COLOMBIA",
    "ECUADOR",
    "PERU",
    "VENEZUELA",
    "BRAZIL",
    "CABO VERDE",
    "PORTUGAL",
    "HAITI",
    "VIETNAM",
    "CHINA",
    "EGYPT",
    "IRAQ",
    "MOROCCO",
    "SYRIA",
    "JORDAN",
    "SOMALIA",
    "KENYA",
    "IRELAND",
    "UNITED KINGDOM",
    "JAMAICA",
    "TRINIDAD AND TOBAGO",
    "NETHERLANDS",
    "POLAND",
    "UKRAINE",
    "RUSSIA",
    "ALBANIA",
    "NIGERIA",
    "GHANA",
    "SENEGAL",
    "INDIA",
    "BANGLADESH",
    "NEPAL",
    "CAMBODIA",
];

struct Community {
    weight: u32,
    countries: &'static [&'static str],
    family: &'static [&'static str],
    given: &'static [&'static str],
    /// Probability of a second family name (Spanish/Portuguese style) or hyphenation.
    compound: f64,
}

const COMMUNITIES: &[Community] = &[
    Community {
        weight: 34,
        countries: &[
            "MEXICO",
            "GUATEMALA",
            "HONDURAS",
            "EL SALVADOR",
            "DOMINICAN REPUBLIC",
            "COLOMBIA",
            "ECUADOR",
            "PERU",
            "VENEZUELA",
        ],
        family: &[
            "GARCIA",
            "RODRIGUEZ",
            "HERNANDEZ",
            "LOPEZ",
            "MARTINEZ",
            "GONZALEZ",
            "PEREZ",
            "SANCHEZ",
            "RAMIREZ",
            "CRUZ",
            "FLORES",
            "MORALES",
            "REYES",
            "GUTIERREZ",
            "ORTIZ",
            "CHAVEZ",
            "RAMOS",
            "VASQUEZ",
            "CASTILLO",
            "JIMENEZ",
            "MENDOZA",
            "AGUILAR",
            "DE LA CRUZ",
            "DE LOS SANTOS",
            "DEL VALLE",
            "VILLALOBOS",
            "XOL",
            "CHOC",
            "TZUL",
            "AJPOP",
            "PINEDA",
            "ALVARADO",
            "DE LEON",
            "SAN MARTIN",
            "QUISPE",
            "ZAPATA",
            "ESPINAL",
            "PAULINO",
        ],
        given: &[
            "JOSE",
            "LUIS",
            "MARIA",
            "GUADALUPE",
            "JUAN",
            "CARLOS",
            "ANA",
            "MIGUEL",
            "ANGEL",
            "JORGE",
            "FRANCISCO",
            "JAVIER",
            "ROSA",
            "CARMEN",
            "JESUS",
            "EDGAR",
            "YESENIA",
            "WILMER",
            "ELVIN",
            "DAYANA",
            "KEVIN",
            "ALEXANDER",
            "SANTOS",
            "FERMIN",
            "ISABEL",
            "JUANA",
            "LESLY",
        ],
        compound: 0.55,
    },
    Community {
        weight: 14,
        countries: &["BRAZIL", "CABO VERDE", "PORTUGAL"],
        family: &[
            "SILVA",
            "SANTOS",
            "OLIVEIRA",
            "SOUZA",
            "PEREIRA",
            "DOS SANTOS",
            "DA SILVA",
            "FERREIRA",
            "ALMEIDA",
            "GOMES",
            "RODRIGUES",
            "LOPES",
            "DE SOUZA",
            "MONTEIRO",
            "FERNANDES",
            "TAVARES",
            "DA ROSA",
            "DOS REIS",
            "BARBOSA",
            "FONTES",
        ],
        given: &[
            "JOAO",
            "PAULO",
            "MARIA",
            "APARECIDA",
            "LUCAS",
            "GABRIEL",
            "ANA",
            "CAROLINA",
            "WELLINGTON",
            "EDSON",
            "FRANCISCA",
            "ADILSON",
            "NELSON",
            "DJAMILA",
            "ARLINDO",
            "THIAGO",
            "RAFAELA",
        ],
        compound: 0.45,
    },
    Community {
        weight: 10,
        countries: &["HAITI"],
        family: &[
            "JEAN-BAPTISTE",
            "PIERRE",
            "JOSEPH",
            "CHARLES",
            "LOUIS",
            "SAINT-FLEUR",
            "DESROSIERS",
            "ETIENNE",
            "DORVIL",
            "FRANCOIS",
            "DUMAS",
            "SAINT-LOUIS",
            "CELESTIN",
            "AUGUSTIN",
        ],
        given: &[
            "JEAN",
            "ROBERT",
            "MARIE",
            "CLAUDE",
            "WIDLINE",
            "MACKENSON",
            "ROSELINE",
            "WOODLEY",
            "FRITZNER",
            "JEAN-PIERRE",
            "NADEGE",
            "MARIE-ANGE",
            "WILKENS",
        ],
        compound: 0.05,
    },
    Community {
        weight: 6,
        countries: &["VIETNAM"],
        family: &[
            "NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU", "VO", "DANG", "BUI", "DO", "HO", "NGO",
            "DUONG",
        ],
        given: &["VAN", "MINH", "THI", "LAN", "DUC", "ANH", "THANH", "QUOC", "HUNG", "HOA", "TUAN", "LINH", "BAO"],
        compound: 0.0,
    },
    Community {
        weight: 5,
        countries: &["CHINA"],
        family: &["WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "WU", "ZHOU", "LIN", "ZHENG"],
        given: &["WEI", "XIAOMING", "JIANHUA", "MEI", "LING", "YAN", "ZHIQIANG", "HAO", "XIU", "JUN"],
        compound: 0.0,
    },
    Community {
        weight: 6,
        countries: &["EGYPT", "IRAQ", "MOROCCO", "SYRIA", "JORDAN"],
        family: &[
            "AL-HASSAN",
            "ABDULLAH",
            "EL-SAYED",
            "MOHAMED",
            "IBRAHIM",
            "HUSSEIN",
            "AL SHAMMARI",
            "BEN ALI",
            "EL AMRANI",
            "ABU ZAID",
            "AL-NAJJAR",
            "HADDAD",
        ],
        given: &[
            "MOHAMMED", "AHMED", "OMAR", "KHALID", "FATIMA", "YOUSSEF", "MAHMOUD", "ALI", "NOUR", "KARIM", "LAYLA",
        ],
        compound: 0.0,
    },
    Community {
        weight: 4,
        countries: &["SOMALIA", "KENYA"],
        family: &["MOHAMED", "ABDI", "HASSAN", "ALI", "FARAH", "WARSAME", "YUSUF", "OSMAN", "ADAN", "HIRSI"],
        given: &["ABDIRAHMAN", "FADUMO", "HODAN", "MOHAMED", "ABDI", "AYAN", "LIBAN", "HAWA", "ISMAIL"],
        compound: 0.0,
    },
    Community {
        weight: 6,
        countries: &["IRELAND", "UNITED KINGDOM", "JAMAICA", "TRINIDAD AND TOBAGO"],
        family: &[
            "O'BRIEN",
            "O'CONNOR",
            "MURPHY",
            "KELLY",
            "O'SULLIVAN",
            "MCCARTHY",
            "D'ARCY",
            "BROWN",
            "CAMPBELL",
            "WILLIAMS",
            "O'NEILL",
            "FITZGERALD",
            "MCKENZIE",
            "RAMPERSAD",
        ],
        given: &[
            "SEAN", "PATRICK", "AOIFE", "CIARAN", "DESMOND", "KEISHA", "ANDRE", "MARCUS", "SIOBHAN", "DEVON", "TREVOR",
            "NIAMH",
        ],
        compound: 0.05,
    },
    Community {
        weight: 5,
        countries: &["NETHERLANDS", "POLAND", "UKRAINE", "RUSSIA", "ALBANIA"],
        family: &[
            "VAN DER BERG",
            "VAN DIJK",
            "DE VRIES",
            "KOWALSKI",
            "NOWAK",
            "WISNIEWSKI",
            "SHEVCHENKO",
            "KOVALENKO",
            "IVANOV",
            "HOXHA",
            "VAN DER MEER",
            "BONDARENKO",
        ],
        given: &["JAN", "WILLEM", "PIOTR", "OLENA", "DMITRI", "ARBEN", "TOMASZ", "OKSANA", "ERION", "SERGEI"],
        compound: 0.05,
    },
    Community {
        weight: 5,
        countries: &["NIGERIA", "GHANA", "SENEGAL"],
        family: &["OKAFOR", "ADEYEMI", "MENSAH", "OWUSU", "DIALLO", "NDIAYE", "OKONKWO", "BOATENG", "ASANTE", "BALDE"],
        given: &["CHUKWUEMEKA", "ADEOLA", "KWAME", "ABENA", "MAMADOU", "FATOU", "OLUWASEUN", "KOFI", "AMINATA"],
        compound: 0.0,
    },
    Community {
        weight: 4,
        countries: &["INDIA", "BANGLADESH", "NEPAL"],
        family: &["PATEL", "SINGH", "KUMAR", "SHAH", "RAHMAN", "HOSSAIN", "GURUNG", "CHOWDHURY", "THAPA"],
        given: &["RAJESH", "PRIYA", "HARPREET", "MOHAMMAD", "ABDUL", "SITA", "ANIL", "DEEPAK", "NASRIN"],
        compound: 0.0,
    },
    Community {
        weight: 2,
        countries: &["CAMBODIA"],
        family: &["SOK", "CHEA", "KEO", "LIM", "PICH", "SEANG"],
        given: &["SOPHEAP", "VANNAK", "CHANTHA", "SOKHA", "BOPHA", "RATHA"],
        compound: 0.0,
    },
];

/// Given names used for women (the rest of each community's list are men's names).
const FEMALE: &[&str] = &[
    "MARIA",
    "GUADALUPE",
    "ANA",
    "ROSA",
    "CARMEN",
    "YESENIA",
    "DAYANA",
    "ISABEL",
    "JUANA",
    "LESLY",
    "APARECIDA",
    "CAROLINA",
    "FRANCISCA",
    "DJAMILA",
    "RAFAELA",
    "MARIE",
    "WIDLINE",
    "ROSELINE",
    "NADEGE",
    "MARIE-ANGE",
    "THI",
    "LAN",
    "HOA",
    "LINH",
    "MEI",
    "LING",
    "YAN",
    "XIU",
    "FATIMA",
    "NOUR",
    "LAYLA",
    "FADUMO",
    "HODAN",
    "AYAN",
    "HAWA",
    "AOIFE",
    "KEISHA",
    "SIOBHAN",
    "NIAMH",
    "OLENA",
    "OKSANA",
    "ADEOLA",
    "ABENA",
    "FATOU",
    "AMINATA",
    "PRIYA",
    "SITA",
    "NASRIN",
    "SOPHEAP",
    "CHANTHA",
    "BOPHA",
];

#[derive(Clone, Debug)]
pub struct Person {
    pub family: String,
    pub given: String,
    pub dob: Date,
    pub sex: char,
    pub country: &'static str,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{}, {}", self.family, self.given)
    }
    /// Given names then family names ("JOSE LUIS GARCIA LOPEZ"), as warrants print them.
    pub fn natural(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
}

pub fn person(rng: &mut Rng8, on: Date) -> Person {
    let total: u32 = COMMUNITIES.iter().map(|c| c.weight).sum();
    let mut r = rng.gen_range(0..total);
    let mut com = &COMMUNITIES[0];
    for c in COMMUNITIES {
        if r < c.weight {
            com = c;
            break;
        }
        r -= c.weight;
    }
    let mut family = pick(rng, com.family).to_string();
    if chance(rng, com.compound) {
        let second = pick(rng, com.family).to_string();
        if second != family {
            family = if chance(rng, 0.25) { format!("{family}-{second}") } else { format!("{family} {second}") };
        }
    }
    let sex = if chance(rng, 0.82) { 'M' } else { 'F' };
    let pool: Vec<&str> = com.given.iter().copied().filter(|g| FEMALE.contains(g) == (sex == 'F')).collect();
    let pool = if pool.is_empty() { com.given.to_vec() } else { pool };
    let n = (*pick(rng, &[1, 1, 2, 2, 2, 3])).min(pool.len());
    let mut given: Vec<&str> = Vec::new();
    while given.len() < n {
        let g = *pick(rng, &pool);
        if !given.contains(&g) {
            given.push(g);
        }
    }
    let age_days = rng.gen_range(18 * 365 + 5..70 * 365);
    Person {
        family,
        given: given.join(" "),
        dob: on.add(-age_days),
        sex,
        country: {
            let c = *pick(rng, com.countries);
            debug_assert!(COUNTRIES.contains(&c), "{c} missing from COUNTRIES");
            c
        },
    }
}

/// Officer-style names (typed on signature lines, fax covers, letters).
pub fn officer_name(rng: &mut Rng8) -> (String, String) {
    const FIRST: &[&str] = &[
        "Michael", "Daniel", "Sarah", "Kevin", "Laura", "Brian", "Melissa", "Carlos", "Andrea", "Thomas", "Rebecca",
        "Steven", "Nicole", "Jason", "Patricia", "Robert", "Angela", "Derek",
    ];
    const LAST: &[&str] = &[
        "Whitcomb",
        "Ostrowski",
        "Delaney",
        "Marchetti",
        "Fairbanks",
        "Quintero",
        "Halvorsen",
        "Pellegrini",
        "Brandt",
        "Castellano",
        "Underhill",
        "Kowalczyk",
        "Mayberry",
        "Santangelo",
        "Thornbury",
        "Okafor",
        "Vasconcelos",
        "Lindqvist",
    ];
    let first = pick(rng, FIRST).to_string();
    let initial = (b'A' + rng.gen_range(0..26u8)) as char;
    (format!("{first} {initial}."), pick(rng, LAST).to_string())
}

/// A-number digits (7-9 digits, value as printed without padding) and one print style of it.
pub fn a_number(rng: &mut Rng8) -> u64 {
    let len = *pick(rng, &[9, 9, 9, 9, 9, 9, 9, 8, 8, 8, 7]);
    match len {
        9 => rng.gen_range(200_000_000..=240_999_999),
        8 => rng.gen_range(10_000_000..=99_999_999),
        _ => rng.gen_range(1_000_000..=9_999_999),
    }
}

/// Prints an A-number the way different systems type it. The normalized value is always `A` + 9 digits.
pub fn a_number_print(rng: &mut Rng8, n: u64) -> String {
    let raw = n.to_string();
    let p9 = format!("{n:09}");
    let g = |s: &str, sep: &str| format!("{}{sep}{}{sep}{}", &s[0..3], &s[3..6], &s[6..9]);
    match rng.gen_range(0..7) {
        0 | 1 => format!("A{raw}"),
        2 => format!("A {}", g(&p9, " ")),
        3 => format!("A-{}", g(&p9, "-")),
        4 => raw,
        5 => format!("A{p9}"),
        _ => format!("A{}", g(&p9, "-")),
    }
}

pub fn a_number_norm(n: u64) -> String {
    format!("A{n:09}")
}

pub fn subject_id(rng: &mut Rng8) -> String {
    let len = *pick(rng, &[9, 9, 10, 8]);
    let mut s = rng.gen_range(1..10u8).to_string();
    for _ in 1..len {
        s.push((b'0' + rng.gen_range(0..10u8)) as char);
    }
    s
}
