//! The kiosk loop as pure logic: which screen is up, when the idle warning
//! fires, when to reset, what to retry.
//!
//! [`Kiosk`] takes events (a respondent's [`Action`], a worker [`Reply`], the
//! passing of time) with the current time, and returns [`Effect`]s for the
//! worker and the UI. It does no I/O, never sleeps and never touches egui, so
//! every timeout and fault path is testable with a fake clock.

mod screen;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::api::{ApiError, Envelope, ErrorKind, Status};
use crate::survey::{self, Answer, FormBody, Question, QuestionKind};

pub use screen::{
    Busy, EndKind, EndScreen, Offline, PageScreen, Screen, ServiceCause, ServiceProblem,
};

/// Timings and policies; the defaults suit an unattended kiosk.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// No input for this long on a survey page shows "Are you still there?".
    pub idle_after: Duration,
    /// How long that overlay counts down before the session is discarded.
    pub idle_countdown: Duration,
    /// How long an end screen stays up.
    pub end_screen: Duration,
    /// What becomes of the page on screen when the idle countdown ends.
    pub idle_action: IdleAction,
    /// How often an out-of-service kiosk asks whether the survey is back.
    pub recheck_every: Duration,
    /// First wait before retrying a failed request; doubles on each failure.
    pub retry_initial: Duration,
    /// Longest wait between two retries.
    pub retry_max: Duration,
    /// After failing this long, the respondent is told "Still trying" and
    /// may choose to stop.
    pub still_trying_after: Duration,
    /// The language to choose when the survey asks for one
    /// (`language_selection_required`): the matching answer is chosen in
    /// advance, and the respondent may still change it.
    pub language: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_after: Duration::from_secs(60),
            idle_countdown: Duration::from_secs(15),
            end_screen: Duration::from_secs(10),
            idle_action: IdleAction::Discard,
            recheck_every: Duration::from_secs(30),
            retry_initial: Duration::from_millis(500),
            retry_max: Duration::from_secs(20),
            still_trying_after: Duration::from_secs(12),
            language: None,
        }
    }
}

/// What happens to the page on screen when a respondent walks away.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdleAction {
    /// Drop the page's answers.
    #[default]
    Discard,
    /// Send the page if it passes validation, so earlier answers count as a
    /// partial response.
    SubmitIfValid,
}

/// What a respondent (or the kiosk's own UI) asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The big button on the attract screen.
    Start,
    /// Any touch, key or scroll: resets the idle timer and dismisses the
    /// "Are you still there?" overlay.
    Activity,
    /// The answer to question `index` changed.
    Answered {
        index: usize,
        answer: survey::Answer,
    },
    Next,
    Back,
    /// A tap on an end screen: back to the attract screen at once.
    Dismiss,
    /// "Still trying" was shown and the respondent chose to stop.
    GiveUp,
    /// The UI brought the question in `scroll_to` into view (once).
    Scrolled,
    /// The operator took over the screen: any session is abandoned and the
    /// attract screen returns.
    Abandon,
}

/// Which request a reply answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    Start,
    Submit,
    Previous,
}

/// What the worker reports back.
#[derive(Debug)]
pub struct Reply {
    pub respondent: u64,
    pub request: Request,
    pub outcome: Result<Envelope, ApiError>,
}

/// How a respondent's session ended, for the worker and the records.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The server gave a final status.
    Final(Status),
    /// The respondent walked away; the idle countdown ran out.
    TimedOut,
    /// The respondent chose to stop while the kiosk could not reach the server.
    Abandoned,
    /// The server refused the session or it could not go on.
    Failed(String),
    /// Only a check whether the API answers; no respondent was involved.
    Probe,
}

