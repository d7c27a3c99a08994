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

use crate::api::{Client, Status};
use crate::kiosk::{Action, Effect, Kiosk, Screen, Settings};
use crate::survey::{Answer, DateFormat, DateParts, InputKind, Meridiem, Question, QuestionKind};
use crate::worker::{Records, Worker, WorkerError};

/// A valid answer for `question`, chosen with `rng`. Optional questions are
/// sometimes left empty.
pub fn random_answer(question: &Question, rng: &mut impl Rng) -> Answer {
    let mut answer = Answer::empty(question);
    if !question.required && rng.random_bool(0.2) {
        return answer;
    }
    match (&question.kind, &mut answer) {
        (QuestionKind::SingleChoice { choices }, Answer::Single { choice, other_text }) => {
            if let Some(c) = choices.get(rng.random_range(0..choices.len())) {
                *choice = Some(c.id);
                if c.other {
                    other_text.insert(c.id, "Rehearsal answer".into());
                }
            }
        }
        (
            QuestionKind::MultipleChoice {
                choices,
                min_select,
                max_select,
            },
            Answer::Multiple { chosen, other_text },
        ) => {
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
        (QuestionKind::Text { fields }, Answer::Text { values }) => {
            for (value, field) in values.iter_mut().zip(fields) {
                *value = match field.input {
                    InputKind::Email => format!("walker{}@example.com", rng.random_range(1..1000)),
                    InputKind::Number => rng.random_range(1..10).to_string(),
                    InputKind::Phone => format!("+1 555 01{:02}", rng.random_range(0..100)),
                    InputKind::Text => format!("Rehearsal answer {}", rng.random_range(1..1000)),
                };
            }
        }
        (QuestionKind::Rank { items }, Answer::Rank { ranks }) => {
            let mut order: Vec<u32> = (1..=items.len() as u32).collect();
            order.shuffle(rng);
            *ranks = order.into_iter().map(Some).collect();
        }
        (QuestionKind::ConstantSum { items, total }, Answer::Sum { values }) => {
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
        (QuestionKind::Date { format, .. }, Answer::Date { values }) => {
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
                if *format == DateFormat::DayMonthYearTime {
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
        (
            QuestionKind::Matrix {
                columns, multiple, ..
            },
            Answer::Matrix { rows },
        ) => {
            for row in rows.iter_mut() {
                let mut ids: Vec<u64> = columns.iter().map(|c| c.id).collect();
                ids.shuffle(rng);
                let take = if *multiple {
                    rng.random_range(1..=ids.len())
                } else {
                    1
                };
                *row = ids.into_iter().take(take).collect();
            }
        }
        _ => {}
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
    /// Give up on a respondent whose page does not change for this long.
    pub stall_limit: Duration,
    /// Print a line per page (the soak run turns it off).
    pub page_lines: bool,
    /// Print a line per respondent.
    pub respondent_lines: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            respondents: 1,
            seed: 1,
            json: false,
            back_chance: 0.15,
            stall_limit: Duration::from_secs(300),
            page_lines: true,
            respondent_lines: true,
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
    pub pages: u64,
    pub backs: u64,
    pub elapsed: Duration,
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
}

#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    #[error(transparent)]
    Worker(#[from] WorkerError),
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
    let worker = Worker::spawn_with(client, survey_id, records, || {})?;
    let mut kiosk = Kiosk::new(settings, Instant::now());
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut report = WalkReport::default();
    for number in 1..=options.respondents {
        let result = walk_one(
            &worker,
            &mut kiosk,
            &mut rng,
            number,
            options,
            &mut report,
            out,
        )?;
        match result {
            Ok((status, pages)) => {
                *report.finals.entry(status.to_string()).or_default() += 1;
                if !options.respondent_lines {
                } else if options.json {
                    let line =
                        json!({"respondent": number, "status": status.as_str(), "pages": pages});
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(out, "respondent {number}: {status} after {pages} page(s)")?;
                }
            }
            Err(why) => {
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
            }
        }
        if number == 1000 {
            report.memory_after_1000 = Memory::now();
        }
    }
    report.journal_problem = worker.journal_problem();
    // Let every send finish before the report is read.
    drop(worker);
    report.elapsed = started.elapsed();
    report.memory_at_end = Memory::now();
    Ok(report)
}

/// One respondent, start to end screen. `Ok` with the final status and the
/// number of pages sent, or `Err` with why it did not finish.
fn walk_one(
    worker: &Worker,
    kiosk: &mut Kiosk,
    rng: &mut StdRng,
    number: u32,
    options: &WalkOptions,
    report: &mut WalkReport,
    out: &mut dyn Write,
) -> Result<Result<(Status, u32), String>, WalkError> {
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
            return Ok(Err("no progress (the server did not answer in time)".into()));
        }
        match kiosk.screen().clone() {
            Screen::Attract { offline: None } => {
                // With no page sent yet, the start failed (the kiosk waited
                // offline and is back): start again.
                if pages > 0 {
                    return Ok(Err("returned to the start without a final status".into()));
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
                return Ok(status.map(|s| (s, pages)));
            }
            Screen::OutOfService(problem) => {
                dispatch(kiosk.act(Action::Dismiss, now))?;
                return Ok(Err(format!("out of service: {}", problem.reason)));
            }
            Screen::Page(page) if page.busy.is_none() && acted_on != Some(page.serial) => {
                acted_on = Some(page.serial);
                last_change = now;
                let problems = page.problems.iter().flatten().count() + page.page_messages.len();
                if problems > 0 {
                    rejected += 1;
                    let messages: Vec<&String> = page
                        .problems
                        .iter()
                        .flatten()
                        .chain(&page.page_messages)
                        .collect();
                    writeln!(
                        out,
                        "respondent {number}: the server refused a page: {messages:?}"
                    )?;
                    if rejected > 3 {
                        return Ok(Err("the server kept refusing valid answers".into()));
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
                    let problems: Vec<&String> = sent.problems.iter().flatten().collect();
                    return Ok(Err(format!(
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
