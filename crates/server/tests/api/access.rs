//! Who may read and write what: anonymous pulls, anonymous interests, admin-only public collections; on both backends.

use domain::collection::{Collection, Scope};
use serde_json::json;
use tongji_server::store::Store;

use crate::fixtures::{delete, new_id, upsert, valid};
use crate::harness::TestApp;

crate::on_both_backends!(
    anonymous_pulls_never_contain_staff_data,
    anonymous_callers_may_only_create_interests,
    only_admins_write_public_collections,
);

async fn anonymous_pulls_never_contain_staff_data<S: Store>(app: TestApp<S>) {
    let admin = app.admin_token().await;
    for c in Collection::ALL {
        let r = app
            .push_one(Some(&admin), upsert(c, &new_id(), 0, valid(c)))
            .await;
        assert_eq!(r["status"], "applied", "{c}: {r}");
    }
    let anonymous = app.pull_all(None).await;
    let seen: Vec<&str> = anonymous
        .iter()
        .map(|c| c["collection"].as_str().unwrap_or(""))
        .collect();
    for c in Collection::ALL {
        let visible = seen.contains(&c.as_str());
        assert_eq!(
            visible,
            c.scope() == Scope::Public,
            "{c} anonymous visibility"
        );
    }
    // Paging anonymously with a tiny page never reveals staff rows either.
    let mut since = 0;
    loop {
        let page = app.pull(None, since, Some(1)).await;
        for change in page["changes"].as_array().unwrap() {
            let c: Collection = change["collection"].as_str().unwrap().parse().unwrap();
            assert_eq!(c.scope(), Scope::Public);
        }
        since = page["next"].as_u64().unwrap();
        if page["more"] == false {
            break;
        }
    }
    let staff = app.staff_token().await;
    assert_eq!(
        app.pull_all(Some(&staff)).await.len(),
        Collection::ALL.len()
    );
}

async fn anonymous_callers_may_only_create_interests<S: Store>(app: TestApp<S>) {
    let id = new_id();
    let r = app
        .push_one(
            None,
            upsert(Collection::Interests, &id, 0, valid(Collection::Interests)),
        )
        .await;
    assert_eq!(
        (r["status"].as_str(), r["rev"].as_u64()),
        (Some("applied"), Some(1)),
        "{r}"
    );

    let mut changed = valid(Collection::Interests);
    changed["name"] = json!("李四");
    for m in [
        upsert(Collection::Interests, &id, 1, changed.clone()),
        delete(Collection::Interests, &id, 1),
        delete(Collection::Interests, &new_id(), 0),
    ] {
        let r = app.push_one(None, m).await;
        assert_eq!(r["status"], "rejected", "{r}");
        assert!(
            r["rev"].is_null() && r["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{r}"
        );
    }
    for c in Collection::ALL
        .into_iter()
        .filter(|c| *c != Collection::Interests)
    {
        let r = app.push_one(None, upsert(c, &new_id(), 0, valid(c))).await;
        assert_eq!(r["status"], "rejected", "anonymous create of {c}: {r}");
    }
    // Nothing changed, and the registration is not readable anonymously.
    assert!(app.pull_all(None).await.is_empty());
    let staff = app.staff_token().await;
    let all = app.pull_all(Some(&staff)).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["data"], valid(Collection::Interests));
    // Staff may then update and delete it.
    let r = app
        .push_one(Some(&staff), upsert(Collection::Interests, &id, 1, changed))
        .await;
    assert_eq!(r["status"], "applied");
    let r = app
        .push_one(Some(&staff), delete(Collection::Interests, &id, 2))
        .await;
    assert_eq!(r["status"], "applied");
}

async fn only_admins_write_public_collections<S: Store>(app: TestApp<S>) {
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    for c in Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Public)
    {
        let id = new_id();
        let r = app
            .push_one(Some(&staff), upsert(c, &id, 0, valid(c)))
            .await;
        assert_eq!(r["status"], "rejected", "staff create of {c}: {r}");
        assert!(
            r["error"]
                .as_str()
                .is_some_and(|e| e.contains("admin") || e.contains("管理员")),
            "{r}"
        );
        let r = app
            .push_one(Some(&admin), upsert(c, &id, 0, valid(c)))
            .await;
        assert_eq!(r["status"], "applied", "admin create of {c}: {r}");
        let r = app.push_one(Some(&staff), delete(c, &id, 1)).await;
        assert_eq!(r["status"], "rejected", "staff delete of {c}: {r}");
        let r = app
            .push_one(Some(&staff), upsert(c, &id, 1, valid(c)))
            .await;
        assert_eq!(r["status"], "rejected", "staff update of {c}: {r}");
    }
    for c in Collection::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Staff)
    {
        let r = app
            .push_one(Some(&staff), upsert(c, &new_id(), 0, valid(c)))
            .await;
        assert_eq!(r["status"], "applied", "staff create of {c}: {r}");
    }
    let feed = app.pull_all(Some(&admin)).await;
    assert!(
        feed.iter().all(|c| c["rev"] == 1),
        "refused writes changed nothing"
    );
}
