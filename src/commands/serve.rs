//! `kazterm serve`: the web page and its API ([`crate::server`]) on a local
//! address, until Ctrl-C or SIGTERM, which stop it cleanly (requests in
//! flight are answered first).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::server::{router, Server};

/// Options of `kazterm serve`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The glossary to serve.
    pub glossary: PathBuf,
    /// The address to listen on (127.0.0.1 unless told otherwise).
    pub bind: IpAddr,
    /// The port (0: any free one).
    pub port: u16,
    /// Open the page in the default browser.
    pub open: bool,
    /// The largest upload, in bytes.
    pub max_upload: usize,
}

/// Serves until stopped; `started` is told the address once listening.
pub fn run(opts: &Options, started: &mut dyn FnMut(SocketAddr)) -> Result<()> {
    let server = Arc::new(Server::new(&opts.glossary, opts.max_upload)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("serve", e))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((opts.bind, opts.port))
            .await
            .map_err(|e| Error::io(format!("{}:{}", opts.bind, opts.port), e))?;
        let address = listener.local_addr().map_err(|e| Error::io("serve", e))?;
        started(address);
        if opts.open {
            open_browser(&format!("http://{address}/"));
        }
        axum::serve(listener, router(server))
            .with_graceful_shutdown(stopped())
            .await
            .map_err(|e| Error::io("serve", e))
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}

/// Opens a URL in the desktop's browser, if there is one.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(command.0)
        .args(command.1)
        .spawn()
        .is_err()
    {
        eprintln!("kazterm: could not open a browser; open {url} yourself");
    }
}
