//! Which kiosk process wrote a journal row, and whether it still runs.
//!
//! A row records the writer's pid and its run id. A pid alone is not
//! proof that the writer lives: after a power cut the next boot hands the
//! same numbers to other programs (a kiosk's pid is small and early in the
//! boot, as are a dozen daemons'), and a process killed and not yet reaped
//! is still listed. Taken for alive, the writer's session would never be
//! closed and its pages would never be sent. So a run id carries, on Linux,
//! the boot it ran in and the moment its process started (in clock ticks
//! after boot, `/proc/PID/stat` field 22): a process at that pid now is the
//! writer only if both match.

use std::fs;

/// A new run id: a random UUID, then (on Linux) ` boot=<boot id> start=<ticks>`.
pub(super) fn new_run_id() -> String {
    let mut id = uuid::Uuid::new_v4().to_string();
    if let (Some(boot), Some(stat)) = (boot_id(), stat(std::process::id().into())) {
        id.push_str(&format!(" boot={boot} start={}", stat.start));
    }
    id
}

/// Whether the process that wrote a row (`pid`, `run_id`) still runs. Only
/// Linux can tell cheaply; elsewhere every earlier process is taken as gone
/// (one kiosk per data directory).
pub(super) fn alive(pid: i64, run_id: &str) -> bool {
    if pid == i64::from(std::process::id()) {
        // Ours now, so the row's writer (another run) is gone.
        return false;
    }
    if !cfg!(target_os = "linux") {
        return false;
    }
    let Some(now) = stat(pid) else {
        return false;
    };
    if now.zombie {
        // Killed, not yet reaped: it writes nothing more.
        return false;
    }
    match recorded(run_id) {
        // A run id from before this check: the pid is all there is.
        None => true,
        Some((boot, start)) => boot_id().as_deref() == Some(boot) && now.start == start,
    }
}

/// What `/proc/PID/stat` says of a process.
struct Stat {
    zombie: bool,
    start: u64,
}

fn stat(pid: i64) -> Option<Stat> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    parse_stat(&text)
}

/// Fields after the command name (which may hold spaces and parentheses,
/// so it ends at the last `)`): the state is field 3, the start time 22.
fn parse_stat(text: &str) -> Option<Stat> {
    let rest = text.get(text.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = *fields.first()?;
    let start = fields.get(19)?.parse().ok()?;
    Some(Stat {
        zombie: matches!(state, "Z" | "X" | "x"),
        start,
    })
}

fn boot_id() -> Option<String> {
    let id = fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    Some(id.trim().to_owned()).filter(|id| !id.is_empty())
}

/// The boot and start time a run id carries, if it carries them.
fn recorded(run_id: &str) -> Option<(&str, u64)> {
    let boot = run_id.split(" boot=").nth(1)?.split(' ').next()?;
    let start = run_id
        .split(" start=")
        .nth(1)?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    Some((boot, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stat_line_gives_the_state_and_the_start_even_with_a_strange_name() {
        let line = "4242 (survey (kiosk) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 \
                    5 3 0 0 20 0 9 0 123456 1000 200 18446744073709551615";
        let stat = parse_stat(line).expect("parsed");
        assert!(!stat.zombie);
        assert_eq!(stat.start, 123_456);
        let zombie = line.replacen(") S ", ") Z ", 1);
        assert!(parse_stat(&zombie).is_some_and(|s| s.zombie));
        assert!(parse_stat("4242 (cut").is_none());
    }

    #[test]
    fn a_run_id_names_its_boot_and_start() {
        let id = new_run_id();
        if cfg!(target_os = "linux") {
            let (boot, start) = recorded(&id).expect("boot and start recorded");
            assert_eq!(Some(boot.to_owned()), boot_id());
            assert_eq!(
                Some(start),
                stat(std::process::id().into()).map(|s| s.start)
            );
        }
        assert_eq!(recorded("8f14e45f-ceea-467f-a0e6-1e0fd1a1a0b1"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_reused_pid_or_another_boot_is_not_the_writer() {
        // A live process that is not us: this test's parent (cargo's runner
        // or a shell).
        let parent = i64::from(std::os::unix::process::parent_id());
        let now = stat(parent).expect("the parent's /proc entry");
        let boot = boot_id().unwrap_or_default();
        let same = format!("x boot={boot} start={}", now.start);
        assert!(alive(parent, &same), "the writer itself");
        let later = format!("x boot={boot} start={}", now.start + 1);
        assert!(!alive(parent, &later), "a pid reused by another process");
        let other_boot = format!(
            "x boot=00000000-0000-0000-0000-000000000000 start={}",
            now.start
        );
        assert!(!alive(parent, &other_boot), "a pid of an earlier boot");
        assert!(
            alive(parent, "an old run id"),
            "no identity: the pid decides"
        );
        assert!(!alive(i64::from(std::process::id()), &same), "our own pid");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_killed_process_not_yet_reaped_is_gone() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("a child process");
        let pid = i64::from(child.id());
        let id = stat(pid)
            .map(|s| format!("x boot={} start={}", boot_id().unwrap_or_default(), s.start));
        let id = id.unwrap_or_default();
        assert!(alive(pid, &id), "running");
        let _ = child.kill();
        // Not waited for yet: a zombie.
        let mut zombie = false;
        for _ in 0..100 {
            if stat(pid).is_some_and(|s| s.zombie) {
                zombie = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let gone = !alive(pid, &id);
        let _ = child.wait();
        assert!(zombie, "the child became a zombie");
        assert!(gone, "a zombie is not alive");
    }
}
