//! The languages the kiosk knows: the eight it speaks (has message files
//! for) and the right-to-left ones whose surveys it shows correctly.

use std::fmt;
use std::str::FromStr;

use i18n_embed::unic_langid::LanguageIdentifier;

use super::I18nError;

/// The direction a paragraph (or a language) is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }
}

/// A language the kiosk knows.
///
/// The first eight have message files (`assets/i18n/<tag>/survey_kiosk.ftl`);
/// Hebrew, Persian and Urdu have none yet: their surveys are shown right to
/// left, and the kiosk's own words stay in the default language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    English,
    Spanish,
    French,
    German,
    Portuguese,
    Arabic,
    Japanese,
    /// Simplified Chinese (`zh-CN`); Traditional Chinese is not shipped.
    ChineseSimplified,
    Hebrew,
    Persian,
    Urdu,
}

/// Names a survey may give a language, lower-case, with the language. A
/// survey's answer matches when it is one of these, alone or followed by a
/// qualifier ("English (US)", "Français - France", "中文（简体）").
const NAMES: &[(&str, Language)] = &[
    ("english", Language::English),
    ("anglais", Language::English),
    ("inglés", Language::English),
    ("ingles", Language::English),
    ("englisch", Language::English),
    ("inglês", Language::English),
    ("español", Language::Spanish),
    ("espanol", Language::Spanish),
    ("castellano", Language::Spanish),
    ("spanish", Language::Spanish),
    ("espagnol", Language::Spanish),
    ("spanisch", Language::Spanish),
    ("français", Language::French),
    ("francais", Language::French),
    ("french", Language::French),
    ("francés", Language::French),
    ("französisch", Language::French),
    ("deutsch", Language::German),
    ("german", Language::German),
    ("allemand", Language::German),
    ("alemán", Language::German),
    ("alemão", Language::German),
    ("português", Language::Portuguese),
    ("portugues", Language::Portuguese),
    ("portuguese", Language::Portuguese),
    ("portugais", Language::Portuguese),
    ("العربية", Language::Arabic),
    ("عربي", Language::Arabic),
    ("عربى", Language::Arabic),
    ("arabic", Language::Arabic),
    ("arabe", Language::Arabic),
    ("árabe", Language::Arabic),
    ("arabisch", Language::Arabic),
    ("日本語", Language::Japanese),
    ("にほんご", Language::Japanese),
    ("japanese", Language::Japanese),
    ("japonais", Language::Japanese),
    ("japonés", Language::Japanese),
    ("japanisch", Language::Japanese),
    ("简体中文", Language::ChineseSimplified),
    ("中文", Language::ChineseSimplified),
    ("汉语", Language::ChineseSimplified),
    ("普通话", Language::ChineseSimplified),
    ("simplified chinese", Language::ChineseSimplified),
    ("chinese", Language::ChineseSimplified),
    ("chinois", Language::ChineseSimplified),
    ("chino", Language::ChineseSimplified),
    ("chinesisch", Language::ChineseSimplified),
    ("עברית", Language::Hebrew),
    ("hebrew", Language::Hebrew),
    ("hébreu", Language::Hebrew),
    ("فارسی", Language::Persian),
    ("فارسي", Language::Persian),
    ("persian", Language::Persian),
    ("farsi", Language::Persian),
    ("اردو", Language::Urdu),
    ("اُردُو", Language::Urdu),
    ("urdu", Language::Urdu),
];

/// Marks of Traditional Chinese, which is not Simplified Chinese.
const TRADITIONAL: &[&str] = &["繁", "traditional", "hant", "台灣", "臺灣", "香港"];

impl Language {
    /// Every language, shipped ones first.
    pub const ALL: [Language; 11] = [
        Language::English,
        Language::Spanish,
        Language::French,
        Language::German,
        Language::Portuguese,
        Language::Arabic,
        Language::Japanese,
        Language::ChineseSimplified,
        Language::Hebrew,
        Language::Persian,
        Language::Urdu,
    ];

