//! Account bootstrap and administration shared by `serve` and `user add`.

use domain::collection::Role;

use crate::auth::{random_text, PasswordHasherConfig, MIN_PASSWORD_CHARS};
use crate::store::{NewUser, Store, StoreError};

/// Username and password of the demo staff account (`serve --demo-staff`).
pub const DEMO_USERNAME: &str = "demo";
/// Password of the demo staff account; public, for demos and tests only.
pub const DEMO_PASSWORD: &str = "tongji-demo";

/// On a database without accounts, creates `admin` with a random password
/// and returns the password (to be shown once). `None` if accounts exist.
pub async fn ensure_admin<S: Store>(
    store: &S,
    hasher: &PasswordHasherConfig,
) -> anyhow::Result<Option<String>> {
    if store.get_user_count().await? > 0 {
        return Ok(None);
    }
    let password = random_text(20);
    let user = NewUser {
        username: "admin".into(),
        name: "管理员".into(),
        role: Role::Admin,
        password_hash: hasher.hash(&password)?,
    };
    match store.put_new_user(user).await {
        Ok(_) => Ok(Some(password)),
        // Another instance created it at the same moment.
        Err(StoreError::Conflict) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Creates the demo staff account if absent; returns whether it was created.
pub async fn ensure_demo_staff<S: Store>(
    store: &S,
    hasher: &PasswordHasherConfig,
) -> anyhow::Result<bool> {
    match store.get_user(DEMO_USERNAME).await {
        Ok(_) => return Ok(false),
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let user = NewUser {
        username: DEMO_USERNAME.into(),
        name: "演示工作人员".into(),
        role: Role::Staff,
        password_hash: hasher.hash(DEMO_PASSWORD)?,
    };
    match store.put_new_user(user).await {
        Ok(_) => Ok(true),
        Err(StoreError::Conflict) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Whether the account existed before [`add_user`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// A new account.
    Created,
    /// An existing account got the new password and role (its sessions end).
    Updated,
}

/// Creates an account or updates an existing one's password and role. The
/// name defaults to the existing name, else the username.
pub async fn add_user<S: Store>(
    store: &S,
    hasher: &PasswordHasherConfig,
    username: &str,
    role: Role,
    name: Option<&str>,
    password: &str,
) -> anyhow::Result<Added> {
    let username = username.trim();
    if username.is_empty()
        || username.chars().count() > 64
        || username.chars().any(char::is_control)
    {
        anyhow::bail!("the username must be 1 to 64 characters without control characters");
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        anyhow::bail!("the password must have at least {MIN_PASSWORD_CHARS} characters");
    }
    let existing = match store.get_user(username).await {
        Ok(user) => Some(user),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let name = name
        .map(str::to_owned)
        .or_else(|| existing.as_ref().map(|u| u.name.clone()))
        .unwrap_or_else(|| username.to_owned());
    store
        .put_user(NewUser {
            username: username.to_owned(),
            name,
            role,
            password_hash: hasher.hash(password)?,
        })
        .await?;
    Ok(if existing.is_some() {
        Added::Updated
    } else {
        Added::Created
    })
}
