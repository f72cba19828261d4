//! The load generator's engine, shared by `examples/load` (the long run of
//! `scripts/load`) and the bounded run in `tests/reliability/load.rs`.
//!
//! Each simulated client is one device with one keep-alive HTTP/1.1
//! connection (hyper's client, loopback only). It first pulls the whole feed
//! a page at a time, then until the deadline: waits a little, pushes a small
//! batch of new visits or interest registrations (sometimes with an edit of
//! one of its own records), sometimes sends the same push again (every
//! mutation must come back `duplicate` with the same revision), and pulls
//! from its checkpoint. At the end every client catches up, and one full
//! pull is compared with everything that was acknowledged: nothing lost,
//! nothing twice, every record at the revision its last write got, and every
//! client's replica equal to the server's feed.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use rand::Rng;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tongji_server::state::{AppState, Config as ServerConfig};
use tongji_server::store::Store;

/// How the simulated clients behave.
#[derive(Clone, Debug)]
pub struct LoadConfig {
    /// Concurrent clients.
    pub clients: usize,
    /// How long they keep working.
    pub duration: Duration,
    /// Pause between two operations of one client, chosen uniformly (ms).
    pub think_ms: (u64, u64),
    /// Mutations per push, chosen uniformly.
    pub batch: (usize, usize),
    /// Percent of pushes sent a second time (a lost answer, retried).
    pub retry_percent: u32,
    /// Changes per pull page.
    pub page: u32,
    /// Whether each client first pulls the whole feed (the demo seed, ~600
    /// records) like a new device, or starts at the current head like a
    /// device that synced before.
    pub first_sync: bool,
}

impl LoadConfig {
    /// 200 clients for 60 s.
    pub fn full() -> LoadConfig {
        LoadConfig {
            clients: 200,
            duration: Duration::from_secs(60),
            think_ms: (0, 200),
            batch: (1, 5),
            retry_percent: 10,
            page: 500,
            first_sync: true,
        }
    }
}

/// What a run measured.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub clients: usize,
    pub seconds: f64,
    pub pulls: u64,
    pub pushes: u64,
    pub retries: u64,
    pub mutations_applied: u64,
    pub errors: u64,
    pub error_samples: Vec<String>,
    /// Acknowledged records missing from the final feed.
    pub lost: u64,
    /// Records appearing more than once in the final feed.
    pub duplicated: u64,
    /// Acknowledged records at another revision or with other data.
    pub wrong: u64,
    /// Clients whose replica differs from the final feed.
    pub diverged_replicas: u64,
    pub records_checked: u64,
    pub pull_p50_ms: f64,
    pub pull_p99_ms: f64,
    pub push_p50_ms: f64,
    pub push_p99_ms: f64,
    pub requests_per_s: f64,
    pub mutations_per_s: f64,
}

impl LoadReport {
    /// The pass condition: no error, nothing lost, duplicated or wrong.
    pub fn passed(&self) -> bool {
        self.errors == 0
            && self.lost == 0
            && self.duplicated == 0
            && self.wrong == 0
            && self.diverged_replicas == 0
            && self.mutations_applied > 0
    }

    pub fn to_json(&self) -> Value {
        json!({
            "clients": self.clients,
            "seconds": round(self.seconds),
            "pulls": self.pulls,
            "pushes": self.pushes,
            "retries": self.retries,
            "mutations_applied": self.mutations_applied,
            "errors": self.errors,
            "error_samples": self.error_samples,
            "lost": self.lost,
            "duplicated": self.duplicated,
            "wrong": self.wrong,
            "diverged_replicas": self.diverged_replicas,
            "records_checked": self.records_checked,
            "pull_p50_ms": round(self.pull_p50_ms),
            "pull_p99_ms": round(self.pull_p99_ms),
            "push_p50_ms": round(self.push_p50_ms),
            "push_p99_ms": round(self.push_p99_ms),
            "requests_per_s": round(self.requests_per_s),
            "mutations_per_s": round(self.mutations_per_s),
            "passed": self.passed(),
        })
    }

