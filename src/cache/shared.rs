//! The cache of analysed word forms that the extraction's workers share
//! (see [`SharedFormCache`]). Every token of a corpus looks a form up in
//! it, from every worker at once, so a look-up takes no lock and touches no
//! reference count: it reads two tables that writers never change under
//! it, except to fill an empty slot or to replace what a slot points to.
//! What a writer unlinks (a replaced value, a generation dropped) is freed
//! only once no reader can still hold it: epoch-based reclamation, from
//! `crossbeam-epoch` (already in the tree through `rayon`), which keeps
//! the readers' side to one pin per sentence.
//!
//! Two generations, as in [`super::FormCache`]: new forms go to the young
//! table; when it holds its limit it becomes the old one and the former
//! old one is dropped; a form found in the old table is put back in the
//! young one, so the forms in use stay.

use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crossbeam_epoch::{self as epoch, Atomic, Guard, Owned};

use super::Keyed;

/// A bounded two-generation cache of values that carry their own word
/// forms, shared by threads, with look-ups that neither lock nor count
/// references (see the module's doc). A thread reads through a
/// [`Reader`], which holds what it found alive as long as it lives.
///
/// ```
/// use kazterm::cache::{Keyed, SharedFormCache};
/// #[derive(Debug, PartialEq)]
/// struct Word(String, u32);
/// impl Keyed for Word {
///     fn key(&self) -> &str {
///         &self.0
///     }
/// }
/// let cache = SharedFormCache::with_limit(1024);
/// let reader = cache.reader();
/// assert_eq!(reader.insert(Word("без".into(), 1)).1, 1);
/// assert_eq!(reader.get("без"), Some(&Word("без".into(), 1)));
/// assert_eq!(reader.get("гормон"), None);
/// ```
pub struct SharedFormCache<T> {
    young: Atomic<Table<T>>,
    old: Atomic<Table<T>>,
    /// Writers take turns; they keep the generations' sizes.
    writer: Mutex<Sizes>,
    /// How many entries the young table takes before it ages.
    limit: usize,
}

/// How many entries each generation holds.
#[derive(Debug, Default)]
struct Sizes {
    young: usize,
    old: usize,
}

/// One generation: an open-addressing table (linear probing) of slots,
/// at least twice as many as entries it may hold, so a probe ends soon at
/// an empty slot. A slot is written once with its hash; what it points to
/// may be replaced. The table owns one reference to each value.
struct Table<T> {
    slots: Box<[Slot<T>]>,
    /// The hash's top bits pick the first slot: `hash >> shift`.
    shift: u32,
    /// The table owns `Arc`s (held as raw pointers): it may go to another
    /// thread, or be shared, only where they may.
    owns: std::marker::PhantomData<Arc<T>>,
}

/// A value and its form's hash (0 for an empty slot). 16 bytes: four to a
/// cache line.
struct Slot<T> {
    hash: AtomicU64,
    value: AtomicPtr<T>,
}

impl<T> Table<T> {
    /// A table for up to `limit` entries.
    fn for_limit(limit: usize) -> Table<T> {
        let slots = (2 * limit).next_power_of_two().max(2);
        Table {
            slots: (0..slots)
                .map(|_| Slot {
                    hash: AtomicU64::new(0),
                    value: AtomicPtr::new(std::ptr::null_mut()),
                })
                .collect(),
            shift: 64 - slots.trailing_zeros(),
            owns: std::marker::PhantomData,
        }
    }

    /// Where the probe for `hash` begins.
    fn first(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }

    /// The slot that holds `hash`, or the empty one where it would go.
    fn slot(&self, hash: u64) -> &Slot<T> {
        let mask = self.slots.len() - 1;
        let mut i = self.first(hash);
        loop {
            let slot = &self.slots[i];
            let h = slot.hash.load(Ordering::Acquire);
            if h == hash || h == 0 {
                return slot;
            }
            i = (i + 1) & mask;
        }
    }

    /// The value whose form is `key`, if the table holds it.
    fn find(&self, hash: u64, key: &str) -> Option<&T>
    where
        T: Keyed,
    {
        let value = self.slot(hash).value.load(Ordering::Acquire);
        // SAFETY: a slot's pointer is null or comes from `Arc::into_raw`
        // of a value the table holds a reference to; a replaced one is
        // released only through the epoch (see `SharedFormCache::put`),
        // after every reader pinned when it was replaced has unpinned, and
        // the caller's reader is pinned for as long as it holds `&self`.
        let value = unsafe { value.as_ref() }?;
        (value.key() == key).then_some(value)
    }
}

