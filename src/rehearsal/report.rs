//! How a walk ends: waiting for recovery, the exactly-once check against
//! the demo server's record, and the closing lines.

use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{WalkError, WalkOptions, WalkReport};
use crate::journal::{CaptureSummary, WaitingSummary};
use crate::worker::Worker;

/// Before a walk ends: the worker's recovery settles the pages no live
/// session owns (an earlier run died while sending them). Waits while it
/// makes progress, saying what it waits for, and at most
/// `give_up_after` without progress; returns how many still wait.
pub(super) fn wait_for_recovery(
    worker: &Worker,
    options: &WalkOptions,
    out: &mut dyn Write,
) -> Result<u64, WalkError> {
    let mut said: Option<WaitingSummary> = None;
    let mut since = Instant::now();
    loop {
        // Read from the journal now: the worker's own count may not yet know
        // of the last respondent's page.
        let Some(waiting) = worker.unsettled_now() else {
            return Ok(0);
        };
        if waiting.pages == 0 {
            return Ok(0);
        }
        if said.as_ref() != Some(&waiting) {
            if said.as_ref().is_some_and(|s| s.pages != waiting.pages) {
                since = Instant::now();
            }
            if options.wait_lines {
                let error = waiting
                    .last_error
                    .as_deref()
                    .map(|e| format!(" (last error: {e})"))
                    .unwrap_or_default();
                if options.json {
                    let line = json!({"recovery_waiting": waiting.pages, "last_error": waiting.last_error});
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(
                        out,
                        "waiting for {} answer set(s) of earlier sessions to reach the server{error}",
                        waiting.pages
                    )?;
                }
            }
            said = Some(waiting.clone());
        }
        if since.elapsed() > options.give_up_after {
            writeln!(
                out,
                "gave up waiting after {} s: {} answer set(s) stay in the journal and are sent at the next start",
                options.give_up_after.as_secs(),
                waiting.pages
            )?;
            return Ok(waiting.pages);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Before a walk ends, when the API answers: replay sends the respondents
/// captured offline (by this walk or an earlier one). Waits while it makes
/// progress, at most `give_up_after` without; returns what is left.
/// Offline (this walk captured because the API could not be reached) it
/// does not wait: they are replayed by a later run.
pub(super) fn wait_for_replay(
    worker: &Worker,
    options: &WalkOptions,
    out: &mut dyn Write,
) -> Result<Option<CaptureSummary>, WalkError> {
    let mut said: Option<CaptureSummary> = None;
    let mut since = Instant::now();
    loop {
        let Some(captured) = worker.captured_now() else {
            return Ok(None);
        };
        if captured.waiting == 0 || worker.capturing_offline() {
            return Ok(Some(captured));
        }
        if said.as_ref() != Some(&captured) {
            if said.is_some() {
                since = Instant::now();
            }
            if options.wait_lines && !options.json {
                writeln!(
                    out,
                    "replaying {} respondent(s) captured offline ({} page(s))",
                    captured.waiting, captured.pages
                )?;
            }
            said = Some(captured.clone());
        }
        if since.elapsed() > options.give_up_after {
            writeln!(
                out,
                "gave up waiting after {} s: {} respondent(s) captured offline wait to be                  replayed at the next start",
                options.give_up_after.as_secs(),
                captured.waiting
            )?;
            return Ok(Some(captured));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Compares what the demo server accepted with what this walk's journal
/// records: every body the journal holds as accepted is on the server
/// exactly once; every other body on the server is one the journal still
/// keeps (unconfirmed or pending), never one it deleted or never wrote.
/// Says which on `out`.
pub fn check_exactly_once(
    demo: &crate::demo::DemoServer,
    journal: &crate::journal::Journal,
    run_id: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<bool, WalkError> {
    let ours = journal.accepted_hashes_of_run(run_id)?;
    let mut unproven = journal.unproven_hashes_of_run(run_id)?;
    let mut theirs: Vec<String> = demo
        .accepted()
        .into_iter()
        .filter_map(|page| serde_json::from_value::<crate::survey::FormBody>(page.body).ok())
        .map(|body| crate::journal::body_hash(&body))
        .collect();
    let server_count = theirs.len();
    let mut missing = 0usize;
    for hash in &ours {
        match theirs.iter().position(|h| h == hash) {
            Some(at) => {
                theirs.swap_remove(at);
            }
            None => missing += 1,
        }
    }
    // What is left on the server must be a body the journal keeps.
    let mut unexplained = 0usize;
    for hash in theirs {
        match unproven.iter().position(|h| *h == hash) {
            Some(at) => {
                unproven.swap_remove(at);
            }
            None => unexplained += 1,
        }
    }
    let same = missing == 0 && unexplained == 0;
    if json {
        let line = json!({"server_accepted": server_count, "journal_accepted": ours.len(),
            "missing_on_server": missing, "unexplained_on_server": unexplained, "exactly_once": same});
        writeln!(out, "{line}")?;
    } else if same {
        writeln!(
            out,
            "The demo server accepted {server_count} page bodies, each exactly once, all recorded in the journal.",
        )?;
    } else {
        writeln!(
            out,
            "MISMATCH: the demo server accepted {server_count} page bodies; the journal records {} as accepted, {missing} of them missing on the server, and {unexplained} body/bodies on the server are not in the journal (or twice).",
            ours.len()
        )?;
    }
    Ok(same)
}

/// The walk's closing lines: respondents by final status, then respondents
/// per second and the process's memory (the soak figures).
/// The walk's API calls per respondent tried (`None` when none was).
pub fn api_calls_per_respondent(report: &WalkReport, respondents: u32) -> Option<f64> {
    let tried = respondents.saturating_sub(report.not_tried);
    (tried > 0).then(|| report.api_calls.total() as f64 / f64::from(tried))
}

/// "N API call(s), M per respondent": what a licence's call budget must hold.
fn api_call_words(report: &WalkReport, respondents: u32) -> String {
    let calls = &report.api_calls;
    let per = api_calls_per_respondent(report, respondents)
        .map_or_else(String::new, |per| format!(", {per:.1} per respondent"));
    format!(
        "{} API call(s){per} (take {}, submit-page {}, previous-page {})",
        calls.total(),
        calls.take,
        calls.submit_page,
        calls.previous_page
    )
}

pub fn print_summary(
    report: &WalkReport,
    respondents: u32,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), WalkError> {
    if !json {
        let finals: Vec<String> = report
            .finals
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        writeln!(
            out,
            "{respondents} respondent(s) in {:.1} s: {}; {} did not finish; {} not tried; {} page(s) sent, {} back; {}.",
            report.elapsed.as_secs_f64(),
            if finals.is_empty() {
                "none final".into()
            } else {
                finals.join(", ")
            },
            report.failures.len(),
            report.not_tried,
            report.pages,
            report.backs,
            api_call_words(report, respondents)
        )?;
        if let Some(journal) = &report.journal {
            writeln!(
                out,
                "Journal: {} page(s) wait to be sent, {} kept, {} unconfirmed (the server's answer never came; bodies kept).",
                journal.pages, journal.kept, journal.unconfirmed
            )?;
        }
        if report.captured_here > 0 {
            writeln!(
                out,
                "{} captured offline (the survey API could not be reached; they are replayed, \
                 verified page by page, when it answers).",
                report.captured_here
            )?;
        }
        if let Some(captured) = &report.captured
            && (captured.waiting > 0 || captured.replayed > 0 || captured.needs_attention > 0)
        {
            writeln!(
                out,
                "Captured offline: {} respondent(s) wait to be replayed, {} replayed, {} need \
                 attention (`survey-kiosk journal status` says why).",
                captured.waiting, captured.replayed, captured.needs_attention
            )?;
        }
        if let Some(turned_away) = report.finals.get("quota_full") {
            writeln!(
                out,
                "The survey's quota is full: {turned_away} respondent(s) were turned away."
            )?;
        }
    }
    let tried = respondents.saturating_sub(report.not_tried);
    let per_second = f64::from(tried) / report.elapsed.as_secs_f64().max(1e-9);
    let mib = |kib: u64| kib as f64 / 1024.0;
    if json {
        let line = json!({
            "respondents_per_second": per_second,
            "not_tried": report.not_tried,
            "journal": report.journal,
            "captured_offline": report.captured_here,
            "captured": report.captured,
            "api_calls": report.api_calls.total(),
            "api_calls_per_respondent": api_calls_per_respondent(report, respondents),
            "memory_after_1000": report.memory_after_1000,
            "memory_at_end": report.memory_at_end,
        });
        writeln!(out, "{line}")?;
        return Ok(());
    }
    let Some(end) = report.memory_at_end else {
        writeln!(out, "{per_second:.1} respondents/s.")?;
        return Ok(());
    };
    let after_1000 = report.memory_after_1000.map_or_else(String::new, |m| {
        format!(
            "after 1,000 respondents {:.1} MiB, growth since then {:+.1} MiB; ",
            mib(m.rss_kib),
            mib(end.rss_kib) - mib(m.rss_kib)
        )
    });
    writeln!(
        out,
        "{per_second:.1} respondents/s. Memory: {after_1000}at the end {:.1} MiB resident, peak {:.1} MiB.",
        mib(end.rss_kib),
        mib(end.peak_kib)
    )?;
    Ok(())
}
