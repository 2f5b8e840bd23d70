//! Counts the SQL statements each thread sends, so a page can tell how many trips to the
//! database it made (`portal_db_statements_total` in `/metrics`, by route).
//!
//! Every pooled connection reports each statement it starts to the thread running it;
//! [`counted`] reads the difference around a piece of work. The pool's own liveness check is
//! not the page's work and is left out ([`uncounted`]).

use std::cell::Cell;

use diesel::connection::{Instrumentation, InstrumentationEvent};

thread_local! {
    static STARTED: Cell<u64> = const { Cell::new(0) };
}

/// Set on every connection the pool opens.
pub struct Counting;

impl Instrumentation for Counting {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            STARTED.with(|n| n.set(n.get() + 1));
        }
    }
}

/// Runs `work` and says how many statements it sent on this thread.
pub fn counted<T>(work: impl FnOnce() -> T) -> (T, u64) {
    let before = STARTED.with(Cell::get);
    let value = work();
    (value, STARTED.with(Cell::get).saturating_sub(before))
}

/// Runs `work` without counting its statements.
pub fn uncounted<T>(work: impl FnOnce() -> T) -> T {
    let before = STARTED.with(Cell::get);
    let value = work();
    STARTED.with(|n| n.set(before));
    value
}