/// What the kiosk asks the worker and the UI to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Start a brand-new session (no token, no cookies) and take its first page.
    Start {
        respondent: u64,
    },
    /// Ask whether the survey answers again (offline or out of service). The
    /// worker may reload the session an earlier probe of the same outage
    /// opened, so an outage leaves at most one open session on the server;
    /// its reply comes back as [`Request::Start`].
    Probe {
        respondent: u64,
    },
    /// Send this page's body with the session's latest token.
    Submit {
        respondent: u64,
        body: FormBody,
    },
    Previous {
        respondent: u64,
    },
    /// Forget the session (token, cookies); in-flight sends still finish.
    End {
        respondent: u64,
        outcome: Outcome,
    },
    /// Clear everything the UI remembers (text undo, scroll offsets, pop-ups).
    ResetUi,
}

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
                None => Some(match page.idle_deadline {
                    Some(deadline) => deadline,
                    None => self.last_activity + self.settings.idle_after,
                }),
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
                    *slot = answer;
                    if let Some(problem) = page.problems.get_mut(index) {
                        *problem = None;
                    }
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
                let problems = survey::validate_page(&page.questions, &page.answers);
                page.page_messages.clear();
                page.problems = vec![None; page.questions.len()];
                if let Some(first) = problems.first() {
                    page.scroll_to = Some(first.index);
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

    fn on_envelope(&mut self, request: Request, envelope: Envelope, now: Instant) -> Vec<Effect> {
        // The server answered: whatever limit there was has lifted.
        self.rate_limited = None;
        let respondent = self.current;
        let probing = self.is_probing();
        let status = envelope.status.clone();
        let retried = match &self.screen {
            Screen::Page(page) => page.busy.as_ref().is_some_and(|b| b.attempts > 0),
            _ => false,
        };
        match status {
            Status::Success | Status::LanguageSelectionRequired | Status::Unknown(_)
                if !envelope.questions.is_empty() || status == Status::Success =>
            {
                if let Some(question) = unshowable_required(&envelope.questions) {
                    let reason = unshowable_reason(question);
                    if request == Request::Start {
                        // The first page (a respondent's start or a probe):
                        // every respondent would be stuck on it. Out of
                        // service with survey_unavailable = false: the survey
                        // is open, but this kiosk cannot run it as it is made;
                        // the operator (or the survey's owner) must act, so
                        // it is a setup problem, not a pause to wait out (a
                        // rehearsal fails at once). The re-check still runs,
                        // in case the survey is changed.
                        return self.out_of_service(reason, ServiceCause::UnsupportedSurvey, now);
                    }
                    tracing::error!(%reason, "a page cannot be answered; the respondent is reset");
                    self.last_problem = Some(reason.clone());
                    return self.end_with(EndKind::Problem, Outcome::Failed(reason), now);
                }
                if probing {
                    tracing::info!("the survey answers again");
                    return self.end_probe(now);
                }
                self.start_failures = 0;
                self.show_page(request, envelope, now)
            }
            Status::ValidationErrors => {
                if let Screen::Page(page) = &mut self.screen {
                    page.busy = None;
                    page.apply_server_problems(&envelope.validation_errors);
                }
                Vec::new()
            }
            status if status.is_final() => {
                // quota_full for a brand-new session: everyone who taps
                // Start would meet the same end. (After a submit it may be a
                // segment's quota, which depends on the answers.)
                let dead_end = status == Status::QuotaFull && request == Request::Start;
                if dead_end && probing {
                    return self.out_of_service(
                        not_taking_responses(&status),
                        ServiceCause::SurveyClosed,
                        now,
                    );
                }
                if probing {
                    return self.end_probe(now);
                }
                if dead_end {
                    self.out_of_service_after_end = Some(not_taking_responses(&status));
                }
                let kind = EndKind::for_status(&status);
                let mut effects = vec![Effect::End {
                    respondent,
                    outcome: Outcome::Final(status.clone()),
                }];
                self.screen = Screen::Ending(EndScreen {
                    kind,
                    status: Some(status),
                    redirect_url: envelope.redirect_url,
                    until: now + self.settings.end_screen,
                });
                effects.push(Effect::ResetUi);
                effects
            }
            Status::AuthenticationRequired if retried => {
                // The server probably took the page just before the connection
                // dropped; the retry's token is stale. Start afresh.
                tracing::warn!("a retried page was refused as stale: its outcome is unknown");
                self.end_with(
                    EndKind::Interrupted,
                    Outcome::Failed("sent, outcome unknown".into()),
                    now,
                )
            }
            status => {
                let reason = match &status {
                    Status::AuthenticationRequired => {
                        "the server did not accept the session (authentication_required)".to_owned()
                    }
                    Status::LanguageSelectionRequired => {
                        "the survey asks for a language and offers no choice to make \
                         (the contract has no other way to send one)"
                            .to_owned()
                    }
                    Status::Error => "the server reported an error".to_owned(),
                    other => not_taking_responses(other),
                };
                if status == Status::Error {
                    return self.on_transient(request, reason, Duration::ZERO, now);
                }
                let cause = match &status {
                    s if s.is_unavailable() => ServiceCause::SurveyClosed,
                    Status::LanguageSelectionRequired => ServiceCause::UnsupportedSurvey,
                    _ => ServiceCause::Other,
                };
                self.out_of_service(reason, cause, now)
            }
        }
    }

    fn on_error(&mut self, request: Request, error: ApiError, now: Instant) -> Vec<Effect> {
        let reason = error.to_string();
        match error.kind() {
            ErrorKind::Transient => self.on_transient(request, reason, Duration::ZERO, now),
            ErrorKind::RateLimited => self.on_rate_limited(request, &error, now),
            ErrorKind::Unauthorized => self.out_of_service(reason, ServiceCause::ApiKey, now),
            ErrorKind::Forbidden => self.out_of_service(reason, ServiceCause::Forbidden, now),
            ErrorKind::NotFound => self.out_of_service(reason, ServiceCause::NotFound, now),
            ErrorKind::BadRequest | ErrorKind::Other => {
                if self.is_probing() {
                    return self.out_of_service(reason, ServiceCause::Other, now);
                }
                tracing::error!(%reason, "the server refused a request; the respondent is reset");
                self.last_problem = Some(reason.clone());
                self.end_with(EndKind::Problem, Outcome::Failed(reason), now)
            }
        }
    }

    /// HTTP 429: retried like a transient fault (a respondent's page stays
    /// on screen with every answer), never before the answer's
    /// `Retry-After`; out of service once it persists
    /// ([`RATE_LIMIT_ANSWERS`] answers in a row, or [`RATE_LIMIT_PERSISTS`]).
    fn on_rate_limited(&mut self, request: Request, error: &ApiError, now: Instant) -> Vec<Effect> {
        let held_back = matches!(
            error,
            ApiError::TooManyRequests {
                held_back: true,
                ..
            }
        );
        let run = self.rate_limited.get_or_insert(RateLimited {
            since: now,
            answers: 0,
        });
        if !held_back {
            run.answers += 1;
        }
        let run = *run;
        let at_least = error.retry_after().unwrap_or_default();
        let persists = run.answers >= RATE_LIMIT_ANSWERS
            || now.saturating_duration_since(run.since) >= RATE_LIMIT_PERSISTS;
        if !persists {
            return self.on_transient(request, error.to_string(), at_least, now);
        }
        let reason = format!(
            "{API_CALL_LIMIT_REASON} (HTTP 429 for {} s, {} answer(s) in a row): the API key's, \
             the organisation's or the licence's calls are used up; {error}",
            now.saturating_duration_since(run.since).as_secs(),
            run.answers
        );
        let effects = self.out_of_service(reason, ServiceCause::ApiCallLimit, now);
        if let Screen::OutOfService(problem) = &mut self.screen {
            problem.next_check = now + self.settings.recheck_every.max(at_least);
        }
        effects
    }

    /// A failure worth retrying; the retry waits for the back-off, and at
    /// least `at_least` (a 429's `Retry-After`).
    fn on_transient(
        &mut self,
        request: Request,
        reason: String,
        at_least: Duration,
        now: Instant,
    ) -> Vec<Effect> {
        tracing::warn!(?request, %reason, "request failed; will retry");
        self.last_problem = Some(reason.clone());
        match &mut self.screen {
            Screen::Page(page) if request != Request::Start => {
                if let Some(busy) = &mut page.busy {
                    busy.attempts += 1;
                    let wait = backoff(&self.settings, busy.attempts, &mut self.jitter);
                    busy.retry_at = Some(now + wait.max(at_least));
                    busy.last_error = Some(reason);
                }
                Vec::new()
            }
            Screen::OutOfService(problem) => {
                problem.checking = false;
                problem.next_check = now + self.settings.recheck_every.max(at_least);
                vec![Effect::End {
                    respondent: self.current,
                    outcome: Outcome::Probe,
                }]
            }
            _ => {
                // Starting (or probing from the offline attract screen): the
                // API cannot be reached. Wait on the attract screen.
                self.start_failures += 1;
                let wait = backoff(&self.settings, self.start_failures, &mut self.jitter)
                    .min(self.settings.recheck_every)
                    .max(at_least);
                let outcome = if self.is_probing() {
                    Outcome::Probe
                } else {
                    Outcome::Failed(reason.clone())
                };
                let effects = vec![
                    Effect::End {
                        respondent: self.current,
                        outcome,
                    },
                    Effect::ResetUi,
                ];
                self.screen = Screen::Attract {
                    offline: Some(screen::Offline {
                        next_check: now + wait,
                        checking: false,
                        reason,
                    }),
                };
                effects
            }
        }
    }

    fn show_page(&mut self, request: Request, envelope: Envelope, now: Instant) -> Vec<Effect> {
        let own_copy = match request {
            Request::Previous => {
                self.keep_draft();
                self.sent.pop()
            }
            Request::Submit => {
                if let Screen::Page(PageScreen {
                    busy:
                        Some(Busy {
                            body: Some(body), ..
                        }),
                    ..
                }) = &self.screen
                {
                    self.sent.push(body.clone());
                }
                None
            }
            Request::Start => None,
        };
        self.page_serial += 1;
        self.touch(now);
        let language_page = envelope.status == Status::LanguageSelectionRequired;
        let draft = match request {
            Request::Submit => self.drafts.remove(&survey::page_key(&envelope.questions)),
            Request::Start | Request::Previous => None,
        };
        let mut page = PageScreen::new(envelope, own_copy.as_ref(), self.page_serial);
        // What the server embedded wins; only a page it left blank gets the draft.
        if let Some(draft) = draft
            && page.answers.iter().all(Answer::is_empty)
        {
            page.restore(&draft.questions, &draft.answers);
        }
        if language_page && let Some(language) = &self.settings.language {
            page.choose_language(language);
        }
        self.screen = Screen::Page(page);
        Vec::new()
    }

    /// The respondent leaves the page on screen with Back: keep what they
    /// entered there (it was not sent) for when they come forward again.
    fn keep_draft(&mut self) {
        let Screen::Page(page) = &self.screen else {
            return;
        };
        let key = survey::page_key(&page.questions);
        if page.answers.iter().all(Answer::is_empty) {
            self.drafts.remove(&key);
            return;
        }
        let draft = Draft {
            questions: page.questions.clone(),
            answers: page.answers.clone(),
        };
        self.drafts.insert(key, draft);
    }

    fn idle_timeout(&mut self, now: Instant) -> Vec<Effect> {
        let respondent = self.current;
        let mut effects = Vec::new();
        if let Screen::Page(page) = &self.screen
            && self.settings.idle_action == IdleAction::SubmitIfValid
            && page.answers.iter().any(|a| !a.is_empty())
            && survey::validate_page(&page.questions, &page.answers).is_empty()
        {
            // Sent for the record; its reply is not waited for.
            effects.push(Effect::Submit {
                respondent,
                body: survey::encode_page(&page.questions, &page.answers),
            });
        }
        effects.push(Effect::End {
            respondent,
            outcome: Outcome::TimedOut,
        });
        tracing::info!(respondent, "respondent walked away; session discarded");
        effects.extend(self.back_to_attract(now));
        effects
    }

    fn end_with(&mut self, kind: EndKind, outcome: Outcome, now: Instant) -> Vec<Effect> {
        let effects = vec![
            Effect::End {
                respondent: self.current,
                outcome,
            },
            Effect::ResetUi,
        ];
        self.screen = Screen::Ending(EndScreen {
            kind,
            status: None,
            redirect_url: None,
            until: now + self.settings.end_screen,
        });
        effects
    }

    fn out_of_service(&mut self, reason: String, cause: ServiceCause, now: Instant) -> Vec<Effect> {
        // Something to wait out (re-checked), not a setup problem.
        let survey_unavailable = matches!(
            cause,
            ServiceCause::SurveyClosed | ServiceCause::ApiCallLimit
        );
        tracing::warn!(%reason, "out of service");
        self.last_problem = Some(reason.clone());
        let effects = vec![
            Effect::End {
                respondent: self.current,
                outcome: if self.is_probing() {
                    Outcome::Probe
                } else {
                    Outcome::Failed(reason.clone())
                },
            },
            Effect::ResetUi,
        ];
        self.screen = Screen::OutOfService(ServiceProblem {
            reason,
            survey_unavailable,
            cause,
            next_check: now + self.settings.recheck_every,
            checking: false,
        });
        effects
    }

    fn end_probe(&mut self, now: Instant) -> Vec<Effect> {
        self.start_failures = 0;
        let effects = vec![Effect::End {
            respondent: self.current,
            outcome: Outcome::Probe,
        }];
        self.screen = Screen::Attract { offline: None };
        self.touch(now);
        effects
    }

    /// The end screen is over: the attract screen, or out of service when
    /// the session ended in a dead end every next respondent would meet too.
    fn leave_end_screen(&mut self, now: Instant) -> Vec<Effect> {
        let Some(reason) = self.out_of_service_after_end.take() else {
            return self.back_to_attract(now);
        };
        let effects = self.back_to_attract(now);
        tracing::warn!(%reason, "out of service");
        self.last_problem = Some(reason.clone());
        self.screen = Screen::OutOfService(ServiceProblem {
            reason,
            survey_unavailable: true,
            cause: ServiceCause::SurveyClosed,
            next_check: now + self.settings.recheck_every,
            checking: false,
        });
        effects
    }

    fn back_to_attract(&mut self, now: Instant) -> Vec<Effect> {
        self.screen = Screen::Attract { offline: None };
        self.forget_respondent();
        // A new id: whatever the old session still reports is ignored.
        self.current = self.take_respondent_id();
        self.touch(now);
        vec![Effect::ResetUi]
    }

    fn begin(&mut self, now: Instant) -> u64 {
        self.current = self.take_respondent_id();
        self.forget_respondent();
        self.touch(now);
        self.current
    }

    /// Nothing of one respondent reaches the next.
    fn forget_respondent(&mut self) {
        self.sent.clear();
        self.drafts.clear();
        self.out_of_service_after_end = None;
    }

    fn take_respondent_id(&mut self) -> u64 {
        let id = self.next_respondent;
        self.next_respondent += 1;
        id
    }

    fn touch(&mut self, now: Instant) {
        self.last_activity = now;
        if let Screen::Page(page) = &mut self.screen {
            page.idle_deadline = None;
        }
    }

    fn is_probing(&self) -> bool {
        match &self.screen {
            Screen::Attract { offline: Some(o) } => o.checking,
            Screen::OutOfService(p) => p.checking,
            _ => false,
        }
    }
}

