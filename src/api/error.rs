//! What can go wrong talking to the take-survey API.

use std::time::{Duration, SystemTime};

use serde_json::Value;

/// The longest `Retry-After` taken as it is (a day): a bigger or absurd
/// value is read as this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// How the kiosk must react to an error (the spec's HTTP error table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A retry with the same token and body may succeed: network trouble,
    /// a 5xx, a body that did not parse.
    Transient,
    /// 400: the request itself was refused. Log, reset.
    BadRequest,
    /// 401: the API key is wrong. Out of service until the operator fixes it.
    Unauthorized,
    /// 403: the key may not take this survey. Out of service.
    Forbidden,
    /// 404: no such survey. Out of service.
    NotFound,
    /// 429: QuestionPro's API call limit (per key, per organisation, or the
    /// licence's) is reached. Retried like a transient fault, but never
    /// before `Retry-After`; out of service when it persists.
    RateLimited,
    /// Any other 4xx.
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A non-2xx answer with the API's error envelope.
    #[error("the survey server refused the request: HTTP {status} {name} (error {id}): {message}")]
    Http {
        status: u16,
        name: String,
        id: String,
        message: String,
    },
    /// HTTP 429: QuestionPro's API call limit is reached. `retry_after`:
    /// the answer's `Retry-After` (seconds or an HTTP date), when it had one
    /// that could be read; also set when the client itself holds a request
    /// back because an earlier answer's `Retry-After` has not passed yet
    /// (`held_back`: nothing was sent).
    #[error(
        "QuestionPro's API call limit is reached (HTTP 429{}){}: {message}",
        retry_after_words(.retry_after),
        if *.held_back { "; not sent before that" } else { "" }
    )]
    TooManyRequests {
        retry_after: Option<Duration>,
        message: String,
        held_back: bool,
    },
    /// An answer whose body could not be read as JSON (or lacked a status).
    #[error(
        "the survey server's answer (HTTP {status}) could not be read: {reason}; it began {excerpt:?}"
    )]
    Unparseable {
        status: u16,
        reason: String,
        excerpt: String,
    },
    #[error("could not connect to the survey server: {0}")]
    Connect(String),
    #[error("the survey server did not answer in time")]
    Timeout,
    /// The connection broke while sending or reading (reset, closed early).
    #[error("the connection to the survey server broke: {0}")]
    Transport(String),
    /// The configured address cannot be used.
    #[error("the survey server address {url:?} cannot be used: {reason}")]
    InvalidBaseUrl { url: String, reason: String },
    /// The page body could not be written as JSON (a bug, not the network).
    #[error("the page's answers could not be written as JSON: {0}")]
    Encode(String),
    /// previous-page or submit-page was asked for before a session started.
    #[error("there is no survey session yet: the first page must be taken first")]
    NoSession,
}

impl ApiError {
    /// The HTTP status of the answer, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } | ApiError::Unparseable { status, .. } => Some(*status),
            ApiError::TooManyRequests { .. } => Some(429),
            _ => None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Connect(_) | ApiError::Timeout | ApiError::Transport(_) => {
                ErrorKind::Transient
            }
            ApiError::InvalidBaseUrl { .. } | ApiError::NoSession | ApiError::Encode(_) => {
                ErrorKind::Other
            }
            ApiError::TooManyRequests { .. } => ErrorKind::RateLimited,
            ApiError::Http { status, .. } | ApiError::Unparseable { status, .. } => match status {
                400 => ErrorKind::BadRequest,
                401 => ErrorKind::Unauthorized,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                429 => ErrorKind::RateLimited,
                200..=299 | 408 | 425 | 500..=599 => ErrorKind::Transient,
                _ => ErrorKind::Other,
            },
        }
    }

    /// Whether sending the same request again (same token, same body) may
    /// succeed (for a 429: once its `Retry-After` has passed).
    pub fn is_retryable(&self) -> bool {
        matches!(self.kind(), ErrorKind::Transient | ErrorKind::RateLimited)
    }

    /// How long the server asked to wait before the next call (a 429's
    /// `Retry-After`), if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ApiError::TooManyRequests { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether the request may have reached the server and been processed
    /// although no usable answer came back: the connection broke or timed
    /// out after sending, the answer could not be read, or a gateway gave up
    /// waiting for the server. A refused connection or the API's own error
    /// envelope means it was not processed.
    pub fn may_have_arrived(&self) -> bool {
        match self {
            ApiError::Timeout | ApiError::Transport(_) | ApiError::Unparseable { .. } => true,
            ApiError::Http { status, .. } => matches!(status, 502 | 504),
            ApiError::Connect(_)
            | ApiError::TooManyRequests { .. }
            | ApiError::InvalidBaseUrl { .. }
            | ApiError::NoSession
            | ApiError::Encode(_) => false,
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> ApiError {
        let detail = error_chain(&error);
        if error.is_timeout() {
            ApiError::Timeout
        } else if error.is_connect() {
            ApiError::Connect(detail)
        } else {
            ApiError::Transport(detail)
        }
    }

    /// The error for a non-2xx answer: the error envelope when it can be read
    /// (even from the sloppy JSON some servers send), else the raw status.
    pub(crate) fn from_error_response(status: u16, body: &[u8]) -> ApiError {
        let strict = serde_json::from_slice::<Value>(body).ok().and_then(|v| {
            let error = v.get("response")?.get("error")?.clone();
            let field = |k: &str| match error.get(k) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            };
            Some((field("name"), field("id"), field("message")))
        });
        let text = String::from_utf8_lossy(body);
        let (name, id, message) = strict.unwrap_or_else(|| {
            (
                loose_field(&text, "name"),
                loose_field(&text, "id"),
                loose_field(&text, "message"),
            )
        });
        if status == 429 {
            return ApiError::TooManyRequests {
                retry_after: None,
                message: message
                    .or(name)
                    .unwrap_or_else(|| "too many requests".to_owned()),
                held_back: false,
            };
        }
        match (name, message) {
            (None, None) => ApiError::Unparseable {
                status,
                reason: "no error envelope".to_owned(),
                excerpt: excerpt(body),
            },
            (name, message) => ApiError::Http {
                status,
                name: name.unwrap_or_default(),
                id: id.unwrap_or_default(),
                message: message.unwrap_or_default(),
            },
        }
    }
}

