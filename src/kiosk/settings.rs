//! The kiosk loop's timings and policies, and its retry back-off.

use std::time::Duration;

/// Timings and policies; the defaults suit an unattended kiosk.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// No input for this long on a survey page shows "Are you still there?".
    pub idle_after: Duration,
    /// How long that overlay counts down before the session is discarded.
    pub idle_countdown: Duration,
    /// How long an end screen stays up.
    pub end_screen: Duration,
    /// What becomes of the page on screen when the idle countdown ends.
    pub idle_action: IdleAction,
    /// How often an out-of-service kiosk asks whether the survey is back.
    pub recheck_every: Duration,
    /// First wait before retrying a failed request; doubles on each failure.
    pub retry_initial: Duration,
    /// Longest wait between two retries.
    pub retry_max: Duration,
    /// After failing this long, the respondent is told "Still trying" and
    /// may choose to stop.
    pub still_trying_after: Duration,
    /// The language to choose when the survey asks for one
    /// (`language_selection_required`): the matching answer is chosen in
    /// advance, and the respondent may still change it.
    pub language: Option<String>,
    /// `offline = "capture"`: when the API cannot be reached at a start,
    /// respondents are taken from the survey map and replayed later.
    pub offline_capture: bool,
    /// A page at a time, or one question at a time.
    pub layout: Layout,
    /// One question at a time: a single choice moves on this long after the
    /// tap that answered it (the choice shown chosen meanwhile); `None`:
    /// only Next moves on.
    pub auto_advance: Option<Duration>,
}

/// How a page is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Every question of the page on one screen (scrolling if needed).
    #[default]
    Page,
    /// Each question of the page on a screen of its own, large; the page is
    /// sent after its last question (feedback kiosks: one thing at a time).
    Question,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_after: Duration::from_secs(60),
            idle_countdown: Duration::from_secs(15),
            end_screen: Duration::from_secs(10),
            idle_action: IdleAction::Discard,
            recheck_every: Duration::from_secs(30),
            retry_initial: Duration::from_millis(500),
            retry_max: Duration::from_secs(20),
            still_trying_after: Duration::from_secs(12),
            language: None,
            offline_capture: false,
            layout: Layout::Page,
            auto_advance: None,
        }
    }
}

/// What happens to the page on screen when a respondent walks away.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdleAction {
    /// Drop the page's answers.
    #[default]
    Discard,
    /// Send the page if it passes validation, so earlier answers count as a
    /// partial response.
    SubmitIfValid,
}

/// How long to wait before trying a failed request again: exponential
/// back-off from `initial`, doubling up to `max`, with up to 25 % jitter.
/// The kiosk's live retries and the worker's recovery use the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub initial: Duration,
    pub max: Duration,
}

impl RetryPolicy {
    /// The wait before try `attempt + 1` after `attempt` failures (1 = the
    /// first failure). `jitter` is the caller's xorshift state.
    pub fn delay(&self, attempt: u32, jitter: &mut u64) -> Duration {
        let base = self
            .initial
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1).min(16)))
            .min(self.max);
        // xorshift: cheap, deterministic, good enough to spread retries.
        *jitter ^= *jitter << 13;
        *jitter ^= *jitter >> 7;
        *jitter ^= *jitter << 17;
        let fraction = (*jitter % 1000) as f64 / 4000.0;
        base + base.mul_f64(fraction)
    }
}

impl From<&Settings> for RetryPolicy {
    fn from(settings: &Settings) -> RetryPolicy {
        RetryPolicy {
            initial: settings.retry_initial,
            max: settings.retry_max,
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::from(&Settings::default())
    }
}
