//! The kiosk's own words in every language, the fonts that draw them, and
//! right-to-left text through egui's real text layout (no window needed).

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use egui::epaint::text::{Fonts, FontsView, Galley, MissingGlyphPolicy, TextOptions};
use egui::{Color32, FontDefinitions, FontId};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use survey_kiosk::i18n::{self, Language, Tr, fl, format_percent, percent_arg};
use survey_kiosk::ui::bidi::{self, Direction};
use survey_kiosk::ui::fonts;

// ------------------------------------------------------------------ messages

/// Every message of a language's file, with the variables it uses.
fn messages(language: Language) -> BTreeMap<String, BTreeSet<String>> {
    let path = format!(
        "{}/assets/i18n/{}/{}.ftl",
        env!("CARGO_MANIFEST_DIR"),
        language.tag(),
        i18n::DOMAIN
    );
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path} cannot be read: {e}"));
    let resource = match FluentResource::try_new(source) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{path} does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let mut variables = BTreeSet::new();
        if let Some(pattern) = &message.value {
            pattern_variables(pattern, &mut variables);
        }
        let id = message.id.name.to_owned();
        assert!(
            out.insert(id.clone(), variables).is_none(),
            "{path}: {id} twice"
        );
    }
    out
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// The arguments to format `variables` with: all `value`.
fn args(variables: &BTreeSet<String>, value: FluentValue<'static>) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for name in variables {
        args.set(name.clone(), value.clone());
    }
    args
}

/// Numbers that reach every plural form of the shipped languages (Arabic:
/// zero, one, two, few, many, other), a fraction, and a string.
fn sample_values() -> Vec<FluentValue<'static>> {
    vec![
        FluentValue::from(0),
        FluentValue::from(1),
        FluentValue::from(2),
        FluentValue::from(3),
        FluentValue::from(11),
        FluentValue::from(100),
        FluentValue::from(1234.5),
        FluentValue::from("Coca-Cola"),
    ]
}

/// `id` in `language` with `args`, as the kiosk formats it; panics on any
/// Fluent error (a missing argument, an unknown function).
fn format(
    loader: &i18n_embed::fluent::FluentLanguageLoader,
    language: Language,
    id: &str,
    args: &FluentArgs<'_>,
) -> String {
    loader
        .with_fluent_message_and_bundle(id, |message, bundle| {
            let Some(pattern) = message.value() else {
                panic!("{language} {id} has no value");
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(args), &mut errors);
            assert!(errors.is_empty(), "{language} {id}: {errors:?}");
            text.into_owned()
        })
        .unwrap_or_else(|| panic!("{language} has no {id}"))
}

#[test]
fn every_language_has_every_english_message_with_the_same_arguments() {
    let english = messages(Language::English);
    assert!(english.len() > 200, "{} messages", english.len());
    for language in Language::SHIPPED {
        let theirs = messages(language);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !theirs.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{language} lacks {missing:?}");
        let extra: Vec<_> = theirs
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(extra.is_empty(), "{language} has unknown ids {extra:?}");
        for (id, variables) in &english {
            assert_eq!(
                &theirs[id], variables,
                "{language} {id}: not the same arguments"
            );
        }
    }
}

#[test]
fn every_message_formats_without_errors_in_every_language() {
    let english = messages(Language::English);
    for language in Language::SHIPPED {
        let loader = i18n::load(language).expect("the embedded messages load");
        for (id, variables) in &english {
            for value in sample_values() {
                let text = format(&loader, language, id, &args(variables, value));
                assert!(!text.trim().is_empty(), "{language} {id} is empty");
                assert!(!text.contains("No localization"), "{language} {id}");
            }
        }
    }
}

