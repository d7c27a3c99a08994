//! The bar at the top of a survey page: the survey's title and how far the
//! respondent is (a bar and its figure); on a short screen, one line.

use egui::{RichText, Sense, Ui};

use crate::i18n::{Tr, fl, percent_arg};
use crate::kiosk::PageScreen;

use super::screens::{bar_frame_sized, row};

/// The page's header. `compact`: the title and the progress on one line
/// (a short screen, or the on-screen keyboard up).
pub(super) fn progress_panel(
    ui: &mut Ui,
    page: &PageScreen,
    title: String,
    tr: &Tr,
    compact: bool,
) {
    let rtl = tr.direction().is_rtl();
    // As the server says: 100 on a last page it counts as done.
    let percent = page.progress_percent.map(|percent| percent.min(100));
    egui::Panel::top("progress")
        .frame(bar_frame_sized(compact))
        .show(ui, |ui| {
            if compact {
                row(ui, rtl, |ui| {
                    let progress = if percent.is_some() {
                        (ui.available_width() * 0.45).min(460.0)
                    } else {
                        0.0
                    };
                    let title_width = (ui.available_width() - progress).max(80.0);
                    let height = ui.spacing().interact_size.y;
                    ui.allocate_ui_with_layout(
                        egui::vec2(title_width, height),
                        *ui.layout(),
                        |ui| {
                            super::bidi::label(ui, RichText::new(title).strong());
                        },
                    );
                    if let Some(percent) = percent {
                        figure(ui, percent, (progress - 160.0).max(80.0), tr, rtl);
                    }
                });
                return;
            }
            row(ui, rtl, |ui| {
                super::bidi::label(ui, RichText::new(title).strong());
            });
            if let Some(percent) = percent {
                row(ui, rtl, |ui| {
                    let bar_width = (ui.available_width() - 160.0).max(80.0);
                    figure(ui, percent, bar_width, tr, rtl);
                });
            }
            ui.add_space(4.0);
        });
}

/// The bar and its figure ("40% done"). The figure beside the bar, not on
/// it: egui clips the bar's own text to the filled part, so "0% done"
/// would not show.
fn figure(ui: &mut Ui, percent: u8, bar_width: f32, tr: &Tr, rtl: bool) {
    let label = fl!(
        tr,
        "progress-done",
        percent = percent_arg(f64::from(percent))
    );
    progress_bar(ui, f32::from(percent) / 100.0, bar_width, rtl).on_hover_text(&label);
    super::bidi::label(ui, RichText::new(label).small());
}

/// A progress bar that fills from the right in a right-to-left language.
fn progress_bar(ui: &mut Ui, fraction: f32, width: f32, rtl: bool) -> egui::Response {
    let height = 22.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::new(egui::Role::ProgressIndicator);
        info.value = Some(f64::from(fraction) * 100.0);
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let painter = ui.painter();
        painter.rect_filled(rect, height / 2.0, visuals.extreme_bg_color);
        let filled = rect.width() * fraction.clamp(0.0, 1.0);
        if filled > 0.0 {
            let fill = if rtl {
                egui::Rect::from_min_max(egui::pos2(rect.right() - filled, rect.top()), rect.max)
            } else {
                egui::Rect::from_min_max(rect.min, egui::pos2(rect.left() + filled, rect.bottom()))
            };
            painter.rect_filled(fill, height / 2.0, visuals.selection.bg_fill);
        }
        painter.rect_stroke(
            rect,
            height / 2.0,
            visuals.widgets.inactive.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    response
}
