//! The closed screen: outside the opening hours (`open_hours`, see
//! [`crate::open_hours`]) it takes the attract screen's place and says
//! "Closed" and when the kiosk opens again. Nothing on it starts a
//! session; the operator's gesture still works (the app watches for it
//! whatever the screen).

use std::time::Instant;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use egui::{RichText, Ui};

use crate::i18n::{Tr, fl};
use crate::open_hours::Schedule;

use super::theme;

/// Draws the closed screen from the schedule's last look (no clock read).
pub(super) fn draw(ui: &mut Ui, schedule: &Schedule, now: Instant) {
    let tr = super::words(ui.ctx());
    let reopens = schedule
        .reopens()
        .map(|at| reopens_text(&tr, at, schedule.today(now)));
    egui::CentralPanel::default()
        .frame(theme::panel_frame(ui.style()))
        .show(ui, |ui| {
            let height = ui.available_height();
            ui.vertical_centered(|ui| {
                ui.add_space((height * 0.3).max(24.0));
                super::bidi::label(
                    ui,
                    RichText::new(fl!(tr, "closed-title"))
                        .text_style(theme::title())
                        .strong(),
                );
                if let Some(text) = reopens {
                    ui.add_space(16.0);
                    super::bidi::label(ui, RichText::new(text).heading());
                }
            });
        });
}

/// "Open again at 08:00", "… tomorrow at 08:00", "… on 5 June 2026 at 08:00".
pub fn reopens_text(tr: &Tr, at: NaiveDateTime, today: Option<NaiveDate>) -> String {
    let time = at.format("%H:%M").to_string();
    let day = at.date();
    match today {
        Some(today) if day == today => fl!(tr, "closed-opens-at", time = time),
        Some(today) if today.succ_opt() == Some(day) => {
            fl!(tr, "closed-opens-tomorrow", time = time)
        }
        _ => fl!(
            tr,
            "closed-opens-on",
            date = tr.date(day.year(), day.month(), day.day()),
            time = time
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn the_day_it_opens_is_said_when_it_is_not_today() {
        let tr = Tr::new(Language::English);
        let day = |d| NaiveDate::from_ymd_opt(2026, 6, d).unwrap_or(NaiveDate::MIN);
        let opens = day(5).and_hms_opt(8, 0, 0).unwrap_or_default();
        assert_eq!(
            reopens_text(&tr, opens, Some(day(5))),
            "Open again at 08:00"
        );
        assert_eq!(
            reopens_text(&tr, opens, Some(day(4))),
            "Open again tomorrow at 08:00"
        );
        assert_eq!(
            reopens_text(&tr, opens, Some(day(1))),
            "Open again on 5 June 2026 at 08:00"
        );
        let tr = Tr::new(Language::German);
        assert_eq!(
            reopens_text(&tr, opens, Some(day(4))),
            "Morgen wieder geöffnet ab 08:00 Uhr"
        );
    }
}
