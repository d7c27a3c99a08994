//! The kiosk loop as pure logic: which screen is up, when the idle warning
//! fires, when to reset, what to retry.
//!
//! [`Kiosk`] takes events (a respondent's [`Action`], a worker [`Reply`], the
//! passing of time) with the current time, and returns [`Effect`]s for the
//! worker and the UI. It does no I/O, never sleeps and never touches egui, so
//! every timeout and fault path is testable with a fake clock.

mod events;
mod replies;
mod screen;
mod settings;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::survey::{self, Answer, FormBody, Question, QuestionKind};

pub use events::{Action, Effect, Outcome, Reply, Request};
pub use screen::{
    Busy, EndKind, EndScreen, Offline, PageScreen, Screen, ServiceCause, ServiceProblem,
};
pub use settings::{IdleAction, Layout, RetryPolicy, Settings};

/// The kiosk loop.
pub struct Kiosk {
    settings: Settings,
    screen: Screen,
    /// The respondent (or probe) whose replies count; every other reply is stale.
    current: u64,
    next_respondent: u64,
    last_activity: Instant,
    /// Bodies of the pages this respondent submitted, for Back's pre-fill.
    sent: Vec<FormBody>,
    /// Pages shown to this respondent, so the UI can tell a new page.
    page_serial: u64,
    /// Consecutive failures while starting (offline attract screen).
    start_failures: u32,
    jitter: u64,
    /// The latest failure, in words, for the operator.
    last_problem: Option<String>,
    /// What this respondent had entered on pages they left with Back, by
    /// the page's question ids: restored when they come forward to it again.
    drafts: HashMap<String, Draft>,
    /// Set while the end screen of a dead-end start (`quota_full`) is up:
    /// the kiosk goes out of service with this reason when it ends.
    out_of_service_after_end: Option<String>,
    /// The server has answered 429 (API call limit) since then, this many
    /// times in a row; any other answer clears it. Kept across respondents.
    rate_limited: Option<RateLimited>,
    /// The answer a passer-by gave on the attract screen
    /// ([`Action::StartAnswering`]), for the first page when it comes.
    first_answer: Option<(crate::survey::Id, Answer)>,
}

/// A run of 429 answers.
#[derive(Clone, Copy, Debug)]
struct RateLimited {
    since: Instant,
    answers: u32,
}

/// A 429 persists, and the kiosk goes out of service ("QuestionPro's API
/// call limit is reached"), once the server has answered 429 this many
/// times in a row (each retry having waited at least its `Retry-After`)…
pub const RATE_LIMIT_ANSWERS: u32 = 3;
/// … or when its 429s have gone on for this long, whichever comes first.
pub const RATE_LIMIT_PERSISTS: Duration = Duration::from_secs(5 * 60);

/// The operator's words for a kiosk stopped by QuestionPro's API limits.
pub const API_CALL_LIMIT_REASON: &str = "QuestionPro's API call limit is reached";

/// A page's answers as the respondent left them (never sent).
#[derive(Clone, Debug)]
struct Draft {
    questions: Vec<Question>,
    answers: Vec<Answer>,
}

/// The first required question of `questions` that the kiosk cannot show:
/// nobody could answer it, so nobody could get past its page.
pub fn unshowable_required(questions: &[Question]) -> Option<&Question> {
    questions
        .iter()
        .find(|q| q.required && matches!(q.kind, QuestionKind::Unsupported { .. }))
}

/// How `check`, the log and the operator name a question's unknown type.
pub fn type_code_words(question: &Question) -> String {
    match &question.kind {
        QuestionKind::Unsupported { type_code } if !type_code.is_empty() => {
            format!("type code {type_code:?}")
        }
        _ => "no usable type code".to_owned(),
    }
}

/// The operator's reason for a page with a required question the kiosk
/// cannot show.
fn unshowable_reason(question: &Question) -> String {
    format!(
        "the survey has a required question this kiosk cannot show (question {}, {}); \
         make it optional or use another question type",
        question.id,
        type_code_words(question)
    )
}

