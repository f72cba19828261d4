//! Spawning the real `tongji-server` binary on a free loopback port, and a
//! tiny blocking HTTP/1.1 client (no extra dependencies).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

/// A running server process; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// Everything it printed on stdout before it started listening.
    pub banner: Vec<String>,
}

impl Server {
    /// Runs `tongji-server serve --addr 127.0.0.1:0 <args>` and waits until it listens.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with_env(args, &[])
    }

    /// Starts the server with extra environment variables (fault injection).
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tongji-server"))
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn tongji-server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut banner = Vec::new();
        loop {
            let Ok(line) = rx.recv_timeout(Duration::from_secs(120)) else {
                let _ = child.kill();
                let _ = child.wait();
                panic!("server did not start; printed: {banner:?}");
            };
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr = rest.trim().parse().expect("listening address");
                return Server {
                    child,
                    addr,
                    banner,
                };
            }
            banner.push(line);
        }
    }

    /// `kill -9`.
    pub fn kill9(&mut self) {
        let _ = self.child.kill(); // SIGKILL on Unix
        let _ = self.child.wait();
    }

    /// The password printed for the first admin, if any.
    pub fn admin_password(&self) -> Option<String> {
        self.banner
            .iter()
            .find(|l| l.contains("username \"admin\""))
            .and_then(|l| l.split("password \"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// An HTTP answer.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let payload = body.map(Value::to_string).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        payload.len()
    );
    if body.is_some() {
        head.push_str("Content-Type: application/json\r\n");
    }
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(payload.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("incomplete response"))?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let rest = &raw[split + 4..];
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Ok(Answer { status, body })
}

fn dechunk(mut data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| std::io::Error::other("truncated chunk"))?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| std::io::Error::other("bad chunk size"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err(std::io::Error::other("truncated chunk"));
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// Signs in and returns the token.
pub fn login(addr: SocketAddr, username: &str, password: &str) -> String {
    let answer = http(
        addr,
        "POST",
        "/api/auth/login",
        None,
        Some(&serde_json::json!({"username": username, "password": password})),
    )
    .expect("login request");
    assert_eq!(
        answer.status,
        200,
        "login: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()["token"].as_str().expect("token").to_owned()
}

/// Every change after `since`, following `more`; returns (changes, next).
pub fn pull_from(addr: SocketAddr, token: &str, since: u64, limit: u32) -> (Vec<Value>, u64, bool) {
    let answer = http(
        addr,
        "GET",
        &format!("/api/sync/pull?since={since}&limit={limit}"),
        Some(token),
        None,
    )
    .expect("pull");
    assert_eq!(
        answer.status,
        200,
        "pull: {}",
        String::from_utf8_lossy(&answer.body)
    );
    let page = answer.json();
    let changes = page["changes"].as_array().expect("changes").clone();
    (
        changes,
        page["next"].as_u64().expect("next"),
        page["more"].as_bool().expect("more"),
    )
}

/// The whole feed.
pub fn pull_all(addr: SocketAddr, token: &str) -> Vec<Value> {
    let mut since = 0;
    let mut out = Vec::new();
    loop {
        let (changes, next, more) = pull_from(addr, token, since, 1000);
        out.extend(changes);
        since = next;
        if !more {
            return out;
        }
    }
}
