//! The operator's slow work, off the UI thread: one named background thread
//! (with its own small tokio runtime for the connection test) takes [`Job`]s
//! and reports each as a [`Done`], then asks for a repaint. The screens send
//! a job from a frame, show that it is under way, and take the reply in a
//! later frame: no hashing, SQLite, file writes or network in `ui()`.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crate::api::Client;
use crate::check::CheckReport;
use crate::config::Config;
use crate::i18n::Words;
use crate::journal::{Counts, ExportFormat, Journal};
use crate::words;
use crate::worker::{Records, Worker};

use super::{ExportKind, OperatorError, Today};

/// Work for the background thread.
pub enum Job {
    /// Does `pin` match the stored `hash`? (Argon2: deliberately slow.)
    VerifyPin { hash: String, pin: String },
    /// Today's counts and the journal's, for the admin screen.
    Counts {
        journal: Option<PathBuf>,
        /// The survey and language whose map's coverage is shown.
        map: (u64, String),
        /// Since when the running client counts its API calls (see
        /// [`super::counting_since`]).
        counting_since: chrono::DateTime<chrono::Utc>,
    },
    /// The `check` of a survey: the running one, or setup's candidate (its
    /// client is made here, not in a frame).
    Test { target: TestTarget },
    /// Keep the PIN lock on disk (written before a PIN is checked, and when
    /// the check's result changed it).
    SaveLock {
        path: PathBuf,
        state: super::LockState,
    },
    /// Setup's choice: hash the new PIN, write the file, then make what the
    /// kiosk runs on next (client, journal, worker, logo).
    Save {
        config: Box<Config>,
        new_pin: Option<String>,
        /// The journal the new worker keeps.
        journal: Option<PathBuf>,
        /// Called after each of the new worker's replies (a repaint).
        repaint: Arc<dyn Fn() + Send + Sync>,
    },
    /// Ask where to save (the system's dialog), then write the export; or,
    /// with `to_folder`, write it straight into that folder (a kiosk
    /// session has no save dialog).
    Export {
        journal: Option<PathBuf>,
        kind: ExportKind,
        format: ExportFormat,
        to_folder: Option<PathBuf>,
        /// The save dialog's title, in the operator's language.
        title: String,
    },
    /// Let go of the kiosk's previous worker: its in-flight sends finish
    /// (up to the request timeout) and its thread is joined, here.
    Retire(Box<dyn Send>),
}

/// What a connection test tests.
pub enum TestTarget {
    /// The survey the kiosk runs, with its client.
    Running(Client, u64),
    /// What setup would save.
    Candidate(Box<Config>),
}

/// What became of a job.
pub enum Done {
    Pin {
        matched: bool,
    },
    Counts(Result<(Today, Counts), Words>),
    Test(CheckReport),
    /// `Err`: why not (a system's error, as it came).
    Saved(Result<Box<Relaunch>, Words>),
    Exported(Words),
    Retired,
    LockSaved,
}

/// Everything the kiosk runs on after setup saved (or the configuration
/// file changed): ready to swap in.
pub struct Relaunch {
    pub config: Config,
    pub client: Client,
    pub survey_id: u64,
    pub worker: Worker,
    pub logo: Option<egui::ColorImage>,
}

#[derive(Debug, thiserror::Error)]
pub enum TasksError {
    #[error("could not start the operator's background thread: {0}")]
    Spawn(#[from] std::io::Error),
}

/// The handle the screens hold. Dropping it ends the thread once its
/// current job is done (it is not joined: a save dialog may be open).
pub struct Tasks {
    jobs: mpsc::Sender<Job>,
    done: mpsc::Receiver<Done>,
    /// Jobs sent and not yet reported back.
    pending: usize,
}

impl Tasks {
    /// Starts the thread; `notify` is called after each job (the UI asks
    /// egui for a repaint there).
    pub fn spawn(notify: impl Fn() + Send + 'static) -> Result<Tasks, TasksError> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel();
        std::thread::Builder::new()
            .name("operator-tasks".into())
            .spawn(move || {
                for job in inbox {
                    let done = run(job);
                    // A kept lock changes nothing on screen: no repaint.
                    let shows = !matches!(done, Done::LockSaved);
                    if outbox.send(done).is_err() {
                        break;
                    }
                    if shows {
                        notify();
                    }
                }
            })?;
        Ok(Tasks {
            jobs,
            done,
            pending: 0,
        })
    }

