//! Dates: day / month / year pickers (with hour, minute and AM/PM for
//! date-and-time), or a date button opening a month calendar.

use chrono::{Datelike, NaiveDate};
use egui::{Button, Grid, Id, Label, Popup, PopupCloseBehavior, RichText, Ui, Vec2, vec2};

use super::common;
use super::{Ctx, TOUCH_HEIGHT};
use crate::i18n::{Tr, fl};
use crate::survey::{Choice, DateFormat, DateParts, Meridiem};

pub(crate) const MONTHS: [&str; 12] = [
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

const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// Date fields (`Answer::Date`).
pub(super) fn date_ui(
    ui: &mut Ui,
    cx: &Ctx,
    fields: &[Choice],
    format: DateFormat,
    values: &mut [DateParts],
) -> bool {
    let mut changed = false;
    for (field, parts) in fields.iter().zip(values.iter_mut()) {
        let text = field.text.trim();
        if fields.len() > 1 || !text.is_empty() {
            common::field_label(ui, text);
        }
        let id = cx.id.with(("date", field.id));
        changed |= match format {
            DateFormat::Calendar => calendar_ui(ui, id, parts),
            DateFormat::DayMonthYear => parts_ui(ui, id, parts, false),
            DateFormat::DayMonthYearTime => parts_ui(ui, id, parts, true),
        };
        ui.add_space(ui.spacing().item_spacing.y);
    }
    changed
}

fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m as usize))
        .copied()
        .unwrap_or("?")
}

