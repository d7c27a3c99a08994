//! HTML fragments from the server as text: plain, or with the emphasis
//! (bold, italic) the fragment marks kept as spans over the plain text.
//! Line breaks and paragraphs become newlines, list items lines that start
//! with a bullet ("• ") or their number ("2. ").

use std::ops::Range;

/// Width used for html2text's wrapping: wide enough that it never wraps a
/// question's text (the UI wraps to the window), small enough to stay cheap.
const NO_WRAP_WIDTH: usize = 4096;

/// Turns an HTML fragment (question text, answer text, a `html` fallback)
/// into plain text: tags dropped, entities decoded, whitespace tidied.
/// Paragraphs and line breaks become newlines. Never fails: a fragment the
/// HTML library cannot handle is returned with its tags left in place.
pub fn to_plain_text(fragment: &str) -> String {
    to_styled_text(fragment).text
}

/// How a stretch of text is emphasised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// `<b>`, `<strong>`.
    pub strong: bool,
    /// `<i>`, `<em>`.
    pub emphasis: bool,
}

/// Emphasis over a byte range of a [`Styled`] text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emphasis {
    pub range: Range<usize>,
    pub style: Style,
}

/// Plain text with the stretches its HTML emphasised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Styled {
    pub text: String,
    /// In order, not overlapping, never empty, never of the default style.
    pub emphasis: Vec<Emphasis>,
}

