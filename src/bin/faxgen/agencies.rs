//! Who sends and who receives: the ICE offices that issue requests (FROM box, event-number prefix), the titles
//! their officers sign with, and the department's receiving lines (folders, TO box, fax numbers).

use crate::people::{Date, Rng8};
use rand::Rng;

#[derive(Clone, Debug)]
pub struct Office {
    /// Area-of-responsibility code (record `issuing_office.code`).
    pub code: &'static str,
    /// Normalized office name (record `issuing_office.name`).
    pub name: &'static str,
    /// FROM box lines.
    pub lines: &'static [&'static str],
    pub phone: &'static str,
    pub fax: &'static str,
    /// Event-number prefix.
    pub event: &'static str,
    pub weight: u32,
}

/// Offices (addresses are public building addresses of federal offices or plausible stand-ins; phone and
/// fax numbers use the 555-01xx fictional range except the published LESC number).
pub const OFFICES: &[Office] = &[
    Office {
        code: "BOS",
        name: "Boston Field Office",
        lines: &["ICE ERO Boston Field Office", "1000 District Avenue", "Burlington, MA 01803"],
        phone: "(781) 555-0110",
        fax: "(781) 555-0111",
        event: "BOS",
        weight: 30,
    },
    Office {
        code: "BOS",
        name: "Boston Field Office",
        lines: &[
            "U.S. Immigration and Customs Enforcement",
            "Enforcement and Removal Operations",
            "1000 District Ave., Burlington, MA 01803",
        ],
        phone: "(781) 555-0110",
        fax: "(781) 555-0112",
        event: "BOS",
        weight: 10,
    },
    Office {
        code: "BOS",
        name: "Hartford Sub-Office",
        lines: &["ICE ERO Hartford Sub-Office", "450 Main Street, Room 483", "Hartford, CT 06103"],
        phone: "(860) 555-0120",
        fax: "(860) 555-0121",
        event: "BOS",
        weight: 5,
    },
    Office {
        code: "BOS",
        name: "Manchester Sub-Office",
        lines: &["ICE ERO Manchester Sub-Office", "1750 Elm Street, Suite 501", "Manchester, NH 03104"],
        phone: "(603) 555-0130",
        fax: "(603) 555-0131",
        event: "BOS",
        weight: 4,
    },
    Office {
        code: "BOS",
        name: "Portland Sub-Office",
        lines: &["ICE ERO Portland Sub-Office", "176 Gannett Drive", "South Portland, ME 04106"],
        phone: "(207) 555-0140",
        fax: "(207) 555-0141",
        event: "BOS",
        weight: 2,
    },
    Office {
        code: "BOS",
        name: "St. Albans Sub-Office",
        lines: &["ICE ERO St. Albans Sub-Office", "64 Gricebrook Road", "St. Albans, VT 05478"],
        phone: "(802) 555-0150",
        fax: "(802) 555-0151",
        event: "BOS",
        weight: 1,
    },
    Office {
        code: "LESC",
        name: "Law Enforcement Support Center",
        lines: &["DHS/ICE Law Enforcement Support Center", "188 Harvest Lane", "Williston, VT 05495"],
        phone: "(802) 872-6020",
        fax: "(802) 555-0160",
        event: "LES",
        weight: 12,
    },
    Office {
        code: "PERC",
        name: "Pacific Enforcement Response Center",
        lines: &["ICE Pacific Enforcement Response Center", "24000 Avila Road", "Laguna Niguel, CA 92677"],
        phone: "(949) 555-0170",
        fax: "(949) 555-0171",
        event: "PRC",
        weight: 8,
    },
    Office {
        code: "NYC",
        name: "New York City Field Office",
        lines: &["ICE ERO New York City Field Office", "26 Federal Plaza, 9th Floor", "New York, NY 10278"],
        phone: "(212) 555-0180",
        fax: "(212) 555-0181",
        event: "NYC",
        weight: 4,
    },
    Office {
        code: "NEW",
        name: "Newark Field Office",
        lines: &["ICE ERO Newark Field Office", "970 Broad Street, Room 1100", "Newark, NJ 07102"],
        phone: "(973) 555-0190",
        fax: "(973) 555-0191",
        event: "NEW",
        weight: 2,
    },
    Office {
        code: "PHI",
        name: "Philadelphia Field Office",
        lines: &["ICE ERO Philadelphia Field Office", "114 North 8th Street", "Philadelphia, PA 19107"],
        phone: "(215) 555-0100",
        fax: "(215) 555-0101",
        event: "PHI",
        weight: 2,
    },
    Office {
        code: "BUF",
        name: "Buffalo Field Office",
        lines: &["ICE ERO Buffalo Field Office", "250 Delaware Avenue, Floor 7", "Buffalo, NY 14202"],
        phone: "(716) 555-0102",
        fax: "(716) 555-0103",
        event: "BUF",
        weight: 1,
    },
    Office {
        code: "MIA",
        name: "Miami Field Office",
        lines: &["ICE ERO Miami Field Office", "865 SW 78th Avenue, Suite 101", "Plantation, FL 33324"],
        phone: "(954) 555-0104",
        fax: "(954) 555-0105",
        event: "MIA",
        weight: 1,
    },
    Office {
        code: "BAL",
        name: "Baltimore Field Office",
        lines: &["ICE ERO Baltimore Field Office", "31 Hopkins Plaza, 6th Floor", "Baltimore, MD 21201"],
        phone: "(410) 555-0106",
        fax: "(410) 555-0107",
        event: "BAL",
        weight: 1,
    },
];

