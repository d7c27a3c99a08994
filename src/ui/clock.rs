//! The app's clock: the system's, or a fake one that tests move.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the kiosk's "now" comes from: the system clock, or a fake one in
/// tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to.
pub struct FakeClock(Mutex<Instant>);

impl FakeClock {
    pub fn new() -> Arc<FakeClock> {
        Arc::new(FakeClock(Mutex::new(Instant::now())))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