impl Kiosk {
    pub fn new(settings: Settings, now: Instant) -> Kiosk {
        Kiosk {
            settings,
            screen: Screen::Attract { offline: None },
            current: 0,
            next_respondent: 1,
            last_activity: now,
            sent: Vec::new(),
            page_serial: 0,
            start_failures: 0,
            jitter: 0x9E37_79B9_7F4A_7C15,
            last_problem: None,
            drafts: HashMap::new(),
            first_answer: None,
            out_of_service_after_end: None,
            rate_limited: None,
        }
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// New timings and policies (the configuration file changed), used
    /// from now on; the screen and the respondent numbering stay as they
    /// are (the worker's replies still match).
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// The latest failure (network, server, survey closed), for the operator.
    pub fn last_problem(&self) -> Option<&str> {
        self.last_problem.as_deref()
    }

    /// The respondent whose session is current (0 before the first).
    pub fn respondent(&self) -> u64 {
        self.current
    }

    /// When the kiosk next needs [`Kiosk::tick`] with no input at all (idle
    /// warning, countdowns, retries, re-checks). The UI sleeps until then.
    pub fn next_deadline(&self) -> Option<Instant> {
        match &self.screen {
            Screen::Attract { offline } => offline
                .as_ref()
                .filter(|o| !o.checking)
                .map(|o| o.next_check),
            Screen::Starting { .. } => None,
            Screen::Page(page) => match &page.busy {
                Some(busy) if busy.retry_at.is_some() => busy.retry_at,
                Some(busy) if !busy.still_trying => {
                    Some(busy.since + self.settings.still_trying_after)
                }
                Some(_) => None,
                None => {
                    let idle = match page.idle_deadline {
                        Some(deadline) => deadline,
                        None => self.last_activity + self.settings.idle_after,
                    };
                    Some(page.advance_at.map_or(idle, |at| at.min(idle)))
                }
            },
            Screen::Ending(end) => Some(end.until),
            Screen::OutOfService(problem) => (!problem.checking).then_some(problem.next_check),
        }
    }

    /// Advances timers to `now`.
    pub fn tick(&mut self, now: Instant) -> Vec<Effect> {
        let recheck = self.settings.recheck_every;
        match &self.screen {
            Screen::Attract { offline: Some(o) } if !o.checking && now >= o.next_check => {
                let reason = o.reason.clone();
                let respondent = self.begin(now);
                self.screen = Screen::Attract {
                    offline: Some(screen::Offline {
                        next_check: now + recheck,
                        checking: true,
                        reason,
                    }),
                };
                return vec![Effect::Probe { respondent }];
            }
            Screen::OutOfService(p) if !p.checking && now >= p.next_check => {
                let respondent = self.begin(now);
                if let Screen::OutOfService(p) = &mut self.screen {
                    p.checking = true;
                    p.next_check = now + recheck;
                }
                return vec![Effect::Probe { respondent }];
            }
            Screen::Ending(end) if now >= end.until => return self.leave_end_screen(now),
            Screen::Page(_) => {}
            _ => return Vec::new(),
        }
        let respondent = self.current;
        let warn_at = self.last_activity + self.settings.idle_after;
        let countdown = self.settings.idle_countdown;
        let still_trying_after = self.settings.still_trying_after;
        let Screen::Page(page) = &mut self.screen else {
            return Vec::new();
        };
        if let Some(busy) = &mut page.busy {
            if !busy.still_trying && now >= busy.since + still_trying_after {
                busy.still_trying = true;
            }
            return match busy.retry_at {
                Some(at) if now >= at => {
                    busy.retry_at = None;
                    vec![match &busy.body {
                        Some(body) => Effect::Submit {
                            respondent,
                            body: body.clone(),
                        },
                        None => Effect::Previous { respondent },
                    }]
                }
                _ => Vec::new(),
            };
        }
        if page.advance_at.is_some_and(|at| now >= at) {
            // A single choice answered a moment ago: on to the next question.
            page.advance_at = None;
            return self.act(Action::Next, now);
        }
        let deadline = *page.idle_deadline.get_or_insert(warn_at + countdown);
        if now < warn_at {
            page.idle_deadline = None;
            return Vec::new();
        }
        if now >= deadline {
            return self.idle_timeout(now);
        }
        Vec::new()
    }

    /// Handles a respondent's action.
    /// (Long because each action is one arm of one match: the loop's whole vocabulary in one place.)
    pub fn act(&mut self, action: Action, now: Instant) -> Vec<Effect> {
        match action {
            Action::Start => match &self.screen {
                Screen::Attract { offline: None } => {
                    let respondent = self.begin(now);
                    self.screen = Screen::Starting { since: now };
                    vec![Effect::ResetUi, Effect::Start { respondent }]
                }
                _ => Vec::new(),
            },
            Action::StartAnswering { question, answer } => {
                let effects = self.act(Action::Start, now);
                if !effects.is_empty() {
                    self.first_answer = Some((question, answer));
                }
                effects
            }
            Action::Activity => {
                self.touch(now);
                Vec::new()
            }
            Action::Answered { index, answer } => {
                self.touch(now);
                if let Screen::Page(page) = &mut self.screen
                    && page.busy.is_none()
                    && let Some(slot) = page.answers.get_mut(index)
                {
                    // Only an answer of the question's kind is kept: every
                    // answer on a page fits its question.
                    if !page
                        .questions
                        .get(index)
                        .is_some_and(|question| answer.fits(question))
                    {
                        tracing::warn!(index, "an answer of another kind was refused");
                        return Vec::new();
                    }
                    let was_empty = slot.is_empty();
                    *slot = answer;
                    if let Some(problem) = page.problems.get_mut(index) {
                        *problem = None;
                    }
                    page.advance_at = self
                        .settings
                        .auto_advance
                        .filter(|_| was_empty && page.advances_on(index))
                        .map(|delay| now + delay);
                }
                Vec::new()
            }
            Action::Next => {
                self.touch(now);
                let respondent = self.current;
                let Screen::Page(page) = &mut self.screen else {
                    return Vec::new();
                };
                if page.busy.is_some() {
                    return Vec::new();
                }
                page.advance_at = None;
                // One question at a time: that question is checked, and the
                // next one shown, until the page's last.
                if let Some(at) = page.question {
                    let problem = page
                        .questions
                        .get(at)
                        .zip(page.answers.get(at))
                        .and_then(|(question, answer)| survey::validate(question, answer));
                    page.page_messages.clear();
                    if let Some(slot) = page.problems.get_mut(at) {
                        slot.clone_from(&problem);
                    }
                    if problem.is_some() {
                        return Vec::new();
                    }
                    if at + 1 < page.questions.len() {
                        page.question = Some(at + 1);
                        return Vec::new();
                    }
                }
                let problems = survey::validate_page(&page.questions, &page.answers);
                page.page_messages.clear();
                page.problems = vec![None; page.questions.len()];
                if let Some(first) = problems.first() {
                    page.scroll_to = Some(first.index);
                    if page.question.is_some() {
                        page.question = Some(first.index);
                    }
                    for problem in problems {
                        page.problems[problem.index] = Some(problem.message);
                    }
                    return Vec::new();
                }
                let body = survey::encode_page(&page.questions, &page.answers);
                page.busy = Some(Busy::new(now, Some(body.clone())));
                vec![Effect::Submit { respondent, body }]
            }
            Action::Back => {
                self.touch(now);
                let respondent = self.current;
                match &mut self.screen {
                    Screen::Page(page) if page.busy.is_none() && page.question.unwrap_or(0) > 0 => {
                        // One question at a time: the page's question before.
                        page.advance_at = None;
                        page.question = page.question.map(|at| at - 1);
                        Vec::new()
                    }
                    Screen::Page(page) if page.busy.is_none() && page.can_go_back => {
                        page.busy = Some(Busy::new(now, None));
                        vec![Effect::Previous { respondent }]
                    }
                    _ => Vec::new(),
                }
            }
            Action::Abandon => match &self.screen {
                Screen::Page(_) | Screen::Starting { .. } => {
                    let mut effects = vec![Effect::End {
                        respondent: self.current,
                        outcome: Outcome::Abandoned,
                    }];
                    effects.extend(self.back_to_attract(now));
                    effects
                }
                Screen::Ending(_) => self.leave_end_screen(now),
                Screen::Attract { .. } | Screen::OutOfService(_) => Vec::new(),
            },
            Action::Scrolled => {
                if let Screen::Page(page) = &mut self.screen {
                    page.scroll_to = None;
                }
                Vec::new()
            }
            Action::Dismiss => match &self.screen {
                Screen::Ending(_) => self.leave_end_screen(now),
                _ => Vec::new(),
            },
            Action::GiveUp => match &self.screen {
                Screen::Page(page) if page.busy.as_ref().is_some_and(|b| b.still_trying) => {
                    let mut effects = vec![Effect::End {
                        respondent: self.current,
                        outcome: Outcome::Abandoned,
                    }];
                    effects.extend(self.back_to_attract(now));
                    effects
                }
                _ => Vec::new(),
            },
        }
    }

    /// Handles what the worker reports.
    pub fn receive(&mut self, reply: Reply, now: Instant) -> Vec<Effect> {
        if reply.respondent != self.current {
            tracing::debug!(
                respondent = reply.respondent,
                "reply for an earlier session ignored"
            );
            return Vec::new();
        }
        match reply.outcome {
            Ok(envelope) => self.on_envelope(reply.request, envelope, now),
            Err(error) => self.on_error(reply.request, error, now),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_layout;
