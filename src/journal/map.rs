//! The survey map: what the kiosk has learned of a survey from the pages it
//! was served online, kept per survey and language, so it can go on taking
//! respondents without a network (offline capture).
//!
//! A page is kept as its envelope was received (questions, progress, the
//! way back), keyed by its fingerprint ([`crate::survey::page_hash`]). A
//! step is one transition seen: from a page (or the start, `""`) and the
//! choices sent on it ([`crate::survey::path_choices`]) to the next page
//! (`page:<hash>`) or a final status (`end:<status>`, with the final
//! envelope). The map holds question texts and answer ids, never what a
//! respondent typed.

use rusqlite::{OptionalExtension, params};

use super::{Journal, JournalError, now_text};

/// Which survey a map is of: a survey in one language (the kiosk's
/// `language` setting; `""` when none is set).
#[derive(Clone, Copy, Debug)]
pub struct MapOf<'a> {
    pub survey_id: u64,
    pub language: &'a str,
}

/// Where the map says a respondent goes next.
#[derive(Clone, Debug, PartialEq)]
pub enum MapNext {
    /// A page: its fingerprint and its envelope as received (JSON).
    Page { hash: String, envelope: String },
    /// A final status: the final envelope as received (JSON).
    End { status: String, envelope: String },
    /// This way on was never seen online.
    Unseen,
    /// Respondents who gave the same choices went different ways (a random
    /// branch, or the survey changed): the map cannot say.
    Disagrees,
}

/// Where a step leads, for [`Journal::learn_step`].
#[derive(Clone, Copy, Debug)]
pub enum StepTo<'a> {
    Page { hash: &'a str },
    End { status: &'a str, envelope: &'a str },
}

/// How much of a survey the map knows, for the operator: whether it is
/// ready before a researcher leaves the office.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// Pages seen online.
    pub pages: u64,
    /// Whether the survey's first page is known (capture can start).
    pub has_start: bool,
    /// Pages whose way on was never seen (a respondent reaching one is
    /// thanked there).
    pub dead_ends: u64,
    /// Answers of choice questions on known pages never sent online: a
    /// respondent who picks one is thanked there if the page branches.
    pub choices_never_answered: u64,
    /// When the map last learned a step (RFC 3339).
    pub last_learned: Option<String>,
}

impl Journal {
    /// Keeps a page served online (or counts it again).
    pub fn learn_page(
        &self,
        map: MapOf<'_>,
        hash: &str,
        page_key: &str,
        envelope: &str,
    ) -> Result<(), JournalError> {
        let now = now_text();
        // A page may pipe a respondent's earlier answer into its texts:
        // sealed like an answer.
        let envelope = self.seal("map_pages.envelope", envelope)?;
        self.conn.execute(
            "INSERT INTO map_pages (survey_id, language, page_hash, page_key, envelope,
                                    first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
             ON CONFLICT (survey_id, language, page_hash)
             DO UPDATE SET seen = seen + 1, last_seen = ?6, envelope = ?5",
            params![
                map.survey_id as i64,
                map.language,
                hash,
                page_key,
                envelope,
                now
            ],
        )?;
        Ok(())
    }

    /// Keeps a transition seen online (or counts it again).
    pub fn learn_step(
        &self,
        map: MapOf<'_>,
        from_hash: &str,
        choices: &str,
        to: StepTo<'_>,
    ) -> Result<(), JournalError> {
        let (step, envelope) = match to {
            StepTo::Page { hash } => (format!("page:{hash}"), None),
            StepTo::End { status, envelope } => (
                format!("end:{status}"),
                Some(self.seal("map_steps.end_envelope", envelope)?),
            ),
        };
        self.conn.execute(
            "INSERT INTO map_steps (survey_id, language, from_hash, choices, to_step,
                                    end_envelope, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (survey_id, language, from_hash, choices, to_step)
             DO UPDATE SET seen = seen + 1, last_seen = ?7,
                           end_envelope = COALESCE(?6, end_envelope)",
            params![
                map.survey_id as i64,
                map.language,
                from_hash,
                choices,
                step,
                envelope,
                now_text()
            ],
        )?;
        Ok(())
    }

