//! The demo server's respondent sessions and their signed, rotating tokens.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value, json};
use sha2::Sha256;

use super::Shared;

pub(super) struct Session {
    pub(super) survey_id: u64,
    pub(super) revision: u64,
    pub(super) page: usize,
    pub(super) history: Vec<usize>,
    pub(super) answers: HashMap<usize, Map<String, Value>>,
    pub(super) finished: bool,
    pub(super) last_used: Instant,
}

/// Finished sessions kept to answer `already_completed`; older ones are
/// dropped (their tokens then get `authentication_required`), so a demo
/// server running all day does not grow with every respondent.
const FINISHED_KEPT: usize = 1024;
/// Sessions nobody finished (the respondent walked away) are dropped after
/// this long without a request.
const ABANDONED_AFTER: Duration = Duration::from_secs(2 * 60 * 60);

#[derive(Default)]
pub(super) struct Sessions {
    pub(super) by_id: HashMap<String, Session>,
    /// Finished sessions, oldest first.
    pub(super) finished: VecDeque<String>,
    /// When abandoned sessions were last swept.
    pub(super) swept: Option<Instant>,
}

impl Sessions {
    /// A new session of `survey_id` at its first page; its id.
    pub(super) fn start(&mut self, survey_id: u64, now: Instant) -> String {
        let uuid = uuid::Uuid::new_v4().to_string();
        self.by_id.insert(
            uuid.clone(),
            Session {
                survey_id,
                revision: 0,
                page: 0,
                history: Vec::new(),
                answers: HashMap::new(),
                finished: false,
                last_used: now,
            },
        );
        uuid
    }

    /// Notes that `uuid` has just finished, and forgets the oldest finished
    /// sessions beyond [`FINISHED_KEPT`].
    pub(super) fn mark_finished(&mut self, uuid: &str) {
        self.finished.push_back(uuid.to_owned());
        while self.finished.len() > FINISHED_KEPT {
            if let Some(old) = self.finished.pop_front() {
                self.by_id.remove(&old);
            }
        }
    }

    /// Forgets unfinished sessions idle for [`ABANDONED_AFTER`] (checked at
    /// most once a minute).
    pub(super) fn sweep(&mut self, now: Instant) {
        if self
            .swept
            .is_some_and(|at| now.duration_since(at) < Duration::from_secs(60))
        {
            return;
        }
        self.swept = Some(now);
        self.by_id
            .retain(|_, s| s.finished || now.duration_since(s.last_used) < ABANDONED_AFTER);
    }
}

impl Shared {
    fn sign(&self, payload: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(payload.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    pub(super) fn token(&self, uuid: &str, revision: u64) -> String {
        let payload = URL_SAFE_NO_PAD.encode(json!({"uuid": uuid, "rs": revision}).to_string());
        let signature = self.sign(&payload);
        format!("{payload}.{signature}")
    }

    /// The session a token names, if the token is authentic and the latest.
    pub(super) fn verify(&self, token: &str) -> Option<(String, u64)> {
        let (payload, signature) = token.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret).ok()?;
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).ok()?;
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        Some((
            claims.get("uuid")?.as_str()?.to_owned(),
            claims.get("rs")?.as_u64()?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(finished: bool, last_used: Instant) -> Session {
        Session {
            survey_id: 1,
            revision: 1,
            page: 0,
            history: Vec::new(),
            answers: HashMap::new(),
            finished,
            last_used,
        }
    }

    #[test]
    fn only_the_latest_finished_sessions_are_kept() {
        let now = Instant::now();
        let mut sessions = Sessions::default();
        sessions.by_id.insert("open".into(), session(false, now));
        for n in 0..FINISHED_KEPT + 10 {
            let id = format!("done-{n}");
            sessions.by_id.insert(id.clone(), session(true, now));
            sessions.mark_finished(&id);
        }
        assert_eq!(sessions.by_id.len(), FINISHED_KEPT + 1);
        assert!(!sessions.by_id.contains_key("done-9"));
        assert!(sessions.by_id.contains_key("done-10"));
        assert!(sessions.by_id.contains_key("open"), "an open session stays");
    }

    #[test]
    fn abandoned_sessions_are_swept_after_hours() {
        let start = Instant::now();
        let mut sessions = Sessions::default();
        sessions
            .by_id
            .insert("walked-away".into(), session(false, start));
        sessions.sweep(start + Duration::from_secs(60 * 60));
        assert!(sessions.by_id.contains_key("walked-away"));
        sessions
            .by_id
            .insert("active".into(), session(false, start + ABANDONED_AFTER));
        sessions.sweep(start + ABANDONED_AFTER + Duration::from_secs(61));
        assert!(!sessions.by_id.contains_key("walked-away"));
        assert!(sessions.by_id.contains_key("active"));
    }
}
