//! Mounting the shell: Chinese by default, the language toggle remembered.

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn query(selector: &str) -> web_sys::HtmlElement {
    document()
        .query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
        .dyn_into()
        .expect("an HTML element")
}

#[wasm_bindgen_test]
async fn shell_mounts_in_chinese_and_toggles_to_english() {
    // The language is remembered in localStorage; start from the default.
    window().local_storage().unwrap().unwrap().clear().unwrap();
    leptos::mount::mount_to_body(tongji_app::App);
    tick().await;

    assert_eq!(query(".brand__name").text_content().unwrap(), "通济通");
    let lang = || document().document_element().unwrap().get_attribute("lang");
    assert_eq!(lang().as_deref(), Some("zh-CN"));
    assert_eq!(
        document()
            .query_selector_all(".nav__link")
            .unwrap()
            .length(),
        5
    );

    query("[data-testid=lang-toggle]").click();
    tick().await;
    assert_eq!(
        query(".brand__name").text_content().unwrap(),
        "Tongji Connect"
    );
    assert_eq!(lang().as_deref(), Some("en"));
    let stored = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("tongji.lang")
        .unwrap();
    assert_eq!(stored.as_deref(), Some("\"en\""));
}
