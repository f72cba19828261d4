//! `tongji-server`: parses the command line and runs it (see [`tongji_server::cli`]).
#![forbid(unsafe_code)]

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = tongji_server::cli::Cli::parse();
    match tongji_server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tongji-server: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
