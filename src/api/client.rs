//! The HTTP side: one shared connection pool, one [`Session`] per respondent.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, HeaderValue, RETRY_AFTER, SET_COOKIE};
use reqwest::{Method, Url};

use super::envelope::Envelope;
use super::error::{ApiError, excerpt, parse_retry_after};
use crate::survey::FormBody;

/// The header that carries the respondent's session token both ways.
pub const TOKEN_HEADER: &str = "x-survey-token";
const API_KEY_HEADER: &str = "api-key";

/// QuestionPro's datacenters as its own SDKs name them: the short key the
/// configuration accepts (`datacenter = "sg"`) and the API host.
pub const DATACENTERS: &[(&str, &str)] = &[
    ("com", "api.questionpro.com"),
    ("eu", "api.questionpro.eu"),
    ("ca", "api.questionpro.ca"),
    ("sg", "api.questionpro.sg"),
    ("au", "api.questionpro.au"),
    ("ae", "api.questionpro.ae"),
    ("sa", "api.surveyanalytics.com"),
    ("ksa", "api.questionprosa.com"),
];

/// The API host of a datacenter key (`com`, `eu`, `ca`, `sg`, `au`, `ae`,
/// `sa`, `ksa`; `us` is `com`), case and a leading dot ignored.
pub fn datacenter_host(datacenter: &str) -> Option<&'static str> {
    let key = datacenter
        .trim()
        .trim_start_matches('.')
        .to_ascii_lowercase();
    let key = match key.as_str() {
        "" | "us" => "com",
        other => other,
    };
    DATACENTERS
        .iter()
        .find(|(code, _)| *code == key)
        .map(|(_, host)| *host)
}

/// The API base URL for a datacenter: one of [`DATACENTERS`] (`com` is the
/// default); any other value is taken as the top-level domain of
/// `api.questionpro.…`, as before the list existed.
pub fn datacenter_base_url(datacenter: &str) -> String {
    if let Some(host) = datacenter_host(datacenter) {
        return format!("https://{host}/a/api/v2");
    }
    let datacenter = datacenter.trim().trim_start_matches('.');
    format!("https://api.questionpro.{datacenter}/a/api/v2")
}

/// The take API's endpoints, as the `endpoint` label of
/// `survey_kiosk_api_calls_total` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Take,
    SubmitPage,
    PreviousPage,
}

impl Endpoint {
    pub const ALL: [Endpoint; 3] = [Endpoint::Take, Endpoint::SubmitPage, Endpoint::PreviousPage];

    pub fn label(self) -> &'static str {
        match self {
            Endpoint::Take => "take",
            Endpoint::SubmitPage => "submit_page",
            Endpoint::PreviousPage => "previous_page",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Endpoint::Take => "take",
            Endpoint::SubmitPage => "submit-page",
            Endpoint::PreviousPage => "previous-page",
        }
    }
}

/// The API calls a client (and its clones) made: what counts against
/// QuestionPro's limits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallCounts {
    pub take: u64,
    pub submit_page: u64,
    pub previous_page: u64,
}

impl CallCounts {
    pub fn total(&self) -> u64 {
        self.take + self.submit_page + self.previous_page
    }

    /// The calls made since `earlier` was read.
    pub fn since(&self, earlier: &CallCounts) -> CallCounts {
        CallCounts {
            take: self.take.saturating_sub(earlier.take),
            submit_page: self.submit_page.saturating_sub(earlier.submit_page),
            previous_page: self.previous_page.saturating_sub(earlier.previous_page),
        }
    }
}

/// Shared by a client's clones: the calls made, and until when the server
/// asked not to be called (a 429's `Retry-After`).
#[derive(Default)]
struct Limits {
    /// When the client was built: its counts begin then.
    created: chrono::DateTime<chrono::Utc>,
    calls: [AtomicU64; 3],
    /// The local day and the calls made on it.
    today: Mutex<Option<(chrono::NaiveDate, u64)>>,
    held_until: Mutex<Option<Instant>>,
}

