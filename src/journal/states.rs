//! What the journal records: a page's states (only the server's reply to a
//! body is proof), how a respondent's record ends, what waits, the counts.

use sha2::{Digest, Sha256};

use crate::api::{Envelope, Status};
use crate::survey::FormBody;

/// The state of one page row.
///
/// Only the server's reply to a page's body is proof of what became of it:
/// a body is deleted only once that reply arrived ([`PageState::Accepted`]),
/// or when the operator gives it up ([`PageState::Discarded`]). Everything
/// that is inferred keeps the body and says so ([`PageState::Unconfirmed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageState {
    /// Written, not yet settled: being sent by the live session, or
    /// waiting for the worker's recovery to find out what became of it.
    Pending,
    /// The server answered this body with the next page or a final status.
    Accepted,
    /// The server answered `validation_errors` (live: the respondent
    /// corrected it on screen and sent another row).
    Rejected,
    /// Nobody can tell whether the server has it: its answer to this body
    /// never came, and the session's token has since been refused (the
    /// server may have processed the page, forgotten the session, or
    /// processed a reload whose reply was lost), or the session is now at
    /// another page or ended. The body, token and cookies are kept; only the
    /// operator gives it up (`journal discard`).
    Unconfirmed,
    /// Never received by the server (no attempt can have reached it) and can
    /// no longer be sent (the session is gone, or no token was kept); the
    /// body is kept for the operator.
    Kept,
    /// The operator discarded it after exporting it.
    Discarded,
}

impl PageState {
    pub fn as_str(self) -> &'static str {
        match self {
            PageState::Pending => "pending",
            PageState::Accepted => "accepted",
            PageState::Rejected => "rejected",
            PageState::Unconfirmed => "unconfirmed",
            PageState::Kept => "kept",
            PageState::Discarded => "discarded",
        }
    }

    /// The server's reply to the body says it has the page: the only state
    /// in which its body may be deleted (unless the operator keeps answers).
    pub fn proven_taken(self) -> bool {
        self == PageState::Accepted
    }
}

/// What the server's reply to a page's body says became of it, or `None`
/// when the reply settles nothing (a server error, a refused token, a closed
/// survey: try again or find out otherwise). The one place that decides
/// "was this page accepted", for the live session, recovery and metrics.
pub fn page_verdict(envelope: &Envelope) -> Option<PageState> {
    match &envelope.status {
        Status::Error => None,
        Status::ValidationErrors => Some(PageState::Rejected),
        status if status.is_final() || !envelope.questions.is_empty() => Some(PageState::Accepted),
        Status::Success => Some(PageState::Accepted),
        // authentication_required, closed, paused, …: not taken.
        _ => None,
    }
}

/// How a respondent's record ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RespondentEnd {
    /// A final status of the API (`survey_complete`, `terminated`, …).
    Final(String),
    TimedOut,
    Abandoned,
    Failed(String),
    /// The first page never came (the API could not be reached).
    StartFailed(String),
    /// The process stopped (crash, power) in the middle of the session.
    Interrupted,
}

impl RespondentEnd {
    pub(super) fn state(&self) -> &str {
        match self {
            RespondentEnd::Final(status) => status,
            RespondentEnd::TimedOut => "timed_out",
            RespondentEnd::Abandoned => "abandoned",
            RespondentEnd::Failed(_) => "failed",
            RespondentEnd::StartFailed(_) => "start_failed",
            RespondentEnd::Interrupted => "interrupted",
        }
    }

    pub(super) fn detail(&self) -> Option<&str> {
        match self {
            RespondentEnd::Failed(why) | RespondentEnd::StartFailed(why) => Some(why),
            _ => None,
        }
    }
}

/// A page written and never settled whose session is no longer live (it
/// ended, or an earlier process died): the worker's recovery owns it.
/// Holds everything needed to send it again exactly as the live session
/// would. `token` and `cookies` are secrets of that session: never log them.
#[derive(Clone)]
pub struct Waiting {
    pub page: i64,
    pub respondent: i64,
    pub survey_id: u64,
    pub body: FormBody,
    /// Which page of the survey it answers ([`crate::survey::page_key`]).
    pub page_key: Option<String>,
    pub token: Option<String>,
    pub cookies: Option<String>,
    pub attempts: u32,
    /// Some attempt at sending it may have reached the server (the process
    /// died while sending, or the connection broke after sending).
    pub maybe_sent: bool,
    /// Recovery's last reload of the session was sent and its reply (with
    /// the session's new token) was never recorded: the stored token may
    /// have been used up by that reload.
    pub reloading: bool,
}

impl std::fmt::Debug for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiting")
            .field("page", &self.page)
            .field("respondent", &self.respondent)
            .field("survey_id", &self.survey_id)
            .field("page_key", &self.page_key)
            .field("token", &self.token.as_ref().map(|_| "<hidden>"))
            .field("cookies", &self.cookies.as_ref().map(|_| "<hidden>"))
            .field("attempts", &self.attempts)
            .field("maybe_sent", &self.maybe_sent)
            .field("reloading", &self.reloading)
            .finish_non_exhaustive()
    }
}

/// What waits to be sent, for the operator.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct WaitingSummary {
    /// Pages waiting for recovery (a live session's page in flight is not
    /// counted).
    pub pages: u64,
    /// When the oldest of them was written (RFC 3339).
    pub oldest: Option<String>,
    /// The latest failure in sending one of them, in words.
    pub last_error: Option<String>,
    /// Pages that can never be sent (kept for the operator).
    pub kept: u64,
    /// Pages whose fate cannot be known (kept with their bodies until the
    /// operator gives them up).
    pub unconfirmed: u64,
}

/// Counts for `journal status` and the operator.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Respondents by state (`in_progress`, `survey_complete`, `timed_out`, …).
    pub respondents: Vec<(String, u64)>,
    /// Pages by state (`pending`, `accepted`, `unknown`, `kept`, …).
    pub pages: Vec<(String, u64)>,
    /// Of those, rehearsal (walk) respondents.
    pub rehearsal_respondents: u64,
}

impl Counts {
    pub fn respondents_in(&self, state: &str) -> u64 {
        lookup(&self.respondents, state)
    }

    pub fn pages_in(&self, state: &str) -> u64 {
        lookup(&self.pages, state)
    }
}

fn lookup(list: &[(String, u64)], key: &str) -> u64 {
    list.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
}

/// A hash of a body's canonical JSON, kept after the body itself is removed.
pub fn body_hash(body: &FormBody) -> String {
    let mut pairs: Vec<(&String, String)> =
        body.0.iter().map(|(k, v)| (k, v.to_string())).collect();
    pairs.sort();
    let mut hasher = Sha256::new();
    for (key, value) in pairs {
        hasher.update(key.as_bytes());
        hasher.update([0]);
        hasher.update(value.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the journal keeps of a live session with a pending page. `token`
/// and `cookies` are its secrets: deleted as soon as the page settles.
#[derive(Clone, Copy, Default)]
pub struct SessionState<'a> {
    pub page_key: Option<&'a str>,
    pub token: Option<&'a str>,
    pub cookies: Option<&'a str>,
}
