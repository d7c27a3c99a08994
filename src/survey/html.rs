//! HTML fragments from the server as plain text.

/// Width used for html2text's wrapping: wide enough that it never wraps a
/// question's text (the UI wraps to the window), small enough to stay cheap.
const NO_WRAP_WIDTH: usize = 4096;

/// Turns an HTML fragment (question text, answer text, a `html` fallback)
/// into plain text: tags dropped, entities decoded, whitespace tidied.
/// Paragraphs and line breaks become newlines. Never fails: a fragment the
/// HTML library cannot handle is returned with its tags left in place.
pub fn to_plain_text(fragment: &str) -> String {
    // Most texts carry no markup at all: skip the HTML parser for them.
    if !fragment.contains(['<', '&']) {
        return tidy(fragment);
    }
    match html2text::config::plain_no_decorate()
        .string_from_read(fragment.as_bytes(), NO_WRAP_WIDTH)
    {
        Ok(text) => tidy(&text),
        Err(error) => {
            tracing::debug!(%error, "HTML fragment could not be converted; showing it as text");
            tidy(fragment)
        }
    }
}

/// Collapses runs of spaces (including no-break spaces) inside each line,
/// trims each line, and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '\u{a0}')
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        blank_pending = false;
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_plain_text;

    #[test]
    fn drops_tags_and_decodes_entities() {
        assert_eq!(
            to_plain_text("How was <b>our store</b>&nbsp;today &amp; why?"),
            "How was our store today & why?"
        );
        assert_eq!(
            to_plain_text("We&rsquo;d love &lt;3"),
            "We\u{2019}d love <3"
        );
    }

    #[test]
    fn keeps_paragraphs_apart() {
        let text = to_plain_text("<p>Welcome!</p><p>Thank you · ありがとう</p>");
        assert_eq!(text, "Welcome!\n\nThank you · ありがとう");
    }

    #[test]
    fn plain_text_is_tidied() {
        assert_eq!(to_plain_text("  Plain   text \n"), "Plain text");
        assert_eq!(to_plain_text(""), "");
    }

    #[test]
    fn scripts_are_not_shown() {
        let text = to_plain_text("<div>Hi<script>alert(1)</script></div>");
        assert!(!text.contains("alert"), "{text}");
    }
}
