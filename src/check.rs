//! `check`: can this kiosk run its survey? Reaches the API, fetches the
//! first page, and says in plain words what it found.

use std::fmt::Write as _;

use crate::api::{Client, ErrorKind, Status};
use crate::kiosk::{type_code_words, unshowable_required};
use crate::survey::{DateFormat, Question, QuestionKind};

/// What `check` found.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    /// The survey is open and its first page arrived.
    pub ok: bool,
    /// Plain-language lines for the operator.
    pub lines: Vec<String>,
    /// Questions of the first page this kiosk cannot show.
    pub unsupported: usize,
}

impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// One short description of a question's kind.
pub fn describe(question: &Question) -> String {
    match &question.kind {
        QuestionKind::SingleChoice { choices } => {
            format!("single choice, {} answers", choices.len())
        }
        QuestionKind::MultipleChoice { choices, .. } => {
            format!("multiple choice, {} answers", choices.len())
        }
        QuestionKind::Text { fields } if fields.len() > 1 => {
            format!("contact form, {} fields", fields.len())
        }
        QuestionKind::Text { .. } => "text".into(),
        QuestionKind::Rank { items } => format!("rank order, {} items", items.len()),
        QuestionKind::ConstantSum { items, .. } => format!("constant sum, {} items", items.len()),
        QuestionKind::Date { format, .. } => match format {
            DateFormat::DayMonthYear => "date".into(),
            DateFormat::DayMonthYearTime => "date and time".into(),
            DateFormat::Calendar => "calendar date".into(),
        },
        QuestionKind::Matrix { rows, multiple, .. } => format!(
            "matrix ({} per row), {} rows",
            if *multiple {
                "several answers"
            } else {
                "one answer"
            },
            rows.len()
        ),
        QuestionKind::Descriptive => "descriptive text".into(),
        QuestionKind::Unsupported { type_code } => format!("NOT SUPPORTED (type {type_code:?})"),
    }
}

/// Why the kiosk cannot run a survey whose first page has these questions,
/// as a "Problem: …" line for the operator, or `None` if it can. A required
/// question of a kind the kiosk cannot show would stop every respondent on
/// the first page; an optional one is shown as text and may be skipped.
pub fn first_page_problem(questions: &[Question]) -> Option<String> {
    let question = unshowable_required(questions)?;
    let number = questions
        .iter()
        .position(|q| std::ptr::eq(q, question))
        .map_or(0, |i| i + 1);
    let text: String = question.text.chars().take(70).collect();
    Some(format!(
        "Problem: question {number} ({:?}, id {}) is required, but this kiosk cannot show it \
         ({}): nobody could get past the first page. Make the question optional \
         or use another question type.",
        text.replace('\n', " "),
        question.id,
        type_code_words(question)
    ))
}

/// What in the configuration's files and folders cannot work, as
/// "Problem: …" lines naming the field: a `logo` that is not a readable
/// file, a `metrics_textfile` whose folder does not exist.
pub fn config_problems(config: &crate::config::Config) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(logo) = config.logo_path() {
        match std::fs::metadata(logo) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => problems.push(format!(
                "Problem: logo: {} is not a file; expected the path of a PNG image",
                logo.display()
            )),
            Err(error) => problems.push(format!(
                "Problem: logo: {} cannot be read ({error}); expected the path of a PNG image",
                logo.display()
            )),
        }
    }
    if let Some(textfile) = &config.metrics_textfile {
        let folder = textfile
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        if !folder.is_dir() {
            problems.push(format!(
                "Problem: metrics_textfile: the folder {} does not exist; expected a file in \
                 an existing folder, e.g. /var/lib/prometheus/node-exporter/survey-kiosk.prom",
                folder.display()
            ));
        } else if textfile.is_dir() {
            problems.push(format!(
                "Problem: metrics_textfile: {} is a folder; expected a file name ending in .prom",
                textfile.display()
            ));
        }
    }
    problems
}

