//! The facade the CLI and the tests drive: inputs in, records out, in input order.
//!
//! Files run in parallel on a rayon pool sized by `--jobs`; within a file, pages run in parallel too, so
//! a single long fax uses every core. Each worker thread owns one OCR engine (see `ocr::with_engine`). Records are
//! handed to the sink in the walk's sorted order whatever order workers finish in, so output is stable.

use crate::document::{build, group, FileFacts, PageSlot};
use crate::error::ErrorCode;
use crate::forms::models::Models;
use crate::input::lines::Lines;
use crate::input::read::{decode, Page, ReadError};
use crate::input::walk::Input;
use crate::ocr::with_engine;
use crate::plan::{analyze, analyze_turned, read_header, PageAnalysis, Strategy};
use crate::record::PageKind;
use crate::record::{ErrorInfo, Kind, Record, Source};
use crate::review::Reason;
use crate::run::reorder::Reorder;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct Options {
    pub jobs: usize,
    pub lines: Option<Lines>,
    pub models: Models,
    /// How much of each page is read (zonal unless comparing with the naive approach).
    pub strategy: Strategy,
}

pub struct Pipeline {
    models: Models,
    strategy: Strategy,
    lines: Option<Lines>,
    pool: rayon::ThreadPool,
}

/// Figures for the closing summary.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub files: u64,
    pub pages: u64,
    pub detainers: u64,
    pub cancellations: u64,
    pub other: u64,
    pub errors: u64,
    pub review_needed: u64,
    pub ocr_calls: u64,
    #[serde(skip)]
    pub elapsed: Duration,
}

impl Summary {
    pub fn add(&mut self, records: &[Record], pages: u64) {
        self.files += 1;
        self.pages += pages;
        for r in records {
            match r.kind {
                Kind::Detainer if r.detainer.as_ref().is_some_and(|d| d.cancels_previous) => self.cancellations += 1,
                Kind::Detainer => self.detainers += 1,
                Kind::Other => self.other += 1,
                Kind::Error => self.errors += 1,
            }
            if r.review.needed {
                self.review_needed += 1;
            }
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "faxtract: {} files, {} pages: {} detainer requests, {} cancellations, {} other faxes, {} errors; {} need review; {:.1}s",
            self.files, self.pages, self.detainers, self.cancellations, self.other, self.errors, self.review_needed,
            self.elapsed.as_secs_f64()
        )
    }
}

/// The result of one file: its records and what it cost.
pub struct FileResult {
    pub records: Vec<Record>,
    pub pages: u64,
    pub ocr_calls: u64,
}

pub fn error_record(source: Source, e: &ReadError) -> Record {
    let mut r = Record::new(Kind::Error, source);
    r.error = Some(ErrorInfo { code: e.code.as_str().to_string(), message: e.message.clone() });
    r.review.flag(Reason::Error(e.code.as_str().to_string()));
    r
}

impl Pipeline {
    pub fn new(opts: Options) -> anyhow::Result<Pipeline> {
        let jobs =
            if opts.jobs == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { opts.jobs };
        let pool =
            rayon::ThreadPoolBuilder::new().num_threads(jobs).thread_name(|i| format!("faxtract-ocr-{i}")).build()?;
        // Fail early, on this thread, if the OCR engine cannot start at all.
        crate::ocr::Engine::new()?;
        Ok(Pipeline { models: opts.models, strategy: opts.strategy, lines: opts.lines, pool })
    }

    pub fn models(&self) -> &Models {
        &self.models
    }

    /// Every stage for one file. Never fails: what cannot be read becomes an error record.
    pub fn process_file(&self, input: &Input) -> FileResult {
        self.process_file_observed(input, &|_| {})
    }

    /// [`Pipeline::process_file`] on this pipeline's thread pool, a panic turned into the file's
    /// `internal_error` record. `on_decoded` is told the page count once the file is decoded (a worker
    /// reports it so the parent can scale the file's time limit).
    pub fn process_isolated(&self, input: &Input, on_decoded: &(dyn Fn(u32) + Sync)) -> FileResult {
        self.pool.install(|| {
            // A bug must not lose a file: a panic in any stage becomes that file's error record.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.process_file_observed(input, on_decoded)))
                .unwrap_or_else(|_| {
                    let source = Source { path: input.source_path(), ..Default::default() };
                    let err = ReadError::new(
                        ErrorCode::InternalError,
                        "faxtract failed on this file (a bug); the rest of the run went on",
                    );
                    FileResult { records: vec![error_record(source, &err)], pages: 0, ocr_calls: 0 }
                })
        })
    }

    /// A page no cue matched, in a file whose other pages had to be turned upright, is read once more
    /// turned as most of them were: a stack of paper goes through a fax machine one way, and a page's own
    /// orientation can be too faint to tell (small print, a standard-resolution page turned a half). The
    /// second reading is kept only when it finds what the page is.
    fn turn_as_the_file(&self, pages: Vec<Option<Page>>, slots: &mut [PageSlot]) {
        let mut turns = [0usize; 4];
        for a in slots.iter().filter_map(|s| s.as_ref().ok()) {
            if a.kind != PageKind::Other {
                turns[a.quarters.rem_euclid(4) as usize] += 1;
            }
        }
        let Some(quarters) = (1..4).filter(|&q| turns[q] > 0).max_by_key(|&q| turns[q]) else { return };
        let quarters = quarters as i32;
        let unread: Vec<bool> = slots
            .iter()
            .map(|s| s.as_ref().is_ok_and(|a| a.kind == PageKind::Other && a.quarters != quarters))
            .collect();
        let again: Vec<(usize, PageAnalysis)> = pages
            .into_par_iter()
            .enumerate()
            .filter(|(i, _)| unread[*i])
            .filter_map(|(i, page)| {
                let page = page?;
                with_engine(|e| analyze_turned(&page, i, &self.models, e, self.strategy, quarters)).ok().map(|a| (i, a))
            })
            .collect();
        for (i, a) in again {
            if a.kind != PageKind::Other {
                slots[i] = Ok(a);
            }
        }
    }