#[test]
fn plural_forms_and_numbers_per_language() {
    let strip = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");
    let en = Tr::new(Language::English);
    assert_eq!(
        fl!(en, "operator-wrong-pin", left = 3),
        "Wrong PIN. 3 tries left."
    );
    assert_eq!(
        fl!(en, "idle-countdown", seconds = 10),
        "The survey will start over in 10 seconds."
    );
    assert_eq!(
        fl!(en, "admin-exported", rows = 1234, path = "/tmp/x.csv"),
        "1,234 rows saved to /tmp/x.csv."
    );
    let es = Tr::new(Language::Spanish);
    assert_eq!(
        fl!(es, "operator-wrong-pin", left = 1),
        "PIN incorrecto. Queda 1 intento."
    );
    assert_eq!(
        fl!(es, "admin-exported", rows = 12345, path = "x.csv"),
        "12.345 filas guardadas en x.csv."
    );
    let fr = Tr::new(Language::French);
    assert_eq!(
        fl!(fr, "idle-countdown", seconds = 10),
        "Le questionnaire recommencera dans 10 secondes."
    );
    assert_eq!(fr.date(2026, 6, 1), "1er juin 2026");
    let de = Tr::new(Language::German);
    assert_eq!(
        fl!(de, "end-countdown", seconds = 1),
        "Zurück zum Start in 1 Sekunde"
    );
    let pt = Tr::new(Language::Portuguese);
    assert_eq!(
        fl!(pt, "operator-wrong-pin", left = 2),
        "PIN incorreto. Restam 2 tentativas."
    );
    let ar = Tr::new(Language::Arabic);
    let tries = |left: u32| strip(fl!(ar, "operator-wrong-pin", left = left));
    assert_eq!(tries(1), "رمز PIN غير صحيح. تبقّت محاولة واحدة.");
    assert_eq!(tries(2), "رمز PIN غير صحيح. تبقّت محاولتان.");
    assert_eq!(tries(3), "رمز PIN غير صحيح. تبقّت 3 محاولات.");
    assert_eq!(tries(11), "رمز PIN غير صحيح. تبقّت 11 محاولة.");
    assert_eq!(
        strip(fl!(ar, "idle-countdown", seconds = 10)),
        "سيبدأ الاستبيان من جديد خلال 10 ثوانٍ."
    );
    let ja = Tr::new(Language::Japanese);
    assert_eq!(
        fl!(ja, "operator-wrong-pin", left = 3),
        "PINが正しくありません。残り3回です。"
    );
    assert_eq!(
        fl!(ja, "idle-countdown", seconds = 10),
        "10秒後にアンケートが最初からやり直しになります。"
    );
    let zh = Tr::new(Language::ChineseSimplified);
    assert_eq!(
        fl!(zh, "operator-wrong-pin", left = 3),
        "PIN 错误。还剩 3 次机会。"
    );
    assert_eq!(zh.seconds(10), "10 秒");
}

#[test]
fn progress_uses_each_languages_percentage() {
    for language in Language::SHIPPED {
        let tr = Tr::new(language);
        let text = fl!(tr, "progress-done", percent = percent_arg(42.0));
        let percent = format_percent(language, 42.0);
        // As the reader sees it: the sign stays beside its number in a
        // right-to-left line too ("42%" left to right, never "%42").
        let shown = bidi::display_order(&text, language.direction());
        assert!(
            shown.contains(&percent),
            "{language}: {text:?} is shown as {shown:?}, without {percent:?}"
        );
    }
}

#[test]
fn the_language_follows_the_respondent_and_resets_to_the_default() {
    // The configured default (also the attract screen's language).
    let default = Tr::for_configured(Some("Deutsch"));
    let mut respondent = default.clone();
    assert_eq!(fl!(respondent, "nav-next"), "Weiter");
    // The respondent picks "العربية" on the language page.
    let chosen = Language::from_name("العربية").expect("a known name");
    assert!(respondent.switch_to(chosen));
    assert_eq!(fl!(respondent, "nav-next"), "التالي");
    assert_eq!(respondent.direction(), Direction::Rtl);
    // A survey in Hebrew: content right to left, the words stay Arabic.
    assert!(!respondent.switch_to(Language::Hebrew));
    // Reset: the next respondent starts from the default again.
    let next = default.clone();
    assert_eq!(fl!(next, "nav-next"), "Weiter");
    assert_eq!(next.direction(), Direction::Ltr);
}

