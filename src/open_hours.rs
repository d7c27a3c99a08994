//! Opening hours: when the kiosk takes respondents.
//!
//! `open_hours` in the configuration is either one value for every day,
//! `open_hours = "08:00-21:00"`, or a table by weekday,
//! `open_hours = { mon = "08:00-21:00", sat = "10:00-18:00", sun = "closed" }`,
//! where days not named take `default = "…"` if it is given and are open
//! all day otherwise. A day's value is
//!
//! - a range, `"08:00-21:00"`; `"24:00"` is the end of the day;
//! - a range that crosses midnight, `"18:00-02:00"`: it belongs to the day
//!   it opens (Friday's `"18:00-02:00"` runs to 02:00 on Saturday);
//! - several ranges, `"08:00-12:00, 14:00-18:00"`;
//! - `"open"` (all day) or `"closed"`.
//!
//! A range that opens and closes at the same minute is refused (it means
//! neither "never" nor "always": write `"closed"` or `"open"`).
//!
//! [`OpenHours`] is pure arithmetic on the local date and time (wall-clock
//! time: across a daylight-saving change "08:00" is 08:00 as the clock on
//! the wall shows it). [`Schedule`] is what the app keeps: open or closed
//! now and when that changes, looking at the wall clock only when its last
//! answer runs out.

use std::fmt;
use std::time::{Duration, Instant};

use chrono::{
    DateTime, Datelike, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Weekday,
};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MINUTES_A_DAY: u32 = 24 * 60;

/// The weekdays' names in the configuration, Monday first.
const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const LONG_DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// When the kiosk is open, as configured (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenHours {
    spec: Spec,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Spec {
    /// The same every day.
    Every(DayHours),
    /// By weekday (Monday first); `None` takes `default`, else all day.
    Week {
        days: [Option<DayHours>; 7],
        default: Option<DayHours>,
    },
}

/// One day's hours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayHours {
    Closed,
    AllDay,
    /// Opening and closing minutes after midnight, in the order written.
    /// `close` is at most 24:00; a `close` not after `open` is on the next day.
    Ranges(Vec<(u32, u32)>),
}

/// What is wrong with one range of a day's hours.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("is not a time range")]
    NotARange,
    #[error("has no time \"{0}\"")]
    NoTime(String),
    #[error("opens at 24:00 (write 00:00)")]
    OpensAtMidnightEnd,
    #[error("opens and closes at the same time (for all day write \"open\")")]
    OpensAndCloses,
}

/// Opening hours that cannot be used, in words for the operator.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error(
        "\"{text}\" {why}; expected a time range such as \"08:00-21:00\", \"18:00-02:00\" \
         (past midnight), \"08:00-12:00, 14:00-18:00\", \"open\" (all day) or \"closed\""
    )]
    Day {
        text: String,
        #[source]
        why: RangeError,
    },
    #[error("open_hours.{day}: {source}")]
    OfDay {
        day: String,
        #[source]
        source: Box<HoursError>,
    },
    #[error("open_hours: unknown day `{0}`; expected mon, tue, wed, thu, fri, sat, sun or default")]
    UnknownDay(String),
    #[error("open_hours: `{0}` is given twice")]
    Twice(String),
}

