//! The demo server's faults: what a request suffers instead of (or after)
//! being processed, which request suffers it, and the broken answers.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rand::Rng;
use rand::rngs::StdRng;

use super::Shared;
use super::handlers::{error, status_only};

/// A fault the next request(s) suffer instead of being processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 500 with the error envelope.
    Status500,
    /// HTTP 503 with an HTML page, as a proxy would send.
    Html503,
    /// HTTP 200 with a body that is not JSON.
    Garbage,
    /// HTTP 200 with a page envelope cut in half.
    Truncated,
    /// The connection breaks before the answer's body arrives.
    Drop,
    /// The answer comes this much later (processed only if the client waits).
    Delay(Duration),
    /// The request is processed (a page is accepted), then the connection
    /// breaks before the answer: the server has it, the client never hears.
    AcceptThenDrop,
    /// The request is processed at once, and its answer is held back this
    /// long (the client hears only if it waits that long; a client that
    /// dies or times out meanwhile never does).
    AcceptThenDelay(Duration),
    /// The request hangs unprocessed until the client gives up or dies (or
    /// ten minutes pass), then the connection breaks.
    Hang,
    /// HTTP 429 with the error envelope and a `Retry-After` header, as
    /// QuestionPro answers once a key, an organisation or a licence has
    /// used up its API calls.
    TooMany { retry_after_secs: u64 },
}

/// Which endpoint a request is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Call {
    /// `GET take`, with or without a token.
    Take,
    Submit,
    Previous,
    /// As a target for faults only: a `GET take` that carries a session
    /// token (a reload, such as recovery's), not a new session's start.
    Reload,
}

impl Call {
    /// Whether a fault aimed at `self` hits a request to `call`.
    fn hits(self, call: Call, has_token: bool) -> bool {
        match self {
            Call::Reload => call == Call::Take && has_token,
            other => other == call,
        }
    }
}

#[derive(Default)]
pub(super) struct Faults {
    pub(super) queue: VecDeque<Fault>,
    /// Faults for the next requests to one endpoint.
    pub(super) on_call: VecDeque<(Call, Fault)>,
    pub(super) rate: Option<(f64, StdRng)>,
}

impl Faults {
    /// The fault the next request to `call` suffers, if any: one aimed at
    /// its endpoint first, then the queue, then the random rate.
    pub(super) fn next(&mut self, call: Call, has_token: bool) -> Option<Fault> {
        let faults = self;
        let targeted = faults
            .on_call
            .iter()
            .position(|(on, _)| on.hits(call, has_token))
            .and_then(|at| faults.on_call.remove(at))
            .map(|(_, fault)| fault);
        let queued = targeted.or_else(|| faults.queue.pop_front());
        queued.or_else(|| {
            let (rate, rng) = faults.rate.as_mut()?;
            rng.random_bool(rate.clamp(0.0, 1.0)).then(|| {
                [
                    Fault::Status500,
                    Fault::Html503,
                    Fault::Garbage,
                    Fault::Truncated,
                    Fault::Drop,
                ][rng.random_range(0..5)]
            })
        })
    }
}

/// Counts a hanging request while it hangs (also when the client goes away
/// and the request's future is dropped).
pub(super) struct Hanging(Arc<Shared>);

impl Hanging {
    pub(super) fn new(shared: &Arc<Shared>) -> Hanging {
        shared
            .hanging
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Hanging(shared.clone())
    }
}

impl Drop for Hanging {
    fn drop(&mut self) {
        self.0
            .hanging
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

pub(super) fn faulty(fault: Fault) -> Response {
    match fault {
        Fault::Status500 => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            "1026",
            "We are not able to process your request",
        ),
        Fault::Html503 => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
        )
            .into_response(),
        Fault::Garbage => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            "\u{1}\u{2}garbage{{{",
        )
            .into_response(),
        Fault::Truncated => {
            let whole = status_only("survey_complete").to_string();
            let half = whole[..whole.len() / 2].to_owned();
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                half,
            )
                .into_response()
        }
        Fault::TooMany { retry_after_secs } => {
            let mut response = error(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_REQUESTS",
                "1029",
                "API call limit exceeded",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            response
        }
        Fault::Drop
        | Fault::Delay(_)
        | Fault::Hang
        | Fault::AcceptThenDrop
        | Fault::AcceptThenDelay(_) => {
            let broken = futures_util::stream::once(async {
                Err::<Bytes, _>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "dropped",
                ))
            });
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                Body::from_stream(broken),
            )
                .into_response()
        }
    }
}
