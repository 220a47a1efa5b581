//! Bounded caches of analyses by word form, for the stages that analyse
//! running text (the lemmatizer, the extractor and its rules): running text
//! repeats its word forms heavily, so caching pays, but a large and varied
//! corpus has more forms than memory should hold. [`FormCache`] serves one
//! thread; [`SharedFormCache`] is the one the extraction's workers share.
//!
//! Two generations: new entries go to the young one; when it is full, it
//! becomes the old one and the former old one is dropped. A hit in the old
//! generation moves the entry back to the young one. So the forms in use
//! stay, memory holds at most twice the limit, and nothing is ever cleared
//! all at once in the middle of a text that keeps using the same words.
//!
//! ```
//! let mut cache = kazterm::cache::FormCache::with_limit(2);
//! cache.insert("без".to_string(), 1);
//! cache.insert("гормон".to_string(), 2);
//! cache.insert("ағза".to_string(), 3); // the first generation is full: it ages
//! assert_eq!(cache.get("без"), Some(1)); // still there, and young again
//! ```

use std::borrow::Borrow;
use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;

mod shared;
pub use shared::{FormHash, Reader, SharedFormCache};

/// A two-generation cache keyed by word form (see the module's doc).
#[derive(Debug, Clone)]
pub struct FormCache<K, V> {
    young: HashMap<K, V>,
    old: HashMap<K, V>,
    limit: usize,
}

impl<K: Hash + Eq, V> FormCache<K, V> {
    /// A cache whose young generation holds up to `limit` entries (so at
    /// most `2 × limit` in all).
    pub fn with_limit(limit: usize) -> Self {
        FormCache {
            young: HashMap::default(),
            old: HashMap::default(),
            limit: limit.max(1),
        }
    }

    /// The value for `key`, if cached (a clone: the values are shared
    /// handles or small).
    pub fn get<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        V: Clone,
    {
        if let Some(v) = self.young.get(key) {
            return Some(v.clone());
        }
        self.revive(key).map(|(_, v)| v.clone())
    }

    /// Moves `key`'s entry from the old generation back to the young one;
    /// the entry, or None when the old generation does not hold it.
    fn revive<Q>(&mut self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let (k, v) = self.old.remove_entry(key)?;
        self.insert(k, v);
        self.young.get_key_value(key)
    }

    /// Caches `value` for `key`.
    pub fn insert(&mut self, key: K, value: V) {
        if self.young.len() >= self.limit {
            // The next young generation fills to the limit again: room for
            // it at once, rather than a table rebuilt as it grows.
            let young = HashMap::with_capacity_and_hasher(self.limit, Default::default());
            self.old = std::mem::replace(&mut self.young, young);
        }
        self.young.insert(key, value);
    }

    /// How many entries are cached.
    pub fn len(&self) -> usize {
        self.young.len() + self.old.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.young.is_empty() && self.old.is_empty()
    }
}

/// A value that carries its own word form, for a [`SharedFormCache`].
pub trait Keyed {
    /// The word form the value is found by.
    fn key(&self) -> &str;

    /// Asks the processor to start loading what a caller reads first of
    /// the value (see [`Reader::prefetch_values`]); by default nothing.
    fn prefetch(&self) {}

    /// Asks the processor to start loading what the value points to and a
    /// caller reads soon after the value itself (see
    /// [`Reader::prefetch_pointees`]); by default nothing.
    fn prefetch_pointees(&self) {}
}

/// Asks the processor to start loading the cache line that holds `p` and
/// returns at once; nothing on processors other than x86-64.
#[inline]
pub fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint to the cache: it does not read memory
    // as far as the program can see and does not fault, whatever the
    // address (Intel SDM, PREFETCHh), so any pointer will do.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_bounded_and_forms_in_use_stay() {
        let mut cache = FormCache::with_limit(100);
        for i in 0..10_000 {
            cache.insert(format!("w{i}"), i);
            // One form used all along never leaves.
            if cache.get("w0").is_none() {
                panic!("w0 was dropped at {i}");
            }
            assert!(cache.len() <= 200);
        }
        assert!(cache.get("w9999").is_some());
        assert!(cache.get("w5000").is_none());
    }
}
