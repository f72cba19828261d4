//! Section navigation: a bottom tab bar on phones, a side rail on tablets.

use super::{Icon, IconKind};
use crate::i18n::t;
use crate::routing::A;
use leptos::prelude::*;

/// The five top-level sections.
#[component]
pub fn Nav() -> impl IntoView {
    let items = [
        (
            "/jobs",
            IconKind::Jobs,
            t("招聘会与岗位", "Fairs & jobs"),
            t("岗位", "Jobs"),
        ),
        (
            "/policies",
            IconKind::Policies,
            t("政策指南", "Policy guides"),
            t("政策", "Policies"),
        ),
        (
            "/visits",
            IconKind::Visits,
            t("企业走访", "Enterprise visits"),
            t("走访", "Visits"),
        ),
        (
            "/projects",
            IconKind::Projects,
            t("重点项目", "Key projects"),
            t("项目", "Projects"),
        ),
        (
            "/status",
            IconKind::Sync,
            t("同步与状态", "Sync & status"),
            t("同步", "Sync"),
        ),
    ];
    view! {
        <nav class="nav" aria-label=t("主导航", "Main navigation")>
            <ul class="nav__list">
                {items
                    .into_iter()
                    .map(|(href, icon, long, short)| {
                        view! {
                            <li>
                                <A href=href attr:class="nav__link">
                                    <Icon kind=icon />
                                    <span class="nav__long">{long}</span>
                                    <span class="nav__short">{short}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
