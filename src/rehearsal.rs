//! `walk`: a scripted respondent that takes a survey headless, through the
//! same kiosk loop and worker the kiosk uses, answering every page with
//! valid answers chosen at random.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::api::{CallCounts, Client, Status};
use crate::journal::WaitingSummary;
use crate::kiosk::{Action, Effect, Kiosk, Screen, Settings};
use crate::survey::{Answer, DateFormat, DateParts, InputKind, Meridiem, PairMut, Question};
use crate::worker::{Records, RetryPolicy, Worker, WorkerError};

/// A valid answer for `question`, chosen with `rng`. Optional questions are
/// sometimes left empty.
pub fn random_answer(question: &Question, rng: &mut impl Rng) -> Answer {
    let mut answer = Answer::empty(question);
    if !question.required && rng.random_bool(0.2) {
        return answer;
    }
    match question.pair_mut(&mut answer) {
        // Nothing to give: descriptive text, unsupported kinds.
        PairMut::Nothing => {}
        PairMut::Single {
            choices,
            choice,
            other_text,
        } => {
            if let Some(c) = choices.get(rng.random_range(0..choices.len())) {
                *choice = Some(c.id);
                if c.other {
                    other_text.insert(c.id, "Rehearsal answer".into());
                }
            }
        }
        PairMut::Multiple {
            choices,
            min_select,
            max_select,
            chosen,
            other_text,
        } => {
            let exclusive: Vec<_> = choices.iter().filter(|c| c.exclusive).collect();
            let mut plain: Vec<_> = choices.iter().filter(|c| !c.exclusive).collect();
            let min = min_select.unwrap_or(1).max(1) as usize;
            let max = max_select
                .filter(|&m| m > 0)
                .map_or(plain.len(), |m| m as usize)
                .min(plain.len());
            if !exclusive.is_empty() && (rng.random_bool(0.15) || min > max) {
                chosen.push(exclusive[rng.random_range(0..exclusive.len())].id);
            } else if min <= max {
                plain.shuffle(rng);
                for c in plain.iter().take(rng.random_range(min..=max)) {
                    chosen.push(c.id);
                    if c.other {
                        other_text.insert(c.id, "Rehearsal answer".into());
                    }
                }
            }
        }
        PairMut::Text { fields, values } => {
            for (value, field) in values.iter_mut().zip(fields) {
                *value = match field.input {
                    InputKind::Email => format!("walker{}@example.com", rng.random_range(1..1000)),
                    InputKind::Number => rng.random_range(1..10).to_string(),
                    InputKind::Phone => format!("+1 555 01{:02}", rng.random_range(0..100)),
                    InputKind::Text => format!("Rehearsal answer {}", rng.random_range(1..1000)),
                };
            }
        }
        PairMut::Rank { items, ranks } => {
            let mut order: Vec<u32> = (1..=items.len() as u32).collect();
            order.shuffle(rng);
            for (rank, place) in ranks.iter_mut().zip(order) {
                *rank = Some(place);
            }
        }
        PairMut::Sum {
            items,
            total,
            values,
        } => {
            let total = total.map_or(100, |t| t.max(0.0).round() as u64);
            let mut left = total;
            let count = items.len();
            for (i, value) in values.iter_mut().enumerate() {
                let part = if i + 1 == count {
                    left
                } else {
                    rng.random_range(0..=left)
                };
                left -= part;
                *value = part.to_string();
            }
        }
        PairMut::Date { format, values, .. } => {
            for value in values.iter_mut() {
                let year = rng.random_range(2000..2031);
                let month = rng.random_range(1..13);
                let day = rng.random_range(1..29);
                *value = DateParts {
                    day: Some(day),
                    month: Some(month),
                    year: Some(year),
                    ..DateParts::default()
                };
                if format == DateFormat::DayMonthYearTime {
                    value.hour = Some(rng.random_range(1..13));
                    value.minute = Some(rng.random_range(0..60));
                    value.meridiem = Some(if rng.random_bool(0.5) {
                        Meridiem::Am
                    } else {
                        Meridiem::Pm
                    });
                }
            }
        }
        PairMut::Matrix {
            columns,
            multiple,
            chosen,
            ..
        } => {
            for row in chosen.iter_mut() {
                let mut ids: Vec<u64> = columns.iter().map(|c| c.id).collect();
                ids.shuffle(rng);
                let take = if multiple {
                    rng.random_range(1..=ids.len())
                } else {
                    1
                };
                *row = ids.into_iter().take(take).collect();
            }
        }
    }
    answer
}

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
    let retry = RetryPolicy::from(&settings);
    let calls = client.clone();
    let calls_before = calls.calls();
    let worker = Worker::spawn_configured(client, survey_id, records, retry, || {})?;
    let mut kiosk = Kiosk::new(settings, Instant::now());
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut report = WalkReport::default();
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
    report.journal = worker.unsettled_now();
    report.journal_problem = worker.journal_problem();
    // Let every send finish before the report is read.
    drop(worker);
    report.api_calls = calls.calls().since(&calls_before);
    report.elapsed = started.elapsed();
    report.memory_at_end = Memory::now();
    Ok(report)
}

