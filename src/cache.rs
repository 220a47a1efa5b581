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
use std::hash::{Hash, Hasher};
use std::sync::{PoisonError, RwLock};

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
    /// the value (see [`SharedFormCache::prefetch`]); by default nothing.
    fn prefetch(&self) {}
}

/// A [`FormCache`] of values that carry their own keys, which threads
/// share: split by the form's hash into shards, each behind its own lock,
/// so that workers looking up different forms do not wait for each other.
/// A lookup takes a shard's read lock; only a miss's insert and a hit in an
/// old generation (which moves the entry back to the young one) take its
/// write lock.
///
/// The tables are keyed by the form's 64-bit hash and hold the values (a
/// handle, typically): small tables that stay in the processor's cache,
/// whose entries can be found without reading the value, so that a caller
/// with a sentence of forms to look up can [`prefetch`] them all first and
/// wait for memory once, not once per form. The key the value carries is
/// compared on every [`get`]: two forms with one hash are told apart (the
/// second is a miss, and replaces the first when inserted).
///
/// [`prefetch`]: SharedFormCache::prefetch
/// [`get`]: SharedFormCache::get
///
/// ```
/// use kazterm::cache::{Keyed, SharedFormCache};
/// #[derive(Clone, Debug, PartialEq)]
/// struct Word(String, u32);
/// impl Keyed for Word {
///     fn key(&self) -> &str {
///         &self.0
///     }
/// }
/// let cache = SharedFormCache::with_limit(1024);
/// cache.insert(Word("без".into(), 1));
/// assert_eq!(cache.get("без"), Some(Word("без".into(), 1)));
/// assert_eq!(cache.get("гормон"), None);
/// ```
#[derive(Debug)]
pub struct SharedFormCache<V> {
    shards: Box<[Shard<V>]>,
}

/// One shard, on cache lines of its own: two workers taking the locks of
/// neighbouring shards do not contend for one line.
#[derive(Debug)]
#[repr(align(128))]
struct Shard<V>(RwLock<FormCache<u64, V>>);

/// How many shards a [`SharedFormCache`] has: well beyond the number of
/// workers, so two rarely want the same one.
const SHARDS: usize = 64;

impl<V: Keyed + Clone> SharedFormCache<V> {
    /// A cache whose young generations hold up to `limit` entries in all
    /// (so at most `2 × limit`).
    pub fn with_limit(limit: usize) -> Self {
        let per_shard = limit.div_ceil(SHARDS).max(1);
        SharedFormCache {
            shards: (0..SHARDS)
                .map(|_| Shard(RwLock::new(FormCache::with_limit(per_shard))))
                .collect(),
        }
    }

    /// The key's hash, and the shard that holds it.
    fn shard(&self, key: &str) -> (u64, &RwLock<FormCache<u64, V>>) {
        let mut h = rustc_hash::FxHasher::default();
        h.write(key.as_bytes());
        // Not the hash's own bits: the shard is chosen by the top bits,
        // and the table inside it hashes the whole again. A
        // multiplication by an odd constant (Fibonacci hashing) mixes
        // every bit into the top.
        let mixed = h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed, &self.shards[(mixed >> 58) as usize % SHARDS].0)
    }

    /// The value for `key`, if cached (a clone: the values are shared
    /// handles or small).
    pub fn get(&self, key: &str) -> Option<V> {
        let (hash, shard) = self.shard(key);
        let same = |v: &&V| v.key() == key;
        {
            // A panic elsewhere never leaves a shard half-written: the
            // maps' own operations do not unwind midway.
            let forms = shard.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(v) = forms.young.get(&hash).filter(same) {
                return Some(v.clone());
            }
            forms.old.get(&hash).filter(same)?;
        }
        let mut forms = shard.write().unwrap_or_else(PoisonError::into_inner);
        forms.revive(&hash).map(|(_, v)| v).filter(same).cloned()
    }

    /// Starts loading the value cached under `key`'s hash, if any, into
    /// the processor's cache (see [`Keyed::prefetch`]), and returns at once:
    /// a caller about to [`get`](SharedFormCache::get) many forms asks for
    /// all of them first, so that their loads from memory overlap.
    pub fn prefetch(&self, key: &str) {
        let (hash, shard) = self.shard(key);
        let forms = shard.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(v) = forms.peek(&hash) {
            v.prefetch();
        }
    }

    /// Caches `value` under its key.
    pub fn insert(&self, value: V) {
        let (hash, shard) = self.shard(value.key());
        shard
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(hash, value);
    }

    /// How many entries are cached.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.0.read().unwrap_or_else(PoisonError::into_inner).len())
            .sum()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
        assert!(cache.peek("w9999").is_some());
        assert!(cache.peek("w5000").is_none());
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Form(String, usize);

    impl Keyed for Form {
        fn key(&self) -> &str {
            &self.0
        }
    }

    fn form(i: usize) -> Form {
        Form(format!("w{i}"), i)
    }

    #[test]
    fn a_shared_cache_is_bounded_and_keeps_forms_in_use() {
        let cache = SharedFormCache::with_limit(SHARDS * 10);
        for i in 0..10_000 {
            cache.insert(form(i));
            assert_eq!(cache.get("w0"), Some(form(0)), "w0 was dropped at {i}");
        }
        assert!(cache.len() <= 2 * SHARDS * 10);
        assert_eq!(cache.get("w9999"), Some(form(9999)));
        assert_eq!(cache.get("w5000"), None);
    }

    #[test]
    fn a_form_is_not_taken_for_another_with_its_hash() {
        // Two forms whose 64-bit hashes agree are as good as never seen;
        // put one under the other's hash by hand, as a collision would.
        let cache = SharedFormCache::with_limit(SHARDS * 10);
        let (hash, shard) = cache.shard("без");
        shard.write().unwrap().insert(hash, form(7));
        assert_eq!(cache.get("без"), None);
        assert_eq!(cache.get("w7"), None);
        // In the old generation too, where a hit moves the entry.
        shard.write().unwrap().old.insert(hash, form(8));
        assert_eq!(cache.get("без"), None);
        // The form itself, once cached, replaces the other.
        cache.insert(Form("без".into(), 1));
        assert_eq!(cache.get("без"), Some(Form("без".into(), 1)));
    }

    #[test]
    fn threads_share_what_one_of_them_cached() {
        let cache = SharedFormCache::with_limit(1 << 12);
        std::thread::scope(|s| {
            for t in 0..4 {
                let cache = &cache;
                s.spawn(move || {
                    for i in 0..500 {
                        cache.insert(Form(format!("{t}-{i}"), i));
                    }
                });
            }
        });
        for t in 0..4 {
            assert_eq!(cache.get(&format!("{t}-499")).map(|f| f.1), Some(499));
        }
    }
}
