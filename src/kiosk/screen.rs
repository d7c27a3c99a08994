//! What is on screen: the kiosk's state, read by the UI.

use std::time::Instant;

use crate::api::{Envelope, ServerProblem, Status};
use crate::i18n::{Language, Words};
use crate::survey::{self, Answer, FormBody, PairMut, Question};

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Inviting the next person. `offline`: the API could not be reached;
    /// the kiosk probes in the background and says it will be right back.
    Attract {
        offline: Option<Offline>,
    },
    /// The first page was asked for.
    Starting {
        since: Instant,
    },
    Page(PageScreen),
    Ending(EndScreen),
    OutOfService(ServiceProblem),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Offline {
    pub next_check: Instant,
    pub checking: bool,
    /// For the operator's log, not for respondents.
    pub reason: String,
}

/// A survey page being answered.
#[derive(Clone, Debug, PartialEq)]
pub struct PageScreen {
    pub questions: Vec<Question>,
    pub answers: Vec<Answer>,
    /// A message beside each question (local or server validation).
    pub problems: Vec<Option<Words>>,
    /// Server messages that name no question.
    pub page_messages: Vec<String>,
    pub progress_percent: Option<u8>,
    pub is_final_page: bool,
    pub can_go_back: bool,
    /// A request for this page is under way.
    pub busy: Option<Busy>,
    /// "Are you still there?" is up and ends at this time.
    pub idle_deadline: Option<Instant>,
    /// Which page this is for the current respondent (changes on every page
    /// shown), so the UI can scroll to the top of a new page.
    pub serial: u64,
    /// The question the UI should scroll into view (the first problem).
    pub scroll_to: Option<usize>,
    /// The survey asks for a language here (`language_selection_required`):
    /// the kiosk's own words follow the answer chosen.
    pub language_page: bool,
    /// One question at a time (`layout = "question"`): the question on
    /// screen. `None`: the whole page.
    pub question: Option<usize>,
    /// A single choice was just answered: the next question comes at this
    /// time (`auto_advance`), unless the respondent does something first.
    pub advance_at: Option<Instant>,
}

impl PageScreen {
    pub fn new(envelope: Envelope, own_copy: Option<&FormBody>, serial: u64) -> PageScreen {
        let answers = survey::prefill(&envelope.questions, own_copy);
        let language_page = envelope.status == crate::api::Status::LanguageSelectionRequired;
        let mut page = PageScreen {
            problems: vec![None; envelope.questions.len()],
            questions: envelope.questions,
            answers,
            page_messages: Vec::new(),
            progress_percent: envelope.progress_percent,
            is_final_page: envelope.is_final_page,
            can_go_back: envelope.previous_page_url.is_some(),
            busy: None,
            idle_deadline: None,
            serial,
            scroll_to: None,
            language_page,
            question: None,
            advance_at: None,
        };
        if !envelope.validation_errors.is_empty() {
            page.apply_server_problems(&envelope.validation_errors);
        }
        page
    }

    /// Puts back what the respondent had entered on this page before they
    /// left it with Back (`questions` as the page was then). The answers
    /// themselves when the page is the same, partial ones included;
    /// otherwise whatever of them fits the page as it is now.
    pub fn restore(&mut self, questions: &[Question], answers: &[Answer]) {
        if questions == self.questions.as_slice() && answers.len() == self.answers.len() {
            self.answers = answers.to_vec();
        } else {
            let body = survey::encode_page(questions, answers);
            self.answers = survey::prefill(&self.questions, Some(&body));
        }
    }

    /// On a language selection page: chooses, in the first single-choice
    /// question that offers it, the answer naming `language` ("Français"
    /// matches "Français" and "français (France)"; case and accents as
    /// written), or else the answer that names the same language as the
    /// configured name or tag (`ar` and "Arabic" choose "العربية", `en-GB`
    /// chooses "English (US)"). Answers already given are left alone.
    pub fn choose_language(&mut self, language: &str) {
        let wanted = language.trim().to_lowercase();
        if wanted.is_empty() {
            return;
        }
        let wanted_language = Language::parse(&wanted);
        let same_language =
            |text: &str| wanted_language.is_some() && Language::from_name(text) == wanted_language;
        let names = |text: &str| {
            let text = text.trim().to_lowercase();
            text == wanted
                || text
                    .strip_prefix(&wanted)
                    .is_some_and(|rest| rest.starts_with([' ', '(', '-', ',', '/']))
        };
        for (question, answer) in self.questions.iter().zip(self.answers.iter_mut()) {
            let PairMut::Single {
                choices, choice, ..
            } = question.pair_mut(answer)
            else {
                continue;
            };
            if choice.is_some() {
                return;
            }
            let found = choices
                .iter()
                .find(|c| names(&c.text))
                .or_else(|| choices.iter().find(|c| same_language(&c.text)));
            if let Some(found) = found {
                *choice = Some(found.id);
                return;
            }
        }
    }

