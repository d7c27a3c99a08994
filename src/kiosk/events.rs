//! What goes into the kiosk loop (actions, replies) and what comes out
//! (effects).

use crate::api::{ApiError, Envelope, Status};
use crate::survey::{Answer, FormBody};

/// What a respondent (or the kiosk's own UI) asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The big button on the attract screen.
    Start,
    /// The survey's first question, shown on the attract screen
    /// (`attract = "first_question"`), was answered: that tap starts the
    /// session, and the answer is given on the first page when it comes.
    StartAnswering {
        question: crate::survey::Id,
        answer: Answer,
    },
    /// Any touch, key or scroll: resets the idle timer and dismisses the
    /// "Are you still there?" overlay.
    Activity,
    /// The answer to question `index` changed.
    Answered {
        index: usize,
        answer: Answer,
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

impl Action {
    /// What a tap on a page does (answers and the navigation buttons), as
    /// opposed to the idle warning's "I'm still here" and the like: the UI
    /// ignores these in a new page's (or question's) first moment.
    pub fn is_a_tap_on_the_page(&self) -> bool {
        match self {
            Action::Next | Action::Back | Action::Answered { .. } | Action::GiveUp => true,
            Action::Start
            | Action::StartAnswering { .. }
            | Action::Activity
            | Action::Dismiss
            | Action::Scrolled
            | Action::Abandon => false,
        }
    }
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
