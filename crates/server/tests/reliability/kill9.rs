//! Cases f1 and f2: `kill -9` of the server process.
//!
//! - f1 (push): on SQLite this is `tests/process/crash.rs`
//!   (`kill_9_during_a_push_then_retry_applies_every_mutation_exactly_once`);
//!   here the same story runs on PostgreSQL: a 500-mutation push killed
//!   half-way leaves nothing, and its retry applies every mutation once.
//! - f2 (pull): a device pages through the feed with a small page size while
//!   another pushes continuously; the server is killed three times with a
//!   pull request in flight and restarted. The device keeps its checkpoint
//!   (the `next` of the last page it fully received) and carries on. Its
//!   sequence numbers never repeat or go back, its replica ends equal to the
//!   final feed, and every acknowledged push is in it at the right revision.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::fixtures::new_id;
use crate::server::{http, login, pull_all, pull_from, Server};
use crate::support::{record, Outcome, ProcessDb};

fn visit(id: &str, base_rev: u64, notes: &str) -> Value {
    json!({
        "mutation_id": new_id(), "collection": "visits", "id": id, "base_rev": base_rev, "op": "upsert",
        "data": {"enterprise_id": "01936f3e-7a3c-7cc0-8000-000000000001", "date": "2026-11-20",
                 "staff": "王芳", "notes": notes},
        "updated_at": "2026-11-26T10:00:00.000Z",
    })
}

fn start(db: &ProcessDb, env: &[(&str, &str)]) -> Server {
    let args = db.args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Server::start_with_env(&args, env)
}

fn kill9_during_push(db: ProcessDb) {
    let mut server = start(&db, &[("TONGJI_FAULT_PUSH_PAUSE_MS", "5")]);
    let token = login(server.addr, "demo", "tongji-demo");
    let baseline = pull_all(server.addr, &token);
    let since = baseline.last().and_then(|c| c["seq"].as_u64()).unwrap_or(0);
    let ids: Vec<String> = (0..500).map(|_| new_id()).collect();
    let body = json!({ "mutations": ids.iter().enumerate().map(|(i, id)| visit(id, 0, &format!("{i}"))).collect::<Vec<_>>() });
    let addr = server.addr;
    let pusher = {
        let (token, body) = (token.clone(), body.clone());
        std::thread::spawn(move || http(addr, "POST", "/api/sync/push", Some(&token), Some(&body)))
    };
    std::thread::sleep(Duration::from_millis(800));
    server.kill9();
    let outcome = pusher.join().unwrap();
    assert!(
        outcome.is_err() || outcome.as_ref().is_ok_and(|a| a.status != 200),
        "the push was cut"
    );

    let server = start(&db, &[]);
    assert!(
        pull_from(server.addr, &token, since, 1000).0.is_empty(),
        "nothing half-applied"
    );
    let retry = http(
        server.addr,
        "POST",
        "/api/sync/push",
        Some(&token),
        Some(&body),
    )
    .unwrap();
    assert_eq!(retry.status, 200);
    let results = retry.json()["results"].as_array().unwrap().clone();
    assert!(results
        .iter()
        .all(|r| r["status"] == "applied" && r["rev"] == 1));
    let again = http(
        server.addr,
        "POST",
        "/api/sync/push",
        Some(&token),
        Some(&body),
    )
    .unwrap();
    assert!(again.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] == "duplicate" && r["rev"] == 1));
    let feed = pull_from(server.addr, &token, since, 1000).0;
    let feed_ids: Vec<&str> = feed.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(feed_ids, ids.iter().map(String::as_str).collect::<Vec<_>>());
    drop(server);
    db.drop_schema();
    record(
        "case_f1_kill9_during_push_applies_exactly_once",
        db.backend(),
        &Outcome::new("kill -9 at 0.8 s into a 500-mutation push (one transaction): nothing visible after restart; \
                       the retry applies all 500 once (rev 1), a second retry is all duplicate")
            .figure("mutations", 500),
    );
}