    /// Hands a job to the thread.
    pub fn send(&mut self, job: Job) {
        match self.jobs.send(job) {
            Ok(()) => self.pending += 1,
            Err(mpsc::SendError(job)) => {
                tracing::error!("the operator's background thread has stopped");
                if let Job::Retire(old) = job {
                    retire_apart(old);
                }
            }
        }
    }

    /// A finished job, if one is waiting.
    pub fn try_recv(&mut self) -> Option<Done> {
        let done = self.done.try_recv().ok()?;
        self.pending = self.pending.saturating_sub(1);
        Some(done)
    }

    /// Waits up to `timeout` for a finished job (tests and tools).
    pub fn recv_timeout(&mut self, timeout: Duration) -> Option<Done> {
        let done = self.done.recv_timeout(timeout).ok()?;
        self.pending = self.pending.saturating_sub(1);
        Some(done)
    }

    /// Whether any job is under way.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }
}

/// Lets go of `old` (a worker, the demo server: their drop joins a thread)
/// on a thread of its own, when the operator's thread is gone: the caller
/// is the UI thread, which must not wait for it.
fn retire_apart(old: Box<dyn Send>) {
    let spawned = std::thread::Builder::new()
        .name("operator-retire".into())
        .spawn(move || drop(old));
    if let Err(error) = spawned {
        tracing::error!(%error, "could not start a thread to let go of the kiosk's previous worker");
    }
}

fn run(job: Job) -> Done {
    match job {
        Job::VerifyPin { hash, pin } => Done::Pin {
            matched: super::verify_pin(&hash, &pin),
        },
        Job::Counts {
            journal,
            map,
            counting_since,
        } => Done::Counts(
            load_counts(journal, &map, counting_since).map_err(|e| match e {
                OperatorError::NoJournal => words!("admin-no-journal"),
                other => Words::text(other.to_string()),
            }),
        ),
        Job::Test { target } => Done::Test(test(match target {
            TestTarget::Running(client, survey_id) => Ok((client, survey_id)),
            TestTarget::Candidate(config) => config.connect(),
        })),
        Job::SaveLock { path, state } => {
            if let Err(error) = super::save_lock(&path, &state) {
                tracing::error!(%error, "the PIN lock is not kept on disk");
            }
            Done::LockSaved
        }
        Job::Save {
            config,
            new_pin,
            journal,
            repaint,
        } => Done::Saved(
            relaunch(*config, new_pin.as_deref(), journal, repaint)
                .map(Box::new)
                .map_err(|e| Words::text(e.to_string())),
        ),
        Job::Export {
            journal,
            kind,
            format,
            to_folder,
            title,
        } => Done::Exported(export(journal, kind, format, to_folder, &title)),
        Job::Retire(worker) => {
            drop(worker);
            Done::Retired
        }
    }
}

fn relaunch(
    config: Config,
    new_pin: Option<&str>,
    journal: Option<PathBuf>,
    repaint: Arc<dyn Fn() + Send + Sync>,
) -> Result<Relaunch, OperatorError> {
    let config = super::save_setup(config, new_pin)?;
    prepare(config, journal, repaint)
}

/// Makes what the kiosk runs `config`'s survey on: the client, the new
/// worker (keeping the journal at `journal`), the logo. Slow (SQLite, the
/// logo's file, the worker's thread): on a background thread, never in a
/// frame. Used after setup saved and when the configuration file changed
/// ([`crate::config_watch`]).
pub fn prepare(
    config: Config,
    journal: Option<PathBuf>,
    repaint: Arc<dyn Fn() + Send + Sync>,
) -> Result<Relaunch, OperatorError> {
    let (client, survey_id) = config.connect()?;
    let records = match journal {
        Some(path) => match Journal::open(&path, config.keep_answers) {
            Ok(journal) => Records::Journal {
                journal,
                rehearsal: false,
            },
            Err(error) => Records::Unavailable(error),
        },
        None => Records::None,
    };
    let worker = Worker::spawn_configured(
        client.clone(),
        survey_id,
        records,
        &config.kiosk_settings(),
        move || repaint(),
    )?;
    let logo = crate::logo::image(&config);
    Ok(Relaunch {
        config,
        client,
        survey_id,
        worker,
        logo,
    })
}

fn load_counts(
    journal: Option<PathBuf>,
    (survey_id, language): &(u64, String),
    counting_since: chrono::DateTime<chrono::Utc>,
) -> Result<(Today, Counts), OperatorError> {
    let Some(path) = journal else {
        return Err(OperatorError::NoJournal);
    };
    let journal = Journal::open(&path, true)?;
    let midnight = super::start_of_today();
    let mut today = Today::from_journal(&journal, midnight)?;
    today.started_while_counting = if counting_since > midnight {
        Today::from_journal(&journal, counting_since)?.started
    } else {
        today.started
    };
    today.coverage = journal.map_coverage(crate::journal::MapOf {
        survey_id: *survey_id,
        language,
    })?;
    let counts = journal.counts()?;
    Ok((today, counts))
}

fn test(connected: Result<(Client, u64), crate::config::ConnectError>) -> CheckReport {
    let failed = |line: String| CheckReport {
        ok: false,
        lines: vec![line],
        unsupported: 0,
    };
    let (client, survey_id) = match connected {
        Ok(connected) => connected,
        Err(reason) => return failed(reason.to_string()),
    };
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(crate::check::check(&client, survey_id)),
        Err(e) => failed(words!("admin-test-failed", error = e.to_string()).to_string()),
    }
}

