//! The kiosk's own words in the respondent's language.
//!
//! Every text the kiosk shows a respondent or an operator is a Fluent
//! message in `assets/i18n/<tag>/survey_kiosk.ftl`, one file per shipped
//! language ([`Language::SHIPPED`]: English, Spanish, French, German,
//! Portuguese, Arabic, Japanese, Simplified Chinese), embedded in the binary.
//! English (`en-US`) is the fallback: a message missing in a language is
//! taken from English.
//!
//! A screen holds a [`Tr`] for the respondent in front of it. `Tr` is cheap
//! to clone and to switch (an `Arc`): each language's messages are parsed
//! once, the first time the language is used, and shared by every `Tr` of
//! that language afterwards. Nothing global changes when one respondent's
//! language does: the kiosk makes a `Tr` of its configured language at
//! every reset, and replaces it with [`Tr::switch_to`] when the respondent
//! chooses a language (or a page's language is known).
//!
//! Messages are fetched with the [`fl!`] macro, which checks at compile time
//! that the message exists in the English file and that the arguments given
//! are the ones it uses (`i18n.toml` at the crate root says where the files
//! are):
//!
//! ```
//! use survey_kiosk::i18n::{Language, Tr, fl};
//!
//! let tr = Tr::new(Language::German);
//! assert_eq!(fl!(tr, "nav-next"), "Weiter");
//! assert_eq!(fl!(tr, "operator-wrong-pin", left = 3), "Falsche PIN. Noch 3 Versuche.");
//! let tr = Tr::new(Language::English);
//! assert_eq!(fl!(tr, "idle-countdown", seconds = 1), "The survey will start over in 1 second.");
//! ```
//!
//! Numbers passed as arguments are written the language's way (grouping,
//! decimal mark: see [`number`]); Fluent picks the plural form per language
//! (`[one]`, `[few]`…). Pass identifiers (survey ids, versions) as strings,
//! so they are not grouped. For right-to-left languages Fluent wraps each
//! argument in Unicode isolates (U+2068…U+2069), so a Latin name inside an
//! Arabic sentence keeps its place; the bidi reordering
//! ([`crate::ui::bidi`]) honours and then drops them. Left-to-right
//! languages get no isolates, so their strings compare as written.
//!
//! Dynamic ids (month names) go through [`Tr::get`] or helpers such as
//! [`Tr::month_name`].
//!
//! # Wiring it into the screens
//!
//! * At every reset: `Tr::for_configured(config.language.as_deref())` (the
//!   configured language is also the attract screen's).
//! * On a `language_selection_required` page, when the respondent picks an
//!   answer: `Language::from_name(&choice.text)` and, if known,
//!   `tr.switch_to(language)`; then `crate::ui::fonts::preload(ctx,
//!   language)` so the next frame has its font.
//! * Every text shown goes through the bidi algorithm: `crate::ui::bidi::label(ui,
//!   rich_text)` for labels and paragraphs (plain `ui.label` for text with
//!   no right-to-left content), `bidi::line_text` for a button's label,
//!   `crate::ui::bidi_edit::show` for a text field.

pub mod bidi;
pub mod language;
pub mod number;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::{I18nEmbedError, LanguageLoader as _};
use rust_embed::RustEmbed;

pub use fluent_bundle::{FluentArgs, FluentValue};
pub use i18n_embed_fl::fl;
pub use language::{Direction, Language};
pub use number::{format_number, format_percent, percent_arg};

/// The Fluent domain: the message files are named `survey_kiosk.ftl`.
pub const DOMAIN: &str = "survey_kiosk";

/// The message files, embedded.
#[derive(RustEmbed)]
#[folder = "assets/i18n/"]
struct Localizations;

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("unknown language {0:?}: expected a tag such as \"fr\" or a name such as \"Français\"")]
    UnknownLanguage(String),
    #[error("the messages for {language} cannot be loaded: {source}")]
    Load {
        language: Language,
        #[source]
        source: I18nEmbedError,
    },
}

/// Loads `language`'s messages (with English as the fallback) and sets the
/// bundles up: numbers formatted for the language, isolates around
/// arguments only in right-to-left languages.
pub fn load(language: Language) -> Result<FluentLanguageLoader, I18nError> {
    let loader = FluentLanguageLoader::new(DOMAIN, Language::English.identifier());
    loader
        .load_languages(&Localizations, &[language.identifier()])
        .map_err(|source| I18nError::Load { language, source })?;
    loader.with_bundles_mut(|bundle| bundle.set_formatter(Some(number::format_fluent)));
    loader.set_use_isolating(language.direction().is_rtl());
    Ok(loader)
}

