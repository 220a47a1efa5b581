//! The `.apkg` writer: a zip holding `collection.anki2` (SQLite, schema 11,
//! tables col, notes, cards, revlog, graves) and a JSON `media` map.
//!
//! Facts from Anki's importer (see the project's shared tools README): all
//! five tables must exist; `col.models` and `col.decks` need their required
//! JSON keys; one card row per template whose front is not empty (Anki does
//! not make missing cards on import); `csum` is the integer of the first 8
//! hex digits of the SHA-1 of the first field without HTML; a note is
//! updated on re-import whenever its `mod` is newer (whether or not its
//! fields changed), so `mod` must move only when the note does: it is the
//! time the deck's inputs last changed, and a note unchanged since the
//! previous build of the same file keeps the `mod` it had there ([`Previous`]).
//! The collection carries Anki's default deck options as configuration 1,
//! which every deck names.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Write};
use std::path::Path;

use rusqlite::{params, Connection};
use serde_json::json;

use super::{
    csum, id_for, strip_html, Cards, Note, CLOZE_NOTETYPE, FIELDS, NOTETYPE, TEMPLATES_MOD,
};
use crate::error::{Error, Result};

const SCHEMA: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
";

const CSS: &str = ".card { font-family: sans-serif; font-size: 22px; text-align: center; color: #222; background: #fff; }\n\
.kk { font-size: 30px; } .la { font-style: italic; color: #555; } .grc { color: #555; }\n\
.meta { font-size: 16px; color: #666; } .example { font-size: 18px; margin-top: 1em; }";

/// The templates of `kazterm term`: (name, front, back) for the chosen cards.
fn templates(cards: &[Cards]) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut t = Vec::new();
    if cards.contains(&Cards::KkEn) {
        t.push((
            "Kazakh → English/Latin",
            "<div class=kk>{{Kazakh}}</div>",
            "{{FrontSide}}<hr id=answer>{{English}}{{#Latin}}<div class=la>{{Latin}}</div>{{/Latin}}{{#Greek}}<div class=grc>{{Greek}}</div>{{/Greek}}{{#Etymology}}<div class=meta>{{Etymology}}</div>{{/Etymology}}{{#Example}}<div class=example>{{Example}}</div>{{/Example}}",
        ));
    }
    if cards.contains(&Cards::EnKk) {
        t.push((
            "English → Kazakh",
            "{{#English}}{{English}}{{#Latin}}<div class=la>{{Latin}}</div>{{/Latin}}{{/English}}",
            "{{FrontSide}}<hr id=answer><div class=kk>{{Kazakh}}</div>{{#Example}}<div class=example>{{Example}}</div>{{/Example}}",
        ));
    }
    t
}

/// The notes of an earlier build of a package, by GUID: (`mod`, fields,
/// tags), as the package stored them.
#[derive(Debug, Clone, Default)]
pub struct Previous(HashMap<String, (i64, String, String)>);

impl Previous {
    /// The notes of the package at `path`; none when there is no such file
    /// or it is not a package this writer could have made.
    pub fn read(path: &Path) -> Previous {
        Previous::try_read(path).unwrap_or_default()
    }

    fn try_read(path: &Path) -> Option<Previous> {
        let file = std::fs::File::open(path).ok()?;
        let mut zip = zip::ZipArchive::new(file).ok()?;
        let mut db = Vec::new();
        zip.by_name("collection.anki2")
            .ok()?
            .take(1 << 30)
            .read_to_end(&mut db)
            .ok()?;
        let dir = tempfile::tempdir().ok()?;
        let db_path = dir.path().join("previous.anki2");
        std::fs::write(&db_path, db).ok()?;
        let con = Connection::open(&db_path).ok()?;
        let mut stmt = con
            .prepare("SELECT guid, mod, flds, tags FROM notes")
            .ok()?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })
            .ok()?;
        Some(Previous(rows.flatten().collect()))
    }

    /// The `mod` of a note with these fields and tags: its earlier one when
    /// nothing changed, else the inputs' time (and never older than before).
    fn stamp(&self, guid: &str, fields: &str, tags: &str, changed: i64) -> i64 {
        match self.0.get(guid) {
            Some((stamp, f, t)) if f == fields && t == tags => *stamp,
            Some((stamp, _, _)) => changed.max(stamp + 1),
            None => changed,
        }
    }
}