    /// Shows the server's validation messages beside their questions; the
    /// respondent's answers stay as they are.
    pub fn apply_server_problems(&mut self, problems: &[ServerProblem]) {
        self.page_messages.clear();
        for problem in problems {
            match problem.question_index(&self.questions) {
                Some(index) => self.problems[index] = Some(Words::text(problem.message.clone())),
                None => self.page_messages.push(problem.message.clone()),
            }
        }
        self.scroll_to = self.problems.iter().position(Option::is_some);
        if self.question.is_some() {
            // One question at a time: back to the first question named.
            self.question = Some(self.scroll_to.unwrap_or(0));
        }
    }

    /// Whether answering question `index` moves on by itself (with
    /// `auto_advance`): it is the question on screen (one at a time), a
    /// single choice whose chosen answer asks for no text, and not the
    /// survey's very last question (that one is sent with a tap on Submit).
    pub fn advances_on(&self, index: usize) -> bool {
        let last_of_survey = self.is_final_page && index + 1 == self.questions.len();
        let single = match (self.questions.get(index), self.answers.get(index)) {
            (
                Some(question),
                Some(Answer::Single {
                    choice: Some(id), ..
                }),
            ) => {
                question
                    .kind
                    .choices()
                    .iter()
                    .any(|c| c.id == *id && !c.other)
                    && matches!(
                        question.kind,
                        crate::survey::QuestionKind::SingleChoice { .. }
                    )
            }
            _ => false,
        };
        self.question == Some(index) && single && !last_of_survey
    }
}

/// A request in flight (or waiting to be retried) for the page on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub since: Instant,
    /// The body being sent (Next), or `None` for Back.
    pub body: Option<FormBody>,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When the next attempt goes out (after a failure).
    pub retry_at: Option<Instant>,
    /// Failing for a while: say "Still trying" and offer to stop.
    pub still_trying: bool,
    pub last_error: Option<String>,
}

impl Busy {
    pub fn new(since: Instant, body: Option<FormBody>) -> Busy {
        Busy {
            since,
            body,
            attempts: 0,
            retry_at: None,
            still_trying: false,
            last_error: None,
        }
    }
}

/// Which end screen, and what it says to the respondent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndKind {
    Thanks,
    ScreenedOut,
    QuotaFull,
    OptedOut,
    AlreadyDone,
    Redirected,
    /// The connection broke at the last moment; the answers may have arrived.
    Interrupted,
    /// The server refused the request; nothing the respondent can fix.
    Problem,
}

impl EndKind {
    pub fn for_status(status: &Status) -> EndKind {
        match status {
            Status::SurveyComplete => EndKind::Thanks,
            Status::Terminated => EndKind::ScreenedOut,
            Status::QuotaFull => EndKind::QuotaFull,
            Status::SurveyOptOut => EndKind::OptedOut,
            Status::AlreadyCompleted => EndKind::AlreadyDone,
            Status::Redirect => EndKind::Redirected,
            _ => EndKind::Thanks,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EndScreen {
    pub kind: EndKind,
    pub status: Option<Status>,
    /// Shown (as a QR code) only if the operator enables it; never opened.
    pub redirect_url: Option<String>,
    /// When the kiosk returns to the attract screen by itself.
    pub until: Instant,
}

/// "Not available right now": the survey is closed or the kiosk needs its
/// operator.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceProblem {
    /// For the operator and the log; respondents see a calm message.
    pub reason: String,
    /// Something to wait out: the survey is closed/paused, or QuestionPro's
    /// API call limit is reached (as opposed to a configuration problem).
    pub survey_unavailable: bool,
    /// The kind of reason, for the metrics' `reason` label.
    pub cause: ServiceCause,
    pub next_check: Instant,
    pub checking: bool,
}

/// Why the kiosk is out of service, as a short fixed label
/// (`survey_kiosk_out_of_service{reason}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceCause {
    /// Closed, paused, suspended, or its quota is full.
    SurveyClosed,
    /// QuestionPro answers every call with 429: the API call limit (of the
    /// key, the organisation or the licence) is reached.
    ApiCallLimit,
    /// 401: the API key is not accepted.
    ApiKey,
    /// 403: the key may not take this survey.
    Forbidden,
    /// 404: no such survey.
    NotFound,
    /// The survey has a page the kiosk cannot run.
    UnsupportedSurvey,
    Other,
}

impl ServiceCause {
    pub const ALL: [ServiceCause; 7] = [
        ServiceCause::SurveyClosed,
        ServiceCause::ApiCallLimit,
        ServiceCause::ApiKey,
        ServiceCause::Forbidden,
        ServiceCause::NotFound,
        ServiceCause::UnsupportedSurvey,
        ServiceCause::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ServiceCause::SurveyClosed => "survey_closed",
            ServiceCause::ApiCallLimit => "api_call_limit",
            ServiceCause::ApiKey => "api_key",
            ServiceCause::Forbidden => "forbidden",
            ServiceCause::NotFound => "not_found",
            ServiceCause::UnsupportedSurvey => "unsupported_survey",
            ServiceCause::Other => "other",
        }
    }
}
