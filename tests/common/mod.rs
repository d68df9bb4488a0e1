//! Realistic record fixtures for the report tests, built with the crate's own record types so they follow
//! the contract exactly (null fields, review flags, several documents in one file, two shards with overlap).
//!
//! The corpus (year 2025 unless said), lines → channels: `central-fax` → dedicated, `station-a` and
//! `station-b` → station, `bureau-email` → email, one copy with neither (unknown):
//!
//! | req | subject/event | copies (line) | merge | date | office | warrant | form |
//! |---|---|---|---|---|---|---|---|
//! | R1 | 1001/BOS2501000001 | central-fax, station-a | key | 01-10 | BOS | I-200 | I-247A |
//! | R2 | 1002/BOS2501000002 | station-a, station-b (event misread `BOS25O1000002`, flagged) | a_number+date+name | 01-20 | BOS | I-205 | I-247A |
//! | R3 | 1003/NYC2502000003 | central-fax (file shared with C2) | - | 02-05 | NYC | judicial | I-247A |
//! | R4 | 1004/LESC2502000004 | bureau-email | - | 02-14 | LESC | none | I-247A |
//! | R5 | 1005/BOS2503000005 | station-b (no A-number), central-fax, station-a (no subject ID) | key + a_number+date+name | 03-01 | BOS | I-200 | I-247A |
//! | R6 | 1006/BOS2503000006 | station-a (I-200), station-b (no warrant page) | key | 03-15 | null | I-200 | I-247D |
//! | R7 | 1007/PHI2504000007 | station-b | - | issue date unreadable, received 04-02 | PHI | I-205 | I-247A |
//! | R8 | 1008/BOS2504000008 | central-fax (I-200), station-a (judicial) → conflict | key | 04-11 | BOS | conflict | I-247A |
//! | R9 | nothing readable | no line, no channel | unmatchable | undated | null | none | null |
//! | R10 | 1010/SEA2412000010 | station-a | - | 2024-12-20 | SEA | I-200 | I-247 |
//! | C1 | cancels R1 (1001/BOS2501000001) | central-fax, station-a | key | 02-01 | BOS | | I-247A |
//! | C2 | cancels 1999 (not in the records) | central-fax (same file as R3) | - | 05-01 | BOS | | I-247A |
//!
//! Plus one `other` record (2 pages) and one `error` record (unreadable file).
#![allow(dead_code)]

pub mod archive;
pub mod tiff;

use faxtract::record::*;
use std::path::{Path, PathBuf};

pub struct Copy {
    pub path: &'static str,
    pub pages: Vec<u32>,
    pub page_count: u32,
    pub line: Option<&'static str>,
    pub received: Option<&'static str>,
    pub sid: Option<&'static str>,
    pub ev: Option<&'static str>,
    pub a: Option<&'static str>,
    pub date: Option<&'static str>,
    pub name: Option<&'static str>,
    pub office: Option<&'static str>,
    pub warrant: WarrantType,
    pub form: Option<&'static str>,
    pub cancels: Option<&'static str>,
    pub review: Vec<&'static str>,
}

fn channel_of(line: Option<&str>) -> Option<String> {
    match line? {
        "central-fax" => Some("dedicated".into()),
        "station-a" | "station-b" => Some("station".into()),
        "bureau-email" => Some("email".into()),
        _ => None,
    }
}

fn sha(path: &str) -> String {
    // A stable fake digest per file path (64 hex chars).
    let mut h: u64 = 0xcbf29ce484222325;
    for b in path.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}").repeat(4)
}