impl DayHours {
    /// `"08:00-21:00"`, `"18:00-02:00"`, `"08:00-12:00, 14:00-18:00"`,
    /// `"open"` or `"closed"`; `Err` says what is wrong in plain words.
    pub fn parse(text: &str) -> Result<DayHours, HoursError> {
        let trimmed = text.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            "closed" => return Ok(DayHours::Closed),
            "open" => return Ok(DayHours::AllDay),
            _ => {}
        }
        let mut ranges = Vec::new();
        for part in trimmed.split(',') {
            ranges.push(parse_range(part.trim()).map_err(|why| HoursError::Day {
                text: trimmed.to_owned(),
                why,
            })?);
        }
        Ok(DayHours::Ranges(ranges))
    }

    /// The open spans of this day's hours on `date`, oldest first.
    fn spans(&self, date: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let at = |minutes: u32| {
            let day = date
                .checked_add_days(chrono::Days::new(u64::from(minutes / MINUTES_A_DAY)))
                .unwrap_or(NaiveDate::MAX);
            let minutes = minutes % MINUTES_A_DAY;
            day.and_time(
                NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN),
            )
        };
        match self {
            DayHours::Closed => Vec::new(),
            DayHours::AllDay => vec![(at(0), at(MINUTES_A_DAY))],
            DayHours::Ranges(ranges) => ranges
                .iter()
                .map(|&(open, close)| {
                    let close = if close > open {
                        close
                    } else {
                        close + MINUTES_A_DAY
                    };
                    (at(open), at(close))
                })
                .collect(),
        }
    }
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayHours::Closed => f.write_str("closed"),
            DayHours::AllDay => f.write_str("open"),
            DayHours::Ranges(ranges) => {
                for (index, (open, close)) in ranges.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(
                        f,
                        "{:02}:{:02}-{:02}:{:02}",
                        open / 60,
                        open % 60,
                        close / 60,
                        close % 60
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// `"08:00-21:00"` as minutes after midnight; `Err`: what is wrong, to
/// follow the value in a sentence.
fn parse_range(text: &str) -> Result<(u32, u32), RangeError> {
    let (open, close) = text.split_once(['-', '–']).ok_or(RangeError::NotARange)?;
    let time = |text: &str| {
        parse_time(text.trim()).ok_or_else(|| RangeError::NoTime(text.trim().to_owned()))
    };
    let (open, close) = (time(open)?, time(close)?);
    if open == MINUTES_A_DAY {
        return Err(RangeError::OpensAtMidnightEnd);
    }
    if open == close {
        return Err(RangeError::OpensAndCloses);
    }
    Ok((open, close))
}

/// `"08:00"` or `"8:00"` (up to `"24:00"`) as minutes after midnight.
fn parse_time(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    if !hours
        .bytes()
        .chain(minutes.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    match (hours, minutes) {
        (24, 0) => Some(MINUTES_A_DAY),
        (0..=23, 0..=59) => Some(hours * 60 + minutes),
        _ => None,
    }
}

/// A day's name in the configuration, Monday = 0.
fn day_index(name: &str) -> Option<usize> {
    let name = name.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .position(|d| *d == name)
        .or_else(|| LONG_DAY_NAMES.iter().position(|d| *d == name))
}

impl OpenHours {
    /// The same hours every day, e.g. `"08:00-21:00"`.
    pub fn parse(text: &str) -> Result<OpenHours, HoursError> {
        Ok(OpenHours {
            spec: Spec::Every(DayHours::parse(text)?),
        })
    }

    /// Hours by weekday: pairs of a day (`mon` … `sun`, or `monday` …) or
    /// `default`, and its hours.
    pub fn from_days<'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<OpenHours, HoursError> {
        let mut days: [Option<DayHours>; 7] = Default::default();
        let mut default = None;
        for (name, value) in entries {
            let hours = DayHours::parse(value).map_err(|source| HoursError::OfDay {
                day: name.to_owned(),
                source: Box::new(source),
            })?;
            let slot = if name.trim().eq_ignore_ascii_case("default") {
                &mut default
            } else {
                let index =
                    day_index(name).ok_or_else(|| HoursError::UnknownDay(name.to_owned()))?;
                &mut days[index]
            };
            if slot.is_some() {
                return Err(HoursError::Twice(name.to_owned()));
            }
            *slot = Some(hours);
        }
        Ok(OpenHours {
            spec: Spec::Week { days, default },
        })
    }

    /// The hours of `weekday`.
    pub fn day(&self, weekday: Weekday) -> &DayHours {
        const ALL_DAY: DayHours = DayHours::AllDay;
        match &self.spec {
            Spec::Every(hours) => hours,
            Spec::Week { days, default } => days[weekday.num_days_from_monday() as usize]
                .as_ref()
                .or(default.as_ref())
                .unwrap_or(&ALL_DAY),
        }
    }

    /// Whether the kiosk is open at `at` (local time).
    pub fn is_open(&self, at: NaiveDateTime) -> bool {
        self.spans(at.date(), 2)
            .iter()
            .any(|(open, close)| *open <= at && at < *close)
    }

    /// When it next opens (if closed at `at`) or closes (if open); `None`
    /// when that never happens (open all the time, or never).
    pub fn next_change(&self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        // The hours repeat every week: if the state ever changes, it
        // changes within a week of `at`.
        let horizon = at + TimeDelta::days(7);
        self.spans(at.date(), 9)
            .into_iter()
            .flat_map(|(open, close)| [open, close])
            .filter(|t| *t > at && *t <= horizon)
            .min()
    }

    /// The open spans of the days from the day before `from` to `days`
    /// days after it, merged where they touch or overlap, oldest first.
    fn spans(&self, from: NaiveDate, days: u64) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let first = from.pred_opt().unwrap_or(from);
        let mut spans: Vec<_> = first
            .iter_days()
            .take(days as usize + 2)
            .flat_map(|date| self.day(date.weekday()).spans(date))
            .collect();
        spans.sort();
        let mut merged: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::with_capacity(spans.len());
        for (open, close) in spans {
            match merged.last_mut() {
                Some(last) if open <= last.1 => last.1 = last.1.max(close),
                _ => merged.push((open, close)),
            }
        }
        merged
    }
}

impl fmt::Display for OpenHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.spec {
            Spec::Every(hours) => write!(f, "{hours}"),
            Spec::Week { days, default } => {
                f.write_str("{ ")?;
                let mut first = true;
                let named = DAY_NAMES.iter().zip(days.iter());
                for (name, hours) in named
                    .filter_map(|(name, hours)| Some((*name, hours.as_ref()?)))
                    .chain(default.as_ref().map(|hours| ("default", hours)))
                {
                    if !first {
                        f.write_str(", ")?;
                    }
                    first = false;
                    write!(f, "{name} = \"{hours}\"")?;
                }
                f.write_str(" }")
            }
        }
    }
}

