//! The one open database connection of this tab, opened on first use and
//! upgraded (structure and data) before anyone reads from it.

use super::codec::{get_string, record_from_js, record_to_js, set, to_json};
use super::error::{StoreError, StoreResult};
use super::schema::{self, CONFLICTS, DATA_MIGRATIONS, META};
use domain::collection::Collection;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::Object;
use rexie::{Rexie, TransactionMode};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::JsValue;

type Opening = Shared<LocalBoxFuture<'static, Result<Rc<Rexie>, StoreError>>>;

thread_local! {
    static DB: RefCell<Option<Opening>> = const { RefCell::new(None) };
}

/// The open database, opening and upgrading it on first use. Concurrent
/// callers share one opening.
pub(crate) async fn db() -> StoreResult<Rc<Rexie>> {
    let opening = DB.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| open().boxed_local().shared())
            .clone()
    });
    let result = opening.await;
    if result.is_err() {
        // Let a later call try again (e.g. after another tab closed).
        DB.with(|cell| cell.borrow_mut().take());
    }
    result
}

/// Starts opening the database now, before the first screen is built: the
/// browser opens it off the main thread meanwhile, so the first screen's
/// first read finds it open instead of waiting for it after mounting.
pub fn open_early() {
    let mut opening = Box::pin(async {
        // A failure is reported to the first reader, which opens again.
        let _ = db().await;
    });
    // One poll now issues the open request; the task drives the rest.
    let waker = futures::task::noop_waker();
    let mut context = std::task::Context::from_waker(&waker);
    if opening.as_mut().poll(&mut context).is_pending() {
        wasm_bindgen_futures::spawn_local(opening);
    }
}

async fn open() -> StoreResult<Rc<Rexie>> {
    let db = schema::open_version(schema::VERSION)
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    if let Err(err) = migrate_data(&db).await {
        // An unclosed connection would block later upgrades and deletes.
        db.close();
        return Err(err);
    }
    Ok(Rc::new(db))
}

const DATA_VERSION_KEY: &str = "data_version";

/// Runs the data migrations newer than the stored data version, each in one
/// transaction together with the new version number.
async fn migrate_data(db: &Rexie) -> StoreResult<()> {
    let current = {
        let tx = db.transaction(&[META], TransactionMode::ReadOnly)?;
        let row = tx
            .store(META)?
            .get(JsValue::from_str(DATA_VERSION_KEY))
            .await?;
        row.and_then(|r| get_string(&r, "value"))
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(1)
    };
    for (version, _what) in DATA_MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let names = schema::all_store_names();
        let tx = db.transaction(&names, TransactionMode::ReadWrite)?;
        if *version == 2 {
            rewrite_records_with_index_keys(&tx).await?;
        }
        let row = Object::new();
        set(&row, "key", DATA_VERSION_KEY);
        set(&row, "value", to_json(version));
        tx.store(META)?.put(&row.into(), None).await?;
        super::records::finish(tx).await?;
    }
    Ok(())
}

/// Version 2: rewrite every record so its `ix_*` properties and the
/// conflicts index are filled.
async fn rewrite_records_with_index_keys(tx: &rexie::Transaction) -> StoreResult<()> {
    let conflicts = tx.store(CONFLICTS)?;
    for collection in Collection::ALL {
        let store = tx.store(collection.as_str())?;
        for row in store.get_all(None, None).await? {
            let (id, record) = record_from_js(&row)?;
            store
                .put(&record_to_js(collection, id, &record), None)
                .await?;
            super::records::index_conflicts(&conflicts, collection, id, &record.data).await?;
        }
    }
    Ok(())
}

/// Closes this tab's connection (tests use it before reopening or deleting).
pub async fn close_for_tests() {
    let opening = DB.with(|cell| cell.borrow_mut().take());
    if let Some(opening) = opening {
        if let Ok(db) = opening.await {
            if let Ok(db) = Rc::try_unwrap(db) {
                db.close();
            }
        }
    }
}

/// Deletes the whole database (tests, and "clear this device").
pub async fn delete_database() -> StoreResult<()> {
    close_for_tests().await;
    Rexie::delete(schema::DB_NAME)
        .await
        .map_err(StoreError::from)
}
