//! The web API of `kazterm serve`, against its router (no network): the
//! CLI's JSON shapes, errors as 4xx with `{"error"}`, limits, and many
//! checks at once.

use std::fs;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kazterm::server::{router, Server, MAX_UPLOAD};
use tower::ServiceExt;

const GLOSSARY: &str = "glossary/endocrine.csv";

fn server(max_upload: usize) -> Arc<Server> {
    Arc::new(Server::new(GLOSSARY.as_ref(), max_upload).unwrap())
}

async fn call(server: &Arc<Server>, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = router(Arc::clone(server)).oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, body.to_vec())
}

fn json_post(uri: &str, body: serde_json::Value) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// A multipart form with one file and some fields.
fn multipart(uri: &str, file_name: &str, bytes: &[u8], fields: &[(&str, &str)]) -> Request<Body> {
    let boundary = "kaztermboundary7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

#[tokio::test]
async fn health_page_and_unknown_routes() {
    let s = server(MAX_UPLOAD);
    let (status, body) = call(&s, Request::get("/api/health").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["concepts"], 152);
    let (status, body) = call(&s, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("<html lang=\"kk\">"));
    // Self-contained: nothing fetched from elsewhere.
    assert!(!page.contains("http://") && !page.contains("https://"));
    let (status, body) = call(&s, Request::get("/nowhere").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(json(&body)["error"].is_string());
}

#[tokio::test]
async fn check_answers_in_the_cli_shape_for_texts_and_translations() {
    let s = server(MAX_UPLOAD);
    let text = fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
    let (status, body) = call(
        &s,
        json_post("/api/check", serde_json::json!({ "text": text })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report = json(&body);
    // The CLI's five findings on the shipped corpus, with their signatures.
    let cli = std::process::Command::new(assert_cmd::cargo::cargo_bin("kazterm"))
        .args([
            "check",
            "--glossary",
            GLOSSARY,
            "--format",
            "json",
            "corpus/endocrine_glands.kk.txt",
        ])
        .output()
        .unwrap();
    let cli = json(&cli.stdout);
    assert_eq!(report["summary"], cli["summary"]);
    let pick = |r: &serde_json::Value| -> Vec<(String, String, u64, u64)> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().into(),
                    f["found"].as_str().unwrap().into(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(pick(&report), pick(&cli));
    assert_eq!(report["findings"].as_array().unwrap().len(), 5);
    assert!(report["findings"][0]["signature"]
        .as_str()
        .unwrap()
        .contains('\t'));
    assert_eq!(report["text"].as_str().unwrap(), text);
    // A translation by file: read in its own languages.
    let xliff = fs::read("examples/leaflet.en-kk.xlf").unwrap();
    let (status, body) = call(
        &s,
        multipart("/api/check", "leaflet.en-kk.xlf", &xliff, &[]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report = json(&body);
    assert_eq!(report["bilingual"], true);
    assert_eq!(report["summary"]["findings"], 4);
    assert_eq!(report["findings"][0]["file"], "leaflet.en-kk.xlf");
    // A TSV with the languages chosen on the page.
    let tsv = fs::read("examples/leaflet.en-kk.tsv").unwrap();
    let (status, body) = call(
        &s,
        multipart(
            "/api/check",
            "segments.tsv",
            &tsv,
            &[("source", "en"), ("target", "kk")],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["summary"]["findings"], 4);
}

#[tokio::test]
async fn bad_uploads_get_a_4xx_with_an_error() {
    let s = server(1 << 20);
    let big = vec![b'a'; (1 << 20) + 10];
    let (status, body) = call(&s, multipart("/api/check", "big.txt", &big, &[])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(json(&body)["error"]
        .as_str()
        .unwrap()
        .contains("--max-upload"));
    let (status, body) = call(
        &s,
        Request::post("/api/check")
            .header("content-type", "application/json")
            .body(Body::from("{not json"))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json(&body)["error"].is_string());
    let (status, _) = call(
        &s,
        Request::post("/api/check")
            .header("content-type", "text/plain")
            .body(Body::from("x"))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _) = call(&s, json_post("/api/check", serde_json::json!({}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // A broken XLIFF is the input's fault: 422 with the reader's message.
    let (status, body) = call(
        &s,
        multipart("/api/check", "x.xlf", b"<xliff version=\"1.2\"><file", &[]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&body)["error"].as_str().unwrap().contains("x.xlf"));
    // A hostile file name stays a harmless name.
    let (status, body) = call(
        &s,
        multipart(
            "/api/check",
            "../../<script>alert(1)</script>.txt",
            "элифиз".as_bytes(),
            &[],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let name = json(&body)["name"].as_str().unwrap().to_string();
    assert!(!name.contains('<') && !name.contains('/'), "{name}");
}

#[tokio::test]
async fn extract_gives_terms_with_their_match_and_proposals() {
    let s = server(MAX_UPLOAD);
    let (status, body) = call(
        &s,
        json_post("/api/extract", serde_json::json!({ "text": "Қалқанша безі зақымдалса, гепатит пен миокард та зақымдалады." })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let result = json(&body);
    let terms = result["terms"].as_array().unwrap();
    let thyroid = terms.iter().find(|t| t["lemma"] == "қалқанша без").unwrap();
    assert_eq!(thyroid["concept"]["la"], "glandula thyroidea");
    assert_ne!(thyroid["match"], "unmatched");
    let proposals = result["proposals"].as_array().unwrap();
    let hepatitis = proposals.iter().find(|p| p["kk"] == "гепатит").unwrap();
    assert_eq!(hepatitis["la"], "hepatitis");
}

#[tokio::test]
async fn deck_bytes_are_the_clis_and_glossary_search_finds_inflected_and_folded() {
    let s = server(MAX_UPLOAD);
    let (status, served) = call(
        &s,
        json_post("/api/deck", serde_json::json!({ "format": "apkg" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.apkg");
    let ok = std::process::Command::new(assert_cmd::cargo::cargo_bin("kazterm"))
        .args(["anki", "--glossary", GLOSSARY, "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(ok.success());
    assert_eq!(served, fs::read(&out).unwrap());
    let (status, _) = call(
        &s,
        json_post("/api/deck", serde_json::json!({ "cards": "kk-xx" })),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for (query, first) in [
        ("kalkansha", "қалқанша без"),
        ("калканша", "қалқанша без"),
        ("бездерінің", "без"),
        ("glandula pinealis", "эпифиз"),
    ] {
        let uri = format!("/api/glossary?q={}", urlencode(query));
        let (status, body) = call(&s, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        let found = json(&body);
        assert_eq!(found["concepts"][0]["forms"][0]["form"], first, "{query}");
    }
    let (status, body) = call(
        &s,
        Request::get("/api/glossary/export?format=tbx")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8(body).unwrap().starts_with("<?xml"));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_checks_of_a_megabyte_at_once_all_answer_and_the_server_stays_responsive() {
    let s = server(MAX_UPLOAD);
    let paragraph = fs::read_to_string("corpus/endocrine_glands.kk.txt").unwrap();
    let text = paragraph.repeat((1 << 20) / paragraph.len() + 1);
    // The findings a check of the same text gives alone.
    let expected = {
        let (_, body) = call(
            &s,
            json_post("/api/check", serde_json::json!({ "text": text })),
        )
        .await;
        json(&body)["findings"].clone()
    };
    assert!(!expected.as_array().unwrap().is_empty());
    let mut handles = Vec::new();
    for _ in 0..10 {
        let s = Arc::clone(&s);
        let text = text.clone();
        handles.push(tokio::spawn(async move {
            call(
                &s,
                json_post("/api/check", serde_json::json!({ "text": text })),
            )
            .await
        }));
    }
    // The async threads are free: health answers while the checks are
    // still running on the blocking pool (no timing: the order decides).
    let (status, _) = call(&s, Request::get("/api/health").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(handles.iter().any(|h| !h.is_finished()));
    for handle in handles {
        let (status, body) = handle.await.unwrap();
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json(&body)["findings"], expected);
    }
}