pub fn office(rng: &mut Rng8) -> &'static Office {
    let total: u32 = OFFICES.iter().map(|o| o.weight).sum();
    let mut r = rng.gen_range(0..total);
    for o in OFFICES {
        if r < o.weight {
            return o;
        }
        r -= o.weight;
    }
    &OFFICES[0]
}

/// A receiving line: folder name, what the TO box says when a request is sent to it, its fax number.
pub struct Line {
    pub folder: &'static str,
    pub to: &'static [&'static str],
    pub number: &'static str,
    /// Share of traffic that arrives on this line.
    pub weight: u32,
}

pub const LINES: &[Line] = &[
    Line {
        folder: "ops-dedicated",
        to: &["Boston Police Department", "Operations - Detainer Desk", "1 Schroeder Plaza", "Boston, MA 02120"],
        number: "617 555 0199",
        weight: 28,
    },
    Line {
        folder: "station-a1",
        to: &["Boston Police Department", "District A-1 Booking", "40 New Sudbury Street", "Boston, MA 02114"],
        number: "617 555 0161",
        weight: 12,
    },
    Line {
        folder: "station-b2",
        to: &["Boston Police Dept. District B-2", "Booking Officer", "2400 Washington Street", "Roxbury, MA 02119"],
        number: "617 555 0162",
        weight: 13,
    },
    Line {
        folder: "station-c11",
        to: &[
            "Commanding Officer, District C-11",
            "Boston Police Department",
            "40 Gibson Street, Dorchester, MA 02122",
        ],
        number: "617 555 0163",
        weight: 11,
    },
    Line {
        folder: "station-d4",
        to: &["Boston Police Department D-4", "650 Harrison Avenue", "Boston, MA 02118"],
        number: "617 555 0164",
        weight: 9,
    },
    Line {
        folder: "station-e13",
        to: &["BPD District E-13", "Booking", "3345 Washington Street", "Jamaica Plain, MA 02130"],
        number: "617 555 0165",
        weight: 8,
    },
    Line {
        folder: "email-bureau",
        to: &["Boston Police Department", "Bureau of Field Services", "1 Schroeder Plaza, Boston, MA 02120"],
        number: "617 555 0198",
        weight: 19,
    },
];

pub fn line(rng: &mut Rng8) -> usize {
    let total: u32 = LINES.iter().map(|l| l.weight).sum();
    let mut r = rng.gen_range(0..total);
    for (i, l) in LINES.iter().enumerate() {
        if r < l.weight {
            return i;
        }
        r -= l.weight;
    }
    0
}

pub const OFFICER_TITLES: &[&str] = &[
    "Deportation Officer",
    "Supervisory Detention and Deportation Officer",
    "SDDO",
    "Assistant Field Office Director",
    "Immigration Enforcement Agent",
    "Supervisory Immigration Enforcement Agent",
    "Deportation Officer (DO)",
    "Field Office Director",
];

pub fn event_number(rng: &mut Rng8, office: &Office, issued: Date) -> String {
    format!("{}{:02}{:02}{:06}", office.event, issued.y % 100, issued.m, rng.gen_range(1..4000u32))
}
