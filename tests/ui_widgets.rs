//! The question widgets, driven through AccessKit with `egui_kittest` (no
//! display needed): find widgets by their accessible names, tap, type, and
//! check the resulting `Answer`.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use chrono::Datelike;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use serde_json::{Value, json};
use survey_kiosk::survey::{Answer, DateParts, Meridiem, Question};
use survey_kiosk::ui::fonts;
use survey_kiosk::ui::widgets::{TOUCH_HEIGHT, question_ui};

struct State {
    question: Question,
    answer: Answer,
    problem: Option<survey_kiosk::i18n::Words>,
    narrow: bool,
    changes: u32,
}

fn question(section: Value) -> Question {
    Question::from_entry(&json!({ "html": null, "json": section }))
}

fn harness_sized(q: Question, width: f32, narrow: bool) -> Harness<'static, State> {
    let answer = Answer::empty(&q);
    let state = State {
        question: q,
        answer,
        problem: None,
        narrow,
        changes: 0,
    };
    Harness::builder()
        .with_size(egui::vec2(width, 1400.0))
        .with_context_setup(|ctx| {
            fonts::install(ctx);
            // The app's base font is about 20 px.
            ctx.all_styles_mut(|style| {
                for (text_style, font) in &mut style.text_styles {
                    if matches!(text_style, egui::TextStyle::Body | egui::TextStyle::Button) {
                        font.size = 20.0;
                    }
                }
            });
        })
        .build_ui_state(
            |ui, s: &mut State| {
                if question_ui(
                    ui,
                    0,
                    1,
                    &s.question,
                    &mut s.answer,
                    s.problem.as_ref(),
                    s.narrow,
                ) {
                    s.changes += 1;
                }
            },
            state,
        )
}

fn harness(q: Question) -> Harness<'static, State> {
    harness_sized(q, 800.0, false)
}

fn single(answers: Value) -> Question {
    question(
        json!({"id": 10, "type": "U", "text": "How was your visit?", "required": true,
        "answers": answers, "formParam": {"paramPrefix": "u_", "paramIdType": "questionId"}}),
    )
}

fn chosen_single(h: &Harness<'_, State>) -> Option<u64> {
    match &h.state().answer {
        Answer::Single { choice, .. } => *choice,
        other => panic!("not single: {other:?}"),
    }
}

#[test]
fn single_choice_by_tapping_the_row_label() {
    let mut h = harness(single(json!([
        {"id": 1, "text": "Great"}, {"id": 2, "text": "Fine"}, {"id": 3, "text": "Poor"}
    ])));
    h.get_by_label("1. How was your visit? *");
    let row = h.get_by_label("Fine");
    assert_eq!(row.accesskit_node().role(), Role::RadioButton);
    assert!(row.rect().height() >= TOUCH_HEIGHT);
    // Tap near the right end of the row: the whole row is the target.
    let rect = row.rect();
    h.hover_at(egui::pos2(rect.right() - 5.0, rect.center().y));
    h.drag_at(egui::pos2(rect.right() - 5.0, rect.center().y));
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(rect.right() - 5.0, rect.center().y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::default(),
    });
    h.run();
    assert_eq!(chosen_single(&h), Some(2));
    assert_eq!(h.state().changes, 1);
    h.get_by_label("Poor").click();
    h.run();
    assert_eq!(chosen_single(&h), Some(3));
}

#[test]
fn single_choice_by_keyboard() {
    let mut h = harness(single(
        json!([{"id": 1, "text": "Great"}, {"id": 2, "text": "Fine"}]),
    ));
    h.get_by_label("Great").focus();
    h.run();
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(chosen_single(&h), Some(1));
}