/// Each shipped language's loader, made on first use and kept.
fn cached(language: Language) -> Arc<FluentLanguageLoader> {
    static LOADERS: OnceLock<std::sync::Mutex<HashMap<Language, Arc<FluentLanguageLoader>>>> =
        OnceLock::new();
    let loaders = LOADERS.get_or_init(Default::default);
    let mut loaders = loaders.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(loader) = loaders.get(&language) {
        return loader.clone();
    }
    let loader = match load(language) {
        Ok(loader) => loader,
        Err(error) => {
            // Only a broken build gets here (the files are embedded and
            // tested): show message ids rather than nothing.
            tracing::error!(%error, "the kiosk's messages are missing");
            FluentLanguageLoader::new(DOMAIN, Language::English.identifier())
        }
    };
    let loader = Arc::new(loader);
    loaders.insert(language, loader.clone());
    tracing::debug!(%language, "messages loaded");
    loader
}

/// Words made before the language they will be shown in is known: one of
/// the kiosk's messages (its id and arguments, put into words when drawn,
/// so a respondent who switches language sees them in the new one), or a
/// text as it came (a server's message, an error from the system).
///
/// Make messages with [`words!`](crate::words), which checks the id and the
/// argument names at compile time like `fl!`; show them with [`Tr::say`].
/// `Display` writes them in English (logs, the command line, tests).
#[derive(Clone, Debug, PartialEq)]
pub enum Words {
    Message {
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    Text(String),
}

/// An argument of a [`Words::Message`].
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
    /// Items quoted and joined the language's way: “A”, “B” and “C”;
    /// 「A」、「B」と「C」.
    List(Vec<String>),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<Vec<String>> for Arg {
    fn from(items: Vec<String>) -> Arg {
        Arg::List(items)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(u32, u64, usize, i32, i64, f64);

impl Words {
    /// The message `id`, no arguments yet (prefer [`words!`](crate::words)).
    pub fn message(id: &'static str) -> Words {
        Words::Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name` (to a message; a text is left as it is).
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Words {
        if let Words::Message { args, .. } = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// Text as it came, shown as it is in every language.
    pub fn text(text: impl Into<String>) -> Words {
        Words::Text(text.into())
    }
}

impl From<String> for Words {
    fn from(text: String) -> Words {
        Words::Text(text)
    }
}

impl std::fmt::Display for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Words::Text(text) => f.write_str(text),
            message => f.write_str(&Tr::new(Language::English).say(message)),
        }
    }
}

/// A [`Words::Message`], checked like `fl!`: the id must be in the English
/// file and the argument names must be the message's.
///
/// ```
/// use survey_kiosk::i18n::{Language, Tr};
///
/// let words = survey_kiosk::words!("validate-min-choices", min = 2);
/// assert_eq!(words.to_string(), "Please choose at least 2 answers.");
/// assert_eq!(Tr::new(Language::French).say(&words), "Veuillez choisir au moins 2 réponses.");
/// ```
#[macro_export]
macro_rules! words {
    ($id:literal $(,)?) => {{
        if false {
            let _ = $crate::i18n::fl!($crate::i18n::Tr::default(), $id);
        }
        $crate::i18n::Words::message($id)
    }};
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        if false {
            // Checks the names only; the values are put into words later.
            let _ = $crate::i18n::fl!($crate::i18n::Tr::default(), $id, $($name = ""),+);
        }
        $crate::i18n::Words::message($id)$(.with(stringify!($name), $value))+
    }};
}

/// The kiosk's words in one language, for one respondent or screen.
///
/// Dereferences to the Fluent loader, so `fl!(tr, "id", arg = value)` works
/// on it directly.
#[derive(Clone)]
pub struct Tr {
    language: Language,
    loader: Arc<FluentLanguageLoader>,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tr")
            .field("language", &self.language)
            .finish()
    }
}

impl PartialEq for Tr {
    fn eq(&self, other: &Tr) -> bool {
        self.language == other.language
    }
}

impl Default for Tr {
    fn default() -> Tr {
        Tr::new(Language::English)
    }
}

impl std::ops::Deref for Tr {
    type Target = FluentLanguageLoader;

    fn deref(&self) -> &FluentLanguageLoader {
        &self.loader
    }
}

impl Tr {
    /// The words in `language`, or in English when the kiosk has no
    /// messages in it (Hebrew, Persian, Urdu).
    pub fn new(language: Language) -> Tr {
        let language = if language.has_messages() {
            language
        } else {
            Language::English
        };
        Tr {
            language,
            loader: cached(language),
        }
    }

    /// The words in the configured language (`language` in the
    /// configuration: a name as the survey shows it, or a tag), English
    /// when it is unset or unknown.
    pub fn for_configured(language: Option<&str>) -> Tr {
        let parsed = language.and_then(Language::parse);
        if let (Some(text), None) = (language, parsed) {
            tracing::warn!(
                language = text,
                "unknown language; the kiosk speaks English"
            );
        }
        Tr::new(parsed.unwrap_or(Language::English))
    }

    /// Switches to `language` if the kiosk speaks it; returns whether the
    /// words changed. A language without messages leaves the words as they
    /// are (the survey's own text still shows in its direction).
    pub fn switch_to(&mut self, language: Language) -> bool {
        if !language.has_messages() || language == self.language {
            return false;
        }
        *self = Tr::new(language);
        true
    }

    /// The language the words are in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The direction of the kiosk's words (and of its screens' layout).
    pub fn direction(&self) -> Direction {
        self.language.direction()
    }

    /// The message `id` with no arguments; `id` may be built at run time
    /// (prefer `fl!` for fixed ids: it is checked at compile time).
    pub fn get(&self, id: &str) -> String {
        self.loader.get(id)
    }

    /// The message `id` with `args`.
    pub fn get_with(&self, id: &str, args: &FluentArgs<'_>) -> String {
        self.loader.get_args_fluent(id, Some(args))
    }

    /// Whether the language (or English) has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.loader.has(id)
    }

    /// `value` written the language's way (grouping, decimal mark).
    pub fn number(&self, value: f64) -> String {
        format_number(self.language, value)
    }

    /// A percentage (50 for half) written the language's way.
    pub fn percent(&self, percent: f64) -> String {
        format_percent(self.language, percent)
    }

    /// The name of `month` (1 = January); `None` outside 1..=12.
    pub fn month_name(&self, month: u32) -> Option<String> {
        (1..=12)
            .contains(&month)
            .then(|| self.get(&format!("month-{month}")))
    }

    /// The short name of `weekday` (1 = Monday … 7 = Sunday) for a
    /// calendar's header; `None` outside 1..=7.
    pub fn weekday_short(&self, weekday: u32) -> Option<String> {
        (1..=7)
            .contains(&weekday)
            .then(|| self.get(&format!("weekday-short-{weekday}")))
    }

    /// A date as the language writes it in full: "5 June 2026",
    /// "5. Juni 2026", "2026年6月5日".
    pub fn date(&self, year: i32, month: u32, day: u32) -> String {
        let month_name = self.month_name(month).unwrap_or_default();
        fl!(
            self,
            "date-long",
            day = day,
            month = month_name,
            // A year is not grouped ("2026", not "2,026").
            year = year.to_string()
        )
    }

    /// `words` in this language.
    pub fn say(&self, words: &Words) -> String {
        match words {
            Words::Text(text) => text.clone(),
            Words::Message { id, args } => {
                let mut fluent = FluentArgs::new();
                for (name, arg) in args {
                    match arg {
                        Arg::Text(text) => fluent.set(*name, text.clone()),
                        Arg::Number(n) => fluent.set(*name, *n),
                        Arg::List(items) => {
                            let quoted: Vec<String> = items
                                .iter()
                                .map(|item| fl!(self, "quote", text = item.clone()))
                                .collect();
                            fluent.set(*name, self.list(&quoted));
                        }
                    }
                }
                self.get_with(id, &fluent)
            }
        }
    }

    /// Items joined the language's way: "A, B and C".
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [first @ .., last] => {
                let mut joined = first[0].clone();
                for next in &first[1..] {
                    joined = fl!(self, "list-comma", first = joined, next = next.clone());
                }
                fl!(self, "list-and", first = joined, last = last.clone())
            }
        }
    }

    /// "in 10 seconds" style durations: the number of whole seconds with
    /// its plural form ("1 second", "10 seconds", "10 Sekunden").
    pub fn seconds(&self, seconds: u64) -> String {
        fl!(self, "duration-seconds", seconds = seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_language_loads() {
        for language in Language::SHIPPED {
            let loader = load(language).expect("the embedded messages load");
            assert_eq!(
                loader.current_language(),
                language.identifier(),
                "{language}"
            );
            assert!(loader.has("nav-next"));
        }
    }

    #[test]
    fn words_are_put_into_the_language_they_are_shown_in() {
        let words = crate::words!("validate-choose-one");
        let french = Tr::new(Language::French);
        assert_eq!(french.say(&words), french.get("validate-choose-one"));
        assert_ne!(french.say(&words), words.to_string());
        assert_eq!(words.to_string(), "Please choose an answer.");
        let server = Words::text("A message from the server");
        assert_eq!(french.say(&server), "A message from the server");
        let sum = crate::words!("validate-sum-total", total = 1000, sum = 1234.5);
        assert_eq!(
            Tr::new(Language::German).say(&sum),
            "Die Zahlen müssen zusammen 1.000 ergeben; es sind 1.234,5."
        );
        let rows = crate::words!(
            "validate-rows-missing",
            rows = vec!["A".to_owned(), "B".to_owned(), "C".to_owned()]
        );
        assert_eq!(
            rows.to_string(),
            "Please answer every row (\u{201c}A\u{201d}, \u{201c}B\u{201d} and \u{201c}C\u{201d} are missing)."
        );
        // Arabic: isolates around each argument, joined with the Arabic comma.
        let arabic = Tr::new(Language::Arabic).say(&rows);
        assert!(arabic.contains('\u{060c}'), "{arabic}");
    }

    #[test]
    fn switching_is_per_value_and_cheap() {
        let mut tr = Tr::new(Language::English);
        let other = tr.clone();
        assert!(tr.switch_to(Language::French));
        assert_eq!(fl!(tr, "nav-back"), "Retour");
        // The clone (another respondent's screen) is unchanged.
        assert_eq!(fl!(other, "nav-back"), "Back");
        // A language without messages keeps the words as they are.
        assert!(!tr.switch_to(Language::Hebrew));
        assert_eq!(tr.language(), Language::French);
        // Switching again reuses the loader parsed the first time.
        let again = Tr::new(Language::French);
        assert!(Arc::ptr_eq(&again.loader, &tr.loader));
    }

    #[test]
    fn the_configured_language_is_the_default() {
        assert_eq!(
            Tr::for_configured(Some("Español")).language(),
            Language::Spanish
        );
        assert_eq!(Tr::for_configured(Some("ar")).language(), Language::Arabic);
        assert_eq!(
            Tr::for_configured(Some("Klingon")).language(),
            Language::English
        );
        assert_eq!(Tr::for_configured(None).language(), Language::English);
        assert_eq!(Tr::new(Language::Hebrew).language(), Language::English);
    }

    #[test]
    fn plurals_follow_each_language() {
        let en = Tr::new(Language::English);
        assert_eq!(
            fl!(en, "operator-wrong-pin", left = 1),
            "Wrong PIN. 1 try left."
        );
        assert_eq!(
            fl!(en, "operator-wrong-pin", left = 3),
            "Wrong PIN. 3 tries left."
        );
        assert_eq!(en.seconds(10), "10 seconds");
        assert_eq!(en.seconds(1), "1 second");
        let fr = Tr::new(Language::French);
        // French: 0 and 1 are singular.
        assert_eq!(fr.seconds(0), "0 seconde");
        assert_eq!(fr.seconds(2), "2 secondes");
        let ar = Tr::new(Language::Arabic);
        let strip = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(strip(ar.seconds(1)), "ثانية واحدة");
        assert_eq!(strip(ar.seconds(2)), "ثانيتان");
        assert_eq!(strip(ar.seconds(3)), "3 ثوانٍ");
        assert_eq!(strip(ar.seconds(11)), "11 ثانية");
        assert_eq!(strip(ar.seconds(100)), "100 ثانية");
        let ja = Tr::new(Language::Japanese);
        assert_eq!(ja.seconds(10), "10秒");
    }

    #[test]
    fn numbers_in_messages_follow_the_language() {
        let de = Tr::new(Language::German);
        assert_eq!(
            fl!(de, "validate-sum-total", total = 1000, sum = 1234.5),
            "Die Zahlen müssen zusammen 1.000 ergeben; es sind 1.234,5."
        );
        let en = Tr::new(Language::English);
        assert_eq!(
            fl!(en, "validate-sum-total", total = 1000, sum = 1234.5),
            "The numbers must add up to 1,000; they add up to 1,234.5."
        );
        assert_eq!(en.percent(50.0), "50%");
        assert_eq!(de.number(0.5), "0,5");
    }

    #[test]
    fn month_names_and_dates() {
        let en = Tr::new(Language::English);
        assert_eq!(en.month_name(6).as_deref(), Some("June"));
        assert_eq!(en.month_name(0), None);
        assert_eq!(en.date(2026, 6, 5), "5 June 2026");
        assert_eq!(en.weekday_short(1).as_deref(), Some("Mo"));
        let de = Tr::new(Language::German);
        assert_eq!(de.date(2026, 6, 5), "5. Juni 2026");
        let ja = Tr::new(Language::Japanese);
        assert_eq!(ja.date(2026, 6, 5), "2026年6月5日");
        let zh = Tr::new(Language::ChineseSimplified);
        assert_eq!(zh.date(2026, 6, 5), "2026年6月5日");
    }
}
