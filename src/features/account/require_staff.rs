//! Shows its children to signed-in staff; asks everyone else to log in.

use super::CurrentSession;
use crate::i18n::t;
use crate::routing::use_location;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Loading,
    Open,
    Closed,
}

/// Gate for staff-only pages.
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<CurrentSession>();
    let location = use_location();
    let login_href = move || format!("/login?next={}", location.pathname.get());
    // The session is re-read after every sync (it lives with the sync
    // metadata); only a change of the gate may rebuild the page, or a form
    // being filled in would be reset by each sync.
    let gate = Memo::new(move |_| {
        if session.active().is_some() {
            Gate::Open
        } else if !session.loaded() {
            Gate::Loading
        } else {
            Gate::Closed
        }
    });
    move || {
        if gate.get() == Gate::Open {
            children().into_any()
        } else if gate.get() == Gate::Loading {
            view! { <p class="muted">{t("正在读取登录状态…", "Checking your login…")}</p> }
                .into_any()
        } else {
            view! {
                <div class="empty-state" role="status">
                    <h2 class="empty-state__title">{t("此栏目仅限工作人员", "For staff only")}</h2>
                    <p class="empty-state__body">
                        {t(
                            "企业台账、走访记录和重点项目需要工作人员登录后查看。登录后可离线使用，直到登录过期。",
                            "The enterprise ledger, visits and key projects need a staff login. Once logged in they work offline until the login expires.",
                        )}
                    </p>
                    <a class="button" href=login_href>{t("工作人员登录", "Staff login")}</a>
                </div>
            }
            .into_any()
        }
    }
}
