//! Offline capture, the worker's side: learning the survey map from every
//! page served online, and serving a respondent from it when the API cannot
//! be reached (`offline = "capture"`). The kiosk loop sees the same replies
//! either way, so the respondent's screens look the same.

use std::sync::{Arc, Mutex as StdMutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{Ledger, Respondent};
use crate::api::{ApiError, Envelope, Status};
use crate::journal::{MapNext, MapOf, StepTo};
use crate::survey::{self, FormBody};

/// After a start found the API unreachable, later starts go straight to the
/// map for this long (a respondent does not wait for a connection that will
/// not come); then the next start tries the API again.
const STAY_OFFLINE: Duration = Duration::from_secs(60);

/// Offline capture's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaptureSettings {
    /// `offline = "capture"`: take respondents from the map when the API
    /// cannot be reached.
    pub enabled: bool,
    /// The map's language (the kiosk's `language` setting, `""` if none).
    pub language: String,
}

/// Whether the kiosk is capturing offline now, for the operator's screen
/// and the metrics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfflineState {
    /// A start found the API unreachable and respondents are taken from
    /// the map.
    pub capturing: bool,
    /// When the API last failed a start.
    since: Option<Instant>,
}

impl OfflineState {
    fn recently_offline(&self) -> bool {
        self.capturing && self.since.is_some_and(|at| at.elapsed() < STAY_OFFLINE)
    }
}

pub(super) type Offline = Arc<StdMutex<OfflineState>>;

pub(super) fn set_offline(offline: &Offline, capturing: bool) {
    let mut state = offline.lock().unwrap_or_else(|e| e.into_inner());
    if state.capturing != capturing {
        if capturing {
            tracing::warn!("the survey API cannot be reached: capturing respondents offline");
        } else {
            tracing::info!("the survey API answers again: respondents are taken online");
        }
    }
    state.capturing = capturing;
    state.since = capturing.then(Instant::now);
    crate::metrics::offline_capturing(capturing);
}

pub(super) fn recently_offline(offline: &Offline) -> bool {
    offline
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .recently_offline()
}

/// A fault of the network or of a gateway in front of the API (not a 4xx,
/// not a closed survey): the kind offline capture stands in for.
pub(super) fn network_fault(error: &ApiError) -> bool {
    match error {
        ApiError::Connect(_) | ApiError::Timeout | ApiError::Transport(_) => true,
        ApiError::Http { status, .. } => matches!(status, 502..=504),
        _ => false,
    }
}

/// The survey's first question as the attract screen can ask it
/// (`attract = "first_question"`): the first question of the map's first
/// page that takes an answer, when it is a single choice (a choice list, a
/// rating, a 0–10 scale, smileys).
pub(super) fn first_question(envelope: &Envelope) -> Option<crate::survey::Question> {
    let question = envelope.questions.iter().find(|q| q.takes_answer())?;
    matches!(
        question.kind,
        crate::survey::QuestionKind::SingleChoice { .. }
    )
    .then(|| question.clone())
}

/// The same, from the journal's map.
pub(super) fn first_question_in_map(
    ledger: &Ledger,
    map: MapOf<'_>,
) -> Option<crate::survey::Question> {
    match ledger.with("map", |j| j.map_next(map, "", ""))? {
        MapNext::Page { envelope, .. } => first_question(&parse(&envelope)?),
        _ => None,
    }
}

/// A respondent's path through the map.
pub(super) struct Capture {
    language: String,
    /// The pages shown so far, the one on screen last.
    stack: Vec<Shown>,
}

struct Shown {
    hash: String,
    key: String,
    envelope: Envelope,
}

fn parse(envelope: &str) -> Option<Envelope> {
    let value: Value = serde_json::from_str(envelope).ok()?;
    Envelope::from_value(&value).ok()
}

/// The survey's first page from the map, if it knows one: the respondent's
/// session is captured from here on.
pub(super) fn start(
    ledger: &Ledger,
    survey_id: u64,
    settings: &CaptureSettings,
    record: i64,
) -> Option<(Capture, Envelope)> {
    let map = MapOf {
        survey_id,
        language: &settings.language,
    };
    let next = ledger.with("map", |j| j.map_next(map, "", ""))?;
    let MapNext::Page { hash, envelope } = next else {
        tracing::warn!(
            ?next,
            "offline, and the map knows no first page: nobody can be taken"
        );
        return None;
    };
    let envelope = parse(&envelope)?;
    ledger.with("capture", |j| j.begin_capture(record, &settings.language))?;
    crate::metrics::respondent_captured();
    let capture = Capture {
        language: settings.language.clone(),
        stack: vec![Shown {
            key: survey::page_key(&envelope.questions),
            hash,
            envelope: envelope.clone(),
        }],
    };
    Some((capture, envelope))
}