fn days_in_month(year: Option<i32>, month: Option<u32>) -> u32 {
    match month {
        Some(4 | 6 | 9 | 11) => 30,
        Some(2) => match year {
            Some(y) if NaiveDate::from_ymd_opt(y, 2, 29).is_none() => 28,
            _ => 29,
        },
        _ => 31,
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The widths of the pickers' buttons: a number's and a month name's.
#[derive(Clone, Copy)]
struct Widths {
    number: f32,
    month: f32,
}

/// Day, month, year (and hour, minute, AM/PM) pickers.
fn parts_ui(ui: &mut Ui, id: Id, parts: &mut DateParts, with_time: bool) -> bool {
    let mut changed = false;
    let widths = Widths {
        number: common::body_font(ui).size * 3.5,
        month: common::body_font(ui).size * 7.5,
    };
    let this_year = today().year();
    let tr = crate::ui::words(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        changed |= day_month_year(ui, (id, &tr), parts, widths, this_year);
        if with_time {
            changed |= time_pickers(ui, (id, &tr), parts, widths.number);
        }
        changed |= clear_parts(ui, &tr, parts);
    });
    if changed && let Some(day) = parts.day {
        parts.day = Some(day.min(days_in_month(parts.year, parts.month)));
    }
    changed
}

/// The day, month and year pickers (years from 110 before `this_year` to
/// five after, and the chosen one if outside them).
fn day_month_year(
    ui: &mut Ui,
    (id, tr): (Id, &Tr),
    parts: &mut DateParts,
    widths: Widths,
    this_year: i32,
) -> bool {
    let mut changed = false;
    let days: Vec<u32> = (1..=days_in_month(parts.year, parts.month)).collect();
    changed |= pick(
        ui,
        (id.with("day"), &fl!(tr, "date-day")),
        &mut parts.day,
        &days,
        |d| d.to_string(),
        Cells {
            width: widths.number,
            columns: 7,
        },
    );
    let months: Vec<u32> = (1..=12).collect();
    changed |= pick(
        ui,
        (id.with("month"), &fl!(tr, "date-month")),
        &mut parts.month,
        &months,
        |m| tr.month_name(m).unwrap_or_else(|| month_name(m).to_owned()),
        Cells {
            width: widths.month,
            columns: 3,
        },
    );
    let mut years: Vec<i32> = (this_year - 110..=this_year + 5).rev().collect();
    if let Some(y) = parts.year.filter(|y| !years.contains(y)) {
        years.insert(0, y);
    }
    changed |= pick(
        ui,
        (id.with("year"), &fl!(tr, "date-year")),
        &mut parts.year,
        &years,
        |y| y.to_string(),
        Cells {
            width: widths.number * 1.3,
            columns: 5,
        },
    );
    changed
}

/// The hour and minute pickers and the AM/PM buttons.
fn time_pickers(ui: &mut Ui, (id, tr): (Id, &Tr), parts: &mut DateParts, width: f32) -> bool {
    let mut changed = false;
    let hours: Vec<u32> = (1..=12).collect();
    changed |= pick(
        ui,
        (id.with("hour"), &fl!(tr, "date-hour")),
        &mut parts.hour,
        &hours,
        |h| h.to_string(),
        Cells { width, columns: 4 },
    );
    let minutes: Vec<u32> = (0..60).collect();
    changed |= pick(
        ui,
        (id.with("minute"), &fl!(tr, "date-minute")),
        &mut parts.minute,
        &minutes,
        |m| format!("{m:02}"),
        Cells { width, columns: 6 },
    );
    changed |= meridiem_ui(ui, tr, parts);
    changed
}

/// "AM" and "PM", under their label.
fn meridiem_ui(ui: &mut Ui, tr: &Tr, parts: &mut DateParts) -> bool {
    let mut changed = false;
    let label = fl!(tr, "date-am-pm");
    let names = [fl!(tr, "date-am"), fl!(tr, "date-pm")];
    let buttons: f32 = names
        .iter()
        .map(|name| button_width(ui, name, TOUCH_HEIGHT * 1.3))
        .sum::<f32>()
        + ui.spacing().item_spacing.x;
    let width = buttons.max(text_width(ui, &label, egui::TextStyle::Body));
    piece(ui, width, |ui| {
        crate::ui::bidi::label(ui, label);
        ui.horizontal(|ui| {
            for (meridiem, name) in [Meridiem::Am, Meridiem::Pm].into_iter().zip(names) {
                let selected = parts.meridiem == Some(meridiem);
                // Framed also when not chosen: a button, not a word.
                let button = Button::new(name)
                    .selected(selected)
                    .min_size(vec2(TOUCH_HEIGHT * 1.3, TOUCH_HEIGHT));
                if ui.add(button).clicked() && !selected {
                    parts.meridiem = Some(meridiem);
                    changed = true;
                }
            }
        });
    });
    changed
}

/// "Clear", after the pickers: always there (disabled while empty),
/// appearing would move what follows it under the finger.
fn clear_parts(ui: &mut Ui, tr: &Tr, parts: &mut DateParts) -> bool {
    let mut changed = false;
    let clear = crate::ui::bidi::line_text(&fl!(tr, "date-clear"));
    let width = button_width(ui, &clear, TOUCH_HEIGHT * 1.5);
    piece(ui, width, |ui| {
        crate::ui::bidi::label(ui, " ");
        if ui
            .add_enabled(
                !parts.is_empty(),
                Button::new(clear).min_size(vec2(TOUCH_HEIGHT * 1.5, TOUCH_HEIGHT)),
            )
            .clicked()
        {
            *parts = DateParts::default();
            changed = true;
        }
    });
    changed
}

/// One piece of the row of pickers (a label over its control), `width`
/// wide: on the next line when this one has no room left for it (a
/// vertical group alone takes what is left of the line, and its button's
/// word broke: "Clea r" past the column's edge on a portrait screen).
fn piece<R>(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    if ui.available_size_before_wrap().x < width && ui.cursor().min.x > ui.max_rect().min.x {
        ui.end_row();
    }
    ui.vertical(add).inner
}

/// How wide `text` is in `style`, on one line.
fn text_width(ui: &Ui, text: &str, style: egui::TextStyle) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, style)
        .size()
        .x
}