impl<T> Drop for Table<T> {
    fn drop(&mut self) {
        for slot in self.slots.iter_mut() {
            let value = *slot.value.get_mut();
            if !value.is_null() {
                // SAFETY: the pointer came from `Arc::into_raw`, and this
                // table's reference to it is released once, here.
                drop(unsafe { Arc::from_raw(value) });
            }
        }
    }
}

/// The hash a [`SharedFormCache`] finds a form by, worked out once by a
/// caller that prefetches the form before looking it up.
///
/// ```
/// use kazterm::cache::FormHash;
/// assert_eq!(FormHash::of("без"), FormHash::of("без"));
/// assert_ne!(FormHash::of("без"), FormHash::of("без."));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormHash(u64);

impl FormHash {
    /// FxHash of the form's bytes, mixed by a multiplication by an odd
    /// constant (Fibonacci hashing) so that its top bits, which pick the
    /// slot, depend on every byte; never 0, which marks an empty slot.
    pub fn of(key: &str) -> FormHash {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write(key.as_bytes());
        FormHash(h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
}

fn hash_of(key: &str) -> u64 {
    FormHash::of(key).0
}

impl<T: Keyed + Send + Sync + 'static> SharedFormCache<T> {
    /// A cache whose young generation holds up to `limit` entries (so at
    /// most `2 × limit` in all, and the tables take 16 bytes a slot for
    /// twice as many slots, rounded up to a power of two).
    pub fn with_limit(limit: usize) -> Self {
        let limit = limit.max(1);
        SharedFormCache {
            young: Atomic::new(Table::for_limit(limit)),
            old: Atomic::new(Table::for_limit(limit)),
            writer: Mutex::new(Sizes::default()),
            limit,
        }
    }

    /// A reader for this thread: what it finds stays alive as long as the
    /// reader does, so keep one for a sentence or so, not for a corpus
    /// (the generations it saw are not freed while it lives).
    pub fn reader(&self) -> Reader<'_, T> {
        Reader {
            cache: self,
            guard: epoch::pin(),
        }
    }

    /// How many entries are cached (a form put back in the young
    /// generation counts twice until the old one is dropped).
    pub fn len(&self) -> usize {
        let sizes = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        sizes.young + sizes.old
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Puts `value` (one reference, as from `Arc::into_raw`) in the young
    /// generation under `hash`, aging the generations first when the young
    /// one is full. Unless `replace`, a value already there under the same
    /// form stays and `value` is released. Returns what the young
    /// generation now holds under the form.
    fn put<'g>(&self, hash: u64, value: Arc<T>, replace: bool, guard: &'g Guard) -> &'g T {
        // A panic elsewhere never leaves the sizes half-written.
        let mut sizes = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if sizes.young >= self.limit {
            self.age(&mut sizes, guard);
        }
        // SAFETY: the young table is never null; it is freed only through
        // the epoch once unlinked (see `age`), and `guard` is pinned.
        let young = unsafe { self.young.load(Ordering::Acquire, guard).deref() };
        let slot = young.slot(hash);
        let raw = Arc::into_raw(value).cast_mut();
        let there = slot.value.load(Ordering::Acquire);
        if there.is_null() {
            slot.value.store(raw, Ordering::Release);
            // The hash last: a reader that sees it sees the value.
            slot.hash.store(hash, Ordering::Release);
            sizes.young += 1;
            // SAFETY: just stored, owned by the table (see `Table::find`).
            return unsafe { &*raw };
        }
        // SAFETY: as in `Table::find`; the writer's lock keeps others from
        // replacing it meanwhile.
        let same = unsafe { (*there).key() == (*raw).key() };
        if same && !replace {
            // SAFETY: `raw` came from `Arc::into_raw` above; released once.
            drop(unsafe { Arc::from_raw(raw) });
            // SAFETY: as in `Table::find`.
            return unsafe { &*there };
        }
        // Another form with the same 64-bit hash, or a fresher analysis of
        // this one: it takes the slot, and the value it replaces is
        // released once no reader can hold it.
        slot.value.store(raw, Ordering::Release);
        // SAFETY: `there` came from `Arc::into_raw`, and the table's
        // reference to it, now unlinked, is released once, after the epoch.
        let replaced = unsafe { Arc::from_raw(there) };
        guard.defer(move || drop(replaced));
        // SAFETY: as in `Table::find`.
        unsafe { &*raw }
    }

    /// The young generation becomes the old one and the old one is
    /// dropped, once no reader can still hold what it found there.
    fn age(&self, sizes: &mut Sizes, guard: &Guard) {
        let young = self.young.load(Ordering::Acquire, guard);
        // The young table stands in both places for a moment, never in
        // neither: a reader in between finds its forms.
        let dropped = self.old.swap(young, Ordering::AcqRel, guard);
        self.young
            .store(Owned::new(Table::for_limit(self.limit)), Ordering::Release);
        // SAFETY: `dropped` is unlinked: no new reader can load it, and the
        // epoch frees it after the readers that could have are gone.
        unsafe { guard.defer_destroy(dropped) };
        // A table is megabytes: to the collector now, not when this
        // thread's list of garbage fills.
        guard.flush();
        sizes.old = std::mem::take(&mut sizes.young);
    }
}