pub fn detainer(c: &Copy) -> Record {
    let mut r = Record::new(
        Kind::Detainer,
        Source { path: c.path.into(), sha256: sha(c.path), pages: c.pages.clone(), page_count: c.page_count },
    );
    r.form = c.form.map(String::from);
    r.fax = Fax {
        received_at: c.received.map(String::from),
        sender: Some("ICE ERO".into()),
        line: c.line.map(String::from),
        channel: channel_of(c.line),
        header: Header::default(),
    };
    let (family, given) = match c.name.and_then(|n| n.split_once(", ")) {
        Some((f, g)) => (Some(f.to_string()), Some(g.to_string())),
        None => (None, None),
    };
    r.detainer = Some(Detainer {
        subject_id: c.sid.map(String::from),
        event_number: c.ev.map(String::from),
        a_number: c.a.map(String::from),
        date_issued: c.date.map(String::from),
        subject: Subject {
            name: c.name.map(String::from),
            family_name: family,
            given_names: given,
            dob: Some("1990-01-01".into()),
            citizenship: Some("GUATEMALA".into()),
            sex: Some("M".into()),
        },
        issuing_office: IssuingOffice {
            code: c.office.map(String::from),
            name: c.office.map(|o| format!("{o} field office")),
            raw: c.office.map(|o| format!("ERO {o}")),
        },
        warrant: Warrant { kind: c.warrant, page: if c.warrant == WarrantType::None { None } else { Some(4) } },
        probable_cause: vec![ProbableCause::Biometric],
        cancels_previous: c.cancels.is_some(),
        cancelled_request_date: c.cancels.map(String::from),
    });
    for reason in &c.review {
        r.review.flag(*reason);
    }
    r
}

#[allow(clippy::too_many_arguments)]
fn cp(
    path: &'static str,
    line: Option<&'static str>,
    received: Option<&'static str>,
    sid: Option<&'static str>,
    ev: Option<&'static str>,
    a: Option<&'static str>,
    date: Option<&'static str>,
    name: Option<&'static str>,
    office: Option<&'static str>,
    warrant: WarrantType,
) -> Copy {
    Copy {
        path,
        pages: vec![1, 2, 3, 4],
        page_count: 4,
        line,
        received,
        sid,
        ev,
        a,
        date,
        name,
        office,
        warrant,
        form: Some("I-247A"),
        cancels: None,
        review: vec![],
    }
}

use WarrantType as W;

