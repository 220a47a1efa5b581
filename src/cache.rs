//! A bounded cache of analyses by word form, for the stages that analyse
//! running text (the lemmatizer, the extractor's rules): running text repeats
//! its word forms heavily, so caching pays, but a large and varied corpus
//! has more forms than memory should hold.
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
        let (k, v) = self.old.remove_entry(key)?;
        self.insert(k, v.clone());
        Some(v)
    }

    /// The value for `key` without moving it between generations (for
    /// readers that share the cache).
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.young.get(key).or_else(|| self.old.get(key))
    }

    /// Caches `value` for `key`.
    pub fn insert(&mut self, key: K, value: V) {
        if self.young.len() >= self.limit {
            self.old = std::mem::take(&mut self.young);
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
        assert!(cache.peek("w9999").is_some());
        assert!(cache.peek("w5000").is_none());
    }
}
