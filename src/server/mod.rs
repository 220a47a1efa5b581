//! `kazterm serve`'s web side: one self-contained page (HTML, CSS and plain
//! JavaScript embedded in the binary: no CDN, no external font, nothing
//! sent anywhere) and the small JSON API it uses, which scripts can use too:
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the page |
//! | `GET /api/health` | `{"status": "ok", "version", "glossary", "concepts"}` |
//! | `GET /api/glossary?q=` | concept cards the query finds ([`search`]) |
//! | `GET /api/glossary/export?format=tbx\|tbx2\|csv\|omegat` | the glossary file |
//! | `POST /api/check` | a text or file checked: `kazterm check --format json`'s report, each finding with its dismissal `signature`, and the text |
//! | `POST /api/extract` | its terms (`extract --format jsonl`'s rows) with their glossary match, and the proposed rows for the unmatched |
//! | `POST /api/deck` | an Anki deck (`.apkg` or text), the bytes `kazterm anki` writes |
//!
//! A POST takes JSON (`{"text": "…", "name": "x.txt", "source": "en",
//! "target": "kk", …}`) or a multipart form (a `file` field and the same
//! names). Uploads are limited ([`Server::max_upload`]); a bad request gets
//! a 4xx with `{"error": "…"}`. The work runs on the blocking pool, never on
//! the async threads. Nothing reads or writes the file system but the
//! glossary the server was started with and private temporary folders.

pub mod search;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::check::Finding;
use crate::glossary::Concept;
use crate::input::Input;

/// The page, embedded.
const PAGE: &str = include_str!("page.html");

/// What the server knows: its glossary and its limits.
#[derive(Debug)]
pub struct Server {
    /// The glossary file it serves.
    pub glossary: PathBuf,
    /// Its concepts.
    pub concepts: Vec<Concept>,
    /// The largest upload accepted, in bytes.
    pub max_upload: usize,
}

impl Server {
    /// A server for the glossary at `path` (validated as every command
    /// validates it).
    pub fn new(path: &Path, max_upload: usize) -> crate::Result<Server> {
        let glossary = crate::glossary::Glossary::load(path)?;
        Ok(Server {
            glossary: path.to_path_buf(),
            concepts: glossary.concepts(),
            max_upload,
        })
    }
}

/// The default upload limit: 50 MB.
pub const MAX_UPLOAD: usize = 50 << 20;

/// The routes, over a shared server.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/health", get(health))
        .route("/api/glossary", get(glossary))
        .route("/api/glossary/export", get(export))
        .route("/api/check", post(check))
        .route("/api/extract", post(extract))
        .route("/api/deck", post(deck))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such page or API route") })
        .with_state(server)
}

/// An API error: a status and `{"error": message}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<crate::Error> for ApiError {
    /// The library's errors are the input's fault here (a malformed file,
    /// bad bytes, wrong languages): 422.
    fn from(e: crate::Error) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

async fn page() -> impl IntoResponse {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:",
            ),
        )],
        Html(PAGE),
    )
}

async fn health(State(server): State<Arc<Server>>) -> Json<Value> {
    Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "glossary": server.glossary.file_name().map(|n| n.to_string_lossy().into_owned()),
        "concepts": server.concepts.len(),
    }))
}

#[derive(Deserialize)]
struct GlossaryQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    format: String,
}

async fn glossary(
    State(server): State<Arc<Server>>,
    Query(query): Query<GlossaryQuery>,
) -> Result<Json<Value>, ApiError> {
    let found = blocking(move || {
        let cards: Vec<search::Card> = search::search(&server.concepts, &query.q, 200)
            .into_iter()
            .map(search::Card::of)
            .collect();
        Ok(json!({ "query": query.q, "concepts": cards }))
    })
    .await?;
    Ok(Json(found))
}

