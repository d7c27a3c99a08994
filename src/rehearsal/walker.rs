//! One scripted respondent through the kiosk loop, start to end screen,
//! and the failures in a row the walk watches.

use std::io::Write;
use std::time::{Duration, Instant};

use rand::Rng;
use rand::rngs::StdRng;
use serde_json::json;

use super::answers::random_answer;
use super::{WalkError, WalkOptions, WalkReport};
use crate::api::Status;
use crate::kiosk::{Action, Effect, Kiosk, PageScreen, Screen};
use crate::worker::Worker;

/// How one respondent's walk ended.
pub(super) enum Walked {
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
pub(super) struct Streak {
    since: Option<Instant>,
    last_error: String,
    /// The retry or re-check already announced, so each is printed once.
    announced: Option<Instant>,
}

/// Where a respondent's walk is: pages sent, a page gone back from (its
/// answers come back pre-filled), pages the server refused.
#[derive(Default)]
pub(super) struct Progress {
    pages: u32,
    went_back_from: Option<u64>,
    rejected: u32,
}

/// One respondent's walk and what it shares with the others.
pub(super) struct Walker<'a> {
    pub(super) worker: &'a Worker,
    pub(super) kiosk: &'a mut Kiosk,
    pub(super) rng: &'a mut StdRng,
    pub(super) number: u32,
    pub(super) options: &'a WalkOptions,
    pub(super) report: &'a mut WalkReport,
    pub(super) streak: &'a mut Streak,
    pub(super) out: &'a mut dyn Write,
}

/// What a walk waits out after a failure.
#[derive(Clone, Copy)]
enum Wait {
    Send { back: bool, attempt: u32 },
    Start,
    OutOfService,
}