    pub fn summary(&self) -> String {
        format!(
            "{} clients, {:.0} s: {} pulls, {} pushes ({} retried), {} mutations applied; \
             {} errors, {} lost, {} duplicated, {} wrong, {} diverged replicas ({} records checked); \
             pull p50 {:.1} ms p99 {:.1} ms; push p50 {:.1} ms p99 {:.1} ms; {:.0} requests/s, {:.0} mutations/s",
            self.clients,
            self.seconds,
            self.pulls,
            self.pushes,
            self.retries,
            self.mutations_applied,
            self.errors,
            self.lost,
            self.duplicated,
            self.wrong,
            self.diverged_replicas,
            self.records_checked,
            self.pull_p50_ms,
            self.pull_p99_ms,
            self.push_p50_ms,
            self.push_p99_ms,
            self.requests_per_s,
            self.mutations_per_s
        )
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Serves the app over `store` on a free loopback port, with `users` staff
/// accounts `load0`..`loadN` (password `load-password`) created with the
/// cheap test hasher (sign-in speed is not what this measures).
pub async fn serve<S: Store>(store: S, users: usize) -> anyhow::Result<SocketAddr> {
    tongji_server::seed::run(&store).await?;
    let config = ServerConfig {
        passwords: tongji_server::auth::PasswordHasherConfig::insecure_fast(),
        client_ip_header: None,
    };
    for i in 0..users {
        tongji_server::accounts::add_user(
            &store,
            &config.passwords,
            &format!("load{i}"),
            domain::collection::Role::Staff,
            None,
            "load-password",
        )
        .await?;
    }
    let dist = tempfile::tempdir()?;
    let app = tongji_server::app(AppState::new(
        store,
        tongji_server::dist::Dist::new(dist.path()),
        config,
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _dist = dist;
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Ok(addr)
}

/// One keep-alive connection that reconnects after a failure.
struct Http {
    addr: SocketAddr,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Http {
    fn new(addr: SocketAddr) -> Http {
        Http { addr, sender: None }
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Result<(StatusCode, Bytes), String> {
        if self.sender.as_ref().is_none_or(|s| s.is_closed()) {
            let stream = TcpStream::connect(self.addr)
                .await
                .map_err(|e| format!("connect: {e}"))?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            let (sender, conn) = http1::handshake(TokioIo::new(stream))
                .await
                .map_err(|e| format!("handshake: {e}"))?;
            tokio::spawn(conn);
            self.sender = Some(sender);
        }
        let sender = self.sender.as_mut().expect("connected");
        sender
            .ready()
            .await
            .map_err(|e| format!("connection not ready: {e}"))?;
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, self.addr.to_string());
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let has_body = body.is_some();
        if has_body {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        let request = builder
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|e| e.to_string())?;
        let result = tokio::time::timeout(Duration::from_secs(60), async {
            let response = sender
                .send_request(request)
                .await
                .map_err(|e| format!("send: {e}"))?;
            let status = response.status();
            let bytes = response
                .into_body()
                .collect()
                .await
                .map_err(|e| format!("body: {e}"))?
                .to_bytes();
            Ok::<_, String>((status, bytes))
        })
        .await
        .map_err(|_| "no answer within 60 s".to_owned())
        .and_then(|r| r);
        if result.is_err() {
            self.sender = None;
        }
        result
    }

    async fn json(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Value, String> {
        let (status, bytes) = self
            .send(method, path, token, body.map(Value::to_string))
            .await?;
        if status != StatusCode::OK {
            return Err(format!(
                "{path}: {status} {}",
                String::from_utf8_lossy(&bytes)
            ));
        }
        serde_json::from_slice(&bytes).map_err(|e| format!("{path}: not JSON: {e}"))
    }
}

/// What one client acknowledged and saw.
#[derive(Default)]
struct ClientState {
    /// Its own records: id -> (collection, rev, data) of the last acknowledged write.
    own: HashMap<String, (&'static str, u64, Value)>,
    /// Every record it pulled: id -> (rev, seq).
    replica: HashMap<String, (u64, u64)>,
    since: u64,
    pulls: u64,
    pushes: u64,
    retries: u64,
    applied: u64,
    errors: Vec<String>,
    pull_us: Vec<u64>,
    push_us: Vec<u64>,
}

fn visit(client: usize, n: u64, rev: u64) -> Value {
    json!({"enterprise_id": "01936f3e-7a3c-7cc0-8000-000000000001", "date": "2026-11-20",
        "staff": "压测", "notes": format!("load c{client} n{n} v{rev}")})
}

fn interest(client: usize, n: u64) -> Value {
    json!({"position_id": "01936f3e-7a3c-7cc0-8000-000000000001", "name": "压测用户",
        "phone": "13812345678", "message": format!("load c{client} n{n}"),
        "created_at": "2026-11-26T10:00:00.000Z"})
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl ClientState {
    /// Pulls from the checkpoint until the feed says no more.
    async fn pull(&mut self, http: &mut Http, token: &str, page: u32) -> Result<(), String> {
        loop {
            let started = Instant::now();
            let body = http
                .json(
                    Method::GET,
                    &format!("/api/sync/pull?since={}&limit={page}", self.since),
                    Some(token),
                    None,
                )
                .await?;
            self.pull_us.push(started.elapsed().as_micros() as u64);
            self.pulls += 1;
            for change in body["changes"].as_array().ok_or("no changes")? {
                let seq = change["seq"].as_u64().ok_or("no seq")?;
                if seq <= self.since {
                    return Err(format!(
                        "the feed went back: seq {seq} after {}",
                        self.since
                    ));
                }
                self.since = seq;
                let id = change["id"].as_str().ok_or("no id")?.to_owned();
                let rev = change["rev"].as_u64().ok_or("no rev")?;
                self.replica.insert(id, (rev, seq));
            }
            let next = body["next"].as_u64().ok_or("no next")?;
            if next != self.since {
                return Err(format!("next {next} is not the last seq {}", self.since));
            }
            if body["more"] != true {
                return Ok(());
            }
        }
    }

    /// Pushes a small batch; sometimes sends it again and expects duplicates.
    async fn push(
        &mut self,
        http: &mut Http,
        token: &str,
        client: usize,
        counter: &mut u64,
        config: &LoadConfig,
    ) -> Result<(), String> {
        let (count, edit, retry) = {
            let mut rng = rand::rng();
            (
                rng.random_range(config.batch.0..=config.batch.1),
                !self.own.is_empty() && rng.random_bool(0.3),
                rng.random_range(0..100) < config.retry_percent,
            )
        };
        let mut mutations = Vec::new();
        // (id, collection, expected rev, data)
        let mut expected: Vec<(String, &'static str, u64, Value)> = Vec::new();
        for _ in 0..count {
            *counter += 1;
            let (collection, data) = if counter.is_multiple_of(4) {
                ("interests", interest(client, *counter))
            } else {
                ("visits", visit(client, *counter, 1))
            };
            let id = new_id();
            mutations.push(json!({"mutation_id": new_id(), "collection": collection, "id": id,
                "base_rev": 0, "op": "upsert", "data": data, "updated_at": tongji_server::clock::now()}));
            expected.push((id, collection, 1, data));
        }
        if edit {
            let (id, rev) = self
                .own
                .iter()
                .find(|(_, (c, _, _))| *c == "visits")
                .map(|(id, (_, rev, _))| (id.clone(), *rev))
                .unwrap_or_default();
            if !id.is_empty() {
                *counter += 1;
                let data = visit(client, *counter, rev + 1);
                mutations.push(json!({"mutation_id": new_id(), "collection": "visits", "id": id,
                    "base_rev": rev, "op": "upsert", "data": data, "updated_at": tongji_server::clock::now()}));
                expected.push((id, "visits", rev + 1, data));
            }
        }
        let body = json!({ "mutations": mutations });
        let started = Instant::now();
        let answer = http
            .json(Method::POST, "/api/sync/push", Some(token), Some(&body))
            .await?;
        self.push_us.push(started.elapsed().as_micros() as u64);
        self.pushes += 1;
        let results = answer["results"].as_array().ok_or("no results")?;
        if results.len() != expected.len() {
            return Err(format!(
                "{} results for {} mutations",
                results.len(),
                expected.len()
            ));
        }
        for (r, (id, collection, rev, data)) in results.iter().zip(&expected) {
            if r["status"] != "applied" || r["rev"].as_u64() != Some(*rev) {
                return Err(format!("expected applied rev {rev}, got {r}"));
            }
            self.own
                .insert(id.clone(), (collection, *rev, data.clone()));
            self.applied += 1;
        }
        if retry {
            let started = Instant::now();
            let again = http
                .json(Method::POST, "/api/sync/push", Some(token), Some(&body))
                .await?;
            self.push_us.push(started.elapsed().as_micros() as u64);
            self.retries += 1;
            for (r, (_, _, rev, _)) in again["results"]
                .as_array()
                .ok_or("no results")?
                .iter()
                .zip(&expected)
            {
                if r["status"] != "duplicate" || r["rev"].as_u64() != Some(*rev) {
                    return Err(format!(
                        "a retried push must be duplicate rev {rev}, got {r}"
                    ));
                }
            }
        }
        Ok(())
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

async fn login(addr: SocketAddr, user: &str) -> Result<String, String> {
    let mut http = Http::new(addr);
    let body = http
        .json(
            Method::POST,
            "/api/auth/login",
            None,
            Some(&json!({"username": user, "password": "load-password"})),
        )
        .await?;
    body["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "no token".to_owned())
}

/// Runs the clients against `addr` (served by [`serve`] with `users` accounts) and checks the result.
pub async fn run(addr: SocketAddr, users: usize, config: &LoadConfig) -> LoadReport {
    // Sign-ins one after another (concurrent ones would trip the per-address limit).
    let mut tokens = Vec::new();
    for i in 0..users {
        tokens.push(login(addr, &format!("load{i}")).await.expect("sign in"));
    }
    let start = if config.first_sync {
        0
    } else {
        let mut head = ClientState::default();
        head.pull(&mut Http::new(addr), &tokens[0], 1000)
            .await
            .expect("head of the feed");
        head.since
    };
    let started = Instant::now();
    let deadline = started + config.duration;
    let mut tasks = Vec::new();
    for client in 0..config.clients {
        let token = tokens[client % tokens.len()].clone();
        let config = config.clone();
        tasks.push(tokio::spawn(async move {
            let mut http = Http::new(addr);
            let mut state = ClientState {
                since: start,
                ..ClientState::default()
            };
            let mut counter = 0u64;
            if let Err(e) = state.pull(&mut http, &token, config.page).await {
                state.errors.push(format!("first pull: {e}"));
            }
            while Instant::now() < deadline {
                let pause = rand::rng().random_range(config.think_ms.0..=config.think_ms.1);
                tokio::time::sleep(Duration::from_millis(pause)).await;
                if let Err(e) = state
                    .push(&mut http, &token, client, &mut counter, &config)
                    .await
                {
                    state.errors.push(format!("push: {e}"));
                }
                if let Err(e) = state.pull(&mut http, &token, config.page).await {
                    state.errors.push(format!("pull: {e}"));
                }
            }
            (state, http)
        }));
    }
    let mut states = Vec::new();
    for task in tasks {
        states.push(task.await.expect("client task"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    // Everyone catches up once the writing has stopped.
    for (state, http) in states.iter_mut() {
        if let Err(e) = state.pull(http, &tokens[0], config.page).await {
            state.errors.push(format!("final pull: {e}"));
        }
    }

    // The server's whole feed, once.
    let mut report = LoadReport {
        clients: config.clients,
        seconds: elapsed,
        ..LoadReport::default()
    };
    let mut verifier = ClientState::default();
    let mut http = Http::new(addr);
    let mut feed_ids: HashMap<String, u64> = HashMap::new();
    let mut feed: HashMap<String, Value> = HashMap::new();
    loop {
        let page = match http
            .json(
                Method::GET,
                &format!("/api/sync/pull?since={}&limit=1000", verifier.since),
                Some(&tokens[0]),
                None,
            )
            .await
        {
            Ok(page) => page,
            Err(e) => {
                report.errors += 1;
                report.error_samples.push(format!("verification pull: {e}"));
                break;
            }
        };
        for change in page["changes"].as_array().cloned().unwrap_or_default() {
            let id = change["id"].as_str().unwrap_or_default().to_owned();
            verifier.since = change["seq"].as_u64().unwrap_or(verifier.since);
            *feed_ids.entry(id.clone()).or_default() += 1;
            feed.insert(id, change);
        }
        if page["more"] != true {
            break;
        }
    }
    report.duplicated = feed_ids.values().filter(|n| **n > 1).count() as u64;
    // What a client that started at `start` should hold.
    let feed_map: HashMap<&String, u64> = feed
        .iter()
        .filter(|(_, c)| c["seq"].as_u64().unwrap_or(0) > start)
        .map(|(id, c)| (id, c["rev"].as_u64().unwrap_or(0)))
        .collect();

    let (mut pull_us, mut push_us) = (Vec::new(), Vec::new());
    for (state, _) in &states {
        report.pulls += state.pulls;
        report.pushes += state.pushes;
        report.retries += state.retries;
        report.mutations_applied += state.applied;
        report.errors += state.errors.len() as u64;
        for e in state.errors.iter().take(3) {
            if report.error_samples.len() < 10 {
                report.error_samples.push(e.clone());
            }
        }
        pull_us.extend_from_slice(&state.pull_us);
        push_us.extend_from_slice(&state.push_us);
        for (id, (collection, rev, data)) in &state.own {
            report.records_checked += 1;
            match feed.get(id) {
                None => report.lost += 1,
                Some(change) => {
                    if change["rev"].as_u64() != Some(*rev)
                        || change["collection"] != *collection
                        || &change["data"] != data
                    {
                        report.wrong += 1;
                    }
                }
            }
        }
        let replica: HashMap<&String, u64> = state
            .replica
            .iter()
            .map(|(id, (rev, _))| (id, *rev))
            .collect();
        if replica != feed_map {
            report.diverged_replicas += 1;
        }
    }
    pull_us.sort_unstable();
    push_us.sort_unstable();
    report.pull_p50_ms = percentile(&pull_us, 50.0);
    report.pull_p99_ms = percentile(&pull_us, 99.0);
    report.push_p50_ms = percentile(&push_us, 50.0);
    report.push_p99_ms = percentile(&push_us, 99.0);
    report.requests_per_s = (report.pulls + report.pushes + report.retries) as f64 / elapsed;
    report.mutations_per_s = report.mutations_applied as f64 / elapsed;
    report
}