#[test]
fn other_specify_box_appears_when_chosen() {
    let mut h = harness(single(json!([
        {"id": 1, "text": "Friends"}, {"id": 2, "text": "Other", "other": true}
    ])));
    assert!(h.query_by_label("Please specify: Other").is_none());
    h.get_by_label("Other").click();
    h.run();
    let field = h.get_by_label("Please specify: Other");
    assert!(
        field.is_focused(),
        "the box takes the focus when its answer is chosen"
    );
    field.type_text("A billboard");
    h.run();
    match &h.state().answer {
        Answer::Single { choice, other_text } => {
            assert_eq!(*choice, Some(2));
            assert_eq!(other_text.get(&2).map(String::as_str), Some("A billboard"));
        }
        other => panic!("{other:?}"),
    }
    // Choosing another answer hides the box.
    h.get_by_label("Friends").click();
    h.run();
    assert!(h.query_by_label("Please specify: Other").is_none());
}

#[test]
fn zero_to_ten_scale_is_a_row_of_square_buttons() {
    let answers: Vec<Value> = (0..=10)
        .map(|n| json!({"id": 100 + n, "text": n.to_string()}))
        .collect();
    let mut h = harness(single(Value::Array(answers)));
    let seven = h.get_by_label("7");
    let zero = h.get_by_label("0");
    assert!(
        (seven.rect().center().y - zero.rect().center().y).abs() < 1.0,
        "one row"
    );
    assert!(seven.rect().width() >= TOUCH_HEIGHT && seven.rect().height() >= TOUCH_HEIGHT);
    seven.click();
    h.run();
    assert_eq!(chosen_single(&h), Some(107));
}

#[test]
fn long_list_search_filters_and_picks() {
    let countries = [
        "Argentina",
        "Australia",
        "Austria",
        "Belgium",
        "Brazil",
        "Canada",
        "Chile",
        "Denmark",
        "Finland",
        "France",
        "Germany",
        "Japan",
        "Norway",
        "Spain",
    ];
    let answers: Vec<Value> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"id": 200 + i, "text": c}))
        .collect();
    let mut h = harness(single(Value::Array(answers)));
    assert!(h.query_by_label("Germany").is_none(), "closed at first");
    h.get_by_role(Role::ComboBox).click();
    h.run();
    let search = h.get_by_label("Search");
    assert!(
        !search.is_focused(),
        "not focused until tapped: a keyboard would cover the list"
    );
    search.click();
    h.run();
    h.get_by_label("Search").type_text("au");
    h.run();
    assert!(h.query_by_label("Germany").is_none(), "filtered out");
    assert!(h.query_by_label("Australia").is_some());
    assert!(h.query_by_label("Austria").is_some());
    h.get_by_label("Austria").click();
    h.run();
    assert_eq!(chosen_single(&h), Some(202));
    assert!(h.query_by_label("Search").is_none(), "closes after picking");
    assert_eq!(
        h.get_by_role(Role::ComboBox).value().as_deref(),
        Some("Austria")
    );
    // The search text lives in egui memory: reopening starts empty.
    h.get_by_role(Role::ComboBox).click();
    h.run();
    assert!(h.query_by_label("Germany").is_some());
}

fn multiple(max: Option<u32>) -> Question {
    let mut section = json!({"id": 20, "type": "M", "text": "What did you buy?",
        "answers": [{"id": 1, "text": "Bread"}, {"id": 2, "text": "Milk"}, {"id": 3, "text": "Eggs"},
            {"id": 4, "text": "None of these", "exclusive": true}],
        "formParam": {"paramPrefix": "m_", "paramIdType": "questionId"}});
    if let Some(max) = max {
        section["maxSelect"] = json!(max);
    }
    question(section)
}

fn chosen_multiple(h: &Harness<'_, State>) -> Vec<u64> {
    match &h.state().answer {
        Answer::Multiple { chosen, .. } => chosen.clone(),
        other => panic!("not multiple: {other:?}"),
    }
}