/// How wide a button showing `text` is, at least `min`.
fn button_width(ui: &Ui, text: &str, min: f32) -> f32 {
    (text_width(ui, text, egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.x).max(min)
}

/// One part of a date (day, month, year, hour, minute), chosen by touch: a
/// button showing the choice opens a grid of `columns` big buttons (years
/// scroll, the chosen one in view), not a long list showing a few at a time.
/// A drop-down's button width and how many options a row of its list holds.
#[derive(Clone, Copy)]
struct Cells {
    width: f32,
    columns: usize,
}

fn pick<T: Copy + PartialEq>(
    ui: &mut Ui,
    (id, label): (Id, &str),
    current: &mut Option<T>,
    options: &[T],
    text: impl Fn(T) -> String,
    Cells { width, columns }: Cells,
) -> bool {
    let mut changed = false;
    let piece_width = width.max(text_width(ui, label, egui::TextStyle::Body));
    piece(ui, piece_width, |ui| {
        let label = crate::ui::bidi::label(ui, label);
        let selected = current.map_or_else(|| "\u{2013}".to_owned(), &text);
        let button = ui
            .add(
                Button::new(crate::ui::bidi::line_text(&selected))
                    .min_size(vec2(width, TOUCH_HEIGHT)),
            )
            .labelled_by(label.id);
        let enabled = ui.is_enabled();
        button.widget_info(|| {
            let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, enabled, "");
            info.current_text_value = Some(selected.clone());
            info
        });
        let opened = button.clicked();
        Popup::from_toggle_button_response(&button)
            .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                let columns = columns.max(1);
                let cell = vec2(width.max(TOUCH_HEIGHT * 1.2), TOUCH_HEIGHT);
                let area = egui::ScrollArea::vertical()
                    .max_height(TOUCH_HEIGHT * 6.5 + 6.0 * ui.spacing().item_spacing.y);
                crate::ui::swipe::show(ui, area, id.with("grid_scroll"), |ui| {
                    Grid::new(id.with("grid"))
                        .num_columns(columns)
                        .show(ui, |ui| {
                            for (index, &option) in options.iter().enumerate() {
                                let is_current = *current == Some(option);
                                let item = ui.add(
                                    Button::selectable(is_current, text(option)).min_size(cell),
                                );
                                if is_current && opened {
                                    item.scroll_to_me(Some(egui::Align::Center));
                                }
                                if item.clicked() {
                                    changed |= !is_current;
                                    *current = Some(option);
                                    ui.close();
                                }
                                if (index + 1) % columns == 0 {
                                    ui.end_row();
                                }
                            }
                        });
                });
            });
    });
    changed
}

/// A button showing the date; it opens a month calendar with a "Clear" button.
fn calendar_ui(ui: &mut Ui, id: Id, parts: &mut DateParts) -> bool {
    let chosen = parts.date();
    let tr = crate::ui::words(ui.ctx());
    let text = chosen.map_or_else(
        || fl!(tr, "date-choose"),
        |d| tr.date(d.year(), d.month(), d.day()),
    );
    let button = ui.add(
        Button::new(crate::ui::bidi::line_text(&text))
            .min_size(vec2(TOUCH_HEIGHT * 4.0, TOUCH_HEIGHT)),
    );
    let view_id = id.with("calendar_view");
    if button.clicked() {
        let start = chosen.unwrap_or_else(today);
        ui.ctx()
            .data_mut(|d| d.insert_temp(view_id, (start.year(), start.month())));
    }
    let mut changed = false;
    Popup::from_toggle_button_response(&button)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .accessible_name(fl!(tr, "date-calendar"))
        .show(|ui| {
            let fallback = chosen.unwrap_or_else(today);
            let (mut year, mut month) = ui
                .ctx()
                .data(|d| d.get_temp::<(i32, u32)>(view_id))
                .unwrap_or((fallback.year(), fallback.month()));
            month_header(ui, &tr, (&mut year, &mut month));
            let shown = Month {
                year,
                month,
                chosen,
            };
            changed |= month_grid(ui, id, &tr, shown, parts);
            changed |= calendar_footer(ui, &tr, parts);
            ui.ctx().data_mut(|d| d.insert_temp(view_id, (year, month)));
        });
    changed
}

/// The calendar's top: the previous month's button, the month and year
/// shown, the next month's button.
fn month_header(ui: &mut Ui, tr: &Tr, (year, month): (&mut i32, &mut u32)) {
    let cell = TOUCH_HEIGHT;
    ui.horizontal(|ui| {
        let step = Vec2::splat(cell);
        if ui
            .add(Button::new("\u{2039}").min_size(step))
            .accessible_name(fl!(tr, "date-previous-month"))
            .clicked()
        {
            (*year, *month) = if *month == 1 {
                (*year - 1, 12)
            } else {
                (*year, *month - 1)
            };
        }
        ui.add_sized(
            vec2(cell * 5.0 - ui.spacing().item_spacing.x * 2.0, cell),
            Label::new(
                RichText::new(crate::ui::bidi::line_text(&fl!(
                    tr,
                    "date-month-year",
                    month = tr.month_name(*month).unwrap_or_default(),
                    year = year.to_string()
                )))
                .strong(),
            ),
        );
        if ui
            .add(Button::new("\u{203a}").min_size(step))
            .accessible_name(fl!(tr, "date-next-month"))
            .clicked()
        {
            (*year, *month) = if *month == 12 {
                (*year + 1, 1)
            } else {
                (*year, *month + 1)
            };
        }
    });
}

