//! First start, `user add` and `--demo-staff` through the real command line.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;

use crate::server::{http, login, pull_all, Server};

fn user_add(data: &str, username: &str, role: &str, password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tongji-server"))
        .args([
            "user",
            "add",
            "--username",
            username,
            "--role",
            role,
            "--data",
            data,
        ])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn user add");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("write password");
    child.wait_with_output().expect("user add output")
}

#[test]
fn first_start_user_add_and_demo_staff_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let dist = dir.path().join("no-dist");
    let dist = dist.to_str().unwrap();

    let server = Server::start(&["--data", data, "--dist", dist]);
    let password = server
        .admin_password()
        .expect("first start prints the admin password");
    assert!(password.len() >= 16);
    let token = login(server.addr, "admin", &password);
    let health = http(server.addr, "GET", "/api/health", None, None).unwrap();
    assert_eq!(health.json()["status"], "ok");
    let root = http(server.addr, "GET", "/", None, None).unwrap();
    assert_eq!(root.status, 503, "no dist yet: the app is not built");
    // The seed was loaded on first start.
    assert!(!pull_all(server.addr, &token).is_empty());
    drop(server);

    let short = user_add(data, "wang", "staff", "short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 8"));
    let created = user_add(data, "wang", "staff", "long-enough-pw");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created"));
    let updated = user_add(data, "wang", "staff", "another-long-pw");
    assert!(String::from_utf8_lossy(&updated.stdout).contains("Updated"));

    let server = Server::start(&["--data", data, "--dist", dist, "--demo-staff"]);
    assert_eq!(
        server.admin_password(),
        None,
        "the admin password is printed only on the first start"
    );
    assert!(server
        .banner
        .iter()
        .any(|l| l.contains("WARNING") && l.contains("demo")));
    login(server.addr, "wang", "another-long-pw");
    let bad = http(
        server.addr,
        "POST",
        "/api/auth/login",
        None,
        Some(&json!({"username": "wang", "password": "long-enough-pw"})),
    )
    .unwrap();
    assert_eq!(bad.status, 401);
    let demo = login(server.addr, "demo", "tongji-demo");
    assert_eq!(
        http(server.addr, "GET", "/api/sync/pull", Some(&demo), None)
            .unwrap()
            .status,
        200
    );
    login(server.addr, "admin", &password);
}