mod f1_postgres {
    /// SQLite: tests/process/crash.rs.
    #[test]
    fn case_f1_kill9_during_push_applies_exactly_once() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let Some(db) = crate::support::ProcessDb::postgres(&rt) else {
            return;
        };
        drop(rt);
        super::kill9_during_push(db);
    }
}

/// Sends `GET path` as HTTP/1.0 (so the answer is never chunked).
fn send_pull(addr: SocketAddr, path: &str, token: &str) -> std::io::Result<TcpStream> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\r\n"
    )?;
    Ok(stream)
}

/// Reads the answer; any truncation (length or JSON) is an error.
fn read_page(mut stream: TcpStream) -> Result<Value, String> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no header end")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    if !head.starts_with("http/1.") || head.split_whitespace().nth(1) != Some("200") {
        return Err(format!("not a 200: {}", head.lines().next().unwrap_or("")));
    }
    let body = &raw[split + 4..];
    if let Some(len) = head.lines().find_map(|l| l.strip_prefix("content-length:")) {
        let len: usize = len.trim().parse().map_err(|_| "bad length")?;
        if body.len() != len {
            return Err(format!("cut at {} of {len} bytes", body.len()));
        }
    }
    serde_json::from_slice(body).map_err(|e| format!("incomplete JSON: {e}"))
}

/// The device's replica and checkpoint.
#[derive(Default)]
struct Device {
    since: u64,
    replica: BTreeMap<String, (u64, u64)>,
    pages: usize,
}

impl Device {
    /// Applies a fully received page; the checkpoint moves only here.
    fn apply(&mut self, page: &Value) {
        for c in page["changes"].as_array().expect("changes") {
            let seq = c["seq"].as_u64().unwrap();
            assert!(
                seq > self.since,
                "seq {seq} after checkpoint {}: a change repeated or went back",
                self.since
            );
            self.since = seq;
            self.replica.insert(
                c["id"].as_str().unwrap().to_owned(),
                (c["rev"].as_u64().unwrap(), seq),
            );
        }
        assert_eq!(page["next"].as_u64(), Some(self.since));
        self.pages += 1;
    }
}