    fn process_file_observed(&self, input: &Input, on_decoded: &(dyn Fn(u32) + Sync)) -> FileResult {
        let mut source = Source { path: input.source_path(), ..Default::default() };
        if let Some((code, msg)) = &input.walk_error {
            return FileResult {
                records: vec![error_record(source, &ReadError::new(*code, msg.clone()))],
                pages: 0,
                ocr_calls: 0,
            };
        }
        let data = match crate::input::open::read_all(&input.path) {
            Ok(d) => d,
            Err(err) => return FileResult { records: vec![error_record(source, &err)], pages: 0, ocr_calls: 0 },
        };
        source.sha256 = format!("{:x}", Sha256::digest(&data));
        let file = match decode(&data) {
            Ok(f) => f,
            Err(e) => return FileResult { records: vec![error_record(source, &e)], pages: 0, ocr_calls: 0 },
        };
        source.page_count = file.pages.len() as u32;
        on_decoded(source.page_count);
        let tags = file.tags;
        // Each page is kept with its analysis until the file's orientation is settled (see `turn_as_the_file`).
        let (pages, mut slots): (Vec<Option<Page>>, Vec<PageSlot>) = file
            .pages
            .into_par_iter()
            .enumerate()
            .map(|(i, p)| match p {
                Err(e) => (None, Err(e)),
                Ok(page) => {
                    let a = with_engine(|engine| analyze(&page, i, &self.models, engine, self.strategy))
                        .map_err(|e| ReadError::new(ErrorCode::OcrFailed, format!("page {}: {e:#}", i + 1)));
                    (Some(page), a)
                }
            })
            .unzip();
        self.turn_as_the_file(pages, &mut slots);
        crate::document::demote_notices(&self.models, &mut slots);
        let is_request: Vec<bool> =
            slots.iter().map(|s| s.as_ref().is_ok_and(|a| self.models.request_form(a.kind).is_some())).collect();
        let is_notice: Vec<bool> =
            slots.iter().map(|s| s.as_ref().is_ok_and(|a| a.kind == PageKind::DetaineeNotice)).collect();
        let spans = group(&is_request, &is_notice);
        // The fax header line of each document: its first page's, or the next page's that has one when
        // that reads as nothing (a cover sheet scanned without it). The file's first page is the first
        // document's, and its numbers name the receiving line.
        for span in &spans {
            for slot in &mut slots[span.start..span.end] {
                let Ok(page) = slot else { continue };
                match with_engine(|engine| read_header(page, engine)) {
                    Ok(true) => break,
                    Ok(false) => {}
                    Err(e) => *slot = Err(ReadError::new(ErrorCode::OcrFailed, format!("header line: {e:#}"))),
                }
            }
        }
        let ocr_calls = slots.iter().filter_map(|s| s.as_ref().ok()).map(|a| a.ocr_calls as u64).sum();
        let header_numbers: Vec<String> =
            slots.iter().filter_map(|s| s.as_ref().ok()?.header.as_ref()).flat_map(|h| h.numbers.clone()).collect();
        let (line, channel) = match &self.lines {
            Some(lines) => match lines.resolve(&input.path, &header_numbers) {
                Some(l) => (Some(l.name.clone()), Some(l.channel.clone())),
                None => (None, None),
            },
            None => (
                input
                    .rel
                    .parent()
                    .and_then(|p| p.file_name())
                    .or_else(|| input.path.parent().and_then(|p| p.file_name()))
                    .map(|n| n.to_string_lossy().into_owned()),
                None,
            ),
        };
        let facts = FileFacts { source, tags: &tags, line, channel };
        let mut records: Vec<Record> = spans.iter().map(|span| build(&self.models, &slots, span, &facts)).collect();
        if self.lines.is_some() && records.first().is_some_and(|r| r.fax.line.is_none()) {
            for r in &mut records {
                r.review.flag(Reason::LineUnknown);
            }
        }
        FileResult { records, pages: slots.len() as u64, ocr_calls }
    }

    /// Runs every input; `sink` gets each file's records in input order. `progress` is told after each file.
    pub fn run(
        &self,
        inputs: &[Input],
        mut sink: impl FnMut(&[Record]) -> anyhow::Result<()>,
        progress: impl Fn(&FileResult) + Sync,
    ) -> anyhow::Result<Summary> {
        let start = Instant::now();
        let mut summary = Summary::default();
        let (tx, rx) = mpsc::sync_channel::<(usize, FileResult)>(64);
        let mut result = Ok(());
        std::thread::scope(|scope| {
            scope.spawn(|| {
                self.pool.install(|| {
                    inputs.par_iter().enumerate().for_each_with(tx, |tx, (i, input)| {
                        let r = self.process_isolated(input, &|_| {});
                        progress(&r);
                        let _ = tx.send((i, r));
                    })
                })
            });
            // Results that arrive early wait for their turn (unbounded: rayon's pool cannot be held back).
            let mut reorder = Reorder::unbounded();
            for (i, r) in rx {
                reorder.insert(i, r);
                while let Some((_, r)) = reorder.pop_ready() {
                    summary.add(&r.records, r.pages);
                    summary.ocr_calls += r.ocr_calls;
                    if result.is_ok() {
                        result = sink(&r.records);
                    }
                }
            }
        });
        result?;
        summary.elapsed = start.elapsed();
        Ok(summary)
    }
}
