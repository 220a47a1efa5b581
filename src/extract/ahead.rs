//! The sentences of a block, read a few ahead of the one being extracted,
//! so that what the next ones will read of the shared word cache loads
//! from memory while this one is worked on (see [`ReadAhead::prefetch`]).
//! Each word's cache hash is worked out once, as its token comes in, for
//! the prefetch and the look-up. Memory stays that of a few sentences.

use std::collections::VecDeque;

use crate::cache::{FormHash, Keyed, Reader};
use crate::tokenize::{Token, TokenKind};

/// How many whole sentences wait behind the one extracted: the newest's
/// slots in the cache, the next's records, then the following one's
/// readings load in turn, a round a sentence.
pub(super) const READ_AHEAD: usize = 3;

/// A sentence's tokens, with the cache hash of each word's form (None for
/// punctuation and numbers, which are not looked up).
#[derive(Debug, Default)]
pub(super) struct Sentence<'a> {
    pub tokens: Vec<Token<'a>>,
    pub hashes: Vec<Option<FormHash>>,
}

impl<'a> Sentence<'a> {
    fn push(&mut self, token: Token<'a>) {
        let hash = (token.kind == TokenKind::Word).then(|| FormHash::of(token.text));
        self.tokens.push(token);
        self.hashes.push(hash);
    }

    /// The hashes of the words' forms.
    fn word_hashes(&self) -> impl Iterator<Item = FormHash> + '_ {
        self.hashes.iter().flatten().copied()
    }
}

/// A block's sentences as its tokens come in: whole ones waiting to be
/// extracted, in order, and the one being filled.
#[derive(Debug, Default)]
pub(super) struct ReadAhead<'a> {
    waiting: VecDeque<Sentence<'a>>,
    filling: Sentence<'a>,
    /// Sentences given back, emptied: their room is used again.
    spare: Vec<Sentence<'a>>,
}

impl<'a> ReadAhead<'a> {
    /// Takes the next token; true when more sentences wait than are read
    /// ahead, so that the caller should extract the first ([`pop`]).
    ///
    /// [`pop`]: ReadAhead::pop
    pub fn push(&mut self, token: Token<'a>) -> bool {
        let ends = self
            .filling
            .tokens
            .last()
            .is_some_and(|t| t.sentence != token.sentence);
        if ends {
            self.end_sentence();
        }
        self.filling.push(token);
        self.waiting.len() > READ_AHEAD
    }

    /// The sentence being filled is whole (the block ended).
    pub fn end_sentence(&mut self) {
        if !self.filling.tokens.is_empty() {
            let next = self.spare.pop().unwrap_or_default();
            self.waiting
                .push_back(std::mem::replace(&mut self.filling, next));
        }
    }

    /// Starts the loads of what the sentences after the first will read of
    /// the cache, a round a sentence: the slots of the newest, the values
    /// (records) of the one before it, whose slots were asked for when it
    /// was the newest, what the values of the one after the first point
    /// to. So each sentence finds what it reads in the processor's cache; a
    /// sentence's own prefetch, just before its look-ups, would still wait
    /// for the first of its loads.
    pub fn prefetch<T: Keyed + Send + Sync + 'static>(&self, reader: &Reader<'_, T>) {
        if let Some(newest) = self.waiting.get(READ_AHEAD) {
            reader.prefetch_slots(newest.word_hashes());
        }
        if let Some(later) = self.waiting.get(2) {
            reader.prefetch_values(later.word_hashes());
        }
        if let Some(next) = self.waiting.get(1) {
            reader.prefetch_pointees(next.word_hashes());
        }
    }

    /// The first whole sentence, if any; [`give_back`](ReadAhead::give_back)
    /// it when done.
    pub fn pop(&mut self) -> Option<Sentence<'a>> {
        self.waiting.pop_front()
    }

    /// A sentence extracted: its room serves a later one.
    pub fn give_back(&mut self, mut sentence: Sentence<'a>) {
        sentence.tokens.clear();
        sentence.hashes.clear();
        self.spare.push(sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_wait_in_order_and_a_few_ahead() {
        let text = "Без ауырды. Ми. Жүрек соқты! Қан. Өт.";
        let mut ahead = ReadAhead::default();
        let mut out = Vec::new();
        let take = |ahead: &mut ReadAhead<'_>, out: &mut Vec<String>| {
            let s = ahead.pop().expect("a whole sentence");
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text).collect();
            assert_eq!(s.hashes.iter().flatten().count(), words.len() - 1);
            out.push(words.join(" "));
            ahead.give_back(s);
        };
        for token in crate::tokenize::tokenize(text) {
            if ahead.push(token) {
                take(&mut ahead, &mut out);
            }
        }
        // Four sentences whole, the fifth filling: the first went out.
        assert_eq!(out, ["Без ауырды ."]);
        ahead.end_sentence();
        while !ahead.waiting.is_empty() {
            take(&mut ahead, &mut out);
        }
        assert_eq!(
            out,
            ["Без ауырды .", "Ми .", "Жүрек соқты !", "Қан .", "Өт ."]
        );
        // The room of those given back is used again.
        assert!(!ahead.spare.is_empty());
    }
}
