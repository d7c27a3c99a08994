//! The HTTP side: one shared connection pool, one [`Session`] per respondent.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, HeaderValue, SET_COOKIE};
use reqwest::{Method, Url};

use super::envelope::Envelope;
use super::error::{ApiError, excerpt};
use crate::survey::FormBody;

/// The header that carries the respondent's session token both ways.
pub const TOKEN_HEADER: &str = "x-survey-token";
const API_KEY_HEADER: &str = "api-key";

/// The API base URL for a datacenter: `com` (the default), `eu`, `ca`, ….
pub fn datacenter_base_url(datacenter: &str) -> String {
    let datacenter = datacenter.trim().trim_start_matches('.');
    let datacenter = if datacenter.is_empty() {
        "com"
    } else {
        datacenter
    };
    format!("https://api.questionpro.{datacenter}/a/api/v2")
}

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
}

impl Client {
    pub fn new(settings: &ClientSettings) -> Result<Client, ApiError> {
        let invalid = |reason: &str| ApiError::InvalidBaseUrl {
            url: settings.base_url.clone(),
            reason: reason.to_owned(),
        };
        check_base_url(&settings.base_url).map_err(|reason| invalid(&reason))?;
        let base = Url::parse(settings.base_url.trim().trim_end_matches('/'))
            .map_err(|e| invalid(&e.to_string()))?;
        let mut api_key = HeaderValue::from_str(settings.api_key.trim())
            .map_err(|_| invalid("the API key holds characters a header cannot carry"))?;
        api_key.set_sensitive(true);
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout)
            .user_agent(concat!("survey-kiosk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| invalid(&e.to_string()))?;
        Ok(Client {
            http,
            base: Arc::new(base),
            api_key: Arc::new(api_key),
        })
    }

    pub fn base_url(&self) -> &str {
        self.base.as_str()
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

/// Whether `url` may be used as a base URL: https, or plain http to this
/// computer only. `Err` says why not, in plain words.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let base = Url::parse(url.trim().trim_end_matches('/')).map_err(|e| e.to_string())?;
    match base.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&base) => Ok(()),
        "http" => Err(
            "plain http is allowed only for this computer (127.0.0.1 or localhost); use https"
                .to_owned(),
        ),
        _ => Err("the address must start with https://".to_owned()),
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
        self.send(Method::GET, "take", None).await
    }

    /// `POST submit-page` with the flat body.
    pub async fn submit_page(&mut self, body: &FormBody) -> Result<Envelope, ApiError> {
        if self.token.is_none() {
            return Err(ApiError::NoSession);
        }
        self.send(Method::POST, "submit-page", Some(body)).await
    }

    /// `GET previous-page`.
    pub async fn previous_page(&mut self) -> Result<Envelope, ApiError> {
        if self.token.is_none() {
            return Err(ApiError::NoSession);
        }
        self.send(Method::GET, "previous-page", None).await
    }

    async fn send(
        &mut self,
        method: Method,
        action: &str,
        body: Option<&FormBody>,
    ) -> Result<Envelope, ApiError> {
        let url = self.client.endpoint(self.survey_id, action)?;
        let mut request = self
            .client
            .http
            .request(method.clone(), url.clone())
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
        let started = Instant::now();
        let response = request.send().await.map_err(|e| {
            let error = ApiError::from_reqwest(e);
            tracing::debug!(%method, action, %error, "request failed");
            error
        })?;
        let status = response.status().as_u16();
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
            return Err(ApiError::from_error_response(status, &bytes));
        }
        Envelope::parse(&bytes).map_err(|e| {
            match serde_json::from_slice::<serde_json::Value>(&bytes) {
                // A 2xx that carries an error envelope is an error all the same.
                Ok(v) if v.pointer("/response/error").is_some() => {
                    let code = v
                        .pointer("/response/error/httpStatusCode")
                        .and_then(serde_json::Value::as_u64)
                        .and_then(|c| u16::try_from(c).ok())
                        .unwrap_or(status);
                    ApiError::from_error_response(code, &bytes)
                }
                _ => ApiError::Unparseable {
                    status,
                    reason: e.to_string(),
                    excerpt: excerpt(&bytes),
                },
            }
        })
    }
}
