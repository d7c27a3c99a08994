//! A changed configuration file, picked up without a restart: the watcher
//! prepares the new survey off the UI thread (against the demo server, over
//! real HTTP), refuses a broken file with the reason, and the app applies
//! a usable one only between two respondents.

// A test that cannot set up stops with the reason: `expect` is how it says so.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;

use survey_kiosk::config::Config;
use survey_kiosk::config_watch::{self, ConfigWatch, Reload};
use survey_kiosk::demo::{DEMO_API_KEY, DEMO_SURVEY_ID, QUOTA_SURVEY_ID};
use survey_kiosk::operator;
use survey_kiosk::worker::Records;

mod common;
use common::{PATIENCE, demo_server, step_until, temp};

/// Short, so the tests do not wait long for the watcher.
const EVERY: Duration = Duration::from_millis(100);

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("the configuration file is written");
}

/// A configuration file in a fresh folder, and what the kiosk runs on it.
fn config_file(name: &str, text: &str) -> (PathBuf, Config) {
    let path = temp(name).join("config.toml");
    write(&path, text);
    let running = Config::load(&path, true).expect("the first file loads");
    (path, running)
}

fn watch(path: &Path, running: &Config) -> ConfigWatch {
    ConfigWatch::start(
        path.to_owned(),
        running.clone(),
        None,
        EVERY,
        Arc::new(|| {}),
    )
    .expect("the watcher starts")
}

fn quota_survey(base_url: &str, key: Option<&str>) -> String {
    let mut text = format!("survey_id = {QUOTA_SURVEY_ID}\nbase_url = \"{base_url}\"\n");
    if let Some(key) = key {
        text.push_str(&format!("api_key = \"{key}\"\n"));
    }
    text
}

#[test]
fn a_changed_file_delivers_the_new_survey_ready_to_run() {
    let server = demo_server();
    let (path, running) = config_file("reload-survey", "title = \"Welcome\"\n");
    let mut watch = watch(&path, &running);
    write(&path, &quota_survey(&server.base_url(), Some(DEMO_API_KEY)));
    assert!(watch.wait(PATIENCE), "the watcher saw the change");
    assert_eq!(watch.last_error(), None);
    assert!(
        watch.poll(&running, false).is_none(),
        "nothing is applied in the middle of a respondent"
    );
    assert!(watch.has_waiting(), "it waits for the next reset");
    let Some(Reload::Survey(relaunch)) = watch.poll(&running, true) else {
        panic!("no new survey was delivered");
    };
    assert_eq!(relaunch.survey_id, QUOTA_SURVEY_ID);
    assert_eq!(relaunch.config.survey_id, Some(QUOTA_SURVEY_ID));
    assert_eq!(relaunch.config.source.as_deref(), Some(path.as_path()));
    assert_eq!(relaunch.client.base_url(), server.base_url());
    // The client it made reaches the survey.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let report = runtime.block_on(survey_kiosk::check::check(
        &relaunch.client,
        relaunch.survey_id,
    ));
    assert!(report.ok, "{report}");
    assert!(!watch.has_waiting());
}

#[test]
fn a_broken_file_is_refused_with_the_reason_and_nothing_is_delivered() {
    let (path, running) = config_file("reload-broken", "title = \"Welcome\"\n");
    let mut watch = watch(&path, &running);
    write(
        &path,
        "title = \"Welcome\"\nidle_after_secs = \"a minute\"\n",
    );
    assert!(watch.wait(PATIENCE), "the watcher saw the change");
    let reason = watch.last_error().expect("the file is refused").to_owned();
    assert!(reason.contains(&path.display().to_string()), "{reason}");
    assert!(reason.contains("line 2"), "{reason}");
    assert!(reason.contains("idle_after_secs"), "{reason}");
    assert!(watch.poll(&running, true).is_none(), "nothing is delivered");
    assert!(!watch.has_waiting());
    // It stays reported (the file is not read again while it is the same).
    assert!(!watch.wait(EVERY * 5));
    assert!(watch.last_error().is_some());

    // Put right, it is taken: the embedded demo gets the new settings only.
    write(&path, "title = \"Tell us\"\nidle_after_secs = 90\n");
    assert!(watch.wait(PATIENCE), "the watcher saw the change");
    assert_eq!(watch.last_error(), None);
    let Some(Reload::Settings(settings)) = watch.poll(&running, true) else {
        panic!("no new settings were delivered");
    };
    assert_eq!(settings.config.title, "Tell us");
    assert_eq!(settings.config.idle_after_secs, 90);
    assert!(
        settings.logo.is_some(),
        "the demo's logo, read off the UI thread"
    );
}

