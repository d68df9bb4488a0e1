//! Just enough calendar for forms: civil dates, day arithmetic and the print styles forms and fax headers use.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub date: Date,
    pub h: u32,
    pub min: u32,
    pub s: u32,
}

pub const MON: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
pub const MONTH: [&str; 12] = [
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
];

// Howard Hinnant's days-from-civil and its inverse: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> Date {
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

impl Date {
    pub fn new(y: i32, m: u32, d: u32) -> Date {
        Date { y, m, d }
    }
    pub fn days(self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }
    pub fn from_days(z: i64) -> Date {
        civil_from_days(z)
    }
    pub fn add(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
    pub fn us(self) -> String {
        format!("{:02}/{:02}/{:04}", self.m, self.d, self.y)
    }
    pub fn us_short(self) -> String {
        format!("{:02}/{:02}/{:02}", self.m, self.d, self.y % 100)
    }
    pub fn us_loose(self) -> String {
        format!("{}/{}/{}", self.m, self.d, self.y)
    }
    pub fn day_mon_yy(self) -> String {
        format!("{:02}-{}-{:02}", self.d, MON[self.m as usize - 1], self.y % 100)
    }
    pub fn mon_dd_yyyy(self) -> String {
        format!("{}-{:02}-{:04}", MON[self.m as usize - 1], self.d, self.y)
    }
    pub fn long(self) -> String {
        format!("{} {}, {}", MONTH[self.m as usize - 1], self.d, self.y)
    }
    pub fn yymm(self) -> String {
        format!("{:02}{:02}", self.y % 100, self.m)
    }
}

impl Stamp {
    pub fn iso_min(self) -> String {
        format!("{}T{:02}:{:02}", self.date.iso(), self.h, self.min)
    }
    pub fn iso_sec(self) -> String {
        format!("{}T{:02}:{:02}:{:02}", self.date.iso(), self.h, self.min, self.s)
    }
    pub fn add_secs(self, n: i64) -> Stamp {
        let total = self.date.days() * 86400 + (self.h * 3600 + self.min * 60 + self.s) as i64 + n;
        let days = total.div_euclid(86400);
        let rem = total.rem_euclid(86400) as u32;
        Stamp { date: Date::from_days(days), h: rem / 3600, min: rem / 60 % 60, s: rem % 60 }
    }
    pub fn hm(self) -> String {
        format!("{:02}:{:02}", self.h, self.min)
    }
    pub fn hm12(self) -> String {
        let (h, ap) = match self.h {
            0 => (12, "AM"),
            1..=11 => (self.h, "AM"),
            12 => (12, "PM"),
            _ => (self.h - 12, "PM"),
        };
        format!("{h:02}:{:02}{ap}", self.min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip() {
        let d = Date::new(2024, 2, 29);
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.add(1), Date::new(2024, 3, 1));
    }
}
