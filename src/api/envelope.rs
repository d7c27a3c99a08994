//! The page envelope every endpoint answers with, parsed leniently.

use serde_json::Value;

use crate::survey::{Id, Question, QuestionKind, parse_id};

/// `response.status`: every status of the spec, and whatever else a server
/// may send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Success,
    ValidationErrors,
    AuthenticationRequired,
    AlreadyCompleted,
    QuotaFull,
    SurveyComplete,
    Terminated,
    SurveyClosed,
    SurveyPaused,
    SurveySuspended,
    LanguageSelectionRequired,
    SurveyOptOut,
    Redirect,
    Error,
    Unknown(String),
}

impl Status {
    pub fn parse(status: &str) -> Status {
        match status.trim().to_ascii_lowercase().as_str() {
            "success" => Status::Success,
            "validation_errors" => Status::ValidationErrors,
            "authentication_required" => Status::AuthenticationRequired,
            "already_completed" => Status::AlreadyCompleted,
            "quota_full" => Status::QuotaFull,
            "survey_complete" => Status::SurveyComplete,
            "terminated" => Status::Terminated,
            "survey_closed" => Status::SurveyClosed,
            "survey_paused" => Status::SurveyPaused,
            "survey_suspended" => Status::SurveySuspended,
            "language_selection_required" => Status::LanguageSelectionRequired,
            "survey_opt_out" => Status::SurveyOptOut,
            "redirect" => Status::Redirect,
            "error" => Status::Error,
            _ => Status::Unknown(status.to_owned()),
        }
    }

    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Success => "success",
            Status::ValidationErrors => "validation_errors",
            Status::AuthenticationRequired => "authentication_required",
            Status::AlreadyCompleted => "already_completed",
            Status::QuotaFull => "quota_full",
            Status::SurveyComplete => "survey_complete",
            Status::Terminated => "terminated",
            Status::SurveyClosed => "survey_closed",
            Status::SurveyPaused => "survey_paused",
            Status::SurveySuspended => "survey_suspended",
            Status::LanguageSelectionRequired => "language_selection_required",
            Status::SurveyOptOut => "survey_opt_out",
            Status::Redirect => "redirect",
            Status::Error => "error",
            Status::Unknown(s) => s,
        }
    }

    /// The respondent's session is over: show an end screen and reset.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Status::AlreadyCompleted
                | Status::QuotaFull
                | Status::SurveyComplete
                | Status::Terminated
                | Status::SurveyOptOut
                | Status::Redirect
        )
    }

    /// The survey is not taking responses right now.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Status::SurveyClosed | Status::SurveyPaused | Status::SurveySuspended
        )
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of `validationErrors`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerProblem {
    /// The question (or matrix row) it names, if it names one by id.
    pub question_id: Option<Id>,
    /// The form key it names (`u_10001`), if it names one that way.
    pub key: Option<String>,
    pub message: String,
}

impl ServerProblem {
    fn parse(value: &Value) -> Option<ServerProblem> {
        if let Some(text) = value.as_str() {
            return Some(ServerProblem {
                question_id: None,
                key: None,
                message: text.to_owned(),
            });
        }
        let message = ["message", "text", "error"]
            .iter()
            .find_map(|k| value.get(k).and_then(Value::as_str))
            .unwrap_or("Please check this answer.")
            .to_owned();
        Some(ServerProblem {
            question_id: ["questionId", "id", "questionID"]
                .iter()
                .find_map(|k| value.get(k).and_then(parse_id)),
            key: ["key", "formParam", "param"]
                .iter()
                .find_map(|k| value.get(k).and_then(Value::as_str))
                .map(str::to_owned),
            message,
        })
        .filter(|_| value.is_object())
    }

    /// The index of the question this problem belongs to, if it can be told.
    pub fn question_index(&self, questions: &[Question]) -> Option<usize> {
        let key_id = self
            .key
            .as_deref()
            .and_then(|k| k.rsplit('_').next())
            .and_then(|id| id.parse::<Id>().ok());
        [self.question_id, key_id]
            .into_iter()
            .flatten()
            .find_map(|id| questions.iter().position(|q| names(q, id)))
    }
}

/// Whether `id` is the question's own id or the id of one of its rows,
/// fields or answers.
fn names(question: &Question, id: Id) -> bool {
    if question.id == id && question.takes_answer() {
        return true;
    }
    // A matrix's answers are its columns, shared by every row: not names.
    if let QuestionKind::Matrix { rows, .. } = &question.kind {
        return rows.iter().any(|r| r.id == id);
    }
    question.kind.choices().iter().any(|c| c.id == id)
}

