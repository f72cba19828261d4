//! The routes of this section (registered by the app shell).

use super::category_editor_page::CategoryEditorPage;
use super::category_page::CategoryPage;
use super::guide_editor_page::GuideEditorPage;
use super::guide_page::GuidePage;
use super::home_page::PoliciesPage;
use super::match_page::MatchPage;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::Route;
use leptos_router::{path, Lazy};

// Every page is downloaded when first opened (see `crate::ui::lazy_page`);
// the editors, used by staff only, separately from the pages everyone reads.
crate::lazy_page!(policies: policies_home => view! { <PoliciesPage /> });
crate::lazy_page!(policies: policy_match => view! { <MatchPage /> });
crate::lazy_page!(policy_editor: category_editor => view! { <CategoryEditorPage /> });
crate::lazy_page!(policies: category => view! { <CategoryPage /> });
crate::lazy_page!(policy_editor: guide_editor => view! { <GuideEditorPage /> });
crate::lazy_page!(policies: guide => view! { <GuidePage /> });

/// Every route of the section. `…/new` pages come before `:id` ones only for
/// readers; the router matches static segments first anyway.
#[component(transparent)]
pub fn PolicyRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/policies") view={Lazy::<policies_home::Page>::new()} />
        <Route path=path!("/policies/match") view={Lazy::<policy_match::Page>::new()} />
        <Route path=path!("/policies/categories/new") view={Lazy::<category_editor::Page>::new()} />
        <Route path=path!("/policies/category/:id") view={Lazy::<category::Page>::new()} />
        <Route path=path!("/policies/category/:id/edit") view={Lazy::<category_editor::Page>::new()} />
        <Route path=path!("/policies/guides/new") view={Lazy::<guide_editor::Page>::new()} />
        <Route path=path!("/policies/guide/:id") view={Lazy::<guide::Page>::new()} />
        <Route path=path!("/policies/guide/:id/edit") view={Lazy::<guide_editor::Page>::new()} />
    }
    .into_inner()
    // One erased route: the shape a transparent component has under
    // `--cfg erase_components` (see .cargo/config.toml).
    .into_any_nested_route()
}