impl Limits {
    fn count(&self, endpoint: Endpoint) {
        self.calls[endpoint as usize].fetch_add(1, Ordering::Relaxed);
        let day = chrono::Local::now().date_naive();
        let mut today = self.today.lock().unwrap_or_else(|e| e.into_inner());
        match &mut *today {
            Some((on, n)) if *on == day => *n += 1,
            other => *other = Some((day, 1)),
        }
        drop(today);
        // Through the metrics facade directly: the api sits below
        // `crate::metrics`, which reads this name from here.
        metrics::counter!(API_CALLS_METRIC, "endpoint" => endpoint.label()).increment(1);
    }
}

/// Calls to the take API by `endpoint` (a counter; `crate::metrics` lists
/// and describes it).
pub const API_CALLS_METRIC: &str = "survey_kiosk_api_calls_total";

/// Where and how to reach the API.
#[derive(Clone)]
pub struct ClientSettings {
    /// The full base URL including the API path, e.g.
    /// `https://api.questionpro.com/a/api/v2`.
    pub base_url: String,
    pub api_key: String,
    pub connect_timeout: Duration,
    /// For the whole request, answer included.
    pub request_timeout: Duration,
}

impl ClientSettings {
    pub fn new(base_url: impl Into<String>, api_key: impl Into<String>) -> ClientSettings {
        ClientSettings {
            base_url: base_url.into(),
            api_key: api_key.into(),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
        }
    }
}

impl std::fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("ClientSettings")
            .field("base_url", &self.base_url)
            .field("api_key", &"<hidden>")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .finish()
    }
}

/// The take-survey client. Cheap to clone; holds no respondent state.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Arc<Url>,
    api_key: Arc<HeaderValue>,
    limits: Arc<Limits>,
}

impl Client {
    pub fn new(settings: &ClientSettings) -> Result<Client, ApiError> {
        let invalid = |reason: &str| ApiError::InvalidBaseUrl {
            url: settings.base_url.clone(),
            reason: reason.to_owned(),
        };
        check_base_url(&settings.base_url).map_err(|reason| invalid(&reason.to_string()))?;
        let base = Url::parse(settings.base_url.trim().trim_end_matches('/'))
            .map_err(|e| invalid(&e.to_string()))?;
        let mut api_key = HeaderValue::from_str(settings.api_key.trim())
            .map_err(|_| invalid("the API key holds characters a header cannot carry"))?;
        api_key.set_sensitive(true);
        let mut http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout)
            .user_agent(concat!("survey-kiosk/", env!("CARGO_PKG_VERSION")));
        if base.scheme() == "http" {
            // Loopback only (`check_base_url`): no TLS is ever made, so the
            // system's CA roots (about 145 files, 17 ms of a core beside the
            // window's set-up) are not read. Without roots, an HTTPS redirect
            // from such a server fails rather than being trusted.
            http = http.tls_certs_only(Vec::<reqwest::Certificate>::new());
        }
        let http = http.build().map_err(|e| invalid(&e.to_string()))?;
        Ok(Client {
            http,
            base: Arc::new(base),
            api_key: Arc::new(api_key),
            limits: Arc::new(Limits {
                created: chrono::Utc::now(),
                ..Limits::default()
            }),
        })
    }

    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// The API calls this client and its clones made since it was built
    /// (each request that reached the server or may have).
    pub fn calls(&self) -> CallCounts {
        let read = |e: Endpoint| self.limits.calls[e as usize].load(Ordering::Relaxed);
        CallCounts {
            take: read(Endpoint::Take),
            submit_page: read(Endpoint::SubmitPage),
            previous_page: read(Endpoint::PreviousPage),
        }
    }

    /// When this client (the first of its clones) was built: its call
    /// counts begin then, not at midnight if it was built later.
    pub fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.limits.created
    }

    /// The calls made today (local time) by this client and its clones.
    pub fn calls_today(&self) -> u64 {
        let day = chrono::Local::now().date_naive();
        match *self.limits.today.lock().unwrap_or_else(|e| e.into_inner()) {
            Some((on, n)) if on == day => n,
            _ => 0,
        }
    }

    /// While an earlier 429's `Retry-After` has not passed, how long is
    /// left: requests made before then are not sent.
    pub fn held_back_for(&self) -> Option<Duration> {
        let until = (*self
            .limits
            .held_until
            .lock()
            .unwrap_or_else(|e| e.into_inner()))?;
        until
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
    }

    fn hold_back(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut held = self
            .limits
            .held_until
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if held.is_none_or(|earlier| earlier < until) {
            *held = Some(until);
        }
    }

    /// A new respondent: no token, no cookies.
    pub fn respondent(&self, survey_id: u64) -> Session {
        Session {
            client: self.clone(),
            survey_id,
            token: None,
            cookies: Arc::new(Jar::default()),
        }
    }

    fn endpoint(&self, survey_id: u64, action: &str) -> Result<Url, ApiError> {
        let url = format!(
            "{}/surveys/{survey_id}/{action}",
            self.base.as_str().trim_end_matches('/')
        );
        Url::parse(&url).map_err(|e| ApiError::InvalidBaseUrl {
            url,
            reason: e.to_string(),
        })
    }
}

