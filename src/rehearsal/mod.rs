//! `walk`: a scripted respondent that takes a survey headless, through the
//! same kiosk loop and worker the kiosk uses, answering every page with
//! valid answers chosen at random.

mod answers;
mod report;
mod walker;

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::json;

pub use answers::random_answer;
pub use report::{api_calls_per_respondent, check_exactly_once, print_summary};
use report::{wait_for_recovery, wait_for_replay};
use walker::{Streak, Walked, Walker};

use crate::api::{CallCounts, Client};
use crate::journal::{CaptureSummary, WaitingSummary};
use crate::kiosk::{Kiosk, Settings};
use crate::worker::{Records, Worker, WorkerError};

#[derive(Clone, Debug)]
pub struct WalkOptions {
    pub respondents: u32,
    pub seed: u64,
    pub json: bool,
    /// Chance of going back a page (when the page allows it).
    pub back_chance: f64,
    /// Give up on a respondent when the server has not answered at all for
    /// this long (no reply, not even a failure).
    pub stall_limit: Duration,
    /// Stop the whole walk when requests have failed in a row (retries,
    /// offline, survey out of service) for this long.
    pub give_up_after: Duration,
    /// Print a line per page (the soak run turns it off).
    pub page_lines: bool,
    /// Print a line per respondent.
    pub respondent_lines: bool,
    /// Print a line for every failure the kiosk waits out (a retry, a new
    /// start, a re-check of a survey out of service).
    pub wait_lines: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            respondents: 1,
            seed: 1,
            json: false,
            back_chance: 0.15,
            stall_limit: Duration::from_secs(300),
            give_up_after: Duration::from_secs(180),
            page_lines: true,
            respondent_lines: true,
            wait_lines: true,
        }
    }
}

/// What a walk found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WalkReport {
    /// Respondents by final status (`survey_complete`, `terminated`, …).
    pub finals: BTreeMap<String, u32>,
    /// Respondents that did not reach a final status, with why.
    pub failures: Vec<String>,
    /// Respondents never started because the walk gave up first.
    pub not_tried: u32,
    /// Pages of earlier runs (or of respondents who left) that recovery had
    /// not settled with the server when the walk stopped waiting.
    pub unsettled: u64,
    /// Why the walk stopped before its last respondent, if it did.
    pub gave_up: Option<String>,
    pub pages: u64,
    pub backs: u64,
    /// Calls to the take API the walk made (they count against
    /// QuestionPro's limits), by endpoint.
    pub api_calls: CallCounts,
    pub elapsed: Duration,
    /// What the journal holds unsettled as the walk ends, read then.
    pub journal: Option<WaitingSummary>,
    /// Respondents this walk captured offline.
    pub captured_here: u64,
    /// Whether the API could not be reached at the walk's last start.
    pub capturing: bool,
    /// Captured respondents in the journal as the walk ends (this walk's
    /// and earlier ones'), by replay state.
    pub captured: Option<CaptureSummary>,
    /// Captured respondents that needed attention when the walk began.
    pub needed_attention_before: u64,
    /// Why no local copy of the answers could be kept, if so.
    pub journal_problem: Option<String>,
    /// The process's memory after the 1,000th respondent (soak runs).
    pub memory_after_1000: Option<Memory>,
    pub memory_at_end: Option<Memory>,
}

/// The process's resident memory, in kibibytes (Linux: `/proc/self/status`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Memory {
    /// Resident now (VmRSS).
    pub rss_kib: u64,
    /// The highest resident so far (VmHWM).
    pub peak_kib: u64,
}

impl Memory {
    /// `None` where the OS does not tell (not Linux).
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| -> Option<u64> {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))?
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        };
        Some(Memory {
            rss_kib: field("VmRSS:")?,
            peak_kib: field("VmHWM:")?,
        })
    }
}

impl WalkReport {
    pub fn all_final(&self) -> bool {
        self.failures.is_empty()
    }

    /// Respondents captured offline that replay could not finish while
    /// the API answered (they wait, or stopped and need attention since the
    /// walk began).
    pub fn replay_unfinished(&self, capturing: bool) -> u64 {
        self.captured.as_ref().map_or(0, |c| {
            let waiting = if capturing { 0 } else { c.waiting };
            waiting
                + c.needs_attention
                    .saturating_sub(self.needed_attention_before)
        })
    }

    /// Whether the walk showed the survey cannot take respondents as it
    /// should: its quota is full (a respondent was turned away).
    pub fn survey_refused(&self) -> bool {
        self.finals.contains_key("quota_full")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    #[error(transparent)]
    Worker(#[from] WorkerError),
    #[error(transparent)]
    Journal(#[from] crate::journal::JournalError),
    #[error("could not write the walk's output: {0}")]
    Output(#[from] std::io::Error),
}

/// Takes the survey `options.respondents` times and writes one line per page
/// and one per respondent to `out`.
pub fn walk(
    client: Client,
    survey_id: u64,
    settings: Settings,
    records: Records,
    options: &WalkOptions,
    out: &mut dyn Write,
) -> Result<WalkReport, WalkError> {
    let started = Instant::now();
    let calls = client.clone();
    let calls_before = calls.calls();
    let worker = Worker::spawn_configured(client, survey_id, records, &settings, || {})?;
    let mut kiosk = Kiosk::new(settings, Instant::now());
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut report = WalkReport {
        needed_attention_before: worker.captured_now().map_or(0, |c| c.needs_attention),
        ..WalkReport::default()
    };
    let mut streak = Streak::default();
    for number in 1..=options.respondents {
        let mut walker = Walker {
            worker: &worker,
            kiosk: &mut kiosk,
            rng: &mut rng,
            number,
            options,
            report: &mut report,
            streak: &mut streak,
            out: &mut *out,
        };
        let result = walker.walk_one()?;
        let (why, gave_up) = match result {
            Walked::Final(status, pages) => {
                *report.finals.entry(status.to_string()).or_default() += 1;
                if !options.respondent_lines {
                } else if options.json {
                    let line =
                        json!({"respondent": number, "status": status.as_str(), "pages": pages});
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(out, "respondent {number}: {status} after {pages} page(s)")?;
                }
                (None, false)
            }
            Walked::Failed(why) => (Some(why), false),
            Walked::GaveUp(why) => (Some(why), true),
        };
        if let Some(why) = why {
            if options.json {
                writeln!(
                    out,
                    "{}",
                    json!({"respondent": number, "status": null, "error": why})
                )?;
            } else {
                writeln!(out, "respondent {number}: did not finish: {why}")?;
            }
            report.failures.push(format!("respondent {number}: {why}"));
            if gave_up {
                report.not_tried = options.respondents - number;
                if options.json {
                    let line = json!({"gave_up": why, "not_tried": report.not_tried});
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(
                        out,
                        "The walk stopped: {why}. {} not tried.",
                        report.not_tried
                    )?;
                }
                report.gave_up = Some(why);
                break;
            }
        }
        if number == 1000 {
            report.memory_after_1000 = Memory::now();
        }
    }
    report.unsettled = wait_for_recovery(&worker, options, out)?;
    report.captured = wait_for_replay(&worker, options, out)?;
    report.captured_here = worker.captured_in_this_run().unwrap_or(0);
    report.capturing = worker.capturing_offline();
    report.journal = worker.unsettled_now();
    report.journal_problem = worker.journal_problem();
    // Let every send finish before the report is read.
    drop(worker);
    report.api_calls = calls.calls().since(&calls_before);
    report.elapsed = started.elapsed();
    report.memory_at_end = Memory::now();
    Ok(report)
}
