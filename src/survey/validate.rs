//! Local checks that mirror what the server will check, so a respondent
//! hears about a problem at once and beside the question.

use super::answer::{Answer, DateParts};
use super::pair::Pair;
use super::question::{Choice, DateFormat, InputKind, Question};
use crate::i18n::Words;
use crate::words;

/// A problem with one question's answer, in words a respondent understands.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Index of the question on its page.
    pub index: usize,
    pub message: Words,
}

/// Every problem on a page, in page order (the first is the one to scroll to).
pub fn validate_page(questions: &[Question], answers: &[Answer]) -> Vec<Problem> {
    questions
        .iter()
        .zip(answers)
        .enumerate()
        .filter_map(|(index, (question, answer))| {
            validate(question, answer).map(|message| Problem { index, message })
        })
        .collect()
}

/// The first problem with `answer`, if any.
/// (Long because each question kind is one arm of one match over the pairing.)
pub fn validate(question: &Question, answer: &Answer) -> Option<Words> {
    let required = question.required;
    match question.pair(answer) {
        // Nothing to check: descriptive text, unsupported kinds.
        Pair::Nothing => None,
        Pair::Single {
            choices,
            choice,
            other_text,
        } => {
            let Some(id) = choice else {
                return required.then(|| words!("validate-choose-one"));
            };
            other_missing(choices, &[id], other_text)
        }
        Pair::Multiple {
            choices,
            min_select,
            max_select,
            chosen,
            other_text,
        } => {
            let count = choices.iter().filter(|c| chosen.contains(&c.id)).count();
            if count == 0 {
                return required.then(|| words!("validate-choose-some"));
            }
            let exclusive = choices
                .iter()
                .find(|c| c.exclusive && chosen.contains(&c.id));
            if let Some(exclusive) = exclusive
                && count > 1
            {
                return Some(words!(
                    "validate-exclusive",
                    answer = exclusive.text.as_str()
                ));
            }
            if exclusive.is_none() {
                if let Some(min) = min_select.filter(|&m| count < m as usize) {
                    return Some(words!("validate-min-choices", min = min));
                }
                if let Some(max) = max_select.filter(|&m| m > 0 && count > m as usize) {
                    return Some(words!("validate-max-choices", max = max));
                }
            }
            other_missing(choices, chosen, other_text)
        }
        Pair::Text { fields, values } => {
            for (field, value) in fields.iter().zip(values) {
                let value = value.trim();
                if value.is_empty() {
                    if required {
                        return Some(if fields.len() > 1 && !field.text.is_empty() {
                            words!("validate-fill-in", field = field.text.as_str())
                        } else {
                            words!("validate-answer")
                        });
                    }
                    continue;
                }
                if let Some(problem) = check_input(field, value) {
                    return Some(problem);
                }
            }
            None
        }
        Pair::Rank { items, ranks } => {
            let mut given: Vec<u32> = ranks.iter().flatten().copied().collect();
            if given.is_empty() {
                return required.then(|| words!("validate-rank-order"));
            }
            if required && given.len() < items.len() {
                return Some(words!("validate-rank-every"));
            }
            given.sort_unstable();
            let contiguous = given
                .iter()
                .zip(1u32..)
                .all(|(&rank, expected)| rank == expected);
            (!contiguous).then(|| words!("validate-rank-once"))
        }
        Pair::Sum { total, values, .. } => {
            let filled: Vec<&str> = values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            if filled.is_empty() && !required {
                return None;
            }
            let mut sum = 0.0;
            for value in filled {
                match value.parse::<f64>() {
                    Ok(n) if n.is_finite() && n >= 0.0 => sum += n,
                    _ => return Some(words!("validate-not-a-number", value = value)),
                }
            }
            match total {
                Some(total) if (sum - total).abs() > 1e-9 => {
                    Some(words!("validate-sum-total", total = total, sum = sum))
                }
                None if sum == 0.0 && required => Some(words!("validate-answer")),
                _ => None,
            }
        }
        Pair::Date { format, values, .. } => {
            for parts in values {
                if parts.is_empty() {
                    if required {
                        return Some(words!("validate-date"));
                    }
                    continue;
                }
                if let Some(problem) = check_date(format, parts) {
                    return Some(problem);
                }
            }
            None
        }
        Pair::Matrix { rows, chosen, .. } => {
            // Every missing row is named, not only the first.
            let missing: Vec<&str> = rows
                .iter()
                .zip(chosen)
                .filter(|(_, ids)| ids.is_empty())
                .map(|(row, _)| row.text.trim())
                .collect();
            if !required || missing.is_empty() {
                return None;
            }
            let named: Vec<String> = missing
                .iter()
                .filter(|text| !text.is_empty())
                .map(|text| (*text).to_owned())
                .collect();
            Some(match named.as_slice() {
                [] => words!("validate-every-row"),
                [one] => words!("validate-row-missing", row = one),
                [..] => words!("validate-rows-missing", rows = named),
            })
        }
    }
}