impl Serialize for OpenHours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.spec {
            Spec::Every(hours) => serializer.serialize_str(&hours.to_string()),
            Spec::Week { days, default } => {
                let mut map = serializer.serialize_map(None)?;
                for (name, hours) in DAY_NAMES.iter().zip(days.iter()) {
                    if let Some(hours) = hours {
                        map.serialize_entry(name, &hours.to_string())?;
                    }
                }
                if let Some(hours) = default {
                    map.serialize_entry("default", &hours.to_string())?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for OpenHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<OpenHours, D::Error> {
        struct HoursVisitor;

        impl<'de> Visitor<'de> for HoursVisitor {
            type Value = OpenHours;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "hours such as \"08:00-21:00\", or a table of days such as \
                     { mon = \"08:00-21:00\", sun = \"closed\", default = \"09:00-18:00\" }",
                )
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<OpenHours, E> {
                OpenHours::parse(text).map_err(|why| E::custom(format!("open_hours: {why}")))
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<OpenHours, M::Error> {
                let mut entries: Vec<(String, String)> = Vec::new();
                while let Some((day, hours)) = map.next_entry::<String, String>()? {
                    entries.push((day, hours));
                }
                OpenHours::from_days(entries.iter().map(|(d, h)| (d.as_str(), h.as_str())))
                    .map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_any(HoursVisitor)
    }
}

/// Longest the app sleeps on its answer: a clock set after boot (NTP) or a
/// new time zone is followed within this long even when nothing is drawn.
pub const LOOK_AGAIN: Duration = Duration::from_secs(15 * 60);

/// The wall clock as the app sees it: the local time now, moved on by as
/// far as `now` (the app's clock, a fake one in tests) is ahead of the real
/// monotonic clock. With the system clock that is the local time now.
pub fn local_now(now: Instant) -> DateTime<Local> {
    let real = Instant::now();
    let ahead = if now >= real {
        TimeDelta::from_std(now - real).unwrap_or(TimeDelta::zero())
    } else {
        -TimeDelta::from_std(real - now).unwrap_or(TimeDelta::zero())
    };
    let wall = Local::now();
    wall.checked_add_signed(ahead).unwrap_or(wall)
}

/// What the app keeps: whether the kiosk is open now and until when that
/// holds, looked up from the wall clock only when the last answer runs out
/// (at the next change, or after [`LOOK_AGAIN`]). Cheap for every frame.
#[derive(Debug, Default)]
pub struct Schedule {
    look: Option<Look>,
}

#[derive(Debug)]
struct Look {
    hours: OpenHours,
    open: bool,
    next_change: Option<NaiveDateTime>,
    /// The wall clock when it looked, and the app's time then.
    wall: NaiveDateTime,
    at: Instant,
    /// When to look again.
    until: Instant,
}

impl Schedule {
    /// Brings the answer up to date for `now` (the app's clock) and the
    /// configured `hours`; returns how long until it should be asked again
    /// (the app repaints then), `None` without opening hours.
    pub fn update(&mut self, hours: Option<&OpenHours>, now: Instant) -> Option<Duration> {
        self.update_with(hours, now, || local_now(now))
    }

    /// [`Schedule::update`] with the wall clock given (tests).
    pub fn update_with<Tz: TimeZone>(
        &mut self,
        hours: Option<&OpenHours>,
        now: Instant,
        wall: impl FnOnce() -> DateTime<Tz>,
    ) -> Option<Duration> {
        let Some(hours) = hours else {
            self.look = None;
            return None;
        };
        if let Some(look) = &self.look
            && look.hours == *hours
            && now < look.until
        {
            return Some(look.until - now);
        }
        let wall = wall();
        let local = wall.naive_local();
        let next_change = hours.next_change(local);
        let until_change = next_change.map(|next| {
            // In real time: a daylight-saving change in between counts.
            let real = wall
                .timezone()
                .from_local_datetime(&next)
                .earliest()
                .map_or_else(|| next - local, |at| at.signed_duration_since(&wall));
            real.to_std().unwrap_or(Duration::ZERO)
        });
        let wait = until_change
            .unwrap_or(LOOK_AGAIN)
            .min(LOOK_AGAIN)
            .max(Duration::from_millis(10));
        self.look = Some(Look {
            hours: hours.clone(),
            open: hours.is_open(local),
            next_change,
            wall: local,
            at: now,
            until: now + wait,
        });
        Some(wait)
    }

    /// Whether the opening hours say closed (as of the last update).
    pub fn closed(&self) -> bool {
        self.look.as_ref().is_some_and(|look| !look.open)
    }

    /// When closed: when it opens again, if ever.
    pub fn reopens(&self) -> Option<NaiveDateTime> {
        self.look
            .as_ref()
            .filter(|look| !look.open)
            .and_then(|look| look.next_change)
    }

    /// The local date at `now`, from the last look (no clock read).
    pub fn today(&self, now: Instant) -> Option<NaiveDate> {
        let look = self.look.as_ref()?;
        let since = TimeDelta::from_std(now.saturating_duration_since(look.at)).ok()?;
        Some((look.wall + since).date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate};

    fn at(day: u32, time: &str) -> NaiveDateTime {
        // June 2026: the 1st is a Monday.
        let time = NaiveTime::parse_from_str(time, "%H:%M").unwrap_or(NaiveTime::MIN);
        NaiveDate::from_ymd_opt(2026, 6, day)
            .unwrap_or(NaiveDate::MIN)
            .and_time(time)
    }

    fn table(text: &str) -> OpenHours {
        #[derive(Deserialize)]
        struct File {
            open_hours: OpenHours,
        }
        toml::from_str::<File>(text)
            .unwrap_or_else(|e| panic!("{e}"))
            .open_hours
    }

    #[test]
    fn one_range_every_day() {
        let hours = OpenHours::parse("08:00-21:00").unwrap_or_else(|e| panic!("{e}"));
        assert!(!hours.is_open(at(1, "07:59")));
        assert!(hours.is_open(at(1, "08:00")));
        assert!(hours.is_open(at(1, "20:59")));
        assert!(!hours.is_open(at(1, "21:00")));
        assert_eq!(hours.next_change(at(1, "07:00")), Some(at(1, "08:00")));
        assert_eq!(hours.next_change(at(1, "08:00")), Some(at(1, "21:00")));
        assert_eq!(hours.next_change(at(1, "22:00")), Some(at(2, "08:00")));
    }

    #[test]
    fn a_range_may_cross_midnight() {
        let hours = OpenHours::parse("18:00-02:00").unwrap_or_else(|e| panic!("{e}"));
        assert!(hours.is_open(at(1, "23:30")));
        assert!(hours.is_open(at(2, "01:59")), "yesterday's range runs on");
        assert!(!hours.is_open(at(2, "02:00")));
        assert!(!hours.is_open(at(2, "17:59")));
        assert_eq!(hours.next_change(at(1, "23:00")), Some(at(2, "02:00")));
        assert_eq!(hours.next_change(at(2, "03:00")), Some(at(2, "18:00")));
        // Friday night belongs to Friday: closed on Saturday, Friday's
        // hours still run into Saturday morning.
        let hours = table("open_hours = { default = \"18:00-02:00\", sat = \"closed\" }");
        assert!(hours.is_open(at(6, "01:00")), "Saturday 01:00, from Friday");
        assert!(!hours.is_open(at(6, "19:00")), "Saturday evening");
        assert_eq!(hours.next_change(at(6, "01:00")), Some(at(6, "02:00")));
        assert_eq!(hours.next_change(at(6, "02:00")), Some(at(7, "18:00")));
    }

    #[test]
    fn a_table_by_weekday_with_a_default() {
        let hours = table(
            "open_hours = { mon = \"08:00-21:00\", sat = \"10:00-18:00\", sun = \"closed\" }",
        );
        // Days not named, and no default: open all day.
        assert!(hours.is_open(at(2, "03:00")), "Tuesday");
        assert!(hours.is_open(at(1, "08:00")), "Monday");
        assert!(!hours.is_open(at(1, "22:00")), "Monday night");
        assert!(!hours.is_open(at(7, "12:00")), "Sunday");
        // Monday 21:00 closes; Tuesday is open from midnight.
        assert_eq!(hours.next_change(at(1, "12:00")), Some(at(1, "21:00")));
        assert_eq!(hours.next_change(at(1, "21:00")), Some(at(2, "00:00")));
        // Friday and Saturday run together until Saturday 00:00.
        assert_eq!(hours.next_change(at(5, "12:00")), Some(at(6, "00:00")));
        assert_eq!(hours.next_change(at(6, "00:00")), Some(at(6, "10:00")));
        // Saturday 18:00 closes until Monday 08:00.
        assert_eq!(hours.next_change(at(6, "18:00")), Some(at(8, "08:00")));
        let hours = table(
            "[open_hours]\ndefault = \"09:00-17:00\"\nmonday = \"closed\"\nfri = \"09:00-12:00, 13:00-17:00\"\n",
        );
        assert!(!hours.is_open(at(1, "10:00")), "Monday");
        assert!(hours.is_open(at(2, "10:00")), "Tuesday takes the default");
        assert!(!hours.is_open(at(5, "12:30")), "Friday's lunch");
        assert_eq!(hours.next_change(at(5, "12:00")), Some(at(5, "13:00")));
    }

    #[test]
    fn always_and_never_do_not_change() {
        for text in ["open", "00:00-24:00"] {
            let hours = OpenHours::parse(text).unwrap_or_else(|e| panic!("{e}"));
            assert!(hours.is_open(at(3, "12:00")), "{text}");
            assert_eq!(hours.next_change(at(3, "12:00")), None, "{text}");
        }
        let hours = OpenHours::parse("closed").unwrap_or_else(|e| panic!("{e}"));
        assert!(!hours.is_open(at(3, "12:00")));
        assert_eq!(hours.next_change(at(3, "12:00")), None);
        // Open only on Sunday: the next opening is six days away.
        let hours = table("open_hours = { default = \"closed\", sun = \"open\" }");
        assert_eq!(hours.next_change(at(1, "12:00")), Some(at(7, "00:00")));
        assert_eq!(hours.next_change(at(7, "12:00")), Some(at(8, "00:00")));
    }

    #[test]
    fn mistakes_are_refused_in_plain_words() {
        for (text, says) in [
            ("8-21", "has no time \"8\""),
            ("08:00-25:00", "has no time \"25:00\""),
            ("08:00", "is not a time range"),
            ("08:00-08:00", "opens and closes at the same time"),
            ("24:00-08:00", "opens at 24:00"),
            ("sometimes", "is not a time range"),
        ] {
            let error = OpenHours::parse(text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(error.contains(says), "{text}: {error}");
            assert!(error.contains("expected a time range such as"), "{error}");
        }
        let error = OpenHours::from_days([("funday", "open")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("unknown day `funday`"), "{error}");
        let error = OpenHours::from_days([("mon", "open"), ("monday", "closed")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("given twice"), "{error}");
        let error = OpenHours::from_days([("sat", "10-18")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("open_hours.sat: "), "{error}");
    }

    #[test]
    fn written_back_as_read() {
        for text in [
            "open_hours = \"08:00-21:00\"",
            "open_hours = { mon = \"08:00-21:00\", sun = \"closed\", default = \"open\" }",
            "open_hours = \"18:00-02:00, 06:00-07:30\"",
        ] {
            let hours = table(text);
            #[derive(Serialize)]
            struct File<'a> {
                open_hours: &'a OpenHours,
            }
            let written =
                toml::to_string(&File { open_hours: &hours }).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(table(&written), hours, "{written}");
        }
        assert_eq!(
            table("open_hours = { sun = \"closed\", mon = \"8:00-21:00\" }").to_string(),
            "{ mon = \"08:00-21:00\", sun = \"closed\" }"
        );
    }

    #[test]
    fn the_schedule_looks_at_the_clock_only_when_its_answer_runs_out() {
        let hours = OpenHours::parse("08:00-21:00").unwrap_or_else(|e| panic!("{e}"));
        let zone = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("an offset"));
        let wall = |day, time| {
            zone.from_local_datetime(&at(day, time))
                .earliest()
                .unwrap_or_else(|| panic!("a time"))
        };
        let start = Instant::now();
        let mut schedule = Schedule::default();
        // 20:00: open for an hour more; looks again then at the latest.
        let wait = schedule.update_with(Some(&hours), start, || wall(1, "20:00"));
        assert_eq!(wait, Some(LOOK_AGAIN));
        assert!(!schedule.closed());
        // Within the answer's life the clock is not read.
        let later = start + Duration::from_secs(60);
        let wait = schedule.update_with(Some(&hours), later, || -> DateTime<FixedOffset> {
            panic!("the clock is read")
        });
        assert_eq!(wait, Some(LOOK_AGAIN - Duration::from_secs(60)));
        // 21:00: closed, opens at 08:00 the next day.
        let closing = start + Duration::from_secs(3600);
        schedule.update_with(Some(&hours), closing, || wall(1, "21:00"));
        assert!(schedule.closed());
        assert_eq!(schedule.reopens(), Some(at(2, "08:00")));
        assert_eq!(
            schedule.today(closing + Duration::from_secs(4 * 3600)),
            Some(at(2, "01:00").date())
        );
        // Just before opening, the wait is the time until it opens.
        let early = closing + Duration::from_secs(10 * 3600 + 55 * 60);
        let wait = schedule.update_with(Some(&hours), early, || wall(2, "07:55"));
        assert_eq!(wait, Some(Duration::from_secs(5 * 60)));
        // No opening hours: always open, nothing to wait for.
        assert_eq!(schedule.update(None, early), None);
        assert!(!schedule.closed());
    }
}