/// A parsed page envelope. Every field but the status may be missing on the
/// wire; missing fields take their empty value.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub status: Status,
    pub redirect_url: Option<String>,
    pub is_final_page: bool,
    /// 0–100, when the server sent it.
    pub progress_percent: Option<u8>,
    pub previous_page_url: Option<String>,
    pub next_page_submit_url: Option<String>,
    pub questions: Vec<Question>,
    pub validation_errors: Vec<ServerProblem>,
    pub request_id: Option<String>,
    /// The `response` object as it was received, for the offline survey map
    /// (which serves it again). `Null` when the envelope was made here.
    pub raw: Value,
}

/// Why a JSON value is not a page envelope.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the answer is not JSON: {0}")]
    NotJson(String),
    #[error("the answer has no response.status")]
    NoStatus,
}

impl Envelope {
    /// Parses a response body. Never panics, whatever the bytes.
    pub fn parse(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| EnvelopeError::NotJson(e.to_string()))?;
        Envelope::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Result<Envelope, EnvelopeError> {
        let response = value.get("response").unwrap_or(value);
        let status = response
            .get("status")
            .and_then(Value::as_str)
            .map(Status::parse)
            .ok_or(EnvelopeError::NoStatus)?;
        let text = |v: Option<&Value>| {
            v.and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let meta = response.get("meta");
        let navigation = response.get("navigation");
        let progress = meta
            .and_then(|m| m.get("progressPercentage"))
            .and_then(|p| match p {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().trim_end_matches('%').parse().ok(),
                _ => None,
            });
        let questions = match response.get("questions") {
            Some(Value::Array(entries)) => entries.iter().map(Question::from_entry).collect(),
            _ => Vec::new(),
        };
        let validation_errors = match response.get("validationErrors") {
            Some(Value::Array(entries)) => {
                entries.iter().filter_map(ServerProblem::parse).collect()
            }
            Some(single @ (Value::String(_) | Value::Object(_))) => {
                ServerProblem::parse(single).into_iter().collect()
            }
            _ => Vec::new(),
        };
        Ok(Envelope {
            status,
            redirect_url: text(response.get("redirectUrl")),
            is_final_page: meta
                .and_then(|m| m.get("isFinalPage"))
                .is_some_and(|v| v.as_bool().unwrap_or(v.as_str() == Some("true"))),
            progress_percent: progress
                .filter(|p| p.is_finite())
                .map(|p| p.clamp(0.0, 100.0).round() as u8),
            previous_page_url: text(navigation.and_then(|n| n.get("previousPageUrl"))),
            next_page_submit_url: text(navigation.and_then(|n| n.get("nextPageSubmitUrl"))),
            questions,
            validation_errors,
            request_id: text(value.get("requestID")),
            raw: response.clone(),
        })
    }

    /// Whether the server offers a way back from this page.
    pub fn can_go_back(&self) -> bool {
        self.previous_page_url.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn final_status_with_nothing_else() {
        let env = Envelope::parse(
            br#"{"response":{"status":"terminated","redirectUrl":"https://x"},"requestID":"r"}"#,
        );
        let env = env.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(env.status, Status::Terminated);
        assert!(env.status.is_final());
        assert_eq!(env.redirect_url.as_deref(), Some("https://x"));
        assert!(env.questions.is_empty());
    }

    #[test]
    fn unknown_status_is_kept() {
        let env = Envelope::from_value(&json!({"response": {"status": "brand_new"}}));
        assert_eq!(
            env.map(|e| e.status),
            Ok(Status::Unknown("brand_new".into()))
        );
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(matches!(
            Envelope::parse(b"<html>"),
            Err(EnvelopeError::NotJson(_))
        ));
        assert_eq!(Envelope::parse(b"{}"), Err(EnvelopeError::NoStatus));
    }

    #[test]
    fn validation_errors_in_every_shape() {
        let env = Envelope::from_value(&json!({"response": {"status": "validation_errors",
        "validationErrors": [
            {"questionId": 10001, "message": "Please answer."},
            "Page level",
            {"key": "u_7", "text": "Row problem"},
            {"id": "55"}
        ]}}))
        .unwrap_or_else(|e| panic!("{e}"));
        let problems = env.validation_errors;
        assert_eq!(problems.len(), 4);
        assert_eq!(problems[0].question_id, Some(10001));
        assert_eq!(problems[1].message, "Page level");
        assert_eq!(problems[2].key.as_deref(), Some("u_7"));
        assert_eq!(problems[3].question_id, Some(55));
    }
}