async fn export(
    State(server): State<Arc<Server>>,
    Query(query): Query<GlossaryQuery>,
) -> Result<Response, ApiError> {
    use crate::glossary::tbx::{self, Flavour};
    let (name, mime) = match query.format.as_str() {
        "tbx" => ("glossary.tbx", "application/x-tbx+xml"),
        "tbx2" => ("glossary.v2.tbx", "application/x-tbx+xml"),
        "csv" => ("glossary.csv", "text/csv; charset=utf-8"),
        "omegat" => ("glossary.omegat.txt", "text/plain; charset=utf-8"),
        other => {
            return Err(ApiError::bad(format!(
                "format: expected tbx, tbx2, csv or omegat, found {other:?}"
            )))
        }
    };
    let format = query.format.clone();
    let bytes = blocking(move || {
        let mut out = Vec::new();
        let title = "kazterm glossary";
        let io =
            |e: std::io::Error| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        match format.as_str() {
            "tbx" => tbx::write(&server.concepts, Flavour::Basic2019, title, &mut out)?,
            "tbx2" => tbx::write(&server.concepts, Flavour::Martif2008, title, &mut out)?,
            "csv" => crate::glossary::Glossary::from_concepts(&server.concepts)
                .write_csv(&mut out)
                .map_err(io)?,
            _ => crate::glossary::export::write_omegat(&server.concepts, &mut out).map_err(io)?,
        }
        Ok(out)
    })
    .await?;
    Ok(download(bytes, name, mime))
}

/// A file to download.
fn download(bytes: Vec<u8>, name: &str, mime: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
                    .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// What a POST brings: a text or a file, and the choices that go with it.
#[derive(Debug, Default, Deserialize)]
struct Upload {
    /// Pasted text.
    #[serde(default)]
    text: Option<String>,
    /// A file's name (the extension decides how it is read).
    #[serde(default)]
    name: Option<String>,
    /// A file's bytes (multipart only).
    #[serde(skip)]
    bytes: Option<Vec<u8>>,
    /// Languages of a bilingual file.
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    target: Option<String>,
    /// Deck choices.
    #[serde(default)]
    cards: Option<String>,
    #[serde(default)]
    deck: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    notetype: Option<String>,
    #[serde(default)]
    only_found: Option<bool>,
}

impl Upload {
    /// Reads a JSON or multipart request, within the size limit.
    async fn read(request: Request, limit: usize) -> Result<Upload, ApiError> {
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the upload is larger than the limit of {} MB (--max-upload)",
                    limit >> 20
                ),
            )
        })?;
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        if content_type.starts_with("multipart/form-data") {
            let request = Request::from_parts(parts, Body::from(bytes));
            let mut form = axum::extract::Multipart::from_request(request, &())
                .await
                .map_err(|e| ApiError::bad(format!("expected a multipart form: {e}")))?;
            let mut upload = Upload::default();
            while let Some(field) = form
                .next_field()
                .await
                .map_err(|e| ApiError::bad(format!("expected a multipart form: {e}")))?
            {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().map(str::to_string);
                let data: Bytes = field
                    .bytes()
                    .await
                    .map_err(|e| ApiError::bad(format!("expected a multipart form: {e}")))?;
                let text = || String::from_utf8_lossy(&data).into_owned();
                match name.as_str() {
                    "file" => {
                        upload.name = upload.name.or(file_name);
                        upload.bytes = Some(data.to_vec());
                    }
                    "text" => upload.text = Some(text()),
                    "name" => upload.name = Some(text()),
                    "source" => upload.source = Some(text()).filter(|s| !s.is_empty()),
                    "target" => upload.target = Some(text()).filter(|s| !s.is_empty()),
                    "cards" => upload.cards = Some(text()),
                    "deck" => upload.deck = Some(text()),
                    "format" => upload.format = Some(text()),
                    "notetype" => upload.notetype = Some(text()),
                    "only_found" => {
                        upload.only_found = Some(matches!(text().as_str(), "true" | "1" | "on"))
                    }
                    _ => {}
                }
            }
            Ok(upload)
        } else if content_type.starts_with("application/json") {
            serde_json::from_slice(&bytes).map_err(|e| ApiError::bad(format!("expected JSON: {e}")))
        } else {
            Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "expected application/json or multipart/form-data",
            ))
        }
    }

    /// True when there is a text or a file.
    fn has_input(&self) -> bool {
        self.bytes.is_some() || self.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    }

    /// The input as a file in a private temporary folder, under a safe
    /// version of its name: (folder, path, name shown in findings).
    fn to_file(&self) -> Result<(tempfile::TempDir, PathBuf, String), ApiError> {
        let name = safe_name(self.name.as_deref().unwrap_or("text.txt"));
        let dir = tempfile::tempdir()
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let path = dir.path().join(&name);
        let bytes: &[u8] = match (&self.bytes, &self.text) {
            (Some(b), _) => b,
            (None, Some(t)) => t.as_bytes(),
            (None, None) => return Err(ApiError::bad("expected a text or a file")),
        };
        std::fs::write(&path, bytes)
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok((dir, path, name))
    }
}