    /// The languages with message files.
    pub const SHIPPED: [Language; 8] = [
        Language::English,
        Language::Spanish,
        Language::French,
        Language::German,
        Language::Portuguese,
        Language::Arabic,
        Language::Japanese,
        Language::ChineseSimplified,
    ];

    /// The BCP 47 tag, which is also the folder of the message file.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en-US",
            Language::Spanish => "es",
            Language::French => "fr",
            Language::German => "de",
            Language::Portuguese => "pt",
            Language::Arabic => "ar",
            Language::Japanese => "ja",
            Language::ChineseSimplified => "zh-CN",
            Language::Hebrew => "he",
            Language::Persian => "fa",
            Language::Urdu => "ur",
        }
    }

    /// The tag as a `unic_langid` identifier (for Fluent).
    pub fn identifier(self) -> LanguageIdentifier {
        // Every tag above is well-formed (checked by a test).
        self.tag()
            .parse()
            .unwrap_or_else(|_| LanguageIdentifier::default())
    }

    /// The language's name in itself, as a language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Spanish => "Español",
            Language::French => "Français",
            Language::German => "Deutsch",
            Language::Portuguese => "Português",
            Language::Arabic => "العربية",
            Language::Japanese => "日本語",
            Language::ChineseSimplified => "简体中文",
            Language::Hebrew => "עברית",
            Language::Persian => "فارسی",
            Language::Urdu => "اردو",
        }
    }

    /// The direction the language is written in.
    pub fn direction(self) -> Direction {
        match self {
            Language::Arabic | Language::Hebrew | Language::Persian | Language::Urdu => {
                Direction::Rtl
            }
            _ => Direction::Ltr,
        }
    }

    /// Whether the kiosk has its own words in this language.
    pub fn has_messages(self) -> bool {
        Language::SHIPPED.contains(&self)
    }

    /// The language from a BCP 47 tag: `en`, `en-GB`, `pt-BR`, `zh-Hans-CN`,
    /// `ar-SA`, `iw` (old Hebrew)… Case and `_` for `-` are accepted.
    /// Traditional Chinese (`zh-TW`, `zh-Hant`) is not Simplified Chinese.
    pub fn from_tag(tag: &str) -> Result<Language, I18nError> {
        let unknown = || I18nError::UnknownLanguage(tag.to_owned());
        let id: LanguageIdentifier = tag
            .trim()
            .replace('_', "-")
            .parse()
            .map_err(|_| unknown())?;
        let language = match id.language.as_str() {
            "en" => Language::English,
            "es" => Language::Spanish,
            "fr" => Language::French,
            "de" => Language::German,
            "pt" => Language::Portuguese,
            "ar" => Language::Arabic,
            "ja" => Language::Japanese,
            "zh" => {
                let traditional = id.script.is_some_and(|s| s.as_str() == "Hant")
                    || id
                        .region
                        .is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO"));
                if traditional {
                    return Err(unknown());
                }
                Language::ChineseSimplified
            }
            "he" | "iw" => Language::Hebrew,
            "fa" => Language::Persian,
            "ur" => Language::Urdu,
            _ => return Err(unknown()),
        };
        Ok(language)
    }

    /// The language from its name as a survey's language question shows it:
    /// "English", "Español", "Français", "Deutsch", "Português", "العربية",
    /// "日本語", "中文", English names ("Arabic", "Japanese", "Chinese"…), and
    /// any of them followed by a qualifier ("English (US)", "中文（简体）").
    pub fn from_name(name: &str) -> Option<Language> {
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            return None;
        }
        let names = |entry: &str| {
            name == entry
                || name.strip_prefix(entry).is_some_and(|rest| {
                    rest.starts_with([' ', '(', '-', ',', '/', '\u{FF08}', '\u{3000}'])
                })
        };
        let language = NAMES
            .iter()
            .find(|(entry, _)| names(entry))
            .map(|&(_, language)| language)?;
        if language == Language::ChineseSimplified && TRADITIONAL.iter().any(|t| name.contains(t)) {
            return None;
        }
        Some(language)
    }

    /// A tag or a name (see [`Language::from_tag`] and [`Language::from_name`]).
    pub fn parse(text: &str) -> Option<Language> {
        Language::from_name(text).or_else(|| Language::from_tag(text).ok())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Language {
    type Err = I18nError;

    fn from_str(text: &str) -> Result<Language, I18nError> {
        Language::parse(text).ok_or_else(|| I18nError::UnknownLanguage(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_is_well_formed_and_reads_back() {
        for language in Language::ALL {
            let id = language.identifier();
            assert_eq!(id.to_string(), language.tag());
            assert_eq!(Language::from_tag(language.tag()).ok(), Some(language));
            assert_eq!(Language::from_name(language.native_name()), Some(language));
        }
    }

    #[test]
    fn tags_with_regions_and_scripts() {
        let tag = |t: &str| Language::from_tag(t).ok();
        assert_eq!(tag("en"), Some(Language::English));
        assert_eq!(tag("en_GB"), Some(Language::English));
        assert_eq!(tag("pt-BR"), Some(Language::Portuguese));
        assert_eq!(tag("ES-mx"), Some(Language::Spanish));
        assert_eq!(tag("ar-SA"), Some(Language::Arabic));
        assert_eq!(tag("zh"), Some(Language::ChineseSimplified));
        assert_eq!(tag("zh-Hans-CN"), Some(Language::ChineseSimplified));
        assert_eq!(tag("zh-TW"), None);
        assert_eq!(tag("zh-Hant"), None);
        assert_eq!(tag("iw"), Some(Language::Hebrew));
        assert_eq!(tag("fa-IR"), Some(Language::Persian));
        assert_eq!(tag("ko"), None);
        assert_eq!(tag("not a tag"), None);
    }

    #[test]
    fn names_as_surveys_show_them() {
        let name = Language::from_name;
        assert_eq!(name("English"), Some(Language::English));
        assert_eq!(name("English (US)"), Some(Language::English));
        assert_eq!(name("  español (México)"), Some(Language::Spanish));
        assert_eq!(name("Français - France"), Some(Language::French));
        assert_eq!(name("DEUTSCH"), Some(Language::German));
        assert_eq!(name("Português (Brasil)"), Some(Language::Portuguese));
        assert_eq!(name("العربية"), Some(Language::Arabic));
        assert_eq!(name("Arabic"), Some(Language::Arabic));
        assert_eq!(name("日本語"), Some(Language::Japanese));
        assert_eq!(name("Japanese"), Some(Language::Japanese));
        assert_eq!(name("中文"), Some(Language::ChineseSimplified));
        assert_eq!(name("中文（简体）"), Some(Language::ChineseSimplified));
        assert_eq!(
            name("Chinese (Simplified)"),
            Some(Language::ChineseSimplified)
        );
        assert_eq!(name("中文（繁體）"), None);
        assert_eq!(name("Chinese (Traditional)"), None);
        assert_eq!(name("עברית"), Some(Language::Hebrew));
        assert_eq!(name("Farsi"), Some(Language::Persian));
        assert_eq!(name("اردو"), Some(Language::Urdu));
        // A word that only starts like a name is not one.
        assert_eq!(name("Englishman"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn parse_takes_names_and_tags() {
        assert_eq!(Language::parse("Deutsch"), Some(Language::German));
        assert_eq!(Language::parse("de-AT"), Some(Language::German));
        assert_eq!("ja".parse::<Language>().ok(), Some(Language::Japanese));
        assert!("Klingon".parse::<Language>().is_err());
    }

    #[test]
    fn right_to_left_languages() {
        let rtl: Vec<_> = Language::ALL
            .into_iter()
            .filter(|l| l.direction().is_rtl())
            .collect();
        assert_eq!(
            rtl,
            vec![
                Language::Arabic,
                Language::Hebrew,
                Language::Persian,
                Language::Urdu
            ]
        );
        assert!(Language::Arabic.has_messages());
        assert!(!Language::Hebrew.has_messages());
    }
}
