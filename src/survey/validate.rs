//! Local checks that mirror what the server will check, so a respondent
//! hears about a problem at once and beside the question.

use super::answer::{Answer, DateParts};
use super::question::{Choice, DateFormat, InputKind, Question, QuestionKind};

/// A problem with one question's answer, in words a respondent understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Index of the question on its page.
    pub index: usize,
    pub message: String,
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
pub fn validate(question: &Question, answer: &Answer) -> Option<String> {
    let required = question.required;
    match (&question.kind, answer) {
        (QuestionKind::SingleChoice { choices }, Answer::Single { choice, other_text }) => {
            let Some(id) = choice else {
                return required.then(|| "Please choose an answer.".to_owned());
            };
            other_missing(choices, std::slice::from_ref(id), other_text)
        }
        (
            QuestionKind::MultipleChoice {
                choices,
                min_select,
                max_select,
            },
            Answer::Multiple { chosen, other_text },
        ) => {
            let count = choices.iter().filter(|c| chosen.contains(&c.id)).count();
            if count == 0 {
                return required.then(|| "Please choose at least one answer.".to_owned());
            }
            let exclusive = choices
                .iter()
                .find(|c| c.exclusive && chosen.contains(&c.id));
            if let Some(exclusive) = exclusive
                && count > 1
            {
                return Some(format!(
                    "\u{201c}{}\u{201d} cannot be combined with other answers.",
                    exclusive.text
                ));
            }
            if exclusive.is_none() {
                if let Some(min) = min_select.filter(|&m| count < m as usize) {
                    return Some(format!("Please choose at least {min}."));
                }
                if let Some(max) = max_select.filter(|&m| m > 0 && count > m as usize) {
                    return Some(format!("Please choose no more than {max}."));
                }
            }
            other_missing(choices, chosen, other_text)
        }
        (QuestionKind::Text { fields }, Answer::Text { values }) => {
            for (field, value) in fields.iter().zip(values) {
                let value = value.trim();
                if value.is_empty() {
                    if required {
                        return Some(if fields.len() > 1 && !field.text.is_empty() {
                            format!("Please fill in \u{201c}{}\u{201d}.", field.text)
                        } else {
                            "Please answer this question.".to_owned()
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
        (QuestionKind::Rank { items }, Answer::Rank { ranks }) => {
            let mut given: Vec<u32> = ranks.iter().flatten().copied().collect();
            if given.is_empty() {
                return required.then(|| "Please put the items in order.".to_owned());
            }
            if required && given.len() < items.len() {
                return Some("Please give every item a position.".to_owned());
            }
            given.sort_unstable();
            let contiguous = given
                .iter()
                .zip(1u32..)
                .all(|(&rank, expected)| rank == expected);
            (!contiguous).then(|| "Each position may be used once, starting from 1.".to_owned())
        }
        (QuestionKind::ConstantSum { total, .. }, Answer::Sum { values }) => {
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
                    _ => return Some(format!("\u{201c}{value}\u{201d} is not a number.")),
                }
            }
            match total {
                Some(total) if (sum - total).abs() > 1e-9 => Some(format!(
                    "The numbers must add up to {}; they add up to {}.",
                    format_number(*total),
                    format_number(sum)
                )),
                None if sum == 0.0 && required => Some("Please answer this question.".to_owned()),
                _ => None,
            }
        }
        (QuestionKind::Date { format, .. }, Answer::Date { values }) => {
            for parts in values {
                if parts.is_empty() {
                    if required {
                        return Some("Please give a date.".to_owned());
                    }
                    continue;
                }
                if let Some(problem) = check_date(*format, parts) {
                    return Some(problem);
                }
            }
            None
        }
        (QuestionKind::Matrix { rows, .. }, Answer::Matrix { rows: chosen }) => {
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
                .map(|text| format!("\u{201c}{text}\u{201d}"))
                .collect();
            Some(match named.as_slice() {
                [] => "Please answer every row.".to_owned(),
                [one] => format!("Please answer every row ({one} is missing)."),
                [first @ .., last] => format!(
                    "Please answer every row ({} and {last} are missing).",
                    first.join(", ")
                ),
            })
        }
        // Nothing to check: descriptive text, unsupported kinds, an answer of
        // another shape (never made by `Answer::empty`).
        (
            QuestionKind::Descriptive
            | QuestionKind::Unsupported { .. }
            | QuestionKind::SingleChoice { .. }
            | QuestionKind::MultipleChoice { .. }
            | QuestionKind::Text { .. }
            | QuestionKind::Rank { .. }
            | QuestionKind::ConstantSum { .. }
            | QuestionKind::Date { .. }
            | QuestionKind::Matrix { .. },
            Answer::Nothing
            | Answer::Single { .. }
            | Answer::Multiple { .. }
            | Answer::Text { .. }
            | Answer::Rank { .. }
            | Answer::Sum { .. }
            | Answer::Date { .. }
            | Answer::Matrix { .. },
        ) => None,
    }
}

fn other_missing(
    choices: &[Choice],
    chosen: &[u64],
    other_text: &std::collections::BTreeMap<u64, String>,
) -> Option<String> {
    choices
        .iter()
        .filter(|c| c.other && chosen.contains(&c.id))
        .find(|c| other_text.get(&c.id).is_none_or(|t| t.trim().is_empty()))
        .map(|c| {
            if c.text.is_empty() {
                "Please specify your answer.".to_owned()
            } else {
                format!("Please specify \u{201c}{}\u{201d}.", c.text)
            }
        })
}

fn check_input(field: &Choice, value: &str) -> Option<String> {
    match field.input {
        InputKind::Text => None,
        InputKind::Email => (!looks_like_email(value))
            .then(|| "Please enter an email address like name@example.com.".to_owned()),
        InputKind::Number => value
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .is_none()
            .then(|| "Please enter a number.".to_owned()),
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
fn phone_problem(value: &str) -> Option<String> {
    if looks_like_phone(value) {
        return None;
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_digit() || " +-()".contains(*c)))
    {
        return Some(format!(
            "\u{201c}{bad}\u{201d} is not part of a phone number: use digits, spaces and + - ( )."
        ));
    }
    Some("A phone number has at least 6 digits.".to_owned())
}

pub fn looks_like_phone(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && value.chars().filter(char::is_ascii_digit).count() >= 6
}

fn check_date(format: DateFormat, parts: &DateParts) -> Option<String> {
    if parts.day.is_none() || parts.month.is_none() || parts.year.is_none() {
        return Some("Please give the day, the month and the year.".to_owned());
    }
    if parts.date().is_none() {
        return Some("That date does not exist in the calendar.".to_owned());
    }
    if format == DateFormat::DayMonthYearTime {
        match (parts.hour, parts.minute, parts.meridiem) {
            (Some(hour), Some(minute), Some(_)) if (1..=12).contains(&hour) && minute < 60 => {}
            (None, None, None) => return Some("Please give the time.".to_owned()),
            _ => return Some("Please give a time between 1:00 and 12:59, AM or PM.".to_owned()),
        }
    }
    None
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_message_says_what_is_wrong() {
        assert_eq!(phone_problem("+1 555 0100"), None);
        assert_eq!(
            phone_problem("12").as_deref(),
            Some("A phone number has at least 6 digits.")
        );
        assert!(phone_problem("555-CALL-NOW").is_some_and(|m| m.contains("\u{201c}C\u{201d}")));
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
        assert_eq!(
            validate(&question, &answer).as_deref(),
            Some(
                "Please answer every row (\u{201c}Staff\u{201d} and \u{201c}Choice\u{201d} are missing)."
            )
        );
    }
}