/// Writes the package for `notes` and returns its bytes. `changed` is when
/// the deck's inputs last changed, in seconds (a note's `mod` unless
/// `previous` has it unchanged).
pub fn build(
    notes: &[Note],
    cards: &[Cards],
    changed: i64,
    previous: &Previous,
) -> Result<Vec<u8>> {
    let now = changed;
    let dir = tempfile::tempdir().map_err(|e| Error::io("apkg", e))?;
    let db_path = dir.path().join("collection.anki2");
    let db_err =
        |e: rusqlite::Error| Error::io("collection.anki2", std::io::Error::other(e.to_string()));
    let mut con = Connection::open(&db_path).map_err(db_err)?;
    con.execute_batch(SCHEMA).map_err(db_err)?;

    let term_templates = templates(cards);
    let term_id = id_for(NOTETYPE);
    let cloze_id = id_for(CLOZE_NOTETYPE);
    let mut decks: BTreeMap<String, i64> = BTreeMap::new();
    for n in notes {
        decks
            .entry(n.deck.clone())
            .or_insert_with(|| id_for(&n.deck));
    }
    let first_deck = decks.values().next().copied().unwrap_or(1);
    let mut models = serde_json::Map::new();
    models.insert(
        term_id.to_string(),
        json!({
            "id": term_id, "name": NOTETYPE, "type": 0, "mod": TEMPLATES_MOD, "usn": -1,
            "sortf": 0, "did": first_deck,
            "tmpls": term_templates.iter().enumerate().map(|(i, (name, q, a))| json!({
                "name": name, "ord": i, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "", "did": null
            })).collect::<Vec<_>>(),
            "flds": FIELDS.iter().enumerate().map(|(i, f)| json!({
                "name": f, "ord": i, "sticky": false, "rtl": false, "font": "Arial", "size": 20
            })).collect::<Vec<_>>(),
            "css": CSS, "latexPre": "", "latexPost": "", "tags": [], "vers": []
        }),
    );
    if cards.contains(&Cards::Cloze) {
        models.insert(
            cloze_id.to_string(),
            json!({
                "id": cloze_id, "name": CLOZE_NOTETYPE, "type": 1, "mod": TEMPLATES_MOD, "usn": -1,
                "sortf": 0, "did": first_deck,
                "tmpls": [{"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
                           "afmt": "{{cloze:Text}}<br><div class=meta>{{Extra}}</div>",
                           "bqfmt": "", "bafmt": "", "did": null}],
                "flds": [
                    {"name": "Text", "ord": 0, "sticky": false, "rtl": false, "font": "Arial", "size": 20},
                    {"name": "Extra", "ord": 1, "sticky": false, "rtl": false, "font": "Arial", "size": 20}
                ],
                "css": CSS, "latexPre": "", "latexPost": "", "tags": [], "vers": []
            }),
        );
    }
    let mut deck_json = serde_json::Map::new();
    for (name, id) in &decks {
        deck_json.insert(
            id.to_string(),
            json!({
                "id": id, "name": name, "mod": now, "usn": -1, "collapsed": false, "dyn": 0,
                "conf": 1, "desc": "", "extendNew": 0, "extendRev": 0,
                "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0]
            }),
        );
    }
    // Anki's default deck options (schema 11), the configuration every
    // deck names with `"conf": 1`: without it Anki's deck-preset import and
    // its legacy importer fail ("No such deck config: '1'").
    let dconf = json!({
        "1": {
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "dyn": false,
            "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true,
            "new": {"bury": false, "delays": [1.0, 10.0], "initialFactor": 2500,
                    "ints": [1, 4, 0], "order": 1, "perDay": 20},
            "rev": {"bury": false, "ease4": 1.3, "hardFactor": 1.2, "ivlFct": 1.0,
                    "maxIvl": 36500, "perDay": 200},
            "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1,
                      "mult": 0.0}
        }
    });
    let tx = con.transaction().map_err(db_err)?;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, '{}', ?3, ?4, ?5, '{}')",
        params![
            now - now % 86_400,
            now * 1000,
            serde_json::Value::Object(models).to_string(),
            serde_json::Value::Object(deck_json).to_string(),
            dconf.to_string()
        ],
    )
    .map_err(db_err)?;
    {
        let mut note_stmt = tx
            .prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")
            .map_err(db_err)?;
        let mut card_stmt = tx
            .prepare("INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')")
            .map_err(db_err)?;
        let base = now * 1000;
        for (i, n) in notes.iter().enumerate() {
            let nid = base + i as i64;
            let mid = if n.cloze { cloze_id } else { term_id };
            let tags = format!(" {} ", n.tags.join(" "));
            let first = n.fields.first().map(String::as_str).unwrap_or("");
            let fields = n.fields.join("\u{1f}");
            let stamp = previous.stamp(&n.guid, &fields, &tags, changed);
            note_stmt
                .execute(params![
                    nid,
                    n.guid,
                    mid,
                    stamp,
                    tags,
                    fields,
                    strip_html(first),
                    csum(first)
                ])
                .map_err(db_err)?;
            let did = decks[&n.deck];
            // One card per template whose front would not be empty.
            let ords: Vec<i64> = if n.cloze {
                vec![0]
            } else {
                term_templates
                    .iter()
                    .enumerate()
                    .filter(|(_, (name, _, _))| {
                        !(name.starts_with("English") && n.fields[3].is_empty())
                    })
                    .map(|(k, _)| k as i64)
                    .collect()
            };
            for ord in ords {
                card_stmt
                    .execute(params![
                        base + (i as i64) * 4 + ord,
                        nid,
                        did,
                        ord,
                        stamp,
                        i as i64 + 1
                    ])
                    .map_err(db_err)?;
            }
        }
    }
    tx.commit().map_err(db_err)?;
    con.close().map_err(|(_, e)| db_err(e))?;
    let db = std::fs::read(&db_path).map_err(|e| Error::io(&db_path, e))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zip_err =
        |e: zip::result::ZipError| Error::io("apkg", std::io::Error::other(e.to_string()));
    zip.start_file("collection.anki2", options)
        .map_err(zip_err)?;
    zip.write_all(&db).map_err(|e| Error::io("apkg", e))?;
    zip.start_file("media", options).map_err(zip_err)?;
    zip.write_all(b"{}").map_err(|e| Error::io("apkg", e))?;
    let cursor = zip.finish().map_err(zip_err)?;
    Ok(cursor.into_inner())
}