/// A captured page: written to the journal (nothing is sent), and the next
/// page the map has seen follow the same choices. Where it has seen none,
/// or respondents went different ways, the respondent is thanked here.
pub(super) fn submit(ledger: &Ledger, state: &mut Respondent, body: &FormBody) -> Envelope {
    let seconds = state.shown_at.elapsed().as_secs_f64();
    let survey_id = state.session.survey_id();
    let (Some(capture), Some(record)) = (state.capture.as_mut(), state.record) else {
        return thank_you();
    };
    let Some(shown) = capture.stack.last() else {
        return thank_you();
    };
    let depth = capture.stack.len() - 1;
    let written = ledger.with("capture", |j| {
        j.write_captured_page(record, body, seconds, &shown.key, &shown.hash, depth)
    });
    if written.is_none() {
        // Nothing could be kept: the respondent is thanked, not asked on.
        return thank_you();
    }
    let map = MapOf {
        survey_id,
        language: &capture.language,
    };
    let choices = survey::path_choices(body);
    let from = shown.hash.clone();
    let page_number = capture.stack.len();
    match ledger.with("map", |j| j.map_next(map, &from, &choices)) {
        Some(MapNext::Page { hash, envelope }) => {
            if let Some(envelope) = parse(&envelope) {
                capture.stack.push(Shown {
                    key: survey::page_key(&envelope.questions),
                    hash,
                    envelope: envelope.clone(),
                });
                return envelope;
            }
        }
        Some(MapNext::End { envelope, .. }) => {
            if let Some(envelope) = parse(&envelope) {
                return envelope;
            }
        }
        Some(why @ (MapNext::Unseen | MapNext::Disagrees)) => {
            let note = if why == MapNext::Disagrees {
                format!(
                    "captured offline: respondents who answered page {page_number} this way \
                     went different ways online, so the respondent was thanked there"
                )
            } else {
                format!(
                    "captured offline: where page {page_number} leads with these answers was \
                     never seen online, so the respondent was thanked there"
                )
            };
            tracing::info!(record, %note, "capture ends early");
            ledger.with("capture", |j| j.capture_note(record, &note));
        }
        None => {}
    }
    thank_you()
}

/// Back, offline: the page before the one on screen, as it was shown (the
/// kiosk pre-fills it from its own copy of what was answered).
pub(super) fn previous(state: &mut Respondent) -> Envelope {
    let Some(capture) = state.capture.as_mut() else {
        return thank_you();
    };
    if capture.stack.len() > 1 {
        capture.stack.pop();
    }
    capture
        .stack
        .last()
        .map_or_else(thank_you, |shown| shown.envelope.clone())
}

/// The end screen of a respondent the map cannot take further.
fn thank_you() -> Envelope {
    let value = json!({"response": {"status": "survey_complete"}});
    Envelope::from_value(&value).unwrap_or_else(|_| Envelope {
        status: Status::SurveyComplete,
        redirect_url: None,
        is_final_page: false,
        progress_percent: None,
        previous_page_url: None,
        next_page_submit_url: None,
        questions: Vec::new(),
        validation_errors: Vec::new(),
        request_id: None,
        raw: Value::Null,
    })
}

/// Learns from a reply served online: the page (if it shows one) and the
/// step to it from the page on screen before (`from`: `""` for a start)
/// with the choices sent there.
pub(super) fn learn(
    ledger: &Ledger,
    map: MapOf<'_>,
    from: &str,
    choices: &str,
    envelope: &Envelope,
) {
    let mut raw = envelope.raw.clone();
    if let Some(object) = raw.as_object_mut() {
        // Nothing of one respondent's session is kept in the map.
        object.remove("requestID");
        object.remove("validationErrors");
    }
    let text = raw.to_string();
    match &envelope.status {
        Status::Success | Status::LanguageSelectionRequired if !envelope.questions.is_empty() => {
            let hash = survey::page_hash(&envelope.questions);
            let key = survey::page_key(&envelope.questions);
            ledger.with("map", |j| {
                j.learn_page(map, &hash, &key, &text)?;
                j.learn_step(map, from, choices, StepTo::Page { hash: &hash })
            });
        }
        // Where a path ends. Not quota_full, already_completed or a closed
        // survey: those say when it was asked, not where the path leads.
        status @ (Status::SurveyComplete
        | Status::Terminated
        | Status::SurveyOptOut
        | Status::Redirect) => {
            ledger.with("map", |j| {
                j.learn_step(
                    map,
                    from,
                    choices,
                    StepTo::End {
                        status: status.as_str(),
                        envelope: &text,
                    },
                )
            });
        }
        _ => {}
    }
}