#[test]
fn a_file_with_a_weak_pin_hash_is_refused_and_names_set_pin() {
    use argon2::password_hash::PasswordHasher;
    let (path, running) = config_file("reload-weak-pin", "title = \"Welcome\"\n");
    let mut watch = watch(&path, &running);
    let params = argon2::Params::new(1024, 1, 1, None).expect("weak parameters");
    let weak = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(b"2468")
        .expect("a weak hash")
        .to_string();
    write(
        &path,
        &format!("title = \"Welcome\"\noperator_pin_hash = \"{weak}\"\n"),
    );
    assert!(watch.wait(PATIENCE), "the watcher saw the change");
    let reason = watch.last_error().expect("the file is refused").to_owned();
    assert!(reason.contains("survey-kiosk set-pin"), "{reason}");
    assert!(watch.poll(&running, true).is_none(), "nothing is delivered");
}

#[test]
fn a_file_that_went_away_or_names_a_survey_without_a_key_is_refused() {
    if std::env::var_os("SURVEY_KIOSK_API_KEY").is_some() {
        eprintln!("skipped: SURVEY_KIOSK_API_KEY is set");
        return;
    }
    let server = demo_server();
    let (path, running) = config_file("reload-no-key", "");
    let mut watch = watch(&path, &running);
    write(&path, &quota_survey(&server.base_url(), None));
    assert!(watch.wait(PATIENCE));
    let reason = watch.last_error().unwrap_or_default().to_owned();
    assert!(reason.contains("no API key"), "{reason}");
    assert!(reason.contains(&path.display().to_string()), "{reason}");
    std::fs::remove_file(&path).expect("the file is removed");
    assert!(watch.wait(PATIENCE));
    let reason = watch.last_error().unwrap_or_default().to_owned();
    assert!(reason.contains("cannot read"), "{reason}");
    assert!(watch.poll(&running, true).is_none());
}

#[test]
fn the_running_key_and_window_are_kept_and_an_unchanged_file_does_nothing() {
    let server = demo_server();
    let text = quota_survey(&server.base_url(), Some(DEMO_API_KEY));
    let (path, file) = config_file("reload-keep", &text);
    // As if the key came from the environment and --windowed was given.
    let running = Config {
        api_key: Some(DEMO_API_KEY.to_owned()),
        windowed: true,
        ..file
    };
    let mut watch = watch(&path, &running);
    // The file written again, the same but for the key: nothing to do.
    write(&path, &quota_survey(&server.base_url(), None));
    assert!(watch.wait(PATIENCE));
    assert!(watch.poll(&running, true).is_none(), "nothing changed");
    assert_eq!(watch.last_error(), None);
    // Another survey, still without a key: the running one is used.
    let other = format!(
        "{}title = \"Quota\"\n",
        quota_survey(&server.base_url(), None)
    );
    write(&path, &other);
    assert!(watch.wait(PATIENCE));
    let Some(Reload::Survey(relaunch)) = watch.poll(&running, true) else {
        panic!("no new survey: {:?}", watch.last_error());
    };
    assert_eq!(relaunch.config.api_key.as_deref(), Some(DEMO_API_KEY));
    assert!(relaunch.config.windowed, "windowed as it runs");
    assert_eq!(relaunch.config.title, "Quota");
}

// ------------------------------------------------------------- through the app

const PIN: &str = "2468";