impl Walker<'_> {
    /// Notes what the screen says of failures: starts or ends the streak,
    /// and prints each retry or re-check the kiosk plans.
    fn note_failures(&mut self, now: Instant) -> Result<(), WalkError> {
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
        let secs = at.saturating_duration_since(now).as_secs_f64();
        let error = error.clone();
        self.announce(wait, &error, secs)
    }

    /// When requests have failed in a row for `give_up_after`: the walk
    /// stops, as a respondent who stops waiting (the session is abandoned).
    fn give_up(&mut self, now: Instant) -> Result<Option<Walked>, WalkError> {
        let Some(since) = self.streak.since else {
            return Ok(None);
        };
        if now.duration_since(since) <= self.options.give_up_after {
            return Ok(None);
        }
        if matches!(
            self.kiosk.screen(),
            Screen::Page(_) | Screen::Starting { .. }
        ) {
            for effect in self.kiosk.act(Action::Abandon, now) {
                self.worker.send(effect)?;
            }
        }
        Ok(Some(Walked::GaveUp(format!(
            "gave up after {} s of failures: {}",
            now.duration_since(since).as_secs(),
            self.streak.last_error
        ))))
    }

    /// One line for a retry or re-check the walk waits out.
    fn announce(&mut self, wait: Wait, error: &str, secs: f64) -> Result<(), WalkError> {
        let number = self.number;
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
    pub(super) fn walk_one(&mut self) -> Result<Walked, WalkError> {
        let Walker {
            worker, options, ..
        } = *self;
        let mut progress = Progress::default();
        let mut last_change = Instant::now();
        let mut acted_on: Option<u64> = None;
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
            if let Some(gave_up) = self.give_up(now)? {
                return Ok(gave_up);
            }
            let kiosk = &mut *self.kiosk;
            match kiosk.screen().clone() {
                Screen::Attract { offline: None } => {
                    // With no page sent yet, the start failed (the kiosk waited
                    // offline and is back): start again.
                    if progress.pages > 0 {
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
                        Ok(status) => Walked::Final(status, progress.pages),
                        Err(why) => Walked::Failed(why),
                    });
                }
                // Closed, paused or quota full before this respondent began:
                // the kiosk re-checks on its timer; wait for it (or give up).
                // Anything else out of service needs the operator.
                Screen::OutOfService(problem)
                    if !problem.survey_unavailable || progress.pages > 0 =>
                {
                    return Ok(Walked::Failed(format!(
                        "out of service: {}",
                        problem.reason
                    )));
                }
                Screen::Page(page) if page.busy.is_none() && acted_on != Some(page.serial) => {
                    acted_on = Some(page.serial);
                    last_change = now;
                    if let Some(ended) = self.on_page(&page, &mut progress, now)? {
                        return Ok(ended);
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

    /// A page to answer: goes back now and then, answers every question
    /// (a page reached with Back keeps its pre-filled answers) and sends it.
    /// `Some` when the respondent's walk ends here.
    fn on_page(
        &mut self,
        page: &PageScreen,
        progress: &mut Progress,
        now: Instant,
    ) -> Result<Option<Walked>, WalkError> {
        let Walker {
            worker,
            number,
            options,
            ..
        } = *self;
        let kiosk = &mut *self.kiosk;
        let rng = &mut *self.rng;
        let report = &mut *self.report;
        let out = &mut *self.out;
        let dispatch = |effects: Vec<Effect>| -> Result<(), WalkError> {
            for effect in effects {
                worker.send(effect)?;
            }
            Ok(())
        };
        if let Some(ended) = note_refusal(&mut *out, number, page, progress)? {
            return Ok(Some(ended));
        }
        let back = page.can_go_back
            && progress.went_back_from.is_none()
            && rng.random_bool(options.back_chance);
        if back {
            progress.went_back_from = Some(page.serial);
            report.backs += 1;
            if options.page_lines && !options.json {
                writeln!(
                    out,
                    "respondent {number}: back from a page at {}%",
                    page.progress_percent.unwrap_or(0)
                )?;
            }
            dispatch(kiosk.act(Action::Back, now))?;
            return Ok(None);
        }
        // A page reached with Back keeps its pre-filled answers.
        let prefilled = progress.went_back_from.take().is_some();
        for (index, question) in page.questions.iter().enumerate() {
            if prefilled && !page.answers[index].is_empty() {
                continue;
            }
            let answer = random_answer(question, rng);
            dispatch(kiosk.act(Action::Answered { index, answer }, now))?;
        }
        dispatch(kiosk.act(Action::Next, now))?;
        let Screen::Page(sent) = kiosk.screen() else {
            return Ok(None);
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
            return Ok(Some(Walked::Failed(format!(
                "a random answer failed local checks: {problems:?}"
            ))));
        };
        progress.pages += 1;
        report.pages += 1;
        if options.page_lines {
            let sent = SentPage {
                number,
                page: progress.pages,
                progress: sent.progress_percent.unwrap_or(0),
                questions: sent.questions.len(),
                keys,
                prefilled,
            };
            sent.write(&mut *out, options.json)?;
        }
        Ok(None)
    }
}

/// Counts a page the server sent back with messages; `Some` when it keeps
/// refusing valid answers.
fn note_refusal(
    out: &mut dyn Write,
    number: u32,
    page: &PageScreen,
    progress: &mut Progress,
) -> Result<Option<Walked>, WalkError> {
    let problems = page.problems.iter().flatten().count() + page.page_messages.len();
    if problems == 0 {
        return Ok(None);
    }
    progress.rejected += 1;
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
    Ok((progress.rejected > 3)
        .then(|| Walked::Failed("the server kept refusing valid answers".into())))
}

/// A page sent, as the walk's line says it.
struct SentPage {
    number: u32,
    page: u32,
    progress: u8,
    questions: usize,
    keys: usize,
    prefilled: bool,
}

impl SentPage {
    fn write(&self, out: &mut dyn Write, json: bool) -> Result<(), WalkError> {
        let SentPage {
            number,
            page,
            progress,
            questions,
            keys,
            prefilled,
        } = *self;
        if json {
            let line = json!({"respondent": number, "page": page, "progress": progress,
            "questions": questions, "keys": keys, "prefilled": prefilled});
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "respondent {number} page {page} ({progress}%): {questions} question(s), {keys} answer key(s) sent{}",
                if prefilled {
                    " (pre-filled after going back)"
                } else {
                    ""
                }
            )?;
        }
        Ok(())
    }
}