/// A `Retry-After` header's value: a number of seconds, or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`) as a wait from `now`. Lenient:
/// surrounding space, a fraction of a second, a date in the past (no wait)
/// are accepted; anything else is `None`. Capped at [`MAX_RETRY_AFTER`].
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let wait = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else if let Ok(seconds) = value.parse::<f64>() {
        if !seconds.is_finite() || seconds < 0.0 {
            return None;
        }
        Duration::try_from_secs_f64(seconds).unwrap_or(MAX_RETRY_AFTER)
    } else {
        let date = chrono::DateTime::parse_from_rfc2822(value)
            .or_else(|_| chrono::DateTime::parse_from_rfc3339(value))
            .ok()?;
        let at = SystemTime::from(date);
        at.duration_since(now).unwrap_or(Duration::ZERO)
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

fn retry_after_words(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(", retry after {} s", wait.as_secs()),
        None => String::new(),
    }
}

/// The first characters of a body, for a log line or an error message.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX_CHARS: usize = 120;
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(MAX_CHARS).collect();
    if text.chars().count() > MAX_CHARS {
        out.push('…');
    }
    out
}

/// `"key": "value"` or `"key" : 123` found anywhere in text that is not
/// valid JSON.
fn loose_field(text: &str, key: &str) -> Option<String> {
    let quoted = format!("\"{key}\"");
    let mut rest = text;
    while let Some(at) = rest.find(&quoted) {
        rest = &rest[at + quoted.len()..];
        let Some(after_colon) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let value = after_colon.trim_start();
        if let Some(inner) = value.strip_prefix('"') {
            return inner.find('"').map(|end| inner[..end].to_owned());
        }
        let number: String = value.chars().take_while(char::is_ascii_digit).collect();
        if !number.is_empty() {
            return Some(number);
        }
    }
    None
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_sloppy_error_body_is_still_read() {
        let body = br#"{ "response": { "error": { "docs": www.questionpro.com/api/error-codes.html
            "name": "UNAUTHORIZED", "httpStatusCode": 401, "id" : "1010",
            "message": "Incorrect API Key", "resourceUrl":"resource_url" } } }"#;
        let error = ApiError::from_error_response(401, body);
        assert!(
            matches!(&error, ApiError::Http { status: 401, name, id, message }
                if name == "UNAUTHORIZED" && id == "1010" && message == "Incorrect API Key"),
            "{error:?}"
        );
        assert_eq!(error.kind(), ErrorKind::Unauthorized);
        assert!(!error.is_retryable());
    }

    #[test]
    fn html_503_is_unparseable_and_retryable() {
        let error =
            ApiError::from_error_response(503, b"<html><body>Service Unavailable</body></html>");
        assert!(matches!(error, ApiError::Unparseable { status: 503, .. }));
        assert!(error.is_retryable());
    }

    #[test]
    fn classification_follows_the_status() {
        for (status, kind) in [
            (400, ErrorKind::BadRequest),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (500, ErrorKind::Transient),
            (418, ErrorKind::Other),
            (429, ErrorKind::RateLimited),
        ] {
            assert_eq!(ApiError::from_error_response(status, b"").kind(), kind);
        }
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_000); // 2015-10-21 07:20:00 UTC
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(480))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("99999999", now), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }

    #[test]
    fn a_429_is_its_own_error() {
        let body = br#"{"response":{"error":{"name":"TOO_MANY_REQUESTS","httpStatusCode":429,
            "id":"1029","message":"API call limit exceeded"}}}"#;
        let error = ApiError::from_error_response(429, body);
        assert!(
            matches!(&error, ApiError::TooManyRequests { message, .. } if message == "API call limit exceeded"),
            "{error:?}"
        );
        assert_eq!(error.kind(), ErrorKind::RateLimited);
        assert!(error.is_retryable());
        assert!(!error.may_have_arrived());
        assert_eq!(error.http_status(), Some(429));
    }
}
