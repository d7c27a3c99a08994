//! A question and its answer, paired by kind: the one place where
//! [`QuestionKind`] and [`Answer`] meet.
//!
//! Everything that needs both (reading an embedded answer or a sent body,
//! encoding, validation, the widgets, the walk's random answers) matches on
//! a [`Pair`] or [`PairMut`]. Each has one variant per kind, holding the
//! question's data and the answer's state of that kind together, so an
//! answer that does not fit its question never reaches them, and a new kind
//! of question is a new variant here that the compiler then asks every one
//! of them to handle.

use std::collections::BTreeMap;

use super::answer::{Answer, DateParts};
use super::question::{Choice, DateFormat, Id, Question, QuestionKind, Row};

/// A question's data with its answer, read-only.
#[derive(Debug)]
pub enum Pair<'q, 'a> {
    /// Descriptive text, an unsupported kind, or (never made by
    /// [`Answer::empty`]) an answer of another kind: nothing to give.
    Nothing,
    Single {
        choices: &'q [Choice],
        choice: Option<Id>,
        other_text: &'a BTreeMap<Id, String>,
    },
    Multiple {
        choices: &'q [Choice],
        min_select: Option<u32>,
        max_select: Option<u32>,
        chosen: &'a [Id],
        other_text: &'a BTreeMap<Id, String>,
    },
    Text {
        fields: &'q [Choice],
        values: &'a [String],
    },
    Rank {
        items: &'q [Choice],
        ranks: &'a [Option<u32>],
    },
    Sum {
        items: &'q [Choice],
        total: Option<f64>,
        values: &'a [String],
    },
    Date {
        fields: &'q [Choice],
        format: DateFormat,
        values: &'a [DateParts],
    },
    Matrix {
        rows: &'q [Row],
        columns: &'q [Choice],
        multiple: bool,
        chosen: &'a [Vec<Id>],
    },
}

/// A question's data with its answer, to change the answer.
#[derive(Debug)]
pub enum PairMut<'q, 'a> {
    /// Descriptive text or an unsupported kind: nothing to give.
    Nothing,
    Single {
        choices: &'q [Choice],
        choice: &'a mut Option<Id>,
        other_text: &'a mut BTreeMap<Id, String>,
    },
    Multiple {
        choices: &'q [Choice],
        min_select: Option<u32>,
        max_select: Option<u32>,
        chosen: &'a mut Vec<Id>,
        other_text: &'a mut BTreeMap<Id, String>,
    },
    /// One value per field.
    Text {
        fields: &'q [Choice],
        values: &'a mut [String],
    },
    /// One rank per item.
    Rank {
        items: &'q [Choice],
        ranks: &'a mut [Option<u32>],
    },
    /// One value per item.
    Sum {
        items: &'q [Choice],
        total: Option<f64>,
        values: &'a mut [String],
    },
    /// One date per field.
    Date {
        fields: &'q [Choice],
        format: DateFormat,
        values: &'a mut [DateParts],
    },
    /// One list of chosen columns per row.
    Matrix {
        rows: &'q [Row],
        columns: &'q [Choice],
        multiple: bool,
        chosen: &'a mut [Vec<Id>],
    },
}