/// How one respondent's walk ended.
enum Walked {
    /// A final status, after this many pages sent.
    Final(Status, u32),
    /// This respondent did not finish, for this reason.
    Failed(String),
    /// Requests failed in a row for longer than `give_up_after`: the walk
    /// stops (this respondent counts as failed).
    GaveUp(String),
}

/// Failures in a row, across respondents; any reply that lets a respondent
/// go on (a page, a final status, a survey that answers again) ends it.
#[derive(Default)]
struct Streak {
    since: Option<Instant>,
    last_error: String,
    /// The retry or re-check already announced, so each is printed once.
    announced: Option<Instant>,
}

/// One respondent's walk and what it shares with the others.
struct Walker<'a> {
    worker: &'a Worker,
    kiosk: &'a mut Kiosk,
    rng: &'a mut StdRng,
    number: u32,
    options: &'a WalkOptions,
    report: &'a mut WalkReport,
    streak: &'a mut Streak,
    out: &'a mut dyn Write,
}

impl Walker<'_> {
    /// Notes what the screen says of failures: starts or ends the streak,
    /// and prints each retry or re-check the kiosk plans.
    fn note_failures(&mut self, now: Instant) -> Result<(), WalkError> {
        enum Wait {
            Send { back: bool, attempt: u32 },
            Start,
            OutOfService,
        }
        let (error, next, wait) = match self.kiosk.screen() {
            Screen::Page(page) => match &page.busy {
                None => {
                    self.streak_ends();
                    return Ok(());
                }
                Some(busy) => match &busy.last_error {
                    Some(error) => (
                        error,
                        busy.retry_at,
                        Wait::Send {
                            back: busy.body.is_none(),
                            attempt: busy.attempts,
                        },
                    ),
                    // Under way, nothing failed yet.
                    None => return Ok(()),
                },
            },
            Screen::Ending(end) if end.status.is_some() => {
                self.streak_ends();
                return Ok(());
            }
            Screen::Attract { offline: None } => {
                self.streak_ends();
                return Ok(());
            }
            Screen::Attract { offline: Some(o) } => (
                &o.reason,
                (!o.checking).then_some(o.next_check),
                Wait::Start,
            ),
            Screen::OutOfService(p) if p.survey_unavailable => (
                &p.reason,
                (!p.checking).then_some(p.next_check),
                Wait::OutOfService,
            ),
            // Out of service for good, or an end without a final status:
            // the respondent fails at once; a start under way: nothing yet.
            Screen::OutOfService(_) | Screen::Ending(_) | Screen::Starting { .. } => {
                return Ok(());
            }
        };
        self.streak.since.get_or_insert(now);
        self.streak.last_error.clone_from(error);
        let Some(at) = next else {
            return Ok(());
        };
        if self.streak.announced == Some(at) {
            return Ok(());
        }
        self.streak.announced = Some(at);
        if !self.options.wait_lines {
            return Ok(());
        }
        let number = self.number;
        let secs = at.saturating_duration_since(now).as_secs_f64();
        if self.options.json {
            let tenths = (secs * 10.0).round() / 10.0;
            let line = match wait {
                Wait::Send { back, attempt } => json!({"respondent": number,
                    "wait": if back { "back_retry" } else { "retry" },
                    "attempt": attempt, "error": error, "in_secs": tenths}),
                Wait::Start => json!({"respondent": number, "wait": "start",
                    "error": error, "in_secs": tenths}),
                Wait::OutOfService => json!({"respondent": number, "wait": "out_of_service",
                    "error": error, "in_secs": tenths}),
            };
            writeln!(self.out, "{line}")?;
            return Ok(());
        }
        // No " page " in these lines: scripts count those as pages sent.
        match wait {
            Wait::Send { back, attempt } => writeln!(
                self.out,
                "respondent {number}: {} ({error}); retry {attempt} in {secs:.1} s",
                if back {
                    "going back failed"
                } else {
                    "answers not sent"
                }
            )?,
            Wait::Start => writeln!(
                self.out,
                "respondent {number}: could not start ({error}); trying again in {secs:.1} s"
            )?,
            Wait::OutOfService => writeln!(
                self.out,
                "respondent {number}: out of service ({error}); checking again in {secs:.1} s"
            )?,
        }
        Ok(())
    }

    fn streak_ends(&mut self) {
        self.streak.since = None;
        self.streak.announced = None;
    }

    /// One respondent, start to end screen.
    fn walk_one(&mut self) -> Result<Walked, WalkError> {
        let Walker {
            worker,
            number,
            options,
            ..
        } = *self;
        let mut pages = 0u32;
        let mut last_change = Instant::now();
        let mut acted_on: Option<u64> = None;
        let mut went_back_from: Option<u64> = None;
        let mut rejected = 0u32;
        let dispatch = |effects: Vec<Effect>| -> Result<(), WalkError> {
            for effect in effects {
                worker.send(effect)?;
            }
            Ok(())
        };
        loop {
            let now = Instant::now();
            if now.duration_since(last_change) > options.stall_limit {
                return Ok(Walked::Failed(
                    "no progress (the server did not answer in time)".into(),
                ));
            }
            self.note_failures(now)?;
            if let Some(since) = self.streak.since
                && now.duration_since(since) > options.give_up_after
            {
                if matches!(
                    self.kiosk.screen(),
                    Screen::Page(_) | Screen::Starting { .. }
                ) {
                    // As a respondent who stops waiting: the session is abandoned.
                    dispatch(self.kiosk.act(Action::Abandon, now))?;
                }
                return Ok(Walked::GaveUp(format!(
                    "gave up after {} s of failures: {}",
                    now.duration_since(since).as_secs(),
                    self.streak.last_error
                )));
            }
            let kiosk = &mut *self.kiosk;
            let rng = &mut *self.rng;
            let report = &mut *self.report;
            let out = &mut *self.out;
            match kiosk.screen().clone() {
                Screen::Attract { offline: None } => {
                    // With no page sent yet, the start failed (the kiosk waited
                    // offline and is back): start again.
                    if pages > 0 {
                        return Ok(Walked::Failed(
                            "returned to the start without a final status".into(),
                        ));
                    }
                    dispatch(kiosk.act(Action::Start, now))?;
                    acted_on = Some(0);
                    continue;
                }
                Screen::Ending(end) => {
                    let status = end
                        .status
                        .clone()
                        .ok_or_else(|| format!("ended without a final status ({:?})", end.kind));
                    dispatch(kiosk.act(Action::Dismiss, now))?;
                    return Ok(match status {
                        Ok(status) => Walked::Final(status, pages),
                        Err(why) => Walked::Failed(why),
                    });
                }
                // Closed, paused or quota full before this respondent began:
                // the kiosk re-checks on its timer; wait for it (or give up).
                // Anything else out of service needs the operator.
                Screen::OutOfService(problem) if !problem.survey_unavailable || pages > 0 => {
                    return Ok(Walked::Failed(format!(
                        "out of service: {}",
                        problem.reason
                    )));
                }
                Screen::Page(page) if page.busy.is_none() && acted_on != Some(page.serial) => {
                    acted_on = Some(page.serial);
                    last_change = now;
                    let problems =
                        page.problems.iter().flatten().count() + page.page_messages.len();
                    if problems > 0 {
                        rejected += 1;
                        let messages: Vec<String> = page
                            .problems
                            .iter()
                            .flatten()
                            .map(ToString::to_string)
                            .chain(page.page_messages.iter().cloned())
                            .collect();
                        writeln!(
                            out,
                            "respondent {number}: the server refused a page: {messages:?}"
                        )?;
                        if rejected > 3 {
                            return Ok(Walked::Failed(
                                "the server kept refusing valid answers".into(),
                            ));
                        }
                    }
                    let back = page.can_go_back
                        && went_back_from.is_none()
                        && rng.random_bool(options.back_chance);
                    if back {
                        went_back_from = Some(page.serial);
                        report.backs += 1;
                        if options.page_lines && !options.json {
                            writeln!(
                                out,
                                "respondent {number}: back from a page at {}%",
                                page.progress_percent.unwrap_or(0)
                            )?;
                        }
                        dispatch(kiosk.act(Action::Back, now))?;
                        continue;
                    }
                    // A page reached with Back keeps its pre-filled answers.
                    let prefilled = went_back_from.take().is_some();
                    for (index, question) in page.questions.iter().enumerate() {
                        if prefilled && !page.answers[index].is_empty() {
                            continue;
                        }
                        let answer = random_answer(question, rng);
                        dispatch(kiosk.act(Action::Answered { index, answer }, now))?;
                    }
                    dispatch(kiosk.act(Action::Next, now))?;
                    let Screen::Page(sent) = kiosk.screen() else {
                        continue;
                    };
                    let keys = sent
                        .busy
                        .as_ref()
                        .and_then(|b| b.body.as_ref())
                        .map(|b| b.len());
                    let Some(keys) = keys else {
                        let problems: Vec<String> = sent
                            .problems
                            .iter()
                            .flatten()
                            .map(ToString::to_string)
                            .collect();
                        return Ok(Walked::Failed(format!(
                            "a random answer failed local checks: {problems:?}"
                        )));
                    };
                    pages += 1;
                    report.pages += 1;
                    if options.page_lines {
                        let progress = sent.progress_percent.unwrap_or(0);
                        let questions = sent.questions.len();
                        if options.json {
                            let line = json!({"respondent": number, "page": pages, "progress": progress,
                            "questions": questions, "keys": keys, "prefilled": prefilled});
                            writeln!(out, "{line}")?;
                        } else {
                            writeln!(
                                out,
                                "respondent {number} page {pages} ({progress}%): {questions} question(s), {keys} answer key(s) sent{}",
                                if prefilled {
                                    " (pre-filled after going back)"
                                } else {
                                    ""
                                }
                            )?;
                        }
                    }
                    continue;
                }
                _ => {}
            }
            // Waiting: for a reply, or until the kiosk's next deadline (a retry).
            let wait = kiosk
                .next_deadline()
                .map_or(Duration::from_millis(200), |d| {
                    d.saturating_duration_since(now)
                })
                .clamp(Duration::from_millis(1), Duration::from_millis(200));
            match worker.recv_timeout(wait) {
                Some(reply) => {
                    last_change = Instant::now();
                    dispatch(kiosk.receive(reply, Instant::now()))?;
                }
                None => dispatch(kiosk.tick(Instant::now()))?,
            }
        }
    }
}

