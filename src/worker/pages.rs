//! A live session's page: written to the journal before it is sent,
//! settled by the server's reply (and only by it), and the respondent's
//! record closed when the session ends.

use super::{Ledger, Pending, Respondent};
use crate::api::{ApiError, Envelope, Status};
use crate::journal::{PageState, RespondentEnd, SessionState, page_verdict};
use crate::kiosk::Outcome;
use crate::survey::FormBody;

/// Sends a page: written to the journal first (with the session's token and
/// cookies), settled by the answer.
pub(super) async fn submit(
    ledger: &Ledger,
    state: &mut Respondent,
    body: &FormBody,
) -> Result<Envelope, ApiError> {
    match &mut state.pending {
        // The same body again: a retry of the page already written.
        Some(pending) if pending.body == *body => {
            pending.attempts += 1;
            crate::metrics::page_retried("submit");
            if let Some(page) = pending.page {
                ledger.with("retry", |j| j.retrying(page));
            }
        }
        _ => {
            let seconds = state.shown_at.elapsed().as_secs_f64();
            let cookies = state.session.cookie_header();
            let session = SessionState {
                page_key: state.page_key.as_deref(),
                token: state.session.token(),
                cookies: cookies.as_deref(),
            };
            let page = state.record.and_then(|record| {
                ledger.with("write", |j| j.write_page(record, body, seconds, &session))
            });
            state.pending = Some(Pending {
                page,
                body: body.clone(),
                attempts: 1,
                may_have_arrived: false,
            });
        }
    }
    let outcome = state.session.submit_page(body).await;
    let Some(pending) = state.pending.as_mut() else {
        return outcome;
    };
    let settled = live_verdict(&outcome, pending);
    match (settled, pending.page) {
        (Some((verdict, note)), Some(page)) => {
            ledger.with("settle", |j| j.settle_page(page, verdict, Some(note)));
        }
        (None, Some(page)) => {
            let error = outcome.as_ref().err().map(ToString::to_string);
            ledger.keep_session(
                page,
                &state.session,
                state.page_key.as_deref(),
                pending.may_have_arrived,
                error.as_deref(),
            );
        }
        _ => {}
    }
    if settled.is_some() {
        state.pending = None;
    }
    outcome
}

/// What the server's answer to a live session's send says of its page, or
/// `None` while it is unsettled (a fault to retry: whether the attempt may
/// have arrived is noted on `pending`).
fn live_verdict(
    outcome: &Result<Envelope, ApiError>,
    pending: &mut Pending,
) -> Option<(PageState, &'static str)> {
    match outcome {
        Ok(envelope) if envelope.status == Status::AuthenticationRequired => {
            // The token was refused. If an earlier attempt may have reached
            // the server, it may have processed that one (and moved the token
            // on), or it may have forgotten the session: nobody can tell, so
            // the body stays, unconfirmed. If no attempt can have reached it,
            // the server dropped the session and never had this page.
            Some(if pending.may_have_arrived {
                (
                    PageState::Unconfirmed,
                    "an earlier attempt may have reached the server but its answer never came, \
                     and the retry's token was refused: whether the server has this page \
                     cannot be told, so its body is kept",
                )
            } else {
                (
                    PageState::Kept,
                    "the server did not accept the session, so the page could not be sent",
                )
            })
        }
        Ok(envelope) => page_verdict(envelope).map(|state| (state, "the server answered")),
        Err(error) if error.is_retryable() => {
            pending.may_have_arrived |= error.may_have_arrived();
            None
        }
        Err(_) => None,
    }
}

/// Closes a respondent's record (a probe's is forgotten).
pub(super) fn end(
    ledger: &Ledger,
    record: Option<i64>,
    started: bool,
    respondent: u64,
    outcome: Outcome,
) {
    crate::metrics::respondent_ended(&outcome, started);
    match &outcome {
        Outcome::Probe => tracing::debug!(respondent, "probe finished"),
        outcome => tracing::debug!(respondent, ?outcome, "session ended"),
    }
    let Some(record) = record else { return };
    let end = match outcome {
        Outcome::Probe => {
            ledger.with("forget probe", |j| j.forget_probe(record));
            return;
        }
        Outcome::Final(status) => RespondentEnd::Final(status.as_str().to_owned()),
        Outcome::TimedOut => RespondentEnd::TimedOut,
        Outcome::Abandoned => RespondentEnd::Abandoned,
        Outcome::Failed(why) if !started => RespondentEnd::StartFailed(why),
        Outcome::Failed(why) => RespondentEnd::Failed(why),
    };
    ledger.with("end", |j| j.end_respondent(record, &end));
}
