//! Cases a1 (staff data is never given to anonymous, expired or signed-out
//! callers, through pull, push or the photo endpoints) and a2 (staff cannot
//! write public collections; admins can).

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use domain::collection::{Collection, Role, Scope};
use domain::time::Timestamp;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tongji_server::auth::token_hash;
use tongji_server::store::Store;

use crate::fixtures::{delete, mutation, new_id, upsert, valid};
use crate::harness::{request, TestApp, TestResponse};
use crate::support::{assert_status, assert_unchanged, Db, Outcome};

crate::cases!(
    case_a1_staff_data_never_reaches_anonymous_or_expired_callers,
    case_a2_staff_cannot_write_public_collections_admin_can,
);

const SECRET: &str = "机密-SECRET-7f3a";

/// A valid record of a staff collection carrying [`SECRET`] in a text field.
fn secret_record(c: Collection) -> Value {
    let mut v = valid(c);
    let field = match c {
        Collection::Enterprises | Collection::Visits => "notes",
        Collection::Projects => "description",
        Collection::Interests => "message",
        other => panic!("{other} is not a staff collection"),
    };
    v[field] = json!(format!("{SECRET} {c}"));
    v
}

fn no_secret(r: &TestResponse, what: &str) {
    assert!(
        !r.text().contains(SECRET) && !r.text().contains("SECRET"),
        "{what} leaked staff data: {}",
        r.text()
    );
}

fn put_blob(uri: &str, token: Option<&str>, bytes: Vec<u8>) -> Request<Body> {
    let mut req = request(Method::PUT, uri, token, Body::from(bytes));
    req.headers_mut()
        .insert(header::CONTENT_TYPE, "image/jpeg".parse().unwrap());
    req
}

