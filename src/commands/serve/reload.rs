//! The reload hub: every open browser tab holds an event stream; after a rebuild the
//! hub tells each tab to reload (or to swap stylesheets, or to show a build error).

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What tabs are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    Reload,
    /// Only stylesheets changed: swap them without a full reload.
    Css,
    /// The last build failed: show this text over the page.
    Error(String),
}

impl Event {
    /// The event in the text/event-stream format.
    pub(super) fn to_sse(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: now\n\n".into(),
            Event::Css => "event: css\ndata: now\n\n".into(),
            Event::Error(text) => {
                format!("event: error\ndata: {}\n\n", serde_json::to_string(text).unwrap_or_default())
            }
        }
    }
}

/// Open event streams and the current build error, if any.
#[derive(Default)]
pub(super) struct Hub {
    tabs: Mutex<Vec<Sender<String>>>,
    error: Mutex<Option<String>>,
}

impl Hub {
    /// A new stream: its receiver and what to send first (the current error, or a
    /// note that all is well).
    pub(super) fn subscribe(&self) -> (Receiver<String>, String) {
        let (tx, rx) = channel();
        if let Ok(mut tabs) = self.tabs.lock() {
            tabs.push(tx);
        }
        let first = match self.error.lock().ok().and_then(|e| e.clone()) {
            Some(text) => Event::Error(text).to_sse(),
            None => "event: ok\ndata: now\n\n".into(),
        };
        (rx, format!("retry: 500\n\n{first}"))
    }

    /// Sends `event` to every open tab, forgetting closed ones. Returns how many got it.
    pub(super) fn broadcast(&self, event: &Event) -> usize {
        if let Ok(mut error) = self.error.lock() {
            *error = match event {
                Event::Error(text) => Some(text.clone()),
                _ => None,
            };
        }
        let msg = event.to_sse();
        match self.tabs.lock() {
            Ok(mut tabs) => {
                tabs.retain(|t| t.send(msg.clone()).is_ok());
                tabs.len()
            }
            Err(_) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_hear_broadcasts_and_late_tabs_see_the_error() {
        let hub = Hub::default();
        let (rx, first) = hub.subscribe();
        assert!(first.contains("event: ok"));
        assert_eq!(hub.broadcast(&Event::Reload), 1);
        assert_eq!(rx.recv().unwrap(), "event: reload\ndata: now\n\n");
        hub.broadcast(&Event::Error("a.md:1: bad \"x\"".into()));
        let (_rx2, first) = hub.subscribe();
        assert!(first.contains("event: error\ndata: \"a.md:1: bad \\\"x\\\"\""));
        drop(rx);
        assert_eq!(hub.broadcast(&Event::Reload), 1, "the closed tab is forgotten");
    }
}