fn other_missing(
    choices: &[Choice],
    chosen: &[u64],
    other_text: &std::collections::BTreeMap<u64, String>,
) -> Option<Words> {
    choices
        .iter()
        .filter(|c| c.other && chosen.contains(&c.id))
        .find(|c| other_text.get(&c.id).is_none_or(|t| t.trim().is_empty()))
        .map(|c| {
            if c.text.is_empty() {
                words!("validate-specify")
            } else {
                words!("validate-specify-named", answer = c.text.as_str())
            }
        })
}

fn check_input(field: &Choice, value: &str) -> Option<Words> {
    match field.input {
        InputKind::Text => None,
        InputKind::Email => (!looks_like_email(value)).then(|| words!("validate-email")),
        InputKind::Number => value
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .is_none()
            .then(|| words!("validate-number")),
        InputKind::Phone => phone_problem(value),
    }
}

pub fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.contains(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty() && !tld.ends_with('.'))
}

/// What is wrong with a phone number, exactly: a character a phone number
/// does not have, or too few digits.
fn phone_problem(value: &str) -> Option<Words> {
    if looks_like_phone(value) {
        return None;
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_digit() || " +-()".contains(*c)))
    {
        return Some(words!("validate-phone-char", char = bad.to_string()));
    }
    Some(words!("validate-phone-short"))
}

pub fn looks_like_phone(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && value.chars().filter(char::is_ascii_digit).count() >= 6
}

fn check_date(format: DateFormat, parts: &DateParts) -> Option<Words> {
    if parts.day.is_none() || parts.month.is_none() || parts.year.is_none() {
        return Some(words!("validate-date-parts"));
    }
    if parts.date().is_none() {
        return Some(words!("validate-date-invalid"));
    }
    if format == DateFormat::DayMonthYearTime {
        match (parts.hour, parts.minute, parts.meridiem) {
            (Some(hour), Some(minute), Some(_)) if (1..=12).contains(&hour) && minute < 60 => {}
            (None, None, None) => return Some(words!("validate-time")),
            _ => return Some(words!("validate-time-range")),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_message_says_what_is_wrong() {
        assert_eq!(phone_problem("+1 555 0100"), None);
        assert_eq!(
            phone_problem("12").map(|m| m.to_string()).as_deref(),
            Some("A phone number has at least 6 digits.")
        );
        assert!(
            phone_problem("555-CALL-NOW")
                .is_some_and(|m| m.to_string().contains("\u{201c}C\u{201d}"))
        );
        let german = crate::i18n::Tr::new(crate::i18n::Language::German);
        assert_eq!(
            phone_problem("12").map(|m| german.say(&m)).as_deref(),
            Some("Eine Telefonnummer hat mindestens 6 Ziffern.")
        );
    }

    #[test]
    fn a_matrix_names_every_missing_row() {
        let question = Question::from_section(
            &serde_json::json!({"id": 1, "type": "MU", "required": true,
                "rows": [{"id": 11, "text": "Staff"}, {"id": 12, "text": "Prices"},
                         {"id": 13, "text": "Choice"}],
                "answers": [{"id": 21, "text": "Good"}],
                "formParam": {"paramPrefix": "u_"}}),
            "",
        );
        let answer = Answer::Matrix {
            rows: vec![vec![], vec![21], vec![]],
        };
        let problem = validate(&question, &answer);
        assert_eq!(
            problem.as_ref().map(ToString::to_string).as_deref(),
            Some(
                "Please answer every row (\u{201c}Staff\u{201d} and \u{201c}Choice\u{201d} are missing)."
            )
        );
        // Each language quotes and joins the names its own way.
        let say = |language| {
            problem
                .as_ref()
                .map(|p| crate::i18n::Tr::new(language).say(p))
                .unwrap_or_default()
        };
        assert_eq!(
            say(crate::i18n::Language::German),
            "Bitte beantworten Sie jede Zeile (\u{201e}Staff\u{201c} und \u{201e}Choice\u{201c} fehlen)."
        );
        assert_eq!(
            say(crate::i18n::Language::Japanese),
            "すべての行に回答してください（「Staff」と「Choice」が未回答です）。"
        );
        let three = Answer::Matrix {
            rows: vec![vec![], vec![], vec![]],
        };
        assert_eq!(
            validate(&question, &three)
                .map(|p| p.to_string())
                .as_deref(),
            Some(
                "Please answer every row (\u{201c}Staff\u{201d}, \u{201c}Prices\u{201d} and \u{201c}Choice\u{201d} are missing)."
            )
        );
    }
}
