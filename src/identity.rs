//! The device's identity: the name that labels its metrics, logs and
//! exports (`kiosk_name` from the configuration, or the host name). At the
//! floor of the house: it imports nothing of the crate.

use std::sync::Mutex;

/// The computer's host name, or `unnamed-kiosk`.
pub fn host_name() -> String {
    let from_file = |path: &str| std::fs::read_to_string(path).ok();
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "unnamed-kiosk".to_owned())
}

/// The kiosk's name: `configured` (`kiosk_name`) when it says something,
/// else the host name.
pub fn kiosk_name(configured: Option<&str>) -> String {
    configured
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map_or_else(host_name, str::to_owned)
}

static THIS_KIOSK: Mutex<Option<String>> = Mutex::new(None);

/// Names this process's kiosk (metrics, logs and exports use it); returns
/// the name.
pub fn name_this_kiosk(configured: Option<&str>) -> String {
    let name = kiosk_name(configured);
    *THIS_KIOSK.lock().unwrap_or_else(|e| e.into_inner()) = Some(name.clone());
    name
}

/// The name [`name_this_kiosk`] gave, or the host name.
pub fn this_kiosk() -> String {
    THIS_KIOSK
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_else(host_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_name_wins_and_a_blank_one_falls_back_to_the_host() {
        assert_eq!(kiosk_name(Some(" lobby-1 ")), "lobby-1");
        assert_eq!(kiosk_name(Some("  ")), host_name());
        assert_eq!(kiosk_name(None), host_name());
    }
}