    /// Where the map says a respondent goes from `from_hash` (`""`: the
    /// start) with these choices (`way_on` says how it decides).
    pub fn map_next(
        &self,
        map: MapOf<'_>,
        from_hash: &str,
        choices: &str,
    ) -> Result<MapNext, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT choices, to_step, end_envelope FROM map_steps
             WHERE survey_id = ?1 AND language = ?2 AND from_hash = ?3",
        )?;
        let steps = statement
            .query_map(
                params![map.survey_id as i64, map.language, from_hash],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Option<String>>(2)?,
                    ))
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let seen: Vec<(&str, &str)> = steps
            .iter()
            .map(|(line, to, _)| (line.as_str(), to.as_str()))
            .collect();
        let step = match way_on(&seen, choices) {
            Way::To(step) => step.to_owned(),
            Way::Unseen => return Ok(MapNext::Unseen),
            Way::Disagrees => return Ok(MapNext::Disagrees),
        };
        if let Some(hash) = step.strip_prefix("page:") {
            return Ok(match self.map_page(map, hash)? {
                Some(envelope) => MapNext::Page {
                    hash: hash.to_owned(),
                    envelope,
                },
                None => MapNext::Unseen,
            });
        }
        let envelope = steps
            .iter()
            .find(|(_, to, _)| *to == step)
            .and_then(|(_, _, envelope)| envelope.as_deref())
            .map(|sealed| self.unseal("map_steps.end_envelope", sealed))
            .transpose()?;
        Ok(match (step.strip_prefix("end:"), envelope) {
            (Some(status), Some(envelope)) => MapNext::End {
                status: status.to_owned(),
                envelope,
            },
            _ => MapNext::Unseen,
        })
    }

    /// A page of the map by its fingerprint: its envelope as received.
    pub fn map_page(&self, map: MapOf<'_>, hash: &str) -> Result<Option<String>, JournalError> {
        let sealed: Option<String> = self
            .conn
            .query_row(
                "SELECT envelope FROM map_pages
                 WHERE survey_id = ?1 AND language = ?2 AND page_hash = ?3",
                params![map.survey_id as i64, map.language, hash],
                |row| row.get(0),
            )
            .optional()?;
        sealed
            .map(|text| self.unseal("map_pages.envelope", &text))
            .transpose()
    }

    /// Every page of a survey's map (fingerprint, envelope), for the
    /// coverage count.
    pub fn map_pages(&self, map: MapOf<'_>) -> Result<Vec<(String, String)>, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT page_hash, envelope FROM map_pages WHERE survey_id = ?1 AND language = ?2
             ORDER BY first_seen",
        )?;
        let rows = statement
            .query_map(params![map.survey_id as i64, map.language], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(hash, sealed)| Ok((hash, self.unseal("map_pages.envelope", &sealed)?)))
            .collect()
    }

    /// The choices lines seen leaving a page.
    pub fn map_choices_from(
        &self,
        map: MapOf<'_>,
        from_hash: &str,
    ) -> Result<Vec<String>, JournalError> {
        let mut statement = self.conn.prepare(
            "SELECT DISTINCT choices FROM map_steps
             WHERE survey_id = ?1 AND language = ?2 AND from_hash = ?3",
        )?;
        let rows = statement
            .query_map(
                params![map.survey_id as i64, map.language, from_hash],
                |row| row.get(0),
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// How much of a survey the map knows.
    pub fn map_coverage(&self, map: MapOf<'_>) -> Result<Coverage, JournalError> {
        let pages = self.map_pages(map)?;
        let mut coverage = Coverage {
            pages: pages.len() as u64,
            has_start: !self.map_choices_from(map, "")?.is_empty(),
            last_learned: self.map_last_learned(map)?,
            ..Coverage::default()
        };
        for (hash, envelope) in &pages {
            let lines = self.map_choices_from(map, hash)?;
            if lines.is_empty() {
                coverage.dead_ends += 1;
            }
            let sent: Vec<(&str, Vec<&str>)> = lines
                .iter()
                .flat_map(|line| line.split(';'))
                .filter_map(|part| part.split_once('='))
                .map(|(key, ids)| (key, ids.split('+').collect()))
                .collect();
            let questions = serde_json::from_str::<serde_json::Value>(envelope)
                .ok()
                .and_then(|value| crate::api::Envelope::from_value(&value).ok())
                .map(|envelope| envelope.questions)
                .unwrap_or_default();
            for (key, offered) in choice_keys(&questions) {
                for id in offered {
                    let id = id.to_string();
                    if !sent
                        .iter()
                        .any(|(k, ids)| *k == key && ids.contains(&id.as_str()))
                    {
                        coverage.choices_never_answered += 1;
                    }
                }
            }
        }
        Ok(coverage)
    }

    /// When the map last learned something of this survey.
    pub fn map_last_learned(&self, map: MapOf<'_>) -> Result<Option<String>, JournalError> {
        Ok(self.conn.query_row(
            "SELECT MAX(last_seen) FROM map_steps WHERE survey_id = ?1 AND language = ?2",
            params![map.survey_id as i64, map.language],
            |row| row.get(0),
        )?)
    }
}

/// The body keys of a page's choice questions with the answer ids each
/// offers (a matrix: each row with the columns).
fn choice_keys(questions: &[crate::survey::Question]) -> Vec<(String, Vec<u64>)> {
    use crate::survey::QuestionKind;
    let ids = |choices: &[crate::survey::Choice]| choices.iter().map(|c| c.id).collect::<Vec<_>>();
    let mut keys = Vec::new();
    for question in questions {
        match &question.kind {
            QuestionKind::SingleChoice { choices } => {
                keys.push((format!("u_{}", question.id), ids(choices)));
            }
            QuestionKind::MultipleChoice { choices, .. } => {
                keys.push((format!("m_{}", question.id), ids(choices)));
            }
            QuestionKind::Matrix {
                rows,
                columns,
                multiple,
            } => {
                let prefix = if *multiple { "m_" } else { "u_" };
                for row in rows {
                    keys.push((format!("{prefix}{}", row.id), ids(columns)));
                }
            }
            _ => {}
        }
    }
    keys
}

/// What the steps seen from a page say of the way on with `choices`.
#[derive(Debug, PartialEq, Eq)]
enum Way<'a> {
    To(&'a str),
    Unseen,
    Disagrees,
}

/// Where the steps seen leaving a page (`(choices, to)`) lead with
/// `choices`, in this order:
/// 1. respondents who sent exactly these choices went one way: that way
///    (several ways: the map cannot say);
/// 2. every respondent went the same way, whatever they chose: the page
///    does not branch, that way;
/// 3. the page branches: the answers that decided it are those whose every
///    value seen went one way; where the respondent's value of such an
///    answer was seen, that way (if such answers disagree, the map cannot
///    say).
///
/// Otherwise the way on was never seen. A wrong guess is caught by replay,
/// which compares every page the server serves with the page shown.
fn way_on<'a>(seen: &[(&str, &'a str)], choices: &str) -> Way<'a> {
    let distinct = |ways: &mut Vec<&'a str>| {
        ways.sort_unstable();
        ways.dedup();
    };
    let mut exact: Vec<&str> = seen
        .iter()
        .filter(|(line, _)| *line == choices)
        .map(|(_, to)| *to)
        .collect();
    distinct(&mut exact);
    match exact.as_slice() {
        [one] => return Way::To(one),
        [] => {}
        _ => return Way::Disagrees,
    }
    let mut all: Vec<&str> = seen.iter().map(|(_, to)| *to).collect();
    distinct(&mut all);
    match all.as_slice() {
        [] => return Way::Unseen,
        [one] => return Way::To(one),
        _ => {}
    }
    let value = |line: &'_ str, key: &str| -> String {
        line.split(';')
            .filter_map(|part| part.split_once('='))
            .find(|(k, _)| *k == key)
            .map_or_else(String::new, |(_, v)| v.to_owned())
    };
    let mut keys: Vec<&str> = seen
        .iter()
        .flat_map(|(line, _)| line.split(';'))
        .filter_map(|part| part.split_once('=').map(|(k, _)| k))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut decided: Vec<&str> = Vec::new();
    for key in keys {
        let mine = value(choices, key);
        let mut ways_for_mine: Vec<&str> = Vec::new();
        let mut consistent = true;
        let mut by_value: Vec<(String, &str)> = Vec::new();
        for (line, to) in seen {
            let theirs = value(line, key);
            match by_value.iter().find(|(v, _)| *v == theirs) {
                Some((_, way)) if way != to => consistent = false,
                Some(_) => {}
                None => by_value.push((theirs.clone(), to)),
            }
            if theirs == mine {
                ways_for_mine.push(to);
            }
        }
        distinct(&mut ways_for_mine);
        if let (true, [way]) = (consistent, ways_for_mine.as_slice()) {
            decided.push(way);
        }
    }
    distinct(&mut decided);
    match decided.as_slice() {
        [] => Way::Unseen,
        [one] => Way::To(one),
        _ => Way::Disagrees,
    }
}