/// Why an address cannot be the API's base URL, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("{0}; expected an absolute URL such as https://api.questionpro.com/a/api/v2")]
    NotAUrl(#[from] url::ParseError),
    #[error("plain http is allowed only for this computer (127.0.0.1 or localhost); use https")]
    PlainHttp,
    #[error("the address must start with https://")]
    NotHttps,
}

/// Whether `url` may be used as a base URL: https, or plain http to this
/// computer only.
pub fn check_base_url(url: &str) -> Result<(), BaseUrlError> {
    let base = Url::parse(url.trim().trim_end_matches('/'))?;
    match base.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&base) => Ok(()),
        "http" => Err(BaseUrlError::PlainHttp),
        _ => Err(BaseUrlError::NotHttps),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// One respondent's conversation with the server: the latest token and the
/// cookies. Dropping it forgets both.
pub struct Session {
    client: Client,
    survey_id: u64,
    token: Option<String>,
    cookies: Arc<Jar>,
}

impl Session {
    pub fn survey_id(&self) -> u64 {
        self.survey_id
    }

    /// The latest token the server gave, if any (opaque; never parsed).
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The session's cookies for this survey's endpoints, as a `Cookie`
    /// header value (`name=value; name2=value2`), so a page can be sent
    /// again after a crash exactly as the live session would. A secret of
    /// the live session: never log it.
    pub fn cookie_header(&self) -> Option<String> {
        let url = self.client.endpoint(self.survey_id, "take").ok()?;
        let value = self.cookies.cookies(&url)?;
        value.to_str().ok().map(str::to_owned)
    }

    /// Takes over a session whose latest token and cookies were kept
    /// elsewhere (crash recovery): `cookies` as [`Session::cookie_header`]
    /// gave them.
    pub fn resume(
        client: &Client,
        survey_id: u64,
        token: String,
        cookies: Option<&str>,
    ) -> Session {
        let mut session = client.respondent(survey_id);
        session.token = Some(token);
        if let (Some(cookies), Ok(url)) = (cookies, client.endpoint(survey_id, "take")) {
            for pair in cookies
                .split(';')
                .map(str::trim)
                .filter(|p| p.contains('='))
            {
                // Path=/ so the cookie goes with every endpoint of the survey,
                // as it did when the server set it.
                session
                    .cookies
                    .add_cookie_str(&format!("{pair}; Path=/"), &url);
            }
        }
        session
    }

    /// `GET take`: starts the session (no token yet) or reloads the current page.
    pub async fn take(&mut self) -> Result<Envelope, ApiError> {
        self.send(Method::GET, Endpoint::Take, None).await
    }

    /// `POST submit-page` with the flat body.
    pub async fn submit_page(&mut self, body: &FormBody) -> Result<Envelope, ApiError> {
        if self.token.is_none() {
            return Err(ApiError::NoSession);
        }
        self.send(Method::POST, Endpoint::SubmitPage, Some(body))
            .await
    }

    /// `GET previous-page`.
    pub async fn previous_page(&mut self) -> Result<Envelope, ApiError> {
        if self.token.is_none() {
            return Err(ApiError::NoSession);
        }
        self.send(Method::GET, Endpoint::PreviousPage, None).await
    }