/// What to do about a request that failed, by kind.
fn advice_for(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Unauthorized => {
            "The API key was not accepted. Check the key in the configuration or SURVEY_KIOSK_API_KEY."
        }
        ErrorKind::Forbidden => {
            "The API key may not take this survey. Ask the survey's owner for access."
        }
        ErrorKind::NotFound => {
            "There is no survey with this id on this datacenter. Check the survey id and the datacenter."
        }
        ErrorKind::BadRequest => "The server refused the request. Check the survey id.",
        ErrorKind::RateLimited => {
            "QuestionPro's API call limit is reached (HTTP 429): wait, or buy more API calls for the licence."
        }
        ErrorKind::Transient => {
            "The server could not be reached. Check the network and the datacenter or base URL."
        }
        ErrorKind::Other => "The server gave an unexpected answer.",
    }
}

/// What to do about a survey that shows no first page, by its status.
fn advice_for_status(status: &Status) -> &'static str {
    if status.is_unavailable() {
        "The survey is not taking responses (closed, paused or suspended). Open it in QuestionPro."
    } else if *status == Status::QuotaFull {
        "The survey's quota is full: respondents would only see the end screen."
    } else if *status == Status::LanguageSelectionRequired {
        "The survey asks for a language but offers none to choose from."
    } else {
        "The survey did not show a first page."
    }
}

/// Starts a throw-away session and looks at the first page.
pub async fn check(client: &Client, survey_id: u64) -> CheckReport {
    let mut lines = vec![
        format!("Server: {}", client.base_url()),
        format!("Survey: {survey_id}"),
    ];
    let mut session = client.respondent(survey_id);
    let envelope = match session.take().await {
        Ok(envelope) => envelope,
        Err(error) => {
            lines.push(format!("Problem: {}", advice_for(error.kind())));
            lines.push(format!("Details: {error}"));
            return CheckReport {
                ok: false,
                lines,
                unsupported: 0,
            };
        }
    };
    let language_page =
        envelope.status == Status::LanguageSelectionRequired && !envelope.questions.is_empty();
    if envelope.status != Status::Success && !language_page {
        lines.push(format!(
            "Problem: {} (status: {})",
            advice_for_status(&envelope.status),
            envelope.status
        ));
        return CheckReport {
            ok: false,
            lines,
            unsupported: 0,
        };
    }
    let unsupported = envelope
        .questions
        .iter()
        .filter(|q| matches!(q.kind, QuestionKind::Unsupported { .. }))
        .count();
    lines.push(format!(
        "The survey is open. Its first page has {} question(s):",
        envelope.questions.len()
    ));
    if language_page {
        lines.push(
            "It asks for a language first (set `language` in the configuration to choose one in advance)."
                .into(),
        );
    }
    for (i, question) in envelope.questions.iter().enumerate() {
        let mut line = format!("  {}. [{}] ", i + 1, describe(question));
        let text: String = question.text.chars().take(70).collect();
        let _ = write!(line, "{}", text.replace('\n', " "));
        if question.required {
            line.push_str(" (required)");
        }
        lines.push(line);
    }
    if let Some(problem) = first_page_problem(&envelope.questions) {
        lines.push(problem);
        return CheckReport {
            ok: false,
            lines,
            unsupported,
        };
    }
    lines.push(if unsupported == 0 {
        "Every question on the first page can be shown.".into()
    } else {
        format!(
            "{unsupported} question(s) cannot be shown natively: the kiosk shows their text and lets respondents skip them."
        )
    });
    CheckReport {
        ok: true,
        lines,
        unsupported,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn questions(heatmap_required: bool) -> Vec<Question> {
        let choice = Question::from_section(
            &json!({"id": 1, "type": "U", "required": true, "text": "Pick",
                "answers": [{"id": 11, "text": "A"}], "formParam": {"paramPrefix": "u_"}}),
            "",
        );
        let mut heatmap =
            Question::from_section(&json!({"id": 2, "type": "HEATMAP", "text": "Heat"}), "");
        heatmap.required = heatmap_required;
        vec![choice, heatmap]
    }

    #[test]
    fn a_required_question_the_kiosk_cannot_show_fails_the_check() {
        let Some(problem) = first_page_problem(&questions(true)) else {
            panic!("no problem found");
        };
        assert!(problem.starts_with("Problem: question 2"), "{problem}");
        assert!(problem.contains("\"HEATMAP\""), "{problem}");
        assert!(problem.contains("id 2"), "{problem}");
    }

    #[test]
    fn an_optional_question_the_kiosk_cannot_show_is_fine() {
        assert_eq!(first_page_problem(&questions(false)), None);
        assert_eq!(first_page_problem(&[]), None);
    }
}