/// Every detainer copy of the corpus, in the order the shards hold them.
pub fn copies() -> Vec<Copy> {
    let s = Some;
    let mut v = vec![
        // R1
        cp(
            "central/2025-01-10_0901.tif",
            s("central-fax"),
            s("2025-01-10T09:01:00"),
            s("1001"),
            s("BOS2501000001"),
            s("A212345671"),
            s("2025-01-10"),
            s("GARCIA LOPEZ, JUAN"),
            s("BOS"),
            W::I200,
        ),
        cp(
            "station-a/20250110-1422.tif",
            s("station-a"),
            s("2025-01-10T14:22:00"),
            s("1001"),
            s("BOS2501000001"),
            s("A 212-345-671"),
            s("2025-01-10"),
            s("GARCIA LOPEZ, JUAN"),
            s("BOS"),
            W::I200,
        ),
        // R2
        cp(
            "station-a/20250120-0800.tif",
            s("station-a"),
            s("2025-01-20T08:00:00"),
            s("1002"),
            s("BOS2501000002"),
            s("A212345672"),
            s("2025-01-20"),
            s("SMITH, ANNA"),
            s("BOS"),
            W::I205,
        ),
        {
            let mut c = cp(
                "station-b/20250121-1130.tif",
                s("station-b"),
                s("2025-01-21T11:30:00"),
                s("1002"),
                s("BOS25O1000002"),
                s("A212345672"),
                s("2025-01-20"),
                s("SMITH, ANNA"),
                s("BOS"),
                W::I205,
            );
            c.review = vec!["event_number: low OCR confidence"];
            c
        },
        // R3 (shares its file with C2)
        {
            let mut c = cp(
                "central/2025-02-05_1010.tif",
                s("central-fax"),
                s("2025-02-05T10:10:00"),
                s("1003"),
                s("NYC2502000003"),
                s("A212345673"),
                s("2025-02-05"),
                s("NGUYEN, VAN"),
                s("NYC"),
                W::Judicial,
            );
            c.page_count = 7;
            c
        },
        // R4
        cp(
            "email/2025-02-14-detainer.tif",
            s("bureau-email"),
            s("2025-02-14T16:45:00"),
            s("1004"),
            s("LESC2502000004"),
            s("A212345674"),
            s("2025-02-14"),
            s("OKAFOR, CHIDI"),
            s("LESC"),
            W::None,
        ),
        // R5: a chain
        cp(
            "station-b/20250301-0700.tif",
            s("station-b"),
            s("2025-03-01T07:00:00"),
            s("1005"),
            s("BOS2503000005"),
            None,
            s("2025-03-01"),
            s("ROSSI, MARCO"),
            s("BOS"),
            W::I200,
        ),
        cp(
            "central/2025-03-01_0705.tif",
            s("central-fax"),
            s("2025-03-01T07:05:00"),
            s("1005"),
            s("BOS2503000005"),
            s("A212345675"),
            s("2025-03-01"),
            s("ROSSI, MARCO"),
            s("BOS"),
            W::I200,
        ),
        cp(
            "station-a/20250302-0930.tif",
            s("station-a"),
            s("2025-03-02T09:30:00"),
            None,
            s("BOS2503000005"),
            s("A212345675"),
            s("2025-03-01"),
            s("ROSSI, MARCO"),
            s("BOS"),
            W::I200,
        ),
    ];
    // R6: legacy form, office unread, one copy without its warrant page
    let mut r6a = cp(
        "station-a/20250315-1200.tif",
        s("station-a"),
        s("2025-03-15T12:00:00"),
        s("1006"),
        s("BOS2503000006"),
        s("A212345676"),
        s("2025-03-15"),
        s("KOWALSKI, PIOTR"),
        None,
        W::I200,
    );
    r6a.form = s("I-247D");
    let mut r6b = cp(
        "station-b/20250315-1205.tif",
        s("station-b"),
        s("2025-03-15T12:05:00"),
        s("1006"),
        s("BOS2503000006"),
        s("A212345676"),
        s("2025-03-15"),
        s("KOWALSKI, PIOTR"),
        None,
        W::None,
    );
    r6b.form = s("I-247D");
    r6b.pages = vec![1, 2, 3];
    r6b.page_count = 3;
    v.push(r6a);
    v.push(r6b);
    // R7: issue date unreadable
    let mut r7 = cp(
        "station-b/20250402-0815.tif",
        s("station-b"),
        s("2025-04-02T08:15:00"),
        s("1007"),
        s("PHI2504000007"),
        s("A212345677"),
        None,
        s("BROWN, LEE"),
        s("PHI"),
        W::I205,
    );
    r7.review = vec!["date_issued: unreadable"];
    v.push(r7);
    // R8: copies disagree on the warrant
    v.push(cp(
        "central/2025-04-11_1300.tif",
        s("central-fax"),
        s("2025-04-11T13:00:00"),
        s("1008"),
        s("BOS2504000008"),
        s("A212345678"),
        s("2025-04-11"),
        s("DIAZ, ROSA"),
        s("BOS"),
        W::I200,
    ));
    v.push(cp(
        "station-a/20250411-1310.tif",
        s("station-a"),
        s("2025-04-11T13:10:00"),
        s("1008"),
        s("BOS2504000008"),
        s("A212345678"),
        s("2025-04-11"),
        s("DIAZ, ROSA"),
        s("BOS"),
        W::Judicial,
    ));
    // R9: nothing readable, no line
    let mut r9 = cp("unsorted/scan0042.tif", None, None, None, None, None, None, None, None, W::None);
    r9.form = None;
    r9.review = vec!["subject_id: unreadable", "event_number: unreadable", "fax: no header line"];
    v.push(r9);
    // R10: December 2024, pre-2015 form
    let mut r10 = cp(
        "station-a/20241220-1000.tif",
        s("station-a"),
        s("2024-12-20T10:00:00"),
        s("1010"),
        s("SEA2412000010"),
        s("A212345680"),
        s("2024-12-20"),
        s("LEE, MIN"),
        s("SEA"),
        W::I200,
    );
    r10.form = s("I-247");
    v.push(r10);
    // C1 cancels R1, two copies
    let mut c1a = cp(
        "central/2025-02-01_0800.tif",
        s("central-fax"),
        s("2025-02-01T08:00:00"),
        s("1001"),
        s("BOS2501000001"),
        s("A212345671"),
        s("2025-02-01"),
        s("GARCIA LOPEZ, JUAN"),
        s("BOS"),
        W::None,
    );
    c1a.cancels = s("2025-01-10");
    c1a.pages = vec![1, 2, 3];
    c1a.page_count = 3;
    let mut c1b = cp(
        "station-a/20250201-0815.tif",
        s("station-a"),
        s("2025-02-01T08:15:00"),
        s("1001"),
        s("BOS2501000001"),
        s("A212345671"),
        s("2025-02-01"),
        s("GARCIA LOPEZ, JUAN"),
        s("BOS"),
        W::None,
    );
    c1b.cancels = s("2025-01-10");
    c1b.pages = vec![1, 2, 3];
    c1b.page_count = 3;
    v.push(c1a);
    v.push(c1b);
    // C2: in R3's file, pages 5-7; its request is not in the records
    let mut c2 = cp(
        "central/2025-02-05_1010.tif",
        s("central-fax"),
        s("2025-02-05T10:10:00"),
        s("1999"),
        s("BOS2505009999"),
        s("A299999999"),
        s("2025-05-01"),
        s("DOE, JANE"),
        s("BOS"),
        W::None,
    );
    c2.cancels = s("2025-04-01");
    c2.pages = vec![5, 6, 7];
    c2.page_count = 7;
    v.push(c2);
    v
}