#[test]
fn multiple_choice_exclusive_clears_the_others() {
    let mut h = harness(multiple(None));
    assert_eq!(
        h.get_by_label("Bread").accesskit_node().role(),
        Role::CheckBox
    );
    h.get_by_label("Bread").click();
    h.run();
    h.get_by_label("Milk").click();
    h.run();
    assert_eq!(chosen_multiple(&h), vec![1, 2]);
    h.get_by_label("None of these").click();
    h.run();
    assert_eq!(chosen_multiple(&h), vec![4]);
    h.get_by_label("Eggs").click();
    h.run();
    assert_eq!(chosen_multiple(&h), vec![3]);
    // Tapping a chosen answer again unchooses it.
    h.get_by_label("Eggs").click();
    h.run();
    assert!(chosen_multiple(&h).is_empty());
}

#[test]
fn multiple_choice_enforces_max() {
    let mut h = harness(multiple(Some(2)));
    h.get_by_label("Choose up to 2");
    for label in ["Bread", "Milk", "Eggs"] {
        h.get_by_label(label).click();
        h.run();
    }
    assert_eq!(chosen_multiple(&h), vec![1, 2]);
    h.get_by_label("You can choose up to 2. Unselect one to choose another.");
    h.get_by_label("Milk").click();
    h.run();
    assert!(
        h.query_by_label("You can choose up to 2. Unselect one to choose another.")
            .is_none()
    );
    h.get_by_label("Eggs").click();
    h.run();
    assert_eq!(chosen_multiple(&h), vec![1, 3]);
}

