//! The command line: `serve`, `user add` and `seed-bench`, each with
//! `--data DIR` (SQLite file `DIR/tongji.db`) or `--database-url postgres://...`.

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use axum::http::HeaderName;
use clap::{Args, Parser, Subcommand, ValueEnum};
use domain::collection::Role;

use crate::accounts::{self, Added, DEMO_PASSWORD, DEMO_USERNAME};
use crate::dist::Dist;
use crate::state::{AppState, Config};
use crate::store::postgres::Postgres;
use crate::store::sqlite::Sqlite;
use crate::store::Store;
use crate::{bench, seed};

/// File name of the SQLite database inside the data directory.
pub const SQLITE_FILE: &str = "tongji.db";

/// 通济通 server: sync API and web app.
#[derive(Debug, Parser)]
#[command(name = "tongji-server", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the built app.
    Serve(ServeArgs),
    /// Manage accounts.
    User {
        /// What to do with accounts.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Insert generated positions (and their employers) for benchmarks.
    SeedBench(SeedBenchArgs),
}

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Data directory for the SQLite database (created if missing).
    #[arg(long, default_value = "./data")]
    pub data: PathBuf,
    /// PostgreSQL URL (postgres://...); when given, --data is not used.
    #[arg(long)]
    pub database_url: Option<String>,
}

/// `serve` options.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Trunk's output directory (may not exist yet).
    #[arg(long, default_value = "./dist")]
    pub dist: PathBuf,
    /// Also create the demo staff account demo / tongji-demo (for demos only).
    #[arg(long)]
    pub demo_staff: bool,
    /// Header with the client address set by a trusted reverse proxy
    /// (e.g. x-forwarded-for), used for the sign-in rate limit.
    #[arg(long)]
    pub client_ip_header: Option<HeaderName>,
    /// Where the data lives.
    #[command(flatten)]
    pub db: DbArgs,
}

/// Account subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account, or set a new password (read from stdin) for an existing one.
    Add(UserAddArgs),
}

/// `user add` options.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// Sign-in name.
    #[arg(long)]
    pub username: String,
    /// Role.
    #[arg(long, value_enum)]
    pub role: RoleArg,
    /// Display name (default: the existing name, else the username).
    #[arg(long)]
    pub name: Option<String>,
    /// Where the data lives.
    #[command(flatten)]
    pub db: DbArgs,
}

/// A role on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Field staff.
    Staff,
    /// Administrator.
    Admin,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Staff => Role::Staff,
            RoleArg::Admin => Role::Admin,
        }
    }
}

/// `seed-bench` options.
#[derive(Debug, Args)]
pub struct SeedBenchArgs {
    /// Number of positions to generate.
    #[arg(long)]
    pub positions: usize,
    /// Where the data lives.
    #[command(flatten)]
    pub db: DbArgs,
}

/// The backend chosen by the flags.
enum Backend {
    Sqlite(Sqlite),
    Postgres(Postgres),
}

async fn open(db: &DbArgs) -> anyhow::Result<Backend> {
    match db.database_url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            let store = Postgres::connect(url)
                .await
                .context("connecting to PostgreSQL")?;
            Ok(Backend::Postgres(store))
        }
        Some(_) => anyhow::bail!(
            "--database-url must start with postgres:// (leave it out to use SQLite in --data)"
        ),
        None => {
            std::fs::create_dir_all(&db.data)
                .with_context(|| format!("creating {}", db.data.display()))?;
            let file = db.data.join(SQLITE_FILE);
            let store = Sqlite::open(&file)
                .await
                .with_context(|| format!("opening {}", file.display()))?;
            Ok(Backend::Sqlite(store))
        }
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => match open(&args.db).await? {
            Backend::Sqlite(store) => serve(store, args).await,
            Backend::Postgres(store) => serve(store, args).await,
        },
        Command::User {
            command: UserCommand::Add(args),
        } => match open(&args.db).await? {
            Backend::Sqlite(store) => user_add(store, args).await,
            Backend::Postgres(store) => user_add(store, args).await,
        },
        Command::SeedBench(args) => match open(&args.db).await? {
            Backend::Sqlite(store) => seed_bench(store, args).await,
            Backend::Postgres(store) => seed_bench(store, args).await,
        },
    }
}

async fn serve<S: Store>(store: S, args: ServeArgs) -> anyhow::Result<()> {
    let seeded = seed::run(&store).await.context("seeding demo content")?;
    if seeded > 0 {
        tracing::info!(records = seeded, "seeded demo content");
    }
    let config = Config {
        client_ip_header: args.client_ip_header,
        ..Config::production()
    };
    if let Some(password) = accounts::ensure_admin(&store, &config.passwords).await? {
        println!("Created the first account: username \"admin\", password \"{password}\"");
        println!("This password is shown only once; change it with `tongji-server user add --username admin --role admin`.");
    }
    if args.demo_staff {
        accounts::ensure_demo_staff(&store, &config.passwords).await?;
        println!(
            "WARNING: the demo staff account \"{DEMO_USERNAME}\" / \"{DEMO_PASSWORD}\" is enabled. \
             It is for demos and tests only; never use --demo-staff on a real deployment."
        );
    }
    let warm = config.passwords.clone();
    tokio::task::spawn_blocking(move || warm.warm_up());
    let dist = Dist::new(&args.dist);
    if !args.dist.join(crate::dist::INDEX).is_file() {
        tracing::warn!(dist = %args.dist.display(), "the app is not built yet; serving the API only until it is");
    }
    tokio::spawn({
        let dist = dist.clone();
        async move {
            let files = dist.load_all().await;
            tracing::info!(files, "static files loaded and compressed");
        }
    });
    let app = crate::app(AppState::new(store, dist, config));
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    let local = listener.local_addr()?;
    println!("通济通 server listening on http://{local}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
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
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

async fn user_add<S: Store>(store: S, args: UserAddArgs) -> anyhow::Result<()> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    let password = password.strip_suffix('\r').unwrap_or(password);
    let config = Config::production();
    let role = Role::from(args.role);
    let added = accounts::add_user(
        &store,
        &config.passwords,
        &args.username,
        role,
        args.name.as_deref(),
        password,
    )
    .await?;
    match added {
        Added::Created => println!(
            "Created account \"{}\" ({})",
            args.username.trim(),
            role.as_str()
        ),
        Added::Updated => println!(
            "Updated account \"{}\" ({}): new password set, its sessions ended",
            args.username.trim(),
            role.as_str()
        ),
    }
    Ok(())
}

async fn seed_bench<S: Store>(store: S, args: SeedBenchArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let done = bench::seed_positions(&store, args.positions).await?;
    println!(
        "seed-bench: {} employers and {} positions written, {} already present, in {:.1}s",
        done.employers,
        done.positions,
        done.duplicates,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
