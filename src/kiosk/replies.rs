//! The kiosk loop's answers to the worker's replies: a page, a final
//! status, a validation error, a fault to retry, an API call limit.

use std::time::{Duration, Instant};

use super::*;
use crate::api::{ApiError, Envelope, ErrorKind, Status};

impl Kiosk {
    // Long because each status of the API is one arm of one match (the spec's table, row by row).
    pub(super) fn on_envelope(
        &mut self,
        request: Request,
        envelope: Envelope,
        now: Instant,
    ) -> Vec<Effect> {
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

    pub(super) fn on_error(
        &mut self,
        request: Request,
        error: ApiError,
        now: Instant,
    ) -> Vec<Effect> {
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
    pub(super) fn on_rate_limited(
        &mut self,
        request: Request,
        error: &ApiError,
        now: Instant,
    ) -> Vec<Effect> {
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
    pub(super) fn on_transient(
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

    pub(super) fn show_page(
        &mut self,
        request: Request,
        envelope: Envelope,
        now: Instant,
    ) -> Vec<Effect> {
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
        let first_answer = match request {
            Request::Start => self.first_answer.take(),
            Request::Submit | Request::Previous => None,
        };
        let mut answered_first = None;
        if let Some((id, answer)) = first_answer
            && let Some(index) = page
                .questions
                .iter()
                .position(|q| q.id == id && answer.fits(q))
        {
            // The attract screen's tap: that question is answered as tapped.
            page.answers[index] = answer;
            answered_first = Some(index);
        }
        if self.settings.layout == super::Layout::Question && !page.questions.is_empty() {
            // One question at a time: back from the next page lands on this
            // page's last question; otherwise its first (or the first the
            // server had a problem with).
            page.question = Some(match request {
                Request::Previous => page.questions.len() - 1,
                Request::Start | Request::Submit => answered_first
                    .or_else(|| page.problems.iter().position(Option::is_some))
                    .unwrap_or(0),
            });
            // It moves on as a tap on the question would have.
            if let (Some(index), Some(delay)) = (answered_first, self.settings.auto_advance)
                && page.advances_on(index)
            {
                page.advance_at = Some(now + delay);
            }
        }
        self.screen = Screen::Page(page);
        Vec::new()
    }

    /// The respondent leaves the page on screen with Back: keep what they
    /// entered there (it was not sent) for when they come forward again.
    pub(super) fn keep_draft(&mut self) {
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

    pub(super) fn idle_timeout(&mut self, now: Instant) -> Vec<Effect> {
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

    pub(super) fn end_with(
        &mut self,
        kind: EndKind,
        outcome: Outcome,
        now: Instant,
    ) -> Vec<Effect> {
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

    pub(super) fn out_of_service(
        &mut self,
        reason: String,
        cause: ServiceCause,
        now: Instant,
    ) -> Vec<Effect> {
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

    pub(super) fn end_probe(&mut self, now: Instant) -> Vec<Effect> {
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
    pub(super) fn leave_end_screen(&mut self, now: Instant) -> Vec<Effect> {
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

    pub(super) fn back_to_attract(&mut self, now: Instant) -> Vec<Effect> {
        self.screen = Screen::Attract { offline: None };
        self.forget_respondent();
        // A new id: whatever the old session still reports is ignored.
        self.current = self.take_respondent_id();
        self.touch(now);
        vec![Effect::ResetUi]
    }

    pub(super) fn begin(&mut self, now: Instant) -> u64 {
        self.current = self.take_respondent_id();
        self.forget_respondent();
        self.touch(now);
        self.current
    }

    /// Nothing of one respondent reaches the next.
    pub(super) fn forget_respondent(&mut self) {
        self.sent.clear();
        self.drafts.clear();
        self.first_answer = None;
        self.out_of_service_after_end = None;
    }

    pub(super) fn take_respondent_id(&mut self) -> u64 {
        let id = self.next_respondent;
        self.next_respondent += 1;
        id
    }

    pub(super) fn touch(&mut self, now: Instant) {
        self.last_activity = now;
        if let Screen::Page(page) = &mut self.screen {
            page.idle_deadline = None;
        }
    }

    pub(super) fn is_probing(&self) -> bool {
        match &self.screen {
            Screen::Attract { offline: Some(o) } => o.checking,
            Screen::OutOfService(p) => p.checking,
            _ => false,
        }
    }
}

/// Why a survey that answers with `status` takes nobody.
pub(super) fn not_taking_responses(status: &Status) -> String {
    format!("the survey is not taking responses ({status})")
}

/// Exponential back-off with up to 25 % jitter (the kiosk's live retries).
pub(super) fn backoff(settings: &Settings, attempt: u32, jitter: &mut u64) -> Duration {
    RetryPolicy::from(settings).delay(attempt, jitter)
}