    async fn send(
        &mut self,
        method: Method,
        endpoint: Endpoint,
        body: Option<&FormBody>,
    ) -> Result<Envelope, ApiError> {
        let action = endpoint.path();
        let url = self.client.endpoint(self.survey_id, action)?;
        // Never call again before the server's Retry-After has passed: no
        // retry storm, whoever retries (a respondent's page, recovery, a probe).
        if let Some(left) = self.client.held_back_for() {
            tracing::debug!(%method, action, wait_ms = left.as_millis() as u64, "held back (Retry-After)");
            return Err(ApiError::TooManyRequests {
                retry_after: Some(left),
                message: "an earlier answer asked to wait".to_owned(),
                held_back: true,
            });
        }
        let request = self.build(method.clone(), url.clone(), body)?;
        let started = Instant::now();
        let response = request.send().await.map_err(|e| {
            let error = ApiError::from_reqwest(e);
            if error.may_have_arrived() {
                self.client.limits.count(endpoint);
            }
            tracing::debug!(%method, action, %error, "request failed");
            error
        })?;
        self.client.limits.count(endpoint);
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        // Every answer may carry a refreshed token: keep only the latest.
        if let Some(token) = response
            .headers()
            .get(TOKEN_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            self.token = Some(token.to_owned());
        }
        let mut set_cookies = response.headers().get_all(SET_COOKIE).iter();
        self.cookies.set_cookies(&mut set_cookies, &url);
        let bytes = response.bytes().await.map_err(ApiError::from_reqwest)?;
        tracing::debug!(
            %method,
            action,
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "answered"
        );
        if !(200..300).contains(&status) {
            return Err(self.refused(action, status, &bytes, retry_after));
        }
        parse_envelope(status, &bytes)
    }

    /// The request with the key, the session's token and cookies, and the
    /// body as JSON.
    fn build(
        &self,
        method: Method,
        url: Url,
        body: Option<&FormBody>,
    ) -> Result<reqwest::RequestBuilder, ApiError> {
        let mut request = self
            .client
            .http
            .request(method, url.clone())
            .header(ACCEPT, "application/json")
            .header(API_KEY_HEADER, (*self.client.api_key).clone());
        if let Some(token) = &self.token {
            request = request.header(TOKEN_HEADER, token.as_str());
        }
        if let Some(cookies) = self.cookies.cookies(&url) {
            request = request.header(COOKIE, cookies);
        }
        if let Some(body) = body {
            // Not a transport fault: retrying cannot help.
            let bytes = serde_json::to_vec(body).map_err(|e| ApiError::Encode(e.to_string()))?;
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        Ok(request)
    }

    /// A non-2xx answer as an error; a 429 holds every call back for its
    /// `Retry-After`.
    fn refused(
        &self,
        action: &str,
        status: u16,
        bytes: &[u8],
        retry_after: Option<std::time::Duration>,
    ) -> ApiError {
        let mut error = ApiError::from_error_response(status, bytes);
        if let ApiError::TooManyRequests {
            retry_after: wait, ..
        } = &mut error
        {
            *wait = retry_after;
            if let Some(wait) = retry_after {
                self.client.hold_back(wait);
            }
            tracing::warn!(
                action,
                ?retry_after,
                "QuestionPro's API call limit is reached (HTTP 429)"
            );
        }
        error
    }
}

/// A 2xx answer's page envelope; a 2xx that carries an error envelope is an
/// error all the same.
fn parse_envelope(status: u16, bytes: &[u8]) -> Result<Envelope, ApiError> {
    Envelope::parse(bytes).map_err(
        |e| match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(v) if v.pointer("/response/error").is_some() => {
                let code = v
                    .pointer("/response/error/httpStatusCode")
                    .and_then(serde_json::Value::as_u64)
                    .and_then(|c| u16::try_from(c).ok())
                    .unwrap_or(status);
                ApiError::from_error_response(code, bytes)
            }
            _ => ApiError::Unparseable {
                status,
                reason: e.to_string(),
                excerpt: excerpt(bytes),
            },
        },
    )
}
