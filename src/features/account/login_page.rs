//! The login page for staff and admins.

use crate::error::{AppError, ErrorView};
use crate::i18n::t;
use crate::routing::{use_navigate, use_query_map};
use crate::sync::session;
use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;

/// `/login`: username and password; goes back to `?next=` on success.
#[component]
pub fn LoginPage() -> impl IntoView {
    let (username, set_username) = signal(String::new());
    let (password, set_password) = signal(String::new());
    let query = use_query_map();
    let navigate = use_navigate();
    let login = Action::new_local(|(user, pass): &(String, String)| {
        let (user, pass) = (user.clone(), pass.clone());
        async move { session::login(&user, &pass).await.map_err(AppError::from) }
    });
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = login.value().get() {
            // Staff devices hold work that must not be evicted; the login
            // click is the user action browsers want before granting this.
            leptos::task::spawn_local(async {
                crate::pwa::storage::request_persistence().await;
            });
            let next = query
                .read_untracked()
                .get("next")
                .filter(|n| n.starts_with('/'))
                .unwrap_or_else(|| "/visits".into());
            navigate(&next, Default::default());
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        login.dispatch((username.get_untracked(), password.get_untracked()));
    };
    view! {
        <section class="page page--narrow">
            <h1 class="page__title">{t("工作人员登录", "Staff login")}</h1>
            <form class="card form" on:submit=on_submit>
                <p class="muted">
                    {t(
                        "登录需要联网。登录后，走访记录等可在无网络时继续使用，恢复网络后自动同步。",
                        "Logging in needs a connection. Afterwards visits and the ledger work offline and sync when the network returns.",
                    )}
                </p>
                <label class="field">
                    <span class="field__label">{t("用户名", "Username")}</span>
                    <input
                        class="input"
                        name="username"
                        autocomplete="username"
                        required
                        prop:value=username
                        on:input=move |ev| set_username.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span class="field__label">{t("密码", "Password")}</span>
                    <input
                        class="input"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        prop:value=password
                        on:input=move |ev| set_password.set(event_target_value(&ev))
                    />
                </label>
                <ErrorView error=error />
                <button class="button button--block" type="submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { t("正在登录…", "Logging in…").get() } else { t("登录", "Log in").get() }}
                </button>
            </form>
        </section>
    }
}
