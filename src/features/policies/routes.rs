//! The routes of this section (registered by the app shell).

use super::category_editor_page::CategoryEditorPage;
use super::category_page::CategoryPage;
use super::guide_editor_page::GuideEditorPage;
use super::guide_page::GuidePage;
use super::home_page::PoliciesPage;
use super::match_page::MatchPage;
use crate::routing::Route;
use leptos::prelude::*;

// Every page is downloaded when first opened (see `crate::ui::lazy_page`);
// the editors, used by staff only, separately from the pages everyone reads.
crate::lazy_page!(policies: policies_home => view! { <PoliciesPage /> });
crate::lazy_page!(policies: policy_match => view! { <MatchPage /> });
crate::lazy_page!(policy_editor: category_editor => view! { <CategoryEditorPage /> });
crate::lazy_page!(policies: category => view! { <CategoryPage /> });
crate::lazy_page!(policy_editor: guide_editor => view! { <GuideEditorPage /> });
crate::lazy_page!(policies: guide => view! { <GuidePage /> });

/// Every route of the section.
pub fn routes() -> [Route; 8] {
    [
        Route::page("/policies", policies_home::page()),
        Route::page("/policies/match", policy_match::page()),
        Route::page("/policies/categories/new", category_editor::page()),
        Route::page("/policies/category/:id", category::page()),
        Route::page("/policies/category/:id/edit", category_editor::page()),
        Route::page("/policies/guides/new", guide_editor::page()),
        Route::page("/policies/guide/:id", guide::page()),
        Route::page("/policies/guide/:id/edit", guide_editor::page()),
    ]
}
