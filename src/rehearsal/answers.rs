//! The walk's scripted respondent: a random valid answer to any question.

use rand::Rng;
use rand::seq::SliceRandom;

use crate::survey::{Answer, DateFormat, DateParts, InputKind, Meridiem, PairMut, Question};

/// A valid answer for `question`, chosen with `rng`. Optional questions are
/// sometimes left empty.
/// (Long because each question kind is one arm of one match over the pairing.)
pub fn random_answer(question: &Question, rng: &mut impl Rng) -> Answer {
    let mut answer = Answer::empty(question);
    if !question.required && rng.random_bool(0.2) {
        return answer;
    }
    match question.pair_mut(&mut answer) {
        // Nothing to give: descriptive text, unsupported kinds.
        PairMut::Nothing => {}
        PairMut::Single {
            choices,
            choice,
            other_text,
        } => {
            if let Some(c) = choices.get(rng.random_range(0..choices.len())) {
                *choice = Some(c.id);
                if c.other {
                    other_text.insert(c.id, "Rehearsal answer".into());
                }
            }
        }
        PairMut::Multiple {
            choices,
            min_select,
            max_select,
            chosen,
            other_text,
        } => {
            let exclusive: Vec<_> = choices.iter().filter(|c| c.exclusive).collect();
            let mut plain: Vec<_> = choices.iter().filter(|c| !c.exclusive).collect();
            let min = min_select.unwrap_or(1).max(1) as usize;
            let max = max_select
                .filter(|&m| m > 0)
                .map_or(plain.len(), |m| m as usize)
                .min(plain.len());
            if !exclusive.is_empty() && (rng.random_bool(0.15) || min > max) {
                chosen.push(exclusive[rng.random_range(0..exclusive.len())].id);
            } else if min <= max {
                plain.shuffle(rng);
                for c in plain.iter().take(rng.random_range(min..=max)) {
                    chosen.push(c.id);
                    if c.other {
                        other_text.insert(c.id, "Rehearsal answer".into());
                    }
                }
            }
        }
        PairMut::Text { fields, values } => {
            for (value, field) in values.iter_mut().zip(fields) {
                *value = match field.input {
                    InputKind::Email => format!("walker{}@example.com", rng.random_range(1..1000)),
                    InputKind::Number => rng.random_range(1..10).to_string(),
                    InputKind::Phone => format!("+1 555 01{:02}", rng.random_range(0..100)),
                    InputKind::Text => format!("Rehearsal answer {}", rng.random_range(1..1000)),
                };
            }
        }
        PairMut::Rank { items, ranks } => {
            let mut order: Vec<u32> = (1..=items.len() as u32).collect();
            order.shuffle(rng);
            for (rank, place) in ranks.iter_mut().zip(order) {
                *rank = Some(place);
            }
        }
        PairMut::Sum {
            items,
            total,
            values,
        } => {
            let total = total.map_or(100, |t| t.max(0.0).round() as u64);
            let mut left = total;
            let count = items.len();
            for (i, value) in values.iter_mut().enumerate() {
                let part = if i + 1 == count {
                    left
                } else {
                    rng.random_range(0..=left)
                };
                left -= part;
                *value = part.to_string();
            }
        }
        PairMut::Date { format, values, .. } => {
            for value in values.iter_mut() {
                let year = rng.random_range(2000..2031);
                let month = rng.random_range(1..13);
                let day = rng.random_range(1..29);
                *value = DateParts {
                    day: Some(day),
                    month: Some(month),
                    year: Some(year),
                    ..DateParts::default()
                };
                if format == DateFormat::DayMonthYearTime {
                    value.hour = Some(rng.random_range(1..13));
                    value.minute = Some(rng.random_range(0..60));
                    value.meridiem = Some(if rng.random_bool(0.5) {
                        Meridiem::Am
                    } else {
                        Meridiem::Pm
                    });
                }
            }
        }
        PairMut::Matrix {
            columns,
            multiple,
            chosen,
            ..
        } => {
            for row in chosen.iter_mut() {
                let mut ids: Vec<u64> = columns.iter().map(|c| c.id).collect();
                ids.shuffle(rng);
                let take = if multiple {
                    rng.random_range(1..=ids.len())
                } else {
                    1
                };
                *row = ids.into_iter().take(take).collect();
            }
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Question;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use serde_json::json;

    #[test]
    fn random_answers_pass_local_validation() {
        let sections = [
            json!({"id": 1, "type": "M", "required": true, "minSelect": 2, "maxSelect": 3,
                "answers": [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4, "other": true}, {"id": 5, "exclusive": true}],
                "formParam": {"paramPrefix": "m_"}}),
            json!({"id": 2, "type": "S", "required": true, "total": 100,
                "answers": [{"id": 1}, {"id": 2}, {"id": 3}], "formParam": {"paramPrefix": "s_"}}),
            json!({"id": 3, "type": "DT", "required": true, "dateFormat": "dmy_time",
                "answers": [{"id": 1}], "formParam": {"paramPrefix": "dt_"}}),
            json!({"id": 4, "type": "T", "required": true,
                "answers": [{"id": 1, "inputType": "email"}, {"id": 2, "inputType": "phone"}],
                "formParam": {"paramPrefix": "t_"}}),
            json!({"id": 5, "type": "R", "required": true, "answers": [{"id": 1}, {"id": 2}],
                "formParam": {"paramPrefix": "r_"}}),
            json!({"id": 6, "type": "MM", "required": true, "rows": [{"id": 7}], "answers": [{"id": 1}],
                "formParam": {"paramPrefix": "m_"}}),
        ];
        let mut rng = StdRng::seed_from_u64(7);
        for section in sections {
            let question = Question::from_section(&section, "");
            for _ in 0..200 {
                let answer = random_answer(&question, &mut rng);
                assert_eq!(
                    crate::survey::validate(&question, &answer),
                    None,
                    "{answer:?}"
                );
                assert!(!answer.is_empty());
            }
        }
    }
}
