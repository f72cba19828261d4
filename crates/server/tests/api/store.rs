//! Store conformance: behaviour both backends must share beyond the API
//! (seeding, sessions, attempts, accounts, feed order), on both backends.

use domain::collection::{Collection, Role};
use domain::time::Timestamp;
use serde_json::json;
use tongji_server::store::{NewUser, Store, StoreError};
use tongji_server::{clock, seed};

use crate::fixtures::{upsert, valid};
use crate::harness::TestApp;

crate::on_both_backends!(
    seeding_happens_once_and_never_overwrites_an_edit,
    the_embedded_seed_loads_in_order,
    sessions_expire_and_end,
    attempts_are_counted_per_username_and_address,
    accounts_are_unique_and_updatable,
);

async fn seeding_happens_once_and_never_overwrites_an_edit<S: Store>(app: TestApp<S>) {
    let id = "01936f3e-7a3c-7cc0-8000-0000000000aa";
    let mut record = valid(Collection::Employers);
    record["id"] = json!(id);
    let text = serde_json::to_string(&[record]).unwrap();
    let files = [(Collection::Employers, text.as_str())];
    assert_eq!(seed::seed_with(&app.store, &files).await.unwrap(), 1);
    let feed = app.pull_all(None).await;
    assert_eq!((feed.len(), feed[0]["rev"].as_u64()), (1, Some(1)));
    assert_eq!(feed[0]["data"], valid(Collection::Employers));

    // An admin edits the seeded record; starting again must not undo it.
    let admin = app.admin_token().await;
    let mut edited = valid(Collection::Employers);
    edited["name"] = json!("已编辑的单位");
    let r = app
        .push_one(
            Some(&admin),
            upsert(Collection::Employers, id, 1, edited.clone()),
        )
        .await;
    assert_eq!(r["status"], "applied");
    assert_eq!(seed::seed_with(&app.store, &files).await.unwrap(), 0);
    assert_eq!(
        seed::run(&app.store).await.unwrap(),
        0,
        "the embedded seed is not loaded either"
    );
    let feed = app.pull_all(None).await;
    assert_eq!(feed.len(), 1);
    assert_eq!(
        (feed[0]["rev"].as_u64(), &feed[0]["data"]),
        (Some(2), &edited)
    );
}

async fn the_embedded_seed_loads_in_order<S: Store>(app: TestApp<S>) {
    let expected = seed::parse(&seed::SEED_FILES).unwrap();
    assert_eq!(seed::run(&app.store).await.unwrap(), expected.len());
    assert_eq!(seed::run(&app.store).await.unwrap(), 0);
    let staff = app.staff_token().await;
    let feed = app.pull_all(Some(&staff)).await;
    assert_eq!(feed.len(), expected.len());
    assert!(feed.iter().all(|c| c["rev"] == 1 && c["deleted"] == false));
    // Feed order follows the loading order of the collections.
    let order: Vec<&str> = seed::SEED_FILES.iter().map(|(c, _)| c.as_str()).collect();
    let positions: Vec<usize> = feed
        .iter()
        .map(|c| {
            order
                .iter()
                .position(|o| *o == c["collection"].as_str().unwrap())
                .unwrap()
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] <= w[1]),
        "seeded in collection order"
    );
}

async fn sessions_expire_and_end<S: Store>(app: TestApp<S>) {
    let user = app
        .store
        .put_new_user(NewUser {
            username: "s".into(),
            name: "S".into(),
            role: Role::Staff,
            password_hash: "$argon2id$fake".into(),
        })
        .await
        .unwrap();
    let now = clock::now();
    let later = Timestamp::from_millis(now.millis() + 60_000);
    app.store.put_session("h1", &user.id, later).await.unwrap();
    let s = app.store.get_session("h1", now).await.unwrap();
    assert_eq!(
        (s.user_id.as_str(), s.role),
        (user.id.as_str(), Role::Staff)
    );
    let after = Timestamp::from_millis(later.millis() + 1);
    assert!(matches!(
        app.store.get_session("h1", after).await,
        Err(StoreError::NotFound)
    ));
    app.store.delete_session("h1").await.unwrap();
    assert!(matches!(
        app.store.get_session("h1", now).await,
        Err(StoreError::NotFound)
    ));
    app.store.delete_session("h1").await.unwrap();
}

