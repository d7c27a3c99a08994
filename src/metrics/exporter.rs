//! The exporter: `metrics-exporter-prometheus` installed as the process's
//! recorder, an HTTP listener on a thread of its own, and a node_exporter
//! textfile rewritten on another.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::names::{DURATION_BUCKETS, KIOSK_LABEL, REQUEST_SECONDS, TEXTFILE_EVERY, describe_all};
use super::record_start;

#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("cannot serve metrics on {address} (metrics_listen): {source}")]
    Listen {
        address: SocketAddr,
        #[source]
        source: metrics_exporter_prometheus::BuildError,
    },
    #[error("the metrics exporter could not be set up: {0}")]
    Build(#[from] metrics_exporter_prometheus::BuildError),
    #[error("no runtime for the metrics listener: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("a metrics recorder is already installed in this process")]
    AlreadyInstalled,
    #[error("cannot start the {what} thread: {source}")]
    Thread {
        what: &'static str,
        source: std::io::Error,
    },
    #[error("cannot write the metrics file {path} (metrics_textfile): {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The installed recorder: renders the exposition text, and keeps the
/// textfile written until it is dropped (then writes it one last time).
pub struct MetricsHandle {
    handle: PrometheusHandle,
    listening: Option<SocketAddr>,
    textfile: Option<Textfile>,
}

struct Textfile {
    path: PathBuf,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MetricsHandle {
    /// The metrics now, in the Prometheus text format.
    pub fn render(&self) -> String {
        self.handle.render()
    }

    /// Where the HTTP listener listens, if it does.
    pub fn listening_on(&self) -> Option<SocketAddr> {
        self.listening
    }

    /// Where the textfile is written, if it is.
    pub fn textfile(&self) -> Option<&Path> {
        self.textfile.as_ref().map(|t| t.path.as_path())
    }
}

impl Drop for MetricsHandle {
    fn drop(&mut self) {
        if let Some(textfile) = &mut self.textfile {
            // The thread writes once more as it stops.
            textfile.stop.take();
            if let Some(thread) = textfile.thread.take()
                && thread.join().is_err()
            {
                tracing::error!("the metrics textfile thread panicked");
            }
        }
    }
}

/// Installs the Prometheus recorder when metrics are asked for (an address
/// to listen on, `metrics_listen`, or a textfile, `metrics_textfile`), with
/// `kiosk` as a label on every series, and starts the listener and the
/// textfile writer. `Ok(None)`: nothing asked for, nothing recorded.
pub fn install(
    listen: Option<SocketAddr>,
    textfile: Option<PathBuf>,
    kiosk: &str,
) -> Result<Option<MetricsHandle>, MetricsError> {
    if listen.is_none() && textfile.is_none() {
        return Ok(None);
    }
    let name = kiosk.to_owned();
    let builder = PrometheusBuilder::new()
        .add_global_label(KIOSK_LABEL, name.clone())
        .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), DURATION_BUCKETS)?;
    let (handle, listening) = if let Some(address) = listen {
        let handle = serve(builder.with_http_listener(address), address)?;
        (handle, Some(address))
    } else {
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        metrics::set_global_recorder(recorder).map_err(|_| MetricsError::AlreadyInstalled)?;
        (handle, None)
    };
    describe_all();
    record_start();
    let textfile = match textfile {
        Some(path) => Some(start_textfile(path, handle.clone())?),
        None => None,
    };
    tracing::info!(
        kiosk = %name,
        listen = ?listening,
        textfile = ?textfile.as_ref().map(|t| &t.path),
        "metrics are recorded"
    );
    Ok(Some(MetricsHandle {
        handle,
        listening,
        textfile,
    }))
}

/// Binds the listener, installs the recorder, and serves scrapes on a
/// thread with a small runtime of its own (never the worker's or the UI's).
fn serve(
    builder: PrometheusBuilder,
    address: SocketAddr,
) -> Result<PrometheusHandle, MetricsError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(MetricsError::Runtime)?;
    let (recorder, exporter) = {
        // The exporter spawns its upkeep task on this runtime.
        let _entered = runtime.enter();
        builder
            .build()
            .map_err(|source| MetricsError::Listen { address, source })?
    };
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder).map_err(|_| MetricsError::AlreadyInstalled)?;
    std::thread::Builder::new()
        .name("metrics-listener".into())
        .spawn(move || {
            if let Err(error) = runtime.block_on(exporter) {
                tracing::error!(?error, %address, "the metrics listener stopped");
            }
        })
        .map_err(|source| MetricsError::Thread {
            what: "metrics listener",
            source,
        })?;
    Ok(handle)
}

fn start_textfile(path: PathBuf, handle: PrometheusHandle) -> Result<Textfile, MetricsError> {
    if path.extension().is_none_or(|ext| ext != "prom") {
        tracing::warn!(
            path = %path.display(),
            "metrics_textfile does not end in .prom: node_exporter's textfile collector will not read it"
        );
    }
    // The first write says at once whether the place is writable.
    write_atomically(&path, &handle.render())?;
    let (stop, stopped) = mpsc::channel::<()>();
    let thread_path = path.clone();
    let thread = std::thread::Builder::new()
        .name("metrics-textfile".into())
        .spawn(move || {
            let mut failing = false;
            loop {
                let last = !matches!(
                    stopped.recv_timeout(TEXTFILE_EVERY),
                    Err(mpsc::RecvTimeoutError::Timeout)
                );
                handle.run_upkeep();
                match write_atomically(&thread_path, &handle.render()) {
                    Ok(()) if failing => {
                        failing = false;
                        tracing::info!(path = %thread_path.display(), "the metrics file is written again");
                    }
                    Ok(()) => {}
                    Err(error) if !failing => {
                        failing = true;
                        tracing::error!(%error, "the metrics file cannot be written");
                    }
                    Err(_) => {}
                }
                if last {
                    return;
                }
            }
        })
        .map_err(|source| MetricsError::Thread {
            what: "metrics textfile",
            source,
        })?;
    Ok(Textfile {
        path,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Writes `text` to a temporary file beside `path` (whose name does not end
/// in `.prom`, so node_exporter skips it) and renames it over `path`.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), MetricsError> {
    let failed = |source| MetricsError::Write {
        path: path.to_owned(),
        source,
    };
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(failed)
}
