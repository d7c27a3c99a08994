//! A native survey kiosk for QuestionPro's "take survey" API.
//!
//! Data flows one way: server JSON -> [`api`] envelope -> [`survey`] questions
//! -> kiosk state -> UI; a click -> UI action -> kiosk effect -> worker -> [`api`].

pub mod api;
pub mod brand;
pub mod check;
pub mod config;
pub mod config_watch;
pub mod demo;
pub mod i18n;
pub mod identity;
pub mod journal;
pub mod kiosk;
pub mod logo;
pub mod metrics;
pub mod open_hours;
pub mod operator;
pub mod rehearsal;
pub mod survey;
pub mod ui;
pub mod worker;