// ------------------------------------------------------------------ fonts

/// egui's default fonts plus the kiosk's on-first-use provider, failing on
/// any character no font has (instead of drawing a box).
fn kiosk_fonts() -> Fonts {
    Fonts::new(TextOptions::default(), FontDefinitions::default())
        .with_font_providers(vec![fonts::provider()])
        .with_missing_glyph_policy(MissingGlyphPolicy::Panic)
}

fn layout(fonts: &mut FontsView<'_>, text: &str) -> Arc<Galley> {
    fonts.layout_no_wrap(text.to_owned(), FontId::proportional(20.0), Color32::WHITE)
}

#[test]
fn every_message_in_every_language_has_its_glyphs() {
    let english = messages(Language::English);
    let mut fonts = kiosk_fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    for language in Language::SHIPPED {
        let loader = i18n::load(language).expect("the embedded messages load");
        for (id, variables) in &english {
            for value in [FluentValue::from(2), FluentValue::from(1234.5)] {
                let text = format(&loader, language, id, &args(variables, value));
                // Panics on a missing glyph (MissingGlyphPolicy::Panic).
                let galley = layout(&mut view, &text);
                assert!(galley.size().x > 0.0, "{language} {id}");
            }
        }
    }
    for language in Language::ALL {
        layout(&mut view, language.native_name());
    }
    // Survey content in the other right-to-left languages.
    for text in [
        "שָׁלוֹם, מה שלומך?",
        "نظرسنجی را شروع کنید",
        "سروے شروع کریں، شکریہ",
        "قيّم تجربتك من ١ إلى ١٠ ٪",
    ] {
        layout(&mut view, text);
    }
}

#[test]
fn the_extra_fonts_load_only_when_a_character_needs_them() {
    let mut fonts = kiosk_fonts();
    let view = &mut fonts.with_pixels_per_point(1.0);
    layout(
        view,
        "We'd love your feedback — Español, Français, Português, Deutsch: ¿ü? ñ é ç ß «»",
    );
    let names = |fonts: &mut Fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .map(|insert| insert.name.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        names(&mut fonts).is_empty(),
        "Latin text needs no extra font"
    );
    layout(&mut fonts.with_pixels_per_point(1.0), "مرحبا");
    assert_eq!(names(&mut fonts), vec![fonts::ARABIC.name]);
    layout(&mut fonts.with_pixels_per_point(1.0), "日本語 中文");
    layout(&mut fonts.with_pixels_per_point(1.0), "עברית");
    assert_eq!(
        names(&mut fonts),
        vec![fonts::ARABIC.name, fonts::CJK.name, fonts::HEBREW.name]
    );
}

// ------------------------------------------------------------------ bidi in egui

/// The x of the first glyph drawing `c` (left edge, in points).
fn x_of(galley: &Galley, c: char) -> f32 {
    galley.rows[0]
        .row
        .glyphs
        .iter()
        .find(|glyph| glyph.chr == c)
        .map_or_else(
            || panic!("no glyph for {c:?} in {:?}", galley.text()),
            |glyph| glyph.pos.x,
        )
}

#[test]
fn a_word_in_logical_order_is_drawn_right_to_left_and_joined() {
    let mut fonts = kiosk_fonts();
    let view = &mut fonts.with_pixels_per_point(1.0);
    // "سلام" (peace): s-l-a-m in logical order, one run of the Arabic font.
    let word = layout(view, "سلام");
    assert!(
        x_of(&word, 'س') > x_of(&word, 'م'),
        "the first letter is rightmost"
    );
    // Joined: three behs in a row take much less room than three alone.
    let alone = layout(view, "ب").size().x;
    let joined = layout(view, "ببب").size().x;
    assert!(joined < 2.5 * alone, "joined {joined} vs alone {alone}");
}