impl Question {
    /// This question with `answer`. An answer of another kind (which
    /// [`Answer::empty`] never makes) pairs as [`Pair::Nothing`]: nothing to
    /// send, nothing to check.
    pub fn pair<'q, 'a>(&'q self, answer: &'a Answer) -> Pair<'q, 'a> {
        match (&self.kind, answer) {
            (QuestionKind::SingleChoice { choices }, Answer::Single { choice, other_text }) => {
                Pair::Single {
                    choices,
                    choice: *choice,
                    other_text,
                }
            }
            (
                QuestionKind::MultipleChoice {
                    choices,
                    min_select,
                    max_select,
                },
                Answer::Multiple { chosen, other_text },
            ) => Pair::Multiple {
                choices,
                min_select: *min_select,
                max_select: *max_select,
                chosen,
                other_text,
            },
            (QuestionKind::Text { fields }, Answer::Text { values }) => {
                Pair::Text { fields, values }
            }
            (QuestionKind::Rank { items }, Answer::Rank { ranks }) => Pair::Rank { items, ranks },
            (QuestionKind::ConstantSum { items, total }, Answer::Sum { values }) => Pair::Sum {
                items,
                total: *total,
                values,
            },
            (QuestionKind::Date { fields, format }, Answer::Date { values }) => Pair::Date {
                fields,
                format: *format,
                values,
            },
            (
                QuestionKind::Matrix {
                    rows,
                    columns,
                    multiple,
                },
                Answer::Matrix { rows: chosen },
            ) => Pair::Matrix {
                rows,
                columns,
                multiple: *multiple,
                chosen,
            },
            // Every kind is named, so a new one is considered here.
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
                _,
            ) => Pair::Nothing,
        }
    }

    /// This question with `answer`, to change it. The answer is given this
    /// question's shape first, keeping what fits: an answer of another kind
    /// becomes an empty one of this kind, and every list has one entry per
    /// field, item or row.
    /// (Long because each question kind is one arm: the one place kinds and answers meet.)
    pub fn pair_mut<'q, 'a>(&'q self, answer: &'a mut Answer) -> PairMut<'q, 'a> {
        if !answer.fits(self) {
            *answer = Answer::empty(self);
        }
        match (&self.kind, answer) {
            (QuestionKind::SingleChoice { choices }, Answer::Single { choice, other_text }) => {
                PairMut::Single {
                    choices,
                    choice,
                    other_text,
                }
            }
            (
                QuestionKind::MultipleChoice {
                    choices,
                    min_select,
                    max_select,
                },
                Answer::Multiple { chosen, other_text },
            ) => PairMut::Multiple {
                choices,
                min_select: *min_select,
                max_select: *max_select,
                chosen,
                other_text,
            },
            (QuestionKind::Text { fields }, Answer::Text { values }) => {
                values.resize(fields.len(), String::new());
                PairMut::Text { fields, values }
            }
            (QuestionKind::Rank { items }, Answer::Rank { ranks }) => {
                ranks.resize(items.len(), None);
                PairMut::Rank { items, ranks }
            }
            (QuestionKind::ConstantSum { items, total }, Answer::Sum { values }) => {
                values.resize(items.len(), String::new());
                PairMut::Sum {
                    items,
                    total: *total,
                    values,
                }
            }
            (QuestionKind::Date { fields, format }, Answer::Date { values }) => {
                values.resize(fields.len(), DateParts::default());
                PairMut::Date {
                    fields,
                    format: *format,
                    values,
                }
            }
            (
                QuestionKind::Matrix {
                    rows,
                    columns,
                    multiple,
                },
                Answer::Matrix { rows: chosen },
            ) => {
                chosen.resize(rows.len(), Vec::new());
                PairMut::Matrix {
                    rows,
                    columns,
                    multiple: *multiple,
                    chosen,
                }
            }
            // Descriptive text and unsupported kinds; the other kinds cannot
            // come here (the answer was given their shape above).
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
                _,
            ) => PairMut::Nothing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn question(section: serde_json::Value) -> Question {
        Question::from_section(&section, "")
    }

    #[test]
    fn an_answer_of_another_kind_pairs_as_nothing_and_is_reshaped_to_change() {
        let q = question(
            json!({"id": 1, "type": "T", "formParam": {"paramPrefix": "t_"},
            "answers": [{"id": 10}, {"id": 11}]}),
        );
        let mut wrong = Answer::Single {
            choice: Some(3),
            other_text: BTreeMap::new(),
        };
        assert!(matches!(q.pair(&wrong), Pair::Nothing));
        match q.pair_mut(&mut wrong) {
            PairMut::Text { values, .. } => assert_eq!(values, ["", ""]),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            wrong,
            Answer::Text {
                values: vec![String::new(), String::new()]
            }
        );
    }

    #[test]
    fn lists_are_fitted_to_the_question_keeping_what_fits() {
        let q = question(
            json!({"id": 1, "type": "R", "formParam": {"paramPrefix": "r_"},
            "answers": [{"id": 10}, {"id": 11}, {"id": 12}]}),
        );
        let mut short = Answer::Rank {
            ranks: vec![Some(2)],
        };
        match q.pair_mut(&mut short) {
            PairMut::Rank { ranks, .. } => assert_eq!(ranks, [Some(2), None, None]),
            other => panic!("{other:?}"),
        }
    }
}
