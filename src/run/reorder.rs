//! Putting results back in input order. Files finish in any order (a 40-page fax next to a blank page),
//! while records must leave in the walk's sorted order so that two runs write the same bytes. A
//! [`Reorder`] holds the results that arrive early until every one before them is in, and says how far
//! ahead of the oldest unfinished file work may start, which is what bounds the results it holds.
//!
//! Both ways of running files use it: the worker pool of `faxtract run` (`worker::run_tasks`, which starts
//! a file only when [`Reorder::limit`] admits it) and the in-process [`crate::Pipeline::run`] (unbounded:
//! its rayon pool cannot be held back, and its callers read small corpora).

use std::collections::BTreeMap;

/// Results by input index, released in index order.
pub struct Reorder<T> {
    /// The first index not yet released.
    next: usize,
    held: BTreeMap<usize, T>,
    /// How many indices from `next` on may be started; `usize::MAX` for no bound.
    window: usize,
}

impl<T> Reorder<T> {
    /// A window of `window` files past the oldest unfinished one: at most that many results are held.
    pub fn bounded(window: usize) -> Reorder<T> {
        Reorder { next: 0, held: BTreeMap::new(), window: window.max(1) }
    }

    /// No bound on how far ahead work may run (and so on what is held).
    pub fn unbounded() -> Reorder<T> {
        Reorder { next: 0, held: BTreeMap::new(), window: usize::MAX }
    }

    /// The first index that may not be started yet: starting only below it keeps the results held within
    /// the window, whatever order they finish in.
    pub fn limit(&self) -> usize {
        self.next.saturating_add(self.window)
    }

    /// Takes the result of index `i` (each index once).
    pub fn insert(&mut self, i: usize, item: T) {
        debug_assert!(i >= self.next && !self.held.contains_key(&i), "index {i} given twice");
        self.held.insert(i, item);
    }

    /// The next result in input order, once it has arrived.
    pub fn pop_ready(&mut self) -> Option<(usize, T)> {
        let item = self.held.remove(&self.next)?;
        self.next += 1;
        Some((self.next - 1, item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_in_order_whatever_the_arrival_order() {
        let mut r = Reorder::bounded(4);
        assert_eq!(r.limit(), 4);
        for i in [2, 1, 3] {
            r.insert(i, i * 10);
            assert!(r.pop_ready().is_none(), "0 has not arrived");
        }
        assert_eq!((r.held.len(), r.limit()), (3, 4));
        r.insert(0, 0);
        let out: Vec<_> = std::iter::from_fn(|| r.pop_ready()).collect();
        assert_eq!(out, [(0, 0), (1, 10), (2, 20), (3, 30)]);
        assert_eq!((r.held.len(), r.limit()), (0, 8), "the window moves with the oldest unfinished index");
    }

    #[test]
    fn unbounded_admits_everything() {
        let mut r: Reorder<()> = Reorder::unbounded();
        assert_eq!(r.limit(), usize::MAX);
        r.insert(1000, ());
        assert!(r.pop_ready().is_none());
        assert_eq!(Reorder::<()>::bounded(0).limit(), 1, "a window always admits the oldest file");
    }
}