/// The month a calendar shows, and the date chosen (marked if in it).
#[derive(Clone, Copy)]
struct Month {
    year: i32,
    month: u32,
    chosen: Option<NaiveDate>,
}

/// The weekdays' names and the month's days, a button each; a tap on one
/// chooses it and closes the calendar.
fn month_grid(ui: &mut Ui, id: Id, tr: &Tr, shown: Month, parts: &mut DateParts) -> bool {
    let Month {
        year,
        month,
        chosen,
    } = shown;
    let cell = TOUCH_HEIGHT;
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let offset = first.map_or(0, |d| d.weekday().num_days_from_monday());
    let days = days_in_month(Some(year), Some(month));
    let mut changed = false;
    Grid::new(id.with("calendar_grid"))
        .num_columns(7)
        .min_col_width(cell)
        .show(ui, |ui| {
            for (n, name) in WEEKDAYS.iter().enumerate() {
                let name = tr
                    .weekday_short(n as u32 + 1)
                    .unwrap_or_else(|| (*name).to_owned());
                ui.add_sized(Vec2::splat(cell * 0.7), Label::new(name));
            }
            ui.end_row();
            for _ in 0..offset {
                ui.allocate_space(Vec2::splat(cell));
            }
            let today = today();
            for day in 1..=days {
                let selected = chosen
                    .is_some_and(|d| d.year() == year && d.month() == month && d.day() == day);
                let is_today = today.year() == year && today.month() == month && today.day() == day;
                let date = tr.date(year, month, day);
                let name = if is_today {
                    fl!(tr, "date-is-today", date = date)
                } else {
                    date
                };
                let response = ui
                    .add(Button::selectable(selected, day.to_string()).min_size(Vec2::splat(cell)))
                    .accessible_name(name);
                if is_today && !selected {
                    // Today is ringed, so a respondent finds it at a glance.
                    ui.painter().rect_stroke(
                        response.rect.shrink(2.0),
                        4.0,
                        egui::Stroke::new(2.0, ui.visuals().selection.bg_fill),
                        egui::StrokeKind::Inside,
                    );
                }
                if response.clicked() {
                    parts.day = Some(day);
                    parts.month = Some(month);
                    parts.year = Some(year);
                    changed = true;
                    ui.close();
                }
                if (offset + day).is_multiple_of(7) {
                    ui.end_row();
                }
            }
            // Always six weeks: the calendar keeps its height from month to
            // month, so nothing moves under the finger.
            let used = offset + days;
            for cell_index in used..42 {
                ui.allocate_space(Vec2::splat(cell));
                if (cell_index + 1).is_multiple_of(7) {
                    ui.end_row();
                }
            }
        });
    changed
}

/// "Today" and "Clear" under the calendar; either closes it.
fn calendar_footer(ui: &mut Ui, tr: &Tr, parts: &mut DateParts) -> bool {
    let cell = TOUCH_HEIGHT;
    let mut changed = false;
    ui.horizontal(|ui| {
        if ui
            .add(
                Button::new(crate::ui::bidi::line_text(&fl!(tr, "date-today")))
                    .min_size(vec2(cell * 2.0, cell)),
            )
            .clicked()
        {
            let now = today();
            parts.day = Some(now.day());
            parts.month = Some(now.month());
            parts.year = Some(now.year());
            changed = true;
            ui.close();
        }
        if ui
            .add_enabled(
                !parts.is_empty(),
                Button::new(crate::ui::bidi::line_text(&fl!(tr, "date-clear")))
                    .min_size(vec2(cell * 2.0, cell)),
            )
            .clicked()
        {
            changed = true;
            *parts = DateParts::default();
            ui.close();
        }
    });
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(Some(2024), Some(2)), 29);
        assert_eq!(days_in_month(Some(2023), Some(2)), 28);
        assert_eq!(days_in_month(None, Some(2)), 29);
        assert_eq!(days_in_month(None, Some(4)), 30);
        assert_eq!(days_in_month(None, None), 31);
        assert_eq!(month_name(6), "June");
        assert_eq!(month_name(0), "?");
    }
}