pub fn other_record() -> Record {
    let mut r = Record::new(
        Kind::Other,
        Source {
            path: "station-b/court-notice.tif".into(),
            sha256: sha("station-b/court-notice.tif"),
            pages: vec![1, 2],
            page_count: 2,
        },
    );
    r.fax.line = Some("station-b".into());
    r.fax.channel = Some("station".into());
    r
}

pub fn error_record() -> Record {
    let mut r = Record::new(
        Kind::Error,
        Source {
            path: "station-a/broken.tif".into(),
            sha256: sha("station-a/broken.tif"),
            pages: vec![],
            page_count: 0,
        },
    );
    r.error = Some(ErrorInfo { code: "tiff_decode".into(), message: "not a TIFF file: bad magic bytes".into() });
    r
}

pub fn line(r: &Record) -> String {
    serde_json::to_string(r).unwrap()
}

/// Writes two shard files into `dir`: shard1 holds the first 10 detainer copies and the other record;
/// shard2 holds the rest, the error record, and (again) the first two records of shard1, as a re-run would.
pub fn write_shards(dir: &Path) -> (PathBuf, PathBuf) {
    let recs: Vec<Record> = copies().iter().map(detainer).collect();
    let mut s1: Vec<String> = recs[..10].iter().map(line).collect();
    s1.push(line(&other_record()));
    let mut s2: Vec<String> = recs[10..].iter().map(line).collect();
    s2.push(line(&error_record()));
    s2.push(String::new()); // a blank line is not a record and not an error
    s2.push(line(&recs[0]));
    s2.push(line(&recs[1]));
    let p1 = dir.join("shard1.jsonl");
    let p2 = dir.join("shard2.jsonl");
    std::fs::write(&p1, s1.join("\n") + "\n").unwrap();
    std::fs::write(&p2, s2.join("\n") + "\n").unwrap();
    // FAXTRACT_KEEP_FIXTURES=DIR keeps a copy of the shards (to show a report in the README).
    if let Ok(keep) = std::env::var("FAXTRACT_KEEP_FIXTURES") {
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::copy(&p1, Path::new(&keep).join("shard1.jsonl"));
        let _ = std::fs::copy(&p2, Path::new(&keep).join("shard2.jsonl"));
    }
    (p1, p2)
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_faxtract")
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(bin()).args(args).output().expect("run faxtract");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