#[test]
fn text_fields_are_typed_by_label() {
    let q = question(
        json!({"id": 30, "type": "T", "text": "How can we reach you?",
        "answers": [{"id": 1, "text": "Name"}, {"id": 2, "text": "Email", "inputType": "email"},
            {"id": 3, "text": "Phone", "inputType": "phone"}, {"id": 4, "text": "Age", "inputType": "number"},
            {"id": 5, "text": "Comments", "multiline": true}],
        "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}),
    );
    let mut h = harness(q);
    // The label sits above its field.
    let field = h.get_by_label("Email");
    assert_eq!(field.accesskit_node().role(), Role::TextInput);
    assert_eq!(
        field.accesskit_node().data().placeholder(),
        Some("name@example.com")
    );
    let label = h
        .get_all_by_role(Role::Label)
        .find(|n| n.value().as_deref() == Some("Email"))
        .expect("a visible Email label");
    assert!(label.rect().bottom() <= field.rect().top() + 1.0);
    for (name, typed) in [
        ("Name", "Ada Lovelace"),
        ("Email", "ada@example.com"),
        ("Phone", "+44 (20) 7946-0958 ext"),
        ("Age", "3x6.5.1"),
        ("Comments", "Nice shop"),
    ] {
        h.get_by_label(name).focus();
        h.run();
        h.get_by_label(name).type_text(typed);
        h.run();
    }
    match &h.state().answer {
        Answer::Text { values } => assert_eq!(
            values,
            &[
                "Ada Lovelace",
                "ada@example.com",
                "+44 (20) 7946-0958 ",
                "36.51",
                "Nice shop"
            ]
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn lone_comment_box_is_named_by_the_question() {
    let q = question(json!({"id": 31, "type": "T", "text": "Anything else?",
        "answers": [{"id": 1, "text": "", "multiline": true}],
        "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}));
    let mut h = harness(q);
    h.get_by_label("1. Anything else?").focus();
    h.run();
    h.get_by_label("1. Anything else?").type_text("No");
    h.run();
    assert_eq!(
        h.state().answer,
        Answer::Text {
            values: vec!["No".into()]
        }
    );
}

fn rank_question() -> Question {
    question(json!({"id": 40, "type": "R", "text": "Rank these",
        "answers": [{"id": 1, "text": "Price"}, {"id": 2, "text": "Quality"}, {"id": 3, "text": "Service"}],
        "formParam": {"paramPrefix": "r_", "paramIdType": "answerId"}}))
}

fn ranks(h: &Harness<'_, State>) -> Vec<Option<u32>> {
    match &h.state().answer {
        Answer::Rank { ranks } => ranks.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn rank_by_move_buttons() {
    let mut h = harness(rank_question());
    assert_eq!(
        h.get_all_by_value("\u{2013}").count(),
        3,
        "unranked: dashes"
    );
    h.get_by_label("Move up: Service").click();
    h.run();
    // The first move ranks every item in the order shown.
    assert_eq!(ranks(&h), vec![Some(1), Some(3), Some(2)]);
    h.get_by_label("Move down: Price").click();
    h.run();
    assert_eq!(ranks(&h), vec![Some(2), Some(3), Some(1)]);
    assert!(
        h.get_by_label("Keep this order")
            .accesskit_node()
            .is_disabled(),
        "nothing left to keep"
    );
    // The list is shown in rank order.
    let y = |h: &Harness<'_, State>, label: &str| h.get_by_label(label).rect().center().y;
    assert!(y(&h, "Service") < y(&h, "Price"));
    assert!(y(&h, "Price") < y(&h, "Quality"));
}

#[test]
fn rank_keep_this_order() {
    let mut h = harness(rank_question());
    h.get_by_label("Keep this order").click();
    h.run();
    assert_eq!(ranks(&h), vec![Some(1), Some(2), Some(3)]);
}

#[test]
fn a_double_tap_on_keep_this_order_keeps_it() {
    let mut h = harness(rank_question());
    let at = h.get_by_label("Keep this order").rect().center();
    for _ in 0..2 {
        h.hover_at(at);
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::default(),
            });
        }
        h.run();
    }
    // The second tap found no "Start again" under the finger.
    assert_eq!(ranks(&h), vec![Some(1), Some(2), Some(3)]);
    assert!(
        !h.get_by_label("Start again").accesskit_node().is_disabled(),
        "Start again is there, in its own place"
    );
    h.get_by_label("Start again").click();
    h.run();
    assert_eq!(ranks(&h), vec![None, None, None]);
    assert!(
        h.get_by_label("Start again").accesskit_node().is_disabled(),
        "nothing to start again"
    );
}

#[test]
fn ranking_by_taps_moves_no_row_under_the_finger() {
    let mut h = harness(rank_question());
    let y = |h: &Harness<'_, State>, label: &str| h.get_by_label(label).rect().center().y;
    let before: Vec<f32> = ["Price", "Quality", "Service"]
        .iter()
        .map(|label| y(&h, label))
        .collect();
    // A double tap on Service: the second tap lands on Service again.
    let at = h.get_by_label("Service").rect().center();
    for _ in 0..2 {
        h.hover_at(at);
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::default(),
            });
        }
        h.run();
    }
    assert_eq!(ranks(&h), vec![None, None, Some(1)], "one tap, one rank");
    h.get_by_label("Price").click();
    h.run();
    assert_eq!(ranks(&h), vec![Some(2), None, Some(1)]);
    let after: Vec<f32> = ["Price", "Quality", "Service"]
        .iter()
        .map(|label| y(&h, label))
        .collect();
    assert_eq!(after, before, "every row where it was");
    assert_eq!(
        h.get_by_label("Service").value().as_deref(),
        Some("1"),
        "the rank shows as the row's badge"
    );
    // The last tap ranks every item: the list shows them in rank order.
    h.get_by_label("Quality").click();
    h.run();
    assert_eq!(ranks(&h), vec![Some(2), Some(3), Some(1)]);
    assert!(y(&h, "Service") < y(&h, "Price") && y(&h, "Price") < y(&h, "Quality"));
}

#[test]
fn rank_by_drag_and_drop() {
    let drag = |h: &mut Harness<'_, State>, start: egui::Pos2, end: egui::Pos2| {
        h.hover_at(start);
        h.run();
        h.drag_at(start);
        h.run();
        for i in 1..=6 {
            h.hover_at(start + (end - start) * (i as f32 / 6.0));
            h.run();
        }
        h.drop_at(end);
        h.run();
    };
    let mut h = harness(rank_question());
    let to = h.get_by_label("Service").rect();
    let end = egui::pos2(to.left() + 60.0, to.center().y);
    // A finger sliding over an item's text scrolls; it never reorders.
    let text = h.get_by_label("Price").rect();
    drag(&mut h, egui::pos2(text.center().x, text.center().y), end);
    assert_eq!(ranks(&h), vec![None, None, None], "not from the text");
    // From the grip it does.
    let start = h.get_by_label("Drag to move: Price").rect().center();
    drag(&mut h, start, end);
    assert_eq!(ranks(&h), vec![Some(3), Some(1), Some(2)]);
}

#[test]
fn constant_sum_shows_the_live_total() {
    let q = question(
        json!({"id": 50, "type": "S", "text": "Split 100 points", "total": 100,
        "answers": [{"id": 1, "text": "Price"}, {"id": 2, "text": "Quality"}],
        "formParam": {"paramPrefix": "s_", "paramIdType": "answerId"}}),
    );
    let mut h = harness(q);
    h.get_by_label("Total: 0 of 100 \u{2014} 100 left");
    h.get_by_label("Price").focus();
    h.run();
    h.get_by_label("Price").type_text("7a0");
    h.run();
    h.get_by_label("Total: 70 of 100 \u{2014} 30 left");
    h.get_by_label("Quality").focus();
    h.run();
    h.get_by_label("Quality").type_text("50");
    h.run();
    h.get_by_label("Total: 120 of 100 \u{2014} 20 too many");
    assert_eq!(
        h.state().answer,
        Answer::Sum {
            values: vec!["70".into(), "50".into()]
        }
    );
}

fn date_question(format: &str) -> Question {
    question(
        json!({"id": 60, "type": "DT", "text": "When did you visit?", "dateFormat": format,
        "answers": [{"id": 1, "text": ""}],
        "formParam": {"paramPrefix": "dt_", "paramIdType": "answerId"}}),
    )
}

fn date_parts(h: &Harness<'_, State>) -> DateParts {
    match &h.state().answer {
        Answer::Date { values } => values[0],
        other => panic!("{other:?}"),
    }
}

/// Opens the combo box named `combo` and picks `option` from its list.
fn pick(h: &mut Harness<'_, State>, combo: &str, option: &str) {
    h.get_by_label(combo).click();
    h.run();
    h.get_by_label(option).click_accesskit();
    h.run();
}

#[test]
fn date_pickers_set_day_month_year_and_time() {
    let mut h = harness(date_question("dmy_time"));
    assert_eq!(
        h.get_by_label("Day").accesskit_node().role(),
        Role::ComboBox
    );
    pick(&mut h, "Day", "15");
    pick(&mut h, "Month", "June");
    pick(&mut h, "Year", "2024");
    pick(&mut h, "Hour", "10");
    pick(&mut h, "Minute", "05");
    h.get_by_label("PM").click();
    h.run();
    assert_eq!(
        date_parts(&h),
        DateParts {
            day: Some(15),
            month: Some(6),
            year: Some(2024),
            hour: Some(10),
            minute: Some(5),
            meridiem: Some(Meridiem::Pm),
        }
    );
    h.get_by_label("Clear").click();
    h.run();
    assert!(date_parts(&h).is_empty());
}

/// Whether something framed (a filled or outlined rectangle) is drawn
/// where `rect` is.
fn framed(h: &Harness<'_, State>, rect: egui::Rect) -> bool {
    fn frames(shape: &egui::Shape, rect: egui::Rect) -> bool {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().any(|s| frames(s, rect)),
            egui::Shape::Rect(r) => {
                (r.rect.center() - rect.center()).length() < 3.0
                    && (r.rect.size() - rect.size()).length() < 6.0
                    && (r.fill.a() > 0 || (r.stroke.width > 0.0 && r.stroke.color.a() > 0))
            }
            _ => false,
        }
    }
    h.output()
        .shapes
        .iter()
        .any(|clipped| frames(&clipped.shape, rect))
}

#[test]
fn am_and_pm_look_like_buttons_before_either_is_chosen() {
    let mut h = harness(date_question("dmy_time"));
    h.run();
    for name in ["AM", "PM"] {
        let rect = h.get_by_label(name).rect();
        assert!(framed(&h, rect), "{name} is drawn as a button: {rect:?}");
    }
}

#[test]
fn calendar_popup_picks_a_date() {
    let mut h = harness(date_question("calendar"));
    h.get_by_label("Choose a date").click();
    h.run();
    let today = chrono::Local::now().date_naive();
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = |y: i32, m: u32| format!("{} {y}", months[m as usize - 1]);
    h.get_by_label(&name(today.year(), today.month()));
    // Today is marked, for the eye and the ear.
    h.get_by_label(&format!(
        "{} {}, today",
        today.day(),
        name(today.year(), today.month())
    ));
    h.get_by_label("Next month").click();
    h.run();
    let (y, m) = if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    };
    let day = format!("15 {}", name(y, m));
    h.get_by_label(&day).click();
    h.run();
    let parts = date_parts(&h);
    assert_eq!(
        (parts.year, parts.month, parts.day),
        (Some(y), Some(m), Some(15))
    );
    assert!(h.query_by_label("Next month").is_none(), "the popup closed");
    // The button now shows the date; it reopens the calendar.
    h.get_by_label(&day).click();
    h.run();
    h.get_by_label("Clear").click();
    h.run();
    assert!(date_parts(&h).is_empty());
}

fn matrix_question(multiple: bool) -> Question {
    let (prefix, code) = if multiple { ("m_", "MM") } else { ("u_", "MU") };
    question(json!({"id": 70, "type": code, "text": "Rate us",
        "rows": [{"id": 701, "text": "Service"}, {"id": 702, "text": "Prices"}],
        "answers": [{"id": 1, "text": "Poor"}, {"id": 2, "text": "Good"}, {"id": 3, "text": "Great"}],
        "formParam": {"paramPrefix": prefix, "paramIdType": "questionId"}}))
}

fn matrix_rows(h: &Harness<'_, State>) -> Vec<Vec<u64>> {
    match &h.state().answer {
        Answer::Matrix { rows } => rows.clone(),
        other => panic!("{other:?}"),
    }
}

fn matrix_single_picks_per_row(mut h: Harness<'_, State>) -> Harness<'_, State> {
    h.get_by_label("Service: Good").click();
    h.run();
    h.get_by_label("Prices: Poor").click();
    h.run();
    h.get_by_label("Service: Great").click();
    h.run();
    assert_eq!(matrix_rows(&h), vec![vec![3], vec![1]]);
    h
}

#[test]
fn matrix_wide_is_a_grid() {
    let h = matrix_single_picks_per_row(harness(matrix_question(false)));
    // Cells of one row side by side, the header above them.
    let good = h.get_by_label("Service: Good").rect();
    let great = h.get_by_label("Service: Great").rect();
    assert!((good.center().y - great.center().y).abs() < 1.0);
    let header = h
        .get_all_by_role(Role::Label)
        .find(|n| n.value().as_deref() == Some("Good"))
        .expect("column label");
    assert!(header.rect().bottom() <= good.top() + 1.0);
    assert!(good.height() >= TOUCH_HEIGHT);
}

#[test]
fn matrix_narrow_stacks_rows() {
    let h = matrix_single_picks_per_row(harness_sized(matrix_question(false), 360.0, true));
    let good = h.get_by_label("Service: Good").rect();
    let great = h.get_by_label("Service: Great").rect();
    assert!(
        great.top() >= good.bottom(),
        "options stacked under each other"
    );
}

#[test]
fn matrix_multiple_toggles_cells() {
    let mut h = harness(matrix_question(true));
    assert_eq!(
        h.get_by_label("Service: Good").accesskit_node().role(),
        Role::CheckBox
    );
    for label in ["Service: Good", "Service: Great", "Service: Good"] {
        h.get_by_label(label).click();
        h.run();
    }
    assert_eq!(matrix_rows(&h), vec![vec![3], vec![]]);
}

#[test]
fn a_problem_message_is_shown() {
    let mut h = harness(single(json!([{"id": 1, "text": "Great"}])));
    assert!(h.query_by_label("Please choose an answer.").is_none());
    h.state_mut().problem = Some(survey_kiosk::words!("validate-choose-one"));
    h.run();
    let problem = h.get_by_label("Please choose an answer.");
    let title = h.get_by_label("1. How was your visit? *");
    assert!(problem.rect().top() >= title.rect().bottom() - 1.0);
}

#[test]
fn descriptive_text_keeps_paragraphs() {
    let q = question(json!({"id": 80, "type": "D", "text": "Welcome!\n\nThis takes two minutes."}));
    let h = harness(q);
    h.get_by_label("Welcome!");
    h.get_by_label("This takes two minutes.");
}

#[test]
fn unsupported_shows_its_notice() {
    let q = question(
        json!({"id": 90, "type": "HEATMAP", "text": "Click the picture",
        "formParam": {"paramPrefix": "hm_", "paramIdType": "questionId"}}),
    );
    let mut h = harness(q);
    h.get_by_label("Click the picture");
    h.get_by_label("This question can't be shown on this kiosk. You can skip it.");
    h.run();
    assert_eq!(h.state().answer, Answer::Nothing);
    assert_eq!(h.state().changes, 0);
}

#[test]
fn japanese_and_arabic_have_glyphs() {
    // kittest panics on a missing glyph: the bundled fonts must cover these.
    let q = single(json!([{"id": 1, "text": "とても満足"}, {"id": 2, "text": "راضٍ جداً"}]));
    let mut h = harness(q);
    h.get_by_label("とても満足").click();
    h.run();
    assert_eq!(chosen_single(&h), Some(1));
}

#[test]
fn clearing_egui_memory_forgets_the_search_text() {
    let answers: Vec<Value> = (0..20)
        .map(|i| json!({"id": 300 + i, "text": format!("Store {i}")}))
        .collect();
    let mut h = harness(single(Value::Array(answers)));
    h.get_by_role(Role::ComboBox).click();
    h.run();
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("Store 1");
    h.run();
    assert!(h.query_by_label("Store 2").is_none());
    h.ctx.memory_mut(|m| *m = egui::Memory::default());
    h.run();
    assert!(h.query_by_label("Search").is_none(), "the list closed");
    h.get_by_role(Role::ComboBox).click();
    h.run();
    assert!(h.query_by_label("Store 2").is_some(), "the filter is gone");
}

#[test]
fn bold_italic_and_lists_in_a_question_keep_their_meaning() {
    let q = question(json!({"id": 81, "type": "T", "required": true,
        "text": "Anything <b>else</b>?<br><i>For example:</i><ul><li>what we did well</li><li>what we could do better</li></ul>",
        "answers": [{"id": 1, "text": ""}],
        "formParam": {"paramPrefix": "t_", "paramIdType": "answerId"}}));
    let bold = egui::FontFamily::Name(fonts::BOLD_FAMILY.into());
    let mut h = harness(q);
    h.run();
    // The list items are lines of their own, with bullets.
    h.get_by_label(
        "1. Anything else?\nFor example:\n\u{2022} what we did well\n\u{2022} what we could do better *",
    );
    // Bold text asked for the bold font, and now has it.
    assert!(
        h.ctx
            .fonts(|f| f.definitions().families.contains_key(&bold)),
        "the bold family is installed"
    );
}

#[test]
fn a_question_without_bold_text_never_loads_the_bold_font() {
    let bold = egui::FontFamily::Name(fonts::BOLD_FAMILY.into());
    let mut h = harness(single(json!([{"id": 1, "text": "Great"}])));
    h.run();
    assert!(
        !h.ctx
            .fonts(|f| f.definitions().families.contains_key(&bold))
    );
}