impl<T> Drop for SharedFormCache<T> {
    fn drop(&mut self) {
        // SAFETY: `&mut self`: no reader or writer is left, so the tables
        // can be freed at once.
        unsafe {
            let guard = epoch::unprotected();
            for table in [&self.young, &self.old] {
                let table = table.load(Ordering::Relaxed, guard);
                if !table.is_null() {
                    drop(table.into_owned());
                }
            }
        }
    }
}

impl<T> std::fmt::Debug for SharedFormCache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedFormCache")
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

/// A thread's view of a [`SharedFormCache`]: what it finds or puts stays
/// alive as long as the reader does (it is pinned to the epoch).
pub struct Reader<'c, T> {
    cache: &'c SharedFormCache<T>,
    guard: Guard,
}

impl<T: Keyed + Send + Sync + 'static> Reader<'_, T> {
    /// The young and the old table, as they stand.
    fn tables(&self) -> (&Table<T>, &Table<T>) {
        let load = |table: &Atomic<Table<T>>| {
            // SAFETY: the tables are never null, and one unlinked is freed
            // only after every reader pinned then has unpinned (see `age`).
            unsafe { table.load(Ordering::Acquire, &self.guard).deref() }
        };
        (load(&self.cache.young), load(&self.cache.old))
    }

    /// The value for `key`, if cached. A value found in the old generation
    /// is put back in the young one.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.get_hashed(key, FormHash::of(key))
    }

    /// [`get`](Reader::get), with the key's hash worked out already.
    pub fn get_hashed(&self, key: &str, hash: FormHash) -> Option<&T> {
        let hash = hash.0;
        let (young, old) = self.tables();
        if let Some(value) = young.find(hash, key) {
            return Some(value);
        }
        let value = old.find(hash, key)?;
        // SAFETY: `value` is one of the old table's values (`Table::find`),
        // alive while this reader is; a second reference for the young.
        let again = unsafe {
            let raw: *const T = value;
            Arc::increment_strong_count(raw);
            Arc::from_raw(raw)
        };
        Some(self.cache.put(hash, again, false, &self.guard))
    }

    /// Caches `value` under its form (replacing what was cached under the
    /// form, or under another form with the same 64-bit hash), and returns
    /// it as cached.
    pub fn insert(&self, value: T) -> &T {
        let hash = hash_of(value.key());
        self.cache.put(hash, Arc::new(value), true, &self.guard)
    }

    /// Starts loading the young generation's slots for these hashes into
    /// the processor's cache, and returns at once: the first round of a
    /// prefetch (see [`prefetch_values`](Reader::prefetch_values)).
    pub fn prefetch_slots(&self, hashes: impl Iterator<Item = FormHash>) {
        let (young, _) = self.tables();
        for hash in hashes {
            super::prefetch(&young.slots[young.first(hash.0)]);
        }
    }

    /// Starts loading the values cached under these hashes in the young
    /// generation, if any, into the processor's cache (see
    /// [`Keyed::prefetch`]), and returns: a caller about to
    /// [`get`](Reader::get) many forms asks for all of them first, so that
    /// their loads from memory overlap, and sooner still for their slots
    /// ([`prefetch_slots`](Reader::prefetch_slots)), which this reads.
    pub fn prefetch_values(&self, hashes: impl Iterator<Item = FormHash>) {
        self.young_values(hashes).for_each(Keyed::prefetch);
    }

    /// Starts loading what the values cached under these hashes in the
    /// young generation point to (see [`Keyed::prefetch_pointees`]): the
    /// third round of a prefetch, once the values are in cache.
    pub fn prefetch_pointees(&self, hashes: impl Iterator<Item = FormHash>) {
        self.young_values(hashes).for_each(Keyed::prefetch_pointees);
    }

    /// The values under these hashes in the young generation, whatever
    /// their forms (for a prefetch: a value under another form's hash is
    /// loaded for nothing, and no harm done).
    fn young_values(&self, hashes: impl Iterator<Item = FormHash>) -> impl Iterator<Item = &T> {
        let (young, _) = self.tables();
        hashes.filter_map(move |hash| {
            let value = young.slot(hash.0).value.load(Ordering::Acquire);
            // SAFETY: as in `Table::find`.
            unsafe { value.as_ref() }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
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
        let cache = SharedFormCache::with_limit(100);
        for i in 0..10_000 {
            let reader = cache.reader();
            reader.insert(form(i));
            assert_eq!(reader.get("w0"), Some(&form(0)), "w0 was dropped at {i}");
            assert!(cache.len() <= 200);
        }
        let reader = cache.reader();
        assert_eq!(reader.get("w9999"), Some(&form(9999)));
        assert_eq!(reader.get("w5000"), None);
    }

    #[test]
    fn a_form_is_not_taken_for_another_with_its_hash() {
        // Two forms whose 64-bit hashes agree are as good as never seen;
        // put one under the other's hash by hand, as a collision would.
        let cache = SharedFormCache::with_limit(10);
        let reader = cache.reader();
        let hash = hash_of("без");
        cache.put(hash, Arc::new(form(7)), true, &reader.guard);
        assert_eq!(reader.get("без"), None);
        assert_eq!(reader.get("w7"), None);
        // The form itself, once cached, replaces the other, which a
        // reader that found it still holds.
        let seven = cache.reader();
        let w7 = seven.tables().0.slot(hash).value.load(Ordering::Acquire);
        reader.insert(Form("без".into(), 1));
        assert_eq!(reader.get("без"), Some(&Form("без".into(), 1)));
        // SAFETY: `seven` is pinned since before the replacement.
        assert_eq!(unsafe { &*w7 }, &form(7));
    }

    #[test]
    fn a_form_in_the_old_generation_is_found_and_made_young() {
        let cache = SharedFormCache::with_limit(4);
        let reader = cache.reader();
        for i in 0..4 {
            reader.insert(form(i));
        }
        // The fifth ages the first four.
        reader.insert(form(4));
        let (young, old) = reader.tables();
        assert!(young.find(hash_of("w0"), "w0").is_none());
        assert!(old.find(hash_of("w0"), "w0").is_some());
        assert_eq!(reader.get("w0"), Some(&form(0)));
        assert_eq!(reader.tables().0.find(hash_of("w0"), "w0"), Some(&form(0)));
        // Aging again drops w1..w3, but not w0, which is old now.
        for i in 5..8 {
            reader.insert(form(i));
        }
        drop(reader);
        let reader = cache.reader();
        assert_eq!(reader.get("w1"), None);
        assert_eq!(reader.get("w0"), Some(&form(0)));
    }

    /// Runs `work` on four threads at once, each given its number.
    fn on_four_threads(work: impl Fn(usize) + Sync) {
        std::thread::scope(|s| {
            for t in 0..4 {
                let work = &work;
                s.spawn(move || work(t));
            }
        });
    }

    #[test]
    fn threads_share_what_one_of_them_cached() {
        let cache = SharedFormCache::with_limit(1 << 12);
        on_four_threads(|t| {
            for i in 0..500 {
                let reader = cache.reader();
                reader.insert(Form(format!("{t}-{i}"), i));
                // And reads what the others put meanwhile.
                let other = format!("{}-{i}", (t + 1) % 4);
                if let Some(f) = reader.get(&other) {
                    assert_eq!(f.1, i);
                }
            }
        });
        let reader = cache.reader();
        for t in 0..4 {
            assert_eq!(reader.get(&format!("{t}-499")).map(|f| f.1), Some(499));
        }
    }

    #[test]
    fn threads_reading_while_generations_age_read_what_was_put() {
        // A small limit: the tables age every few inserts, under readers.
        let cache: SharedFormCache<Form> = SharedFormCache::with_limit(8);
        on_four_threads(|t| {
            for i in 0..20_000 {
                let reader = cache.reader();
                let key = format!("{}", (i * 7 + t) % 50);
                match reader.get(&key) {
                    Some(f) => assert_eq!(f.0, key),
                    None => assert_eq!(reader.insert(Form(key.clone(), i)).0, key),
                }
            }
        });
        assert!(cache.len() <= 16);
    }
}