fn export(
    journal: Option<PathBuf>,
    kind: ExportKind,
    format: ExportFormat,
    to_folder: Option<PathBuf>,
    title: &str,
) -> Words {
    let Some(journal) = journal else {
        return words!("admin-export-nothing");
    };
    let write = |path: PathBuf| match super::export_to(&journal, &path, kind, format) {
        Ok(rows) => words!(
            "admin-exported",
            rows = rows,
            path = path.display().to_string()
        ),
        Err(problem) => words!("admin-export-failed", problem = problem.to_string()),
    };
    if let Some(folder) = to_folder {
        if let Err(e) = crate::config::create_private_dir(&folder) {
            return words!(
                "admin-export-no-folder",
                folder = folder.display().to_string(),
                problem = e.to_string()
            );
        }
        return write(folder.join(kind.file_name(format)));
    }
    match rfd::FileDialog::new()
        .set_title(title)
        .set_file_name(kind.file_name(format))
        .save_file()
    {
        None => words!("admin-export-no-file"),
        Some(path) => write(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Says on which thread it was dropped.
    struct DropWitness(mpsc::Sender<Option<String>>);

    impl Drop for DropWitness {
        fn drop(&mut self) {
            let _ = self
                .0
                .send(std::thread::current().name().map(str::to_owned));
        }
    }

    #[test]
    fn what_is_retired_is_dropped_on_the_operators_thread() {
        let mut tasks = Tasks::spawn(|| {}).unwrap();
        let (witness, dropped) = mpsc::channel();
        tasks.send(Job::Retire(Box::new(DropWitness(witness))));
        let on = dropped.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(on.as_deref(), Some("operator-tasks"));
        assert!(matches!(
            tasks.recv_timeout(Duration::from_secs(5)),
            Some(Done::Retired)
        ));
    }
}