/// Why a survey that answers with `status` takes nobody.
fn not_taking_responses(status: &Status) -> String {
    format!("the survey is not taking responses ({status})")
}

/// Exponential back-off with up to 25 % jitter (the kiosk's live retries).
fn backoff(settings: &Settings, attempt: u32, jitter: &mut u64) -> Duration {
    RetryPolicy::from(settings).delay(attempt, jitter)
}

/// How long to wait before trying a failed request again: exponential
/// back-off from `initial`, doubling up to `max`, with up to 25 % jitter.
/// The kiosk's live retries and the worker's recovery use the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub initial: Duration,
    pub max: Duration,
}

impl RetryPolicy {
    /// The wait before try `attempt + 1` after `attempt` failures (1 = the
    /// first failure). `jitter` is the caller's xorshift state.
    pub fn delay(&self, attempt: u32, jitter: &mut u64) -> Duration {
        let base = self
            .initial
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1).min(16)))
            .min(self.max);
        // xorshift: cheap, deterministic, good enough to spread retries.
        *jitter ^= *jitter << 13;
        *jitter ^= *jitter >> 7;
        *jitter ^= *jitter << 17;
        let fraction = (*jitter % 1000) as f64 / 4000.0;
        base + base.mul_f64(fraction)
    }
}

impl From<&Settings> for RetryPolicy {
    fn from(settings: &Settings) -> RetryPolicy {
        RetryPolicy {
            initial: settings.retry_initial,
            max: settings.retry_max,
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::from(&Settings::default())
    }
}

#[cfg(test)]
mod tests;