#[test]
fn egui_alone_mirrors_the_words_of_a_right_to_left_line() {
    let mut fonts = kiosk_fonts();
    let view = &mut fonts.with_pixels_per_point(1.0);
    // "أهلا بكم" (welcome) as stored: the first word should be on the right.
    let galley = layout(view, "أهلا بكم");
    assert!(
        x_of(&galley, 'أ') < x_of(&galley, 'ب'),
        "egui 0.37 places the words left to right (this is why bidi.rs exists)"
    );
}

#[test]
fn visual_lines_put_right_to_left_words_in_place() {
    let mut fonts = kiosk_fonts();
    let view = &mut fonts.with_pixels_per_point(1.0);
    let rtl = Direction::Rtl;

    let galley = layout(view, &bidi::visual_line("أهلا بكم", rtl));
    assert!(
        x_of(&galley, 'أ') > x_of(&galley, 'ب'),
        "first word on the right"
    );
    assert!(
        x_of(&galley, 'أ') > x_of(&galley, 'ه'),
        "each word right to left"
    );

    // "How are you?" with the Arabic question mark: it ends the sentence on the left.
    let galley = layout(view, &bidi::visual_line("كيف حالك؟", rtl));
    assert!(x_of(&galley, '؟') < x_of(&galley, 'ح'));
    assert!(x_of(&galley, 'ح') < x_of(&galley, 'ف'));
    assert!(x_of(&galley, 'ف') < x_of(&galley, 'ي'));

    // Arabic with a Latin brand name, a number and "؟".
    let line = "هل تحب Coca-Cola 330 مل؟";
    let galley = layout(view, &bidi::visual_line(line, rtl));
    let order = ['؟', 'م', 'C', 'a', '3', 'ب', 'ح', 'ت', 'ه'];
    for pair in order.windows(2) {
        assert!(
            x_of(&galley, pair[0]) < x_of(&galley, pair[1]),
            "{:?} left of {:?} in {line:?}",
            pair[0],
            pair[1]
        );
    }

    // Hebrew with a Latin name and numbers.
    let line = "קניתי 2 מכשירי iPhone 15.";
    let galley = layout(view, &bidi::visual_line(line, rtl));
    let order = ['.', 'i', 'P', '5', 'י', 'מ', '2', 'ק'];
    for pair in order.windows(2) {
        assert!(
            x_of(&galley, pair[0]) < x_of(&galley, pair[1]),
            "{:?} left of {:?} in {line:?}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn a_layout_job_of_segments_draws_the_same_order() {
    let mut fonts = kiosk_fonts();
    let view = &mut fonts.with_pixels_per_point(1.0);
    let lines = bidi::wrap_visual(
        "هل تحب Coca-Cola 330 مل؟",
        Direction::Ltr,
        1000.0,
        |s| s.chars().count() as f32,
    );
    assert_eq!(lines.len(), 1);
    let format = egui::TextFormat::simple(FontId::proportional(20.0), Color32::WHITE);
    let galley = view.layout_job(bidi::visual_job(&lines[0], &format));
    assert!(x_of(&galley, '؟') < x_of(&galley, 'C'));
    assert!(x_of(&galley, 'C') < x_of(&galley, 'ت'));
    assert!(x_of(&galley, 'ت') < x_of(&galley, 'ه'));
    // The separators of `visual_line` take no room.
    let plain = layout(view, &bidi::visual_line("أهلا بكم", Direction::Rtl));
    let joined = layout(view, "بكم أهلا");
    assert!((plain.size().x - joined.size().x).abs() < 0.5);
}

#[test]
fn the_arabic_comma_stays_after_its_word_on_the_attract_screen() {
    let mut fonts = kiosk_fonts();
    let view = &mut fonts.with_pixels_per_point(1.0);
    // "About two minutes, and your answers are anonymous." as the attract
    // screen draws it (`ui::bidi::label`: the lines of `wrap_visual`, each
    // a `visual_job`).
    let loader = i18n::load(Language::Arabic).expect("the Arabic messages");
    let welcome = loader.get("attract-welcome");
    assert!(welcome.contains("دقيقتين، وإجاباتك"), "{welcome}");
    let lines = bidi::wrap_visual(&welcome, Direction::Rtl, 2000.0, |s| {
        s.chars().count() as f32
    });
    assert_eq!(lines.len(), 1);
    let format = egui::TextFormat::simple(FontId::proportional(20.0), Color32::WHITE);
    let galley = view.layout_job(bidi::visual_job(&lines[0], &format));
    // Read right to left: "دقيقتين" (its first letter د on the right), the
    // comma at its left end, then "وإجاباتك" (its last letter ك leftmost).
    assert!(
        x_of(&galley, '،') < x_of(&galley, 'د'),
        "the comma is on the left of its word, where the word ends"
    );
    assert!(x_of(&galley, 'ك') < x_of(&galley, '،'));
}

#[test]
fn a_bidi_label_wraps_aligns_right_and_reads_logically() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    let text = "يسعدنا أن نسمع رأيك حول زيارتك اليوم إلى متجر Coca-Cola رقم 12، شكرًا لك!";
    let label_rect = |width: f32| {
        let mut harness = Harness::builder()
            .with_size(egui::vec2(width, 400.0))
            .with_context_setup(fonts::install)
            .build_ui(move |ui| {
                bidi::bidi_label(ui, text, Direction::Ltr);
            });
        harness.run();
        // A screen reader gets the sentence in logical order.
        harness.get_by_label(text).rect()
    };
    let wide = label_rect(2000.0);
    let narrow = label_rect(200.0);
    assert!(
        wide.width() > 1900.0,
        "a right-to-left paragraph takes the width"
    );
    assert!(
        narrow.height() > 2.5 * wide.height(),
        "it wraps: one line {wide:?}, at 200 points {narrow:?}"
    );
}

/// Start-up cost of the fonts (not a pass/fail test; run with
/// `cargo test --release --test i18n -- --ignored --nocapture font_start_up`):
/// egui's fonts alone, the kiosk's (bundled fonts on first use), and all
/// bundled fonts parsed up front (the kiosk before fonts were lazy), each
/// creating the fonts and laying out the attract screen's words.
#[test]
#[ignore = "a measurement, not a check"]
fn font_start_up() {
    use std::time::{Duration, Instant};

    let attract = [
        "We'd love your feedback",
        "Start the survey",
        "It takes about two minutes.",
    ];
    let first_frame = |make: &dyn Fn() -> Fonts| {
        let mut best = Duration::MAX;
        for _ in 0..20 {
            let start = Instant::now();
            let mut fonts = make();
            let mut view = fonts.with_pixels_per_point(1.0);
            for text in attract {
                layout(&mut view, text);
            }
            best = best.min(start.elapsed());
        }
        best
    };
    let bare = first_frame(&|| Fonts::new(TextOptions::default(), FontDefinitions::default()));
    let lazy = first_frame(&|| {
        Fonts::new(TextOptions::default(), FontDefinitions::default())
            .with_font_providers(vec![fonts::provider()])
    });
    let eager = first_frame(&|| Fonts::new(TextOptions::default(), fonts::eager_definitions()));
    println!(
        "first frame's fonts: egui alone {bare:?}, kiosk (on first use) {lazy:?}, all up front {eager:?}"
    );
    for (what, text) in [("Arabic", "مرحبا"), ("Hebrew", "שלום"), ("CJK", "日本語")] {
        let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default())
            .with_font_providers(vec![fonts::provider()]);
        layout(&mut fonts.with_pixels_per_point(1.0), "Start");
        let start = Instant::now();
        layout(&mut fonts.with_pixels_per_point(1.0), text);
        println!("first {what} text (loads its font): {:?}", start.elapsed());
    }
}