/// Before a walk ends: the worker's recovery settles the pages no live
/// session owns (an earlier run died while sending them). Waits while it
/// makes progress, saying what it waits for, and at most
/// `give_up_after` without progress; returns how many still wait.
fn wait_for_recovery(
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn random_answers_pass_local_validation() {
        let sections = [
            json!({"id": 1, "type": "M", "required": true, "minSelect": 2, "maxSelect": 3,
                "answers": [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4, "other": true}, {"id": 5, "exclusive": true}],
                "formParam": {"paramPrefix": "m_"}}),
            json!({"id": 2, "type": "S", "required": true, "total": 100,
                "answers": [{"id": 1}, {"id": 2}, {"id": 3}], "formParam": {"paramPrefix": "s_"}}),
            json!({"id": 3, "type": "DT", "required": true, "dateFormat": "dmy_time",
                "answers": [{"id": 1}], "formParam": {"paramPrefix": "dt_"}}),
            json!({"id": 4, "type": "T", "required": true,
                "answers": [{"id": 1, "inputType": "email"}, {"id": 2, "inputType": "phone"}],
                "formParam": {"paramPrefix": "t_"}}),
            json!({"id": 5, "type": "R", "required": true, "answers": [{"id": 1}, {"id": 2}],
                "formParam": {"paramPrefix": "r_"}}),
            json!({"id": 6, "type": "MM", "required": true, "rows": [{"id": 7}], "answers": [{"id": 1}],
                "formParam": {"paramPrefix": "m_"}}),
        ];
        let mut rng = StdRng::seed_from_u64(7);
        for section in sections {
            let question = Question::from_section(&section, "");
            for _ in 0..200 {
                let answer = random_answer(&question, &mut rng);
                assert_eq!(
                    crate::survey::validate(&question, &answer),
                    None,
                    "{answer:?}"
                );
                assert!(!answer.is_empty());
            }
        }
    }
}