/// A file name kept to its last component and to harmless characters
/// (`../../etc/passwd` is `passwd`), never empty.
fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let safe: String = last
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(100)
        .collect();
    let safe = safe.trim_start_matches('.').trim().to_string();
    if safe.is_empty() {
        "text.txt".to_string()
    } else {
        safe
    }
}

/// Runs `work` on the blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// Reads a text or file upload and answers with `work`'s JSON, computed
/// on the blocking pool.
async fn on_input(
    server: Arc<Server>,
    request: Request,
    work: fn(&Server, &Upload) -> Result<Value, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let upload = Upload::read(request, server.max_upload).await?;
    if !upload.has_input() {
        return Err(ApiError::bad("expected a text or a file"));
    }
    blocking(move || work(&server, &upload)).await.map(Json)
}

async fn check(
    State(server): State<Arc<Server>>,
    request: Request,
) -> Result<Json<Value>, ApiError> {
    on_input(server, request, check_upload).await
}

/// The check of an upload, as `kazterm check --format json` reports it,
/// with each finding's dismissal signature and, for a plain text, the text.
fn check_upload(server: &Server, upload: &Upload) -> Result<Value, ApiError> {
    let (_dir, path, name) = upload.to_file()?;
    let languages = upload.source.as_deref().zip(upload.target.as_deref());
    let bilingual =
        languages.is_some() || crate::check::segments::FileKind::sniff_path(&path)?.is_some();
    let mut findings: Vec<Finding> = if bilingual {
        crate::check::bilingual::check_file(&path, languages, &server.concepts, false)?
    } else {
        let settings = crate::pipeline::check::Settings {
            scope: crate::check::Scope::Document,
            lossy: false,
            jobs: 1,
            word_cache: None,
        };
        crate::pipeline::check::check(&[Input::File(path.clone())], &server.concepts, &settings)?
    };
    let shown = path.display().to_string();
    for f in &mut findings {
        if f.file == shown {
            f.file = name.clone();
        }
    }
    let signatures: Vec<String> = findings.iter().map(Finding::signature).collect();
    let mut report = serde_json::to_value(crate::check::Report::of(findings))
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    if let Some(list) = report["findings"].as_array_mut() {
        for (f, signature) in list.iter_mut().zip(signatures) {
            f["signature"] = Value::String(signature);
        }
    }
    report["name"] = Value::String(name);
    report["bilingual"] = Value::Bool(bilingual);
    if !bilingual {
        let (text, _) = crate::input::read_to_string(&Input::File(path), true)?;
        report["text"] = Value::String(text);
    }
    Ok(report)
}

async fn extract(
    State(server): State<Arc<Server>>,
    request: Request,
) -> Result<Json<Value>, ApiError> {
    on_input(server, request, extract_upload).await
}

/// The terms of a file, with the glossary's forms known and one example
/// sentence each (what the terms table and a deck's examples need).
fn terms_of(server: &Server, path: &Path) -> Result<Vec<crate::extract::Term>, ApiError> {
    let known = crate::pipeline::extract::Known::of_glossary(&server.concepts);
    let settings = crate::pipeline::extract::Settings {
        contexts: 1,
        jobs: 1,
        ..Default::default()
    };
    Ok(crate::pipeline::extract::extract(
        &[Input::File(path.to_path_buf())],
        &known,
        &settings,
    )?)
}

