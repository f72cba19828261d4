//! Who is logged in, and logging out (which removes staff data from the
//! device, asking first when some of it has not reached the server).

use super::CurrentSession;
use crate::error::{AppError, ErrorView};
use crate::features::status::queries::outbox_counts;
use crate::i18n::t;
use crate::sync::session;
use leptos::prelude::*;

/// Account box on the sync page.
#[component]
pub fn AccountPanel() -> impl IntoView {
    let session = expect_context::<CurrentSession>();
    let counts = outbox_counts();
    let (confirming, set_confirming) = signal(false);
    let logout = Action::new_local(|discard: &bool| {
        let discard = *discard;
        async move { session::logout(discard).await.map_err(AppError::from) }
    });
    let error = Signal::derive(move || logout.value().get().and_then(|r| r.err()));
    let unsynced = move || {
        counts
            .get()
            .and_then(|c| c.ok())
            .map_or(0, |c| c.pending_staff)
    };
    let start_logout = move |_| {
        if unsynced() > 0 {
            set_confirming.set(true);
        } else {
            logout.dispatch(false);
        }
    };

    view! {
        <section class="card" aria-labelledby="account-title">
            <h2 id="account-title">{t("账号", "Account")}</h2>
            {move || match session.active() {
                Some(s) => {
                    view! {
                        <p data-testid="signed-in-as">
                            {t("已登录：", "Signed in as ")} <strong>{s.user.name.clone()}</strong>
                            " (" {s.user.role.as_str()} ")"
                        </p>
                        <button class="button button--secondary" type="button" on:click=start_logout>
                            {t("退出登录", "Log out")}
                        </button>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p>{t("未登录。公开内容（招聘会、岗位、政策）无需登录。", "Not logged in. Public content (fairs, positions, policies) needs no login.")}</p>
                        <a class="button" href="/login?next=/status">{t("工作人员登录", "Staff login")}</a>
                    }
                        .into_any()
                }
            }}
            <Show when=move || confirming.get()>
                <div class="alert alert--warn" role="alertdialog" aria-labelledby="logout-warning">
                    <p id="logout-warning">
                        {move || format!(
                            "{} {} {}",
                            t("还有", "There are").get(),
                            unsynced(),
                            t(
                                "条工作记录尚未同步到服务器。退出将从本机删除它们。建议先联网同步。",
                                "changes not yet on the server. Logging out deletes them from this device. Sync first if you can.",
                            )
                                .get(),
                        )}
                    </p>
                    <div class="button-row">
                        <button class="button button--secondary" type="button" on:click=move |_| set_confirming.set(false)>
                            {t("取消", "Cancel")}
                        </button>
                        <button
                            class="button button--danger"
                            type="button"
                            on:click=move |_| {
                                set_confirming.set(false);
                                logout.dispatch(true);
                            }
                        >
                            {t("仍然退出并删除", "Log out and delete")}
                        </button>
                    </div>
                </div>
            </Show>
            <ErrorView error=error />
        </section>
    }
}