async fn case_a1_staff_data_never_reaches_anonymous_or_expired_callers<S: Store>(
    app: TestApp<S>,
    db: Db,
) -> Outcome {
    let staff = app.staff_token().await;
    let staff_collections: Vec<Collection> = Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Staff)
        .collect();
    let mut records = Vec::new();
    let mut staff_mutations = Vec::new();
    for &c in &staff_collections {
        let id = new_id();
        let m = upsert(c, &id, 0, secret_record(c));
        staff_mutations.push(m.clone());
        let r = app.push_one(Some(&staff), m).await;
        assert_eq!(r["status"], "applied", "{r}");
        records.push((c, id));
    }
    let admin = app.admin_token().await;
    for c in Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Public)
    {
        app.push_one(Some(&admin), upsert(c, &new_id(), 0, valid(c)))
            .await;
    }
    let photo = format!("{SECRET} photo bytes").into_bytes();
    let photo_uri = format!("/api/blobs/{}", hex::encode(Sha256::digest(&photo)));
    assert_eq!(
        app.call(put_blob(&photo_uri, Some(&staff), photo.clone()))
            .await
            .status,
        StatusCode::CREATED
    );

    // An expired session and a signed-out one.
    let user = app.store.get_user("staff1").await.expect("staff1");
    let expired = "e".repeat(64);
    let past = Timestamp::from_millis(tongji_server::clock::now().millis() - 1000);
    app.store
        .put_session(&token_hash(&expired), &user.id, past)
        .await
        .expect("expired session");
    let signed_out = app.login("staff1", "staff1-password").await.json()["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let r = app
        .call(request(
            Method::POST,
            "/api/auth/logout",
            Some(&signed_out),
            Body::empty(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let before = db.snapshot().await;
    let mut checks = 0;

    // Anonymous pull, every page size: public collections only.
    for limit in [1, 7, 1000] {
        let mut since = 0;
        loop {
            let r = app
                .get(&format!("/api/sync/pull?since={since}&limit={limit}"), None)
                .await;
            assert_eq!(r.status, StatusCode::OK);
            no_secret(&r, "anonymous pull");
            let page = r.json();
            for change in page["changes"].as_array().expect("changes") {
                let c: Collection = change["collection"].as_str().unwrap().parse().unwrap();
                assert_eq!(c.scope(), Scope::Public, "anonymous pull got {c}");
            }
            checks += 1;
            since = page["next"].as_u64().unwrap();
            if page["more"] == false {
                break;
            }
        }
    }
    // Expired and signed-out tokens: 401 everywhere, nothing in the body.
    for (who, token) in [
        ("expired", expired.as_str()),
        ("signed-out", signed_out.as_str()),
    ] {
        for uri in [
            "/api/sync/pull",
            "/api/sync/pull?since=0&limit=1000",
            photo_uri.as_str(),
        ] {
            let r = app.get(uri, Some(token)).await;
            assert_status(&r, StatusCode::UNAUTHORIZED, &format!("{who} GET {uri}"));
            no_secret(&r, who);
            checks += 1;
        }
        let r = app
            .post_json(
                "/api/sync/push",
                Some(token),
                &json!({ "mutations": staff_mutations }),
            )
            .await;
        assert_status(&r, StatusCode::UNAUTHORIZED, &format!("{who} push"));
        no_secret(&r, who);
        let r = app
            .call(put_blob(&photo_uri, Some(token), photo.clone()))
            .await;
        assert_status(&r, StatusCode::UNAUTHORIZED, &format!("{who} blob put"));
        checks += 2;
    }
    // Anonymous blob read and write.
    let r = app.get(&photo_uri, None).await;
    assert_status(&r, StatusCode::UNAUTHORIZED, "anonymous blob get");
    no_secret(&r, "anonymous blob get");
    let other = b"anonymous upload".to_vec();
    let other_uri = format!("/api/blobs/{}", hex::encode(Sha256::digest(&other)));
    assert_status(
        &app.call(put_blob(&other_uri, None, other)).await,
        StatusCode::UNAUTHORIZED,
        "anonymous blob put",
    );
    checks += 2;
    // Anonymous pushes aimed at existing staff records: refused before any
    // merge or conflict could echo the stored data back.
    for (c, id) in &records {
        for m in [
            upsert(*c, id, 0, valid(*c)),
            upsert(*c, id, 1, valid(*c)),
            upsert(*c, id, 7, valid(*c)),
            delete(*c, id, 0),
            delete(*c, id, 1),
            mutation(*c, id, 5, "delete", Value::Null, "2030-01-01T00:00:00.000Z"),
        ] {
            let r = app
                .post_json("/api/sync/push", None, &json!({ "mutations": [m] }))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            no_secret(&r, "anonymous push");
            let result = &r.json()["results"][0];
            assert_eq!(
                result["status"], "rejected",
                "anonymous write to {c}: {result}"
            );
            assert!(
                result["merged"].is_null() && result["rev"].is_null(),
                "{result}"
            );
            checks += 1;
        }
    }
    // Replaying a staff push anonymously only says it was seen.
    let r = app
        .post_json(
            "/api/sync/push",
            None,
            &json!({ "mutations": staff_mutations }),
        )
        .await;
    no_secret(&r, "anonymous replay");
    for result in r.json()["results"].as_array().unwrap() {
        assert_eq!(result["status"], "duplicate");
        assert!(result["merged"].is_null());
    }
    assert_unchanged(&before, &db.snapshot().await, "refused callers");
    // Staff still see everything.
    let all = app.pull_all(Some(&staff)).await;
    for (c, id) in &records {
        assert!(
            all.iter().any(|ch| ch["id"] == id.as_str()),
            "{c} visible to staff"
        );
    }
    Outcome::new(format!(
        "{} staff collections + photos, {checks} requests by anonymous, expired and signed-out callers \
         (pull at 3 page sizes, push create/update/delete/stale, blob get/put): no staff byte returned, nothing changed",
        staff_collections.len()
    ))
    .figure("requests", checks)
}

async fn case_a2_staff_cannot_write_public_collections_admin_can<S: Store>(
    app: TestApp<S>,
    db: Db,
) -> Outcome {
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let public: Vec<Collection> = Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Public)
        .collect();
    let mut ids = Vec::new();
    for &c in &public {
        let id = new_id();
        let r = app
            .push_one(Some(&admin), upsert(c, &id, 0, valid(c)))
            .await;
        assert_eq!(r["status"], "applied", "admin creates {c}: {r}");
        ids.push((c, id));
    }
    let before = db.snapshot().await;
    let mut refused = 0;
    for (c, id) in &ids {
        for m in [
            upsert(*c, &new_id(), 0, valid(*c)),
            upsert(*c, id, 1, valid(*c)),
            upsert(*c, id, 0, valid(*c)),
            delete(*c, id, 1),
        ] {
            let r = app.push_one(Some(&staff), m).await;
            assert_eq!(r["status"], "rejected", "staff write to {c}: {r}");
            assert!(
                r["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("管理员") && e.contains("admin")),
                "{r}"
            );
            refused += 1;
        }
    }
    assert_unchanged(
        &before,
        &db.snapshot().await,
        "staff writes to public collections",
    );
    // Admins can update and delete them.
    for (c, id) in &ids {
        let r = app
            .push_one(Some(&admin), upsert(*c, id, 1, valid(*c)))
            .await;
        assert_eq!(
            (r["status"].as_str(), r["rev"].as_u64()),
            (Some("applied"), Some(2)),
            "{r}"
        );
        let r = app.push_one(Some(&admin), delete(*c, id, 2)).await;
        assert_eq!(r["status"], "applied", "{r}");
    }
    // And admins and staff both write staff collections.
    for c in Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Staff)
    {
        for token in [&staff, &admin] {
            let r = app
                .push_one(Some(token), upsert(c, &new_id(), 0, valid(c)))
                .await;
            assert_eq!(r["status"], "applied", "{c}: {r}");
        }
    }
    let role = app.login("staff1", "staff1-password").await.json()["user"]["role"].clone();
    assert_eq!(role, json!(Role::Staff.as_str()));
    Outcome::new(format!(
        "{refused} staff writes (create, update, stale update, delete) to the {} public collections rejected with \
         an admin-only message, nothing changed; admin create/update/delete applied",
        public.len()
    ))
    .figure("refused", refused)
}