/// Like [`to_plain_text`], keeping bold and italic as [`Emphasis`] spans
/// and lists as bulleted or numbered lines.
pub fn to_styled_text(fragment: &str) -> Styled {
    // Most texts carry no markup at all: skip the HTML parser for them.
    if !fragment.contains(['<', '&']) {
        return Styled {
            text: tidy(fragment),
            emphasis: Vec::new(),
        };
    }
    let lines = match html2text::config::rich().lines_from_read(fragment.as_bytes(), NO_WRAP_WIDTH)
    {
        Ok(lines) => lines,
        Err(error) => {
            tracing::debug!(%error, "HTML fragment could not be converted; showing it as text");
            return Styled {
                text: tidy(fragment),
                emphasis: Vec::new(),
            };
        }
    };
    // html2text marks list items with "* ", headings with "# " and quotes
    // with "> "; the first becomes a bullet, the others go (only where the
    // fragment has such elements: a text may start with "* " itself).
    let lower = fragment.to_ascii_lowercase();
    let bullets = lower.contains("<li");
    let headings = ["<h1", "<h2", "<h3", "<h4", "<h5", "<h6"]
        .iter()
        .any(|h| lower.contains(h));
    let quotes = lower.contains("<blockquote");
    let mut out = StyledBuilder::default();
    for line in &lines {
        let mut chars: Vec<(char, Style)> = Vec::new();
        for piece in line.tagged_strings() {
            let style = style_of(&piece.tag);
            chars.extend(piece.s.chars().map(|c| (c, style)));
        }
        let mut start = chars
            .iter()
            .position(|(c, _)| !is_space(*c))
            .unwrap_or(chars.len());
        loop {
            let rest: String = chars[start..].iter().take(2).map(|(c, _)| *c).collect();
            let strip = (headings && rest.starts_with('#'))
                || (quotes && rest == "> ")
                || (quotes && rest == ">");
            if !strip {
                break;
            }
            start += chars[start..]
                .iter()
                .take_while(|(c, _)| *c == '#' || *c == '>')
                .count();
            start += chars[start..]
                .iter()
                .take_while(|(c, _)| is_space(*c))
                .count();
        }
        let mut line_chars = chars.split_off(start);
        if bullets && line_chars.len() >= 2 && line_chars[0].0 == '*' && line_chars[1].0 == ' ' {
            line_chars[0].0 = '\u{2022}';
        }
        out.line(&line_chars);
    }
    out.finish()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

fn style_of(tags: &[html2text::render::RichAnnotation]) -> Style {
    use html2text::render::RichAnnotation;
    let mut style = Style::default();
    for tag in tags {
        match tag {
            RichAnnotation::Strong => style.strong = true,
            RichAnnotation::Emphasis => style.emphasis = true,
            _ => {}
        }
    }
    style
}

/// Builds a [`Styled`] line by line, tidied like [`tidy`]: spaces collapsed
/// inside a line, lines trimmed, at most one blank line between paragraphs.
#[derive(Default)]
struct StyledBuilder {
    styled: Styled,
    blank_pending: bool,
}

impl StyledBuilder {
    fn line(&mut self, chars: &[(char, Style)]) {
        // Words with their styles, single spaces between them.
        let mut words: Vec<Vec<(char, Style)>> = Vec::new();
        let mut word = Vec::new();
        for &(c, style) in chars {
            if is_space(c) {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            } else {
                word.push((c, style));
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        if words.is_empty() {
            self.blank_pending = !self.styled.text.is_empty();
            return;
        }
        if !self.styled.text.is_empty() {
            self.styled.text.push('\n');
            if self.blank_pending {
                self.styled.text.push('\n');
            }
        }
        self.blank_pending = false;
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                // A space between two emphasised words keeps the emphasis.
                let style = if word[0].1 == words[i - 1].last().map_or(Style::default(), |w| w.1) {
                    word[0].1
                } else {
                    Style::default()
                };
                self.push(' ', style);
            }
            for &(c, style) in word {
                self.push(c, style);
            }
        }
    }

    fn push(&mut self, c: char, style: Style) {
        let start = self.styled.text.len();
        self.styled.text.push(c);
        let end = self.styled.text.len();
        if style == Style::default() {
            return;
        }
        match self.styled.emphasis.last_mut() {
            Some(last) if last.range.end == start && last.style == style => last.range.end = end,
            _ => self.styled.emphasis.push(Emphasis {
                range: start..end,
                style,
            }),
        }
    }

    fn finish(self) -> Styled {
        self.styled
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
    use super::{Style, to_plain_text, to_styled_text};

    fn emphasised(fragment: &str) -> (String, Vec<(String, Style)>) {
        let styled = to_styled_text(fragment);
        let spans = styled
            .emphasis
            .iter()
            .map(|e| (styled.text[e.range.clone()].to_owned(), e.style))
            .collect();
        (styled.text, spans)
    }

    const BOLD: Style = Style {
        strong: true,
        emphasis: false,
    };
    const ITALIC: Style = Style {
        strong: false,
        emphasis: true,
    };

    #[test]
    fn bold_and_italic_are_kept_as_spans() {
        let (text, spans) = emphasised("How was <b>our  store</b> <em>today</em>?");
        assert_eq!(text, "How was our store today?");
        assert_eq!(
            spans,
            vec![("our store".to_owned(), BOLD), ("today".to_owned(), ITALIC)]
        );
        let (text, spans) = emphasised("<strong><i>Both</i></strong> and none");
        assert_eq!(text, "Both and none");
        assert_eq!(
            spans,
            vec![(
                "Both".to_owned(),
                Style {
                    strong: true,
                    emphasis: true
                }
            )]
        );
    }

    #[test]
    fn lists_and_line_breaks_keep_their_shape() {
        let (text, _) =
            emphasised("Think of:<ul><li>the staff</li><li><b>the prices</b></li></ul>");
        assert_eq!(text, "Think of:\n\u{2022} the staff\n\u{2022} the prices");
        let (text, _) = emphasised("<ol><li>First</li><li>Second</li></ol>");
        assert_eq!(text, "1. First\n2. Second");
        assert_eq!(to_plain_text("One<br>Two<br/>Three"), "One\nTwo\nThree");
        assert_eq!(to_plain_text("<h2>Title</h2><p>Body</p>"), "Title\n\nBody");
        // A text's own asterisk stays.
        assert_eq!(to_plain_text("* <b>required</b>"), "* required");
    }

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