#[cfg(test)]
mod tests {
    use super::{Way, way_on};

    #[test]
    fn the_same_choices_go_the_way_they_went() {
        let seen = [("u_1=11", "page:b"), ("u_1=12", "end:terminated")];
        assert_eq!(way_on(&seen, "u_1=11"), Way::To("page:b"));
        assert_eq!(way_on(&seen, "u_1=12"), Way::To("end:terminated"));
    }

    #[test]
    fn a_page_that_never_branched_goes_on_whatever_was_chosen() {
        let seen = [("m_2=21;u_1=11", "page:b"), ("m_2=22+23;u_1=12", "page:b")];
        assert_eq!(way_on(&seen, "m_2=23;u_1=13"), Way::To("page:b"));
    }

    #[test]
    fn a_branching_page_follows_the_answer_that_decided_it() {
        let seen = [
            ("m_2=21;u_1=11", "page:b"),
            ("m_2=22;u_1=12", "end:terminated"),
            ("m_2=23;u_1=11", "page:b"),
        ];
        // u_1 decided every way seen; m_2=24 was never seen.
        assert_eq!(way_on(&seen, "m_2=24;u_1=12"), Way::To("end:terminated"));
        assert_eq!(way_on(&seen, "m_2=24;u_1=11"), Way::To("page:b"));
        // An answer of u_1 never seen, and m_2's value never seen: unseen.
        assert_eq!(way_on(&seen, "m_2=24;u_1=13"), Way::Unseen);
    }

    #[test]
    fn the_same_choices_going_different_ways_disagree() {
        let seen = [("u_1=11", "page:b"), ("u_1=11", "page:c")];
        assert_eq!(way_on(&seen, "u_1=11"), Way::Disagrees);
    }

    #[test]
    fn nothing_seen_is_unseen() {
        assert_eq!(way_on(&[], "u_1=11"), Way::Unseen);
    }
}
