//! Case a4: session tokens, their stored hashes and passwords never appear
//! in the server's output, even with `RUST_LOG=trace`, through sign-in,
//! pull, push, photos, sign-out, wrong passwords and made-up tokens.

use std::io::Read;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use sha2::{Digest, Sha256};
use tongji_server::auth::token_hash;

use crate::server::http;
use crate::support::{record, Outcome, ProcessDb};

struct Logged {
    child: Child,
    addr: SocketAddr,
    log: std::path::PathBuf,
}

impl Drop for Logged {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &ProcessDb, log: std::path::PathBuf) -> Logged {
    let file = std::fs::File::create(&log).expect("log file");
    let child = Command::new(env!("CARGO_BIN_EXE_tongji-server"))
        .arg("serve")
        .args(["--addr", "127.0.0.1:0"])
        .args(db.args())
        .env("RUST_LOG", "trace")
        .stdin(Stdio::null())
        .stdout(Stdio::from(file.try_clone().expect("clone log")))
        .stderr(Stdio::from(file))
        .spawn()
        .expect("spawn tongji-server");
    // Owned at once, so a failed start still kills and reaps it.
    let mut server = Logged {
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        log,
    };
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(&server.log).unwrap_or_default();
        if let Some(rest) = text.split("listening on http://").nth(1) {
            server.addr = rest
                .split_whitespace()
                .next()
                .expect("address")
                .parse()
                .expect("address");
            return server;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "server did not start: {text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn run(db: ProcessDb) {
    let dir = tempfile::tempdir().unwrap();
    // A real account (the demo account's password is printed on purpose).
    let password = "Secret-Pa55word-of-wang";
    let mut add = Command::new(env!("CARGO_BIN_EXE_tongji-server"))
        .args(["user", "add", "--username", "wang", "--role", "staff"])
        .args(db.db_args())
        .env("RUST_LOG", "trace")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("user add");
    std::io::Write::write_all(
        add.stdin.as_mut().unwrap(),
        format!("{password}\n").as_bytes(),
    )
    .unwrap();
    drop(add.stdin.take());
    assert!(add.wait().unwrap().success(), "user add");
    let mut server = start(&db, dir.path().join("server.log"));
    let addr = server.addr;
    let wrong_password = "wrong-Pa55word-in-the-log?";
    let made_up = "f".repeat(64);
    let mut secrets: Vec<(String, String)> = vec![
        ("the password".into(), password.into()),
        ("a wrong password".into(), wrong_password.into()),
        ("a made-up token".into(), made_up.clone()),
        ("a made-up token's hash".into(), token_hash(&made_up)),
    ];
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let r = http(
            addr,
            "POST",
            "/api/auth/login",
            None,
            Some(&json!({"username": "wang", "password": password})),
        )
        .unwrap();
        assert_eq!(r.status, 200);
        tokens.push(r.json()["token"].as_str().unwrap().to_owned());
    }
    let token = tokens[0].clone();
    let r = http(
        addr,
        "POST",
        "/api/auth/login",
        None,
        Some(&json!({"username": "wang", "password": wrong_password})),
    )
    .unwrap();
    assert_eq!(r.status, 401);
    let r = http(addr, "GET", "/api/sync/pull?limit=5", Some(&token), None).unwrap();
    assert_eq!(r.status, 200);
    let push = json!({"mutations": [crate::fixtures::upsert(
        domain::collection::Collection::Visits, &crate::fixtures::new_id(), 0,
        crate::fixtures::valid(domain::collection::Collection::Visits))]});
    let r = http(addr, "POST", "/api/sync/push", Some(&token), Some(&push)).unwrap();
    assert_eq!(r.status, 200);
    // A photo (raw bytes through a JSON-less request is not needed: the GET path suffices).
    let photo_uri = format!("/api/blobs/{}", hex::encode(Sha256::digest(b"none")));
    assert_eq!(
        http(addr, "GET", &photo_uri, Some(&token), None)
            .unwrap()
            .status,
        404
    );
    assert_eq!(
        http(addr, "GET", "/api/sync/pull", Some(&made_up), None)
            .unwrap()
            .status,
        401
    );
    assert_eq!(
        http(addr, "POST", "/api/auth/logout", Some(&token), None)
            .unwrap()
            .status,
        204
    );
    assert_eq!(
        http(addr, "GET", "/api/sync/pull", Some(&token), None)
            .unwrap()
            .status,
        401
    );
    std::thread::sleep(Duration::from_millis(300));
    server.child.kill().ok();
    server.child.wait().ok();
    let mut log = String::new();
    std::fs::File::open(&server.log)
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    db.drop_schema();

    for (i, t) in tokens.iter().enumerate() {
        secrets.push((format!("token {i}"), t.clone()));
        secrets.push((format!("token {i}'s stored hash"), token_hash(t)));
        secrets.push((format!("token {i}, upper case"), t.to_uppercase()));
    }
    // The log really is at trace level and covers the requests.
    assert!(log.contains("TRACE"), "trace output expected");
    assert!(
        log.contains("signed in"),
        "sign-ins are logged (without secrets)"
    );
    assert!(
        log.contains("/api/sync/push") || log.contains("uri=/api/sync"),
        "requests are traced"
    );
    for (what, secret) in &secrets {
        if let Some(at) = log.find(secret.as_str()) {
            let from = log[..at].rfind('\n').unwrap_or(0);
            panic!(
                "{what} appears in the log: {}",
                &log[from..(at + secret.len() + 80).min(log.len())]
            );
        }
    }
    record(
        "case_a4_tokens_and_passwords_never_logged",
        db.backend(),
        &Outcome::new(format!(
            "RUST_LOG=trace, {} KiB of output over sign-in ×2, a wrong password, pull, push, photo, a made-up token, \
             sign-out, reuse after sign-out: none of {} secrets (tokens, their stored hashes, passwords) appear",
            log.len() / 1024,
            secrets.len()
        ))
        .figure("log_kib", log.len() / 1024)
        .figure("secrets", secrets.len()),
    );
}

mod sqlite {
    #[test]
    fn case_a4_tokens_and_passwords_never_logged() {
        super::run(crate::support::ProcessDb::sqlite());
    }
}

mod postgres {
    #[test]
    fn case_a4_tokens_and_passwords_never_logged() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let Some(db) = crate::support::ProcessDb::postgres(&rt) else {
            return;
        };
        super::run(db);
    }
}
