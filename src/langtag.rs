//! Language tags as files write them (`en`, `en-US`, `kk_KZ`, `KK`): what
//! the readers of bilingual files and term bases compare is the primary
//! subtag (BCP 47, RFC 5646 §2.2.1), lower case.

/// The primary language subtag, lower case.
///
/// ```
/// use kazterm::langtag::primary;
/// assert_eq!(primary("en-US"), "en");
/// assert_eq!(primary("kk_KZ"), "kk");
/// assert_eq!(primary(" LA "), "la");
/// ```
pub fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}
