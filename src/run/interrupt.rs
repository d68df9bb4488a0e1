//! Ctrl-C and `systemctl stop`: SIGINT and SIGTERM ask the run to stop instead of killing it where it
//! stands, so it can remove its temporary output, stop its workers and say what it kept.
//!
//! [`watch`] installs handlers that only record the signal (all a handler may safely do); the run's loops
//! look at [`requested`] between files and while waiting for a worker, and end with
//! [`Stop::Interrupted`](crate::error::Stop). A second signal of the same kind while the run is stopping
//! is not needed: stopping takes well under a second (workers are killed, not waited for).

use std::sync::atomic::{AtomicI32, Ordering};

static SIGNAL: AtomicI32 = AtomicI32::new(0);

extern "C" fn record(sig: libc::c_int) {
    SIGNAL.store(sig, Ordering::SeqCst);
}

/// Installs the handlers for SIGINT and SIGTERM (idempotent).
pub fn watch() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: sigaction with a handler that only stores to an atomic, which is async-signal-safe.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = record as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            // Restart interrupted reads and writes: the loops poll the flag, they need no EINTR.
            sa.sa_flags = libc::SA_RESTART;
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// The signal that asked the run to stop, if one came.
pub fn requested() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}

/// Fails with [`Stop::Interrupted`](crate::error::Stop) once a signal came: for loops between files.
pub fn check() -> anyhow::Result<()> {
    match requested() {
        Some(sig) => Err(crate::error::Stop::Interrupted(sig).into()),
        None => Ok(()),
    }
}
