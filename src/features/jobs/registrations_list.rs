//! Registrations of interest as staff see them.

use crate::clock::now;
use crate::error::AppError;
use crate::i18n::{t, use_lang};
use crate::store::records::Stored;
use crate::ui::format::date_time;
use domain::records::Interest;
use leptos::prelude::*;

/// A list of registrations: name, phone (tappable), message, when; newest
/// first; says so when there are none.
#[component]
pub fn RegistrationsList(
    /// The registrations to show.
    #[prop(into)]
    interests: Signal<Option<Result<Vec<Stored<Interest>>, AppError>>>,
) -> impl IntoView {
    let lang = use_lang();
    move || match interests.get() {
        None => {
            view! { <p class="muted" role="status">{t("正在读取…", "Loading…")}</p> }.into_any()
        }
        Some(Err(e)) => {
            view! { <p class="alert alert--error" role="alert">{e.message(lang.get())}</p> }
                .into_any()
        }
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="muted">{t("还没有人登记。", "No registrations yet.")}</p> }.into_any()
        }
        Some(Ok(mut list)) => {
            domain::sort::sort_by_key(&mut list, |s| std::cmp::Reverse(s.data.created_at));
            view! {
                <ul class="registrations" data-testid="registrations">
                    {list.into_iter().map(|s| {
                        let i = s.data;
                        let tel = format!("tel:{}", i.phone);
                        view! {
                            <li class="registrations__item">
                                <strong>{i.name.clone()}</strong>
                                <a href=tel>{i.phone.clone()}</a>
                                <span class="muted">{move || date_time(i.created_at, now(), lang.get())}</span>
                                {(!i.message.is_empty()).then(|| view! { <p>{i.message.clone()}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}
