//! The demo server's endpoints: each request refused or answered, top-down
//! (the key, the survey, the session, the call), after the fault it suffers.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::faults::{Fault, Hanging, faulty};
use super::sessions::{Session, Sessions};
use super::survey::{Goto, Survey};
use super::{API, AcceptedPage, Call, DEMO_API_KEY, Shared, lock};

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(&format!("{API}/surveys/{{id}}/take"), get(take))
        .route(&format!("{API}/surveys/{{id}}/submit-page"), post(submit))
        .route(
            &format!("{API}/surveys/{{id}}/previous-page"),
            get(previous),
        )
        .with_state(shared)
}

async fn take(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    handle(s, Call::Take, id, headers, Bytes::new()).await
}

async fn submit(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    handle(s, Call::Submit, id, headers, body).await
}

async fn previous(
    State(s): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    handle(s, Call::Previous, id, headers, Bytes::new()).await
}

pub(super) fn error(status: StatusCode, name: &str, id: &str, message: &str) -> Response {
    let body = json!({"response": {"error": {
        "docs": "https://www.questionpro.com/api/error-codes.html",
        "name": name, "httpStatusCode": status.as_u16(), "id": id, "message": message,
        "resourceUrl": "resource_url"}}});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn envelope(response: Value) -> Value {
    json!({"response": response, "requestID": uuid::Uuid::new_v4().to_string()})
}

pub(super) fn status_only(status: &str) -> Value {
    envelope(json!({"status": status}))
}

async fn handle(
    s: Arc<Shared>,
    call: Call,
    id: String,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    *lock(&s.requests) += 1;
    let has_token = headers.contains_key("x-survey-token");
    let fault = lock(&s.faults).next(call, has_token);
    if let Some(fault) = fault {
        tracing::debug!(?call, ?fault, "injected fault");
        match fault {
            Fault::Delay(delay) => {
                let _hanging = Hanging::new(&s);
                tokio::time::sleep(delay).await;
            }
            Fault::Hang => {
                let _hanging = Hanging::new(&s);
                tokio::time::sleep(Duration::from_secs(600)).await;
                return faulty(Fault::Drop);
            }
            Fault::AcceptThenDelay(delay) => {
                let processed = answer(&s, call, &id, &headers, &body);
                let _hanging = Hanging::new(&s);
                tokio::time::sleep(delay).await;
                return processed;
            }
            Fault::AcceptThenDrop => {
                let processed = answer(&s, call, &id, &headers, &body);
                tracing::debug!(
                    ?call,
                    status = processed.status().as_u16(),
                    "processed; the answer is dropped"
                );
                return faulty(Fault::Drop);
            }
            other => return faulty(other),
        }
    }
    let response = answer(&s, call, &id, &headers, &body);
    tracing::debug!(?call, survey = %id, status = response.status().as_u16(), "demo answered");
    response
}

/// The answer to one request that suffered no fault.
fn answer(s: &Shared, call: Call, id: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    respond(s, call, id, headers, body).unwrap_or_else(Refusal::into_response)
}

/// The steps of a request, top-down: the key, the survey, the session, the
/// call. Each step may refuse the request.
fn respond(
    s: &Shared,
    call: Call,
    id: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, Refusal> {
    authenticate(headers)?;
    let target = find_survey(s, id)?;
    let now = Instant::now();
    let mut sessions = lock(&s.sessions);
    sessions.sweep(now);
    let uuid = find_session(s, &mut sessions, &target, call, headers, now)?;
    dispatch(s, &mut sessions, &target, &uuid, call, body, now)
}

/// The survey a request is for, and whether it takes responses now.
struct Target {
    survey: std::sync::Arc<Survey>,
    /// The status every request gets while it takes none (closed, paused,
    /// suspended, quota full).
    unavailable: Option<&'static str>,
}

/// A request answered without a page and without a new token.
enum Refusal {
    /// An HTTP error with the contract's error envelope.
    Error {
        status: StatusCode,
        name: &'static str,
        id: &'static str,
        message: String,
    },
    /// HTTP 200 with a status alone (`authentication_required`,
    /// `survey_closed`, …).
    Status(&'static str),
}

impl Refusal {
    /// The token or the cookie names no session that may go on.
    const NOT_AUTHENTICATED: Refusal = Refusal::Status("authentication_required");

    fn bad_request(message: impl Into<String>) -> Refusal {
        Refusal::Error {
            status: StatusCode::BAD_REQUEST,
            name: "BAD_REQUEST",
            id: "1000",
            message: message.into(),
        }
    }

    fn into_response(self) -> Response {
        match self {
            Refusal::Error {
                status,
                name,
                id,
                message,
            } => error(status, name, id, &message),
            Refusal::Status(status) => json_response(status_only(status), None, None),
        }
    }
}

/// The request must carry the demo's API key.
fn authenticate(headers: &HeaderMap) -> Result<(), Refusal> {
    if headers.get("api-key").and_then(|k| k.to_str().ok()) == Some(DEMO_API_KEY) {
        return Ok(());
    }
    Err(Refusal::Error {
        status: StatusCode::UNAUTHORIZED,
        name: "UNAUTHORIZED",
        id: "1010",
        message: "Incorrect API Key".into(),
    })
}

/// The survey the path names, if it exists and the key may take it, and
/// its availability.
fn find_survey(s: &Shared, id: &str) -> Result<Target, Refusal> {
    let survey_id = id
        .parse::<u64>()
        .map_err(|_| Refusal::bad_request("Invalid URL parameters"))?;
    let survey = lock(&s.surveys)
        .get(&survey_id)
        .cloned()
        .ok_or_else(|| Refusal::Error {
            status: StatusCode::NOT_FOUND,
            name: "NOT_FOUND",
            id: "1040",
            message: "The resource that you're trying to access doesn't exist".into(),
        })?;
    if survey.forbidden {
        return Err(Refusal::Error {
            status: StatusCode::FORBIDDEN,
            name: "FORBIDDEN",
            id: "1013",
            message: "The user does not have permission to access the resource".into(),
        });
    }
    let unavailable = s.unavailable(survey.id);
    Ok(Target {
        survey,
        unavailable,
    })
}

/// The respondent's session: a new one for a first `take` without a token
/// (unless the survey takes no responses now), otherwise the one the token
/// names.
fn find_session(
    s: &Shared,
    sessions: &mut Sessions,
    target: &Target,
    call: Call,
    headers: &HeaderMap,
    now: Instant,
) -> Result<String, Refusal> {
    match headers.get("x-survey-token").and_then(|t| t.to_str().ok()) {
        None if call == Call::Take => match target.unavailable {
            Some(status) => Err(Refusal::Status(status)),
            None => Ok(sessions.start(target.survey.id, now)),
        },
        None => Err(Refusal::NOT_AUTHENTICATED),
        Some(token) => verify_session(s, sessions, &target.survey, token, headers),
    }
}

/// The session `token` names, if the token is authentic and its latest,
/// for this survey, and the `JSESSIONID` cookie (when sent, or when the
/// survey requires it) is its own.
fn verify_session(
    s: &Shared,
    sessions: &Sessions,
    survey: &Survey,
    token: &str,
    headers: &HeaderMap,
) -> Result<String, Refusal> {
    let (uuid, revision) = s.verify(token).ok_or(Refusal::NOT_AUTHENTICATED)?;
    let latest = sessions
        .by_id
        .get(&uuid)
        .is_some_and(|sess| sess.revision == revision && sess.survey_id == survey.id);
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("JSESSIONID="));
    let cookie_fits = match cookie {
        Some(c) => c == uuid,
        None => !survey.requires_cookie,
    };
    if latest && cookie_fits {
        Ok(uuid)
    } else {
        Err(Refusal::NOT_AUTHENTICATED)
    }
}

/// Takes, submits or goes back in `uuid`'s session, and answers with the
/// session's next token. A refused call leaves the session's token as it
/// was.
fn dispatch(
    s: &Shared,
    sessions: &mut Sessions,
    target: &Target,
    uuid: &str,
    call: Call,
    body: &[u8],
    now: Instant,
) -> Result<Response, Refusal> {
    let survey = &*target.survey;
    let session = sessions
        .by_id
        .get_mut(uuid)
        .ok_or(Refusal::NOT_AUTHENTICATED)?;
    session.last_used = now;
    let was_finished = session.finished;
    let reply = if session.finished {
        status_only("already_completed")
    } else if let Some(status) = target.unavailable {
        status_only(status)
    } else {
        match call {
            // A reload is a `GET take` too (its name only aims faults).
            Call::Take | Call::Reload => page_envelope(survey, session, None),
            Call::Previous => {
                let page = session
                    .history
                    .pop()
                    .ok_or_else(|| Refusal::bad_request("There is no previous page"))?;
                session.page = page;
                page_envelope(survey, session, None)
            }
            Call::Submit => submit_page(s, survey, session, uuid, body)
                .map_err(|e| Refusal::bad_request(e.0))?,
        }
    };
    session.revision += 1;
    let token = s.token(uuid, session.revision);
    let cookie = (session.revision == 1).then(|| format!("JSESSIONID={uuid}; Path=/; HttpOnly"));
    if session.finished && !was_finished {
        sessions.mark_finished(uuid);
    }
    Ok(json_response(reply, Some(token), cookie))
}

fn json_response(body: Value, token: Option<String>, cookie: Option<String>) -> Response {
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response();
    if let Some(token) = token.and_then(|t| HeaderValue::from_str(&t).ok()) {
        response.headers_mut().insert("x-survey-token", token);
    }
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn page_envelope(survey: &Survey, session: &Session, problems: Option<Vec<Value>>) -> Value {
    let page = &survey.pages[session.page];
    let embedded = session.answers.get(&session.page);
    let questions: Vec<Value> = page.questions.iter().map(|q| q.served(embedded)).collect();
    let mut response = json!({
        "status": if problems.is_some() { "validation_errors" } else { page.status.as_str() },
        "meta": {
            "isFinalPage": session.page + 1 == survey.pages.len(),
            // The final page says 100, as a server may: the kiosk shows it.
            "progressPercentage": if session.page + 1 == survey.pages.len() {
                100
            } else {
                session.page * 100 / survey.pages.len()
            },
        },
        "navigation": {
            "previousPageUrl": if session.history.is_empty() { Value::Null } else {
                Value::String(format!("{API}/surveys/{}/previous-page", survey.id)) },
            "nextPageSubmitUrl": format!("{API}/surveys/{}/submit-page", survey.id),
        },
        "themeConfig": {"cssUrls": [], "jsUrls": []},
        "questions": questions,
    });
    if let Some(problems) = problems {
        response["validationErrors"] = Value::Array(problems);
    }
    envelope(response)
}

fn submit_page(
    s: &Shared,
    survey: &Survey,
    session: &mut Session,
    uuid: &str,
    body: &[u8],
) -> Result<Value, super::survey::Invalid> {
    let body: Value =
        serde_json::from_slice(body).map_err(|e| format!("The body is not JSON: {e}"))?;
    let Value::Object(body) = body else {
        return Err("The body must be a JSON object of form parameters".into());
    };
    let page = &survey.pages[session.page];
    page.check_keys(&body)?;
    let problems = page.validate(&body);
    if !problems.is_empty() {
        return Ok(page_envelope(survey, session, Some(problems)));
    }
    if s.recording.load(std::sync::atomic::Ordering::Relaxed) {
        lock(&s.accepted).push(AcceptedPage {
            session: uuid.to_owned(),
            survey_id: survey.id,
            page_id: page.id.clone(),
            body: Value::Object(body.clone()),
        });
    }
    session.answers.insert(session.page, body.clone());
    let goto = page.next(&body, session.page, survey);
    match goto {
        Goto::Page(next) => {
            session.history.push(session.page);
            session.page = next;
            Ok(page_envelope(survey, session, None))
        }
        Goto::End(status, redirect) => {
            session.finished = true;
            // A finished session only answers `already_completed` from now on.
            session.answers = HashMap::new();
            session.history = Vec::new();
            let mut response = json!({"status": status});
            if let Some(redirect) = redirect {
                response["redirectUrl"] = Value::String(redirect);
            }
            Ok(envelope(response))
        }
    }
}