/// The app on the demo survey with its configuration in `path`.
fn app(path: &Path, pin: Option<&str>) -> common::Kit {
    let config = Config {
        source: Some(path.to_owned()),
        operator_pin_hash: pin.map(|p| operator::hash_pin(p).expect("a PIN hash")),
        ..Config::default()
    };
    common::Kit::start(
        config,
        DEMO_SURVEY_ID,
        Records::None,
        egui::vec2(1000.0, 1400.0),
    )
}

/// Steps the app for `long` (really), as the watcher works. Not a wait for
/// a condition: the tests then check that nothing changed in that time.
fn keep_running(k: &mut common::Kit, long: Duration) {
    let started = Instant::now();
    while started.elapsed() < long {
        k.h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    k.h.run();
}

#[test]
fn between_two_respondents_the_kiosk_takes_the_changed_file() {
    let path = temp("reload-app").join("config.toml");
    write(&path, "");
    let mut k = app(&path, None);
    k.tap("Start the survey");
    assert!(k.page_has("Which best describes you"));
    // The file changes while the first respondent answers.
    write(
        &path,
        &quota_survey(&k.server.base_url(), Some(DEMO_API_KEY)),
    );
    keep_running(&mut k, config_watch::EVERY * 2 + Duration::from_secs(2));
    assert_eq!(k.h.state().survey_id(), DEMO_SURVEY_ID, "not in mid-survey");
    assert!(k.page_has("Which best describes you"));
    // They finish; the next respondent gets the survey the file names.
    k.tap("I work for a competing retailer");
    k.tap("Next");
    assert!(k.shows("Thank you for your interest"));
    k.tap("Done");
    step_until(&mut k.h, "the new survey", PATIENCE, |app| {
        app.survey_id() == QUOTA_SURVEY_ID
    });
    k.h.run();
    assert!(
        !k.page_has("Settings saved"),
        "respondents see no operator's note"
    );
    k.tap("Start the survey");
    assert!(k.page_has("Have you shopped with us before"));
}

#[test]
fn a_broken_file_keeps_the_kiosk_running_and_the_admin_screen_says_why() {
    let path = temp("reload-app-broken").join("config.toml");
    write(&path, "");
    let mut k = app(&path, Some(PIN));
    write(&path, "survey_id = \"twelve\"\n");
    keep_running(&mut k, config_watch::EVERY * 2 + Duration::from_secs(1));
    assert_eq!(k.h.state().survey_id(), DEMO_SURVEY_ID);
    k.tap("Start the survey");
    assert!(
        k.page_has("Which best describes you"),
        "the old settings run"
    );
    // The operator sees why on the admin screen.
    k.h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::SHIFT, egui::Key::O);
    k.h.step();
    k.h.run();
    for digit in PIN.chars() {
        k.h.get_by_label(&digit.to_string()).click();
        k.h.step();
    }
    k.h.get_by_label("Unlock").click();
    k.h.step();
    k.h.step();
    assert!(k.h.state_mut().wait_for_operator(PATIENCE));
    k.h.run();
    assert!(k.shows("Today"), "the admin screen");
    assert!(
        k.page_has("The configuration file changed but cannot be used: the configuration file"),
        "the admin screen names the problem"
    );
    assert!(k.page_has("line 1"));
    assert!(k.page_has("The kiosk keeps the previous settings."));
}

#[test]
fn on_the_embedded_demo_a_changed_file_changes_the_settings_at_once_on_the_attract_screen() {
    let path = temp("reload-app-settings").join("config.toml");
    write(&path, "");
    let mut k = app(&path, None);
    assert!(k.shows("Start the survey"));
    write(
        &path,
        "title = \"Tell us what you think\"\nidle_after_secs = 90\n",
    );
    step_until(&mut k.h, "the new title never showed", PATIENCE, |app| {
        app.config().title == "Tell us what you think"
    });
    k.h.run();
    assert!(k.shows("Tell us what you think"), "the new title shows");
    assert_eq!(k.h.state().config().idle_after_secs, 90);
    assert_eq!(k.h.state().survey_id(), DEMO_SURVEY_ID, "the same survey");
    k.tap("Start the survey");
    assert!(k.page_has("Which best describes you"));
}