/// Draws a few right-to-left lines with egui's own glyph atlas into
/// `target/i18n-preview.png` (black on white, no GPU), to look at:
/// `cargo test --test i18n -- --ignored preview`. Each pair is egui alone
/// (logical order) above the same line through `bidi::visual_line`.
#[test]
#[ignore = "writes a picture to look at"]
fn preview() {
    let lines = [
        "أهلا بكم في متجرنا",
        "هل تحب Coca-Cola 330 مل؟",
        "קניתי 2 מכשירי iPhone 15.",
        "السعر (ريال) ١٢٣",
    ];
    let mut fonts = kiosk_fonts();
    let mut galleys = Vec::new();
    {
        let mut view = fonts.with_pixels_per_point(1.0);
        for line in lines {
            galleys.push(layout(&mut view, line));
            galleys.push(layout(&mut view, &bidi::visual_line(line, Direction::Rtl)));
        }
    }
    let atlas = fonts.image();
    let (width, row_height) = (520usize, 34usize);
    let height = row_height * galleys.len() + 10;
    let mut pixels = vec![255u8; width * height];
    for (n, galley) in galleys.iter().enumerate() {
        let top = 5.0 + (n * row_height) as f32;
        let gray = if n % 2 == 0 { 160.0 } else { 0.0 };
        for row in &galley.rows {
            for glyph in &row.row.glyphs {
                let uv = glyph.uv_rect;
                let x0 = 10.0 + row.pos.x + glyph.pos.x + uv.offset.x;
                let y0 = top + row.pos.y + glyph.pos.y + uv.offset.y;
                for v in uv.min[1]..uv.max[1] {
                    for u in uv.min[0]..uv.max[0] {
                        let coverage = atlas.pixels[v as usize * atlas.size[0] + u as usize].a()
                            as f32
                            / 255.0;
                        let x = (x0 + f32::from(u - uv.min[0])).round() as usize;
                        let y = (y0 + f32::from(v - uv.min[1])).round() as usize;
                        if x < width && y < height {
                            let old = f32::from(pixels[y * width + x]);
                            pixels[y * width + x] =
                                (old * (1.0 - coverage) + gray * coverage) as u8;
                        }
                    }
                }
            }
        }
    }
    let path = format!("{}/target/i18n-preview.png", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width as u32, height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().expect("the PNG header is written");
    writer
        .write_image_data(&pixels)
        .expect("the preview image is written");
}

#[test]
fn japanese_after_a_symbol_takes_every_kana_from_the_cjk_font() {
    use egui_kittest::Harness;

    // A kiosk that showed a symbol only the emoji font (Symbola) has, and
    // then a Japanese respondent: "の", which Symbola also has, must come
    // from the CJK font like the other kana.
    let symbol = '\u{1F700}';
    assert!(fonts::EMOJI.has_glyph(symbol) && !fonts::CJK.has_glyph(symbol));
    assert!(fonts::EMOJI.has_glyph('の'), "the overlap this is about");
    let mut harness = Harness::builder()
        .with_context_setup(fonts::install)
        .build_ui(move |ui| {
            ui.label(format!("{symbol}"));
        });
    harness.run();
    let ctx = harness.ctx.clone();
    // The respondent chooses Japanese (the app makes its fonts ready).
    fonts::preload(&ctx, Language::Japanese);
    harness.run();
    let faces = ctx.fonts_mut(|fonts| {
        let galley =
            fonts.layout_no_wrap("あの".into(), FontId::proportional(20.0), Color32::WHITE);
        galley.rows[0]
            .row
            .glyphs
            .iter()
            .map(|g| (g.chr, g.font_face_ascent, g.font_face_height))
            .collect::<Vec<_>>()
    });
    assert_eq!(faces.len(), 2, "{faces:?}");
    assert_eq!(
        (faces[0].1, faces[0].2),
        (faces[1].1, faces[1].2),
        "あ and の from the same font: {faces:?}"
    );
}