async fn attempts_are_counted_per_username_and_address<S: Store>(app: TestApp<S>) {
    let now = clock::now();
    let old = Timestamp::from_millis(now.millis() - 3_600_000);
    let window = Timestamp::from_millis(now.millis() - 900_000);
    let forget = Timestamp::from_millis(now.millis() - 86_400_000);
    app.store
        .put_login_attempt("u", "1.1.1.1", old, forget)
        .await
        .unwrap();
    let a = app
        .store
        .put_login_attempt("u", "1.1.1.1", now, forget)
        .await
        .unwrap();
    app.store
        .put_login_attempt("v", "1.1.1.1", now, forget)
        .await
        .unwrap();
    app.store
        .put_login_attempt("u", "2.2.2.2", now, forget)
        .await
        .unwrap();
    let c = app
        .store
        .get_login_attempt_counts("u", "1.1.1.1", window)
        .await
        .unwrap();
    assert_eq!((c.by_username, c.by_ip), (2, 2));
    app.store.delete_login_attempt(a).await.unwrap();
    let c = app
        .store
        .get_login_attempt_counts("u", "1.1.1.1", window)
        .await
        .unwrap();
    assert_eq!((c.by_username, c.by_ip), (1, 1));
    app.store.delete_login_attempts_for("u").await.unwrap();
    let c = app
        .store
        .get_login_attempt_counts("u", "1.1.1.1", old)
        .await
        .unwrap();
    assert_eq!((c.by_username, c.by_ip), (0, 1));
}

async fn accounts_are_unique_and_updatable<S: Store>(app: TestApp<S>) {
    assert_eq!(app.store.get_user_count().await.unwrap(), 0);
    let new = |role| NewUser {
        username: "chen".into(),
        name: "陈".into(),
        role,
        password_hash: "h1".into(),
    };
    let first = app.store.put_new_user(new(Role::Staff)).await.unwrap();
    assert!(matches!(
        app.store.put_new_user(new(Role::Admin)).await,
        Err(StoreError::Conflict)
    ));
    let updated = app
        .store
        .put_user(NewUser {
            password_hash: "h2".into(),
            ..new(Role::Admin)
        })
        .await
        .unwrap();
    assert_eq!(updated.id, first.id);
    let got = app.store.get_user("chen").await.unwrap();
    assert_eq!((got.role, got.password_hash.as_str()), (Role::Admin, "h2"));
    assert!(matches!(
        app.store.get_user("CHEN").await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(app.store.get_user_count().await.unwrap(), 1);
    // First start: an admin is created once, with a password that works.
    let fresh = crate::harness::sqlite_app().await;
    let hasher = crate::harness::test_config().passwords;
    let password = tongji_server::accounts::ensure_admin(&fresh.store, &hasher)
        .await
        .unwrap()
        .expect("created");
    assert!(tongji_server::accounts::ensure_admin(&fresh.store, &hasher)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        fresh.login("admin", &password).await.json()["user"]["role"],
        "admin"
    );
}

#[tokio::test]
async fn seed_bench_writes_generated_positions_once() {
    let app = crate::harness::sqlite_app().await;
    let first = tongji_server::bench::seed_positions(&app.store, 25)
        .await
        .unwrap();
    assert_eq!(
        (first.employers, first.positions, first.duplicates),
        (3, 25, 0)
    );
    let again = tongji_server::bench::seed_positions(&app.store, 25)
        .await
        .unwrap();
    assert_eq!(
        (again.employers, again.positions, again.duplicates),
        (0, 0, 28)
    );
    let feed = app.pull_all(None).await;
    assert_eq!(feed.len(), 28);
    assert_eq!(
        feed.iter()
            .filter(|c| c["collection"] == "positions")
            .count(),
        25
    );
    assert!(feed.iter().all(|c| c["rev"] == 1));
}