/// The terms of an upload (the rows of `extract --format jsonl`) with
/// their glossary match, and the rows proposed for those it lacks.
fn extract_upload(server: &Server, upload: &Upload) -> Result<Value, ApiError> {
    let (_dir, path, name) = upload.to_file()?;
    let terms = terms_of(server, &path)?;
    let aligned = crate::pipeline::align::align(&server.concepts, terms);
    let rows: Vec<Value> = aligned
        .iter()
        .map(|a| {
            let t = &a.term;
            let first_seen = format!("{name}:{}:{}", t.first_seen.line, t.first_seen.column);
            json!({
                "lemma": t.lemma,
                "category": t.category.name(),
                "origin": t.origin,
                "surfaces": t.surfaces,
                "count": t.count,
                "first_seen": first_seen,
                "decomposition": t.decomposition,
                "gloss_kk": t.gloss_kk,
                "headword": t.headword,
                "contexts": t.contexts,
                "match": a.how.name(),
                "distance": a.distance,
                "concept": a.concept.map(|c| json!({
                    "id": c.id, "kk": c.kk, "la": c.la, "grc": c.grc, "en": c.en,
                })),
            })
        })
        .collect();
    let proposals: Vec<Value> = crate::pipeline::align::proposals(&aligned)
        .iter()
        .map(|c| {
            json!({
                "id": c.id, "kk": c.kk, "la": c.la, "grc": c.grc, "en": c.en,
                "category": c.category, "etymology": c.etymology, "note": c.note,
            })
        })
        .collect();
    Ok(json!({ "name": name, "terms": rows, "proposals": proposals }))
}

async fn deck(State(server): State<Arc<Server>>, request: Request) -> Result<Response, ApiError> {
    let upload = Upload::read(request, server.max_upload).await?;
    let format = upload.format.clone().unwrap_or_else(|| "apkg".to_string());
    let (name, mime) = match format.as_str() {
        "apkg" => ("kazterm.apkg", "application/octet-stream"),
        "txt" => ("kazterm.txt", "text/plain; charset=utf-8"),
        other => {
            return Err(ApiError::bad(format!(
                "format: expected apkg or txt, found {other:?}"
            )))
        }
    };
    let bytes = blocking(move || deck_bytes(&server, &upload, &format)).await?;
    Ok(download(bytes, name, mime))
}

/// The deck `kazterm anki` writes for the same glossary, text and choices.
fn deck_bytes(server: &Server, upload: &Upload, format: &str) -> Result<Vec<u8>, ApiError> {
    use crate::anki::{text::TextNotetype, Cards};
    let mut cards = Vec::new();
    for card in upload.cards.as_deref().unwrap_or("kk-en,en-kk").split(',') {
        cards.push(match card.trim() {
            "kk-en" => Cards::KkEn,
            "en-kk" => Cards::EnKk,
            "cloze" => Cards::Cloze,
            other => {
                return Err(ApiError::bad(format!(
                    "cards: expected kk-en, en-kk or cloze, found {other:?}"
                )))
            }
        });
    }
    let settings = crate::pipeline::deck::Settings {
        deck: upload
            .deck
            .clone()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| crate::anki::DEFAULT_DECK.to_string()),
        cards,
        only_found: upload.only_found.unwrap_or(false) && upload.has_input(),
        notetype: match upload.notetype.as_deref() {
            Some("kazterm") => TextNotetype::Kazterm,
            _ => TextNotetype::Basic,
        },
    };
    let dir = tempfile::tempdir()
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut inputs = vec![Input::File(server.glossary.clone())];
    let text = if upload.has_input() {
        Some(upload.to_file()?)
    } else {
        None
    };
    let examples = match &text {
        Some((_, path, _)) => {
            inputs.push(Input::File(path.clone()));
            crate::pipeline::deck::examples(&server.concepts, terms_of(server, path)?)
        }
        None => Default::default(),
    };
    let notes = crate::pipeline::deck::notes(&server.concepts, &examples, &settings);
    let out = dir.path().join(format!("deck.{format}"));
    crate::pipeline::deck::write(
        &notes,
        &settings,
        &out,
        crate::pipeline::deck::inputs_time(&inputs),
    )?;
    std::fs::read(&out).map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_kept_harmless() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\x\\мәтін.txt"), "мәтін.txt");
        assert_eq!(safe_name("<script>.txt"), "script.txt");
        assert_eq!(safe_name("..."), "text.txt");
    }
}
