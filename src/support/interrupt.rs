//! Ctrl-C, SIGTERM and SIGHUP during a build: the build stops at the next file it
//! renders, removes its staging and leaves the output as it was. Once publishing has
//! begun it finishes first (moving files into place takes a moment), so only a
//! SIGKILL or a power cut can leave old and new files mixed; the next build repairs it.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Catches the signals for the rest of the process. Call once, from the command line.
pub fn install() -> Result<(), String> {
    ctrlc::set_handler(|| REQUESTED.store(true, Ordering::SeqCst)).map_err(|e| e.to_string())
}

/// True once a stop was asked for.
pub(crate) fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}