fn kill9_during_pull(db: ProcessDb) {
    const KILLS: usize = 3;
    const PAGE: u32 = 25;
    let mut server = start(&db, &[]);
    let token = login(server.addr, "demo", "tongji-demo");
    let addr = Arc::new(Mutex::new(server.addr));
    let stop = Arc::new(AtomicBool::new(false));

    // Another device pushes all along, retrying a cut push with the same body.
    let pusher = {
        let (addr, stop, token) = (addr.clone(), stop.clone(), token.clone());
        std::thread::spawn(move || {
            let mut acked: BTreeMap<String, (u64, String)> = BTreeMap::new();
            let (mut batches, mut retried) = (0usize, 0usize);
            while !stop.load(Ordering::SeqCst) || batches < 10 {
                let mut mutations = Vec::new();
                let mut expect = Vec::new();
                for i in 0..5 {
                    let (id, notes) = (new_id(), format!("b{batches} n{i}"));
                    mutations.push(visit(&id, 0, &notes));
                    expect.push((id, 1, notes));
                }
                if let Some((id, (rev, _))) = acked.iter().nth(batches % acked.len().max(1)) {
                    let notes = format!("b{batches} edit");
                    mutations.push(visit(id, *rev, &notes));
                    expect.push((id.clone(), rev + 1, notes));
                }
                let body = json!({ "mutations": mutations });
                let mut attempts = 0;
                let results = loop {
                    let at = *addr.lock().unwrap();
                    match http(at, "POST", "/api/sync/push", Some(&token), Some(&body)) {
                        Ok(a) if a.status == 200 => {
                            break a.json()["results"].as_array().unwrap().clone()
                        }
                        Ok(a) => panic!(
                            "push answered {}: {}",
                            a.status,
                            String::from_utf8_lossy(&a.body)
                        ),
                        Err(_) => {
                            attempts += 1;
                            assert!(attempts < 600, "the server never came back");
                            std::thread::sleep(Duration::from_millis(50));
                        }
                    }
                };
                if attempts > 0 {
                    retried += 1;
                }
                for (r, (id, rev, notes)) in results.iter().zip(expect) {
                    let ok =
                        r["status"] == "applied" || (attempts > 0 && r["status"] == "duplicate");
                    assert!(ok && r["rev"] == rev, "{r}");
                    acked.insert(id, (rev, notes));
                }
                batches += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            (acked, batches, retried)
        })
    };

    let mut device = Device::default();
    let (mut answered_in_flight, mut cut_in_flight) = (0, 0);
    for _ in 0..KILLS {
        // A few pages as usual.
        for _ in 0..3 {
            let page = read_page(
                send_pull(
                    server.addr,
                    &format!("/api/sync/pull?since={}&limit={PAGE}", device.since),
                    &token,
                )
                .unwrap(),
            )
            .expect("normal page");
            device.apply(&page);
        }
        // A pull in flight when the server dies.
        let path = format!("/api/sync/pull?since={}&limit={PAGE}", device.since);
        let in_flight = send_pull(server.addr, &path, &token);
        server.kill9();
        match in_flight.map_err(|e| e.to_string()).and_then(read_page) {
            Ok(page) => {
                answered_in_flight += 1;
                device.apply(&page);
            }
            Err(_) => cut_in_flight += 1,
        }
        std::thread::sleep(Duration::from_millis(200));
        server = start(&db, &[]);
        *addr.lock().unwrap() = server.addr;
    }
    stop.store(true, Ordering::SeqCst);
    let (acked, batches, retried) = pusher.join().expect("pusher");
    // Catch up to the end of the feed.
    loop {
        let page = read_page(
            send_pull(
                server.addr,
                &format!("/api/sync/pull?since={}&limit={PAGE}", device.since),
                &token,
            )
            .unwrap(),
        )
        .expect("catch-up page");
        device.apply(&page);
        if page["more"] != true {
            break;
        }
    }
    let feed = pull_all(server.addr, &token);
    let expected: BTreeMap<String, (u64, u64)> = feed
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                (c["rev"].as_u64().unwrap(), c["seq"].as_u64().unwrap()),
            )
        })
        .collect();
    assert_eq!(expected.len(), feed.len(), "each record once in the feed");
    assert_eq!(
        device.replica, expected,
        "the device's replica equals the final feed"
    );
    for (id, (rev, notes)) in &acked {
        let change = feed
            .iter()
            .find(|c| c["id"] == id.as_str())
            .unwrap_or_else(|| panic!("acknowledged {id} lost"));
        assert_eq!(change["rev"].as_u64(), Some(*rev), "{id}");
        assert_eq!(change["data"]["notes"], notes.as_str(), "{id}");
    }
    drop(server);
    db.drop_schema();
    record(
        "case_f2_kill9_during_pull_never_skips_or_repeats",
        db.backend(),
        &Outcome::new(format!(
            "{KILLS} kill -9 with a pull in flight ({answered_in_flight} answered before dying, {cut_in_flight} cut) while \
             another device pushed {batches} batches ({retried} cut and retried): {} pages of {PAGE}, seqs strictly \
             increasing, replica = final feed ({} records), all {} acknowledged records at their revision",
            device.pages,
            expected.len(),
            acked.len()
        ))
        .figure("kills", KILLS)
        .figure("pages", device.pages)
        .figure("records", expected.len())
        .figure("pushes_cut", retried),
    );
}

mod sqlite {
    #[test]
    fn case_f2_kill9_during_pull_never_skips_or_repeats() {
        super::kill9_during_pull(crate::support::ProcessDb::sqlite());
    }
}

mod postgres {
    #[test]
    fn case_f2_kill9_during_pull_never_skips_or_repeats() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let Some(db) = crate::support::ProcessDb::postgres(&rt) else {
            return;
        };
        drop(rt);
        super::kill9_during_pull(db);
    }
}
