//! Photos attached to a record (visit photos, project progress photos): a
//! picker that takes pictures from the camera or the files, and thumbnails.
//!
//! Unlike the rest of `ui/`, these components reach the local store and the
//! sync client: a photo is only a [`PhotoRef`] (its SHA-256 and size) in the
//! record, and its bytes live in `store::blobs` until uploaded, so showing
//! or adding one needs them. The picker stores the downscaled JPEG locally
//! (see `process.rs`); a thumbnail reads the local bytes, or downloads them
//! with `sync::photo` when another device took the photo.

mod process;

pub use process::{add_photo, fit, sha256_hex, PhotoError, LONG_SIDE};

use crate::i18n::{t, use_lang};
use crate::query::Query;
use crate::sync;
use domain::lang::Lang;
use domain::records::{PhotoRef, MAX_PHOTOS};
use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlInputElement, Url};

/// An object URL for some image bytes (revoked by the caller).
fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

/// What a thumbnail can show.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// An object URL of the bytes.
    Url(String),
    /// Neither on the device nor reachable now.
    Missing,
}

/// One photo's thumbnail, linking to the full picture.
#[component]
fn PhotoThumb(
    /// The photo.
    photo: PhotoRef,
    /// Its position (for the accessible name).
    index: usize,
) -> impl IntoView {
    let lang = use_lang();
    let sha = photo.sha256.clone();
    let source = Query::new(move || {
        let sha = sha.clone();
        async move {
            match sync::photo(&sha).await {
                Ok(Some(blob)) => {
                    object_url(&blob.bytes, &blob.mime).map_or(Source::Missing, Source::Url)
                }
                _ => Source::Missing,
            }
        }
    });
    // Revoke the object URL when the thumbnail goes away.
    let url = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Source::Url(u)) = source.get() {
            url.set_value(Some(u));
        }
    });
    on_cleanup(move || {
        if let Some(u) = url.try_get_value().flatten() {
            let _ = Url::revoke_object_url(&u);
        }
    });
    let size = format!("{}×{}", photo.width, photo.height);
    let caption = photo.caption.trim().to_owned();
    let alt = Signal::derive(move || match (lang.get(), caption.is_empty()) {
        (Lang::Zh, true) => format!("照片 {}", index + 1),
        (Lang::En, true) => format!("Photo {}", index + 1),
        (_, false) => caption.clone(),
    });
    move || match source.get() {
        None => view! { <span class="photo__placeholder">{t("正在加载…", "Loading…")}</span> }
            .into_any(),
        Some(Source::Missing) => view! {
            <span class="photo__placeholder" role="img" aria-label=alt>
                {t("照片尚未下载（需联网）", "Photo not downloaded yet (needs a connection)")}
            </span>
        }
        .into_any(),
        Some(Source::Url(u)) => {
            let href = u.clone();
            view! {
                <a class="photo__link" href=href target="_blank" rel="noopener">
                    <img class="photo__img" src=u alt=alt data-size=size.clone() />
                </a>
            }
            .into_any()
        }
    }
}

/// Read-only thumbnails of some photos.
#[component]
pub fn PhotoGallery(
    /// The photos.
    #[prop(into)]
    photos: Signal<Vec<PhotoRef>>,
) -> impl IntoView {
    move || {
        let list = photos.get();
        if list.is_empty() {
            return view! { <p class="muted">{t("没有照片。", "No photos.")}</p> }.into_any();
        }
        view! {
            <ul class="photos" data-testid="photos">
                {list
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| view! { <li class="photo"><PhotoThumb photo=p index=i /></li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// Adds photos from the camera or the files, shows them with a remove
/// button and a caption input each.
#[component]
pub fn PhotoPicker(
    /// The record's photos.
    photos: RwSignal<Vec<PhotoRef>>,
    /// Text of the pick button.
    #[prop(into)]
    label: Signal<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let (busy, set_busy) = signal(0usize);
    let (error, set_error) = signal(None::<PhotoError>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        // Let the same picture be chosen again later.
        input.set_value("");
        if files.is_empty() {
            return;
        }
        set_error.set(None);
        set_busy.update(|n| *n += files.len());
        spawn_local(async move {
            for file in files {
                if photos.with_untracked(Vec::len) >= MAX_PHOTOS {
                    set_error.set(Some(PhotoError::TooMany));
                    set_busy.set(0);
                    break;
                }
                match process::add_photo(&file).await {
                    Ok(photo) => photos.update(|list| {
                        if !list.iter().any(|p| p.sha256 == photo.sha256) {
                            list.push(photo);
                        }
                    }),
                    Err(e) => set_error.set(Some(e)),
                }
                set_busy.update(|n| *n = n.saturating_sub(1));
            }
        });
    };
    let full = move || photos.with(Vec::len) >= MAX_PHOTOS;
    view! {
        <div class="photo-picker">
            <label class="button button--secondary photo-picker__button" class:photo-picker__button--disabled=full>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
                </svg>
                <span>{label}</span>
                <input
                    class="visually-hidden"
                    type="file"
                    accept="image/*"
                    capture="environment"
                    multiple
                    disabled=full
                    on:change=on_change
                />
            </label>
            <p class="field__hint" role="status" aria-live="polite">
                {move || {
                    let (n, count) = (busy.get(), photos.with(Vec::len));
                    match (lang.get(), n) {
                        (Lang::Zh, 0) => format!("已添加 {count} 张，最多 {MAX_PHOTOS} 张；照片会压缩到长边 1600 像素"),
                        (Lang::En, 0) => format!("{count} added, at most {MAX_PHOTOS}; photos are scaled to 1600 px"),
                        (Lang::Zh, n) => format!("正在处理 {n} 张照片…"),
                        (Lang::En, n) => format!("Processing {n} photo(s)…"),
                    }
                }}
            </p>
            {move || error.get().map(|e| view! { <p class="alert alert--error" role="alert">{e.message()}</p> })}
            <ul class="photos" data-testid="photo-picker-list">
                <For
                    each=move || photos.get().into_iter().enumerate()
                    key=|(_, p)| p.sha256.clone()
                    children=move |(i, p)| {
                        let sha = p.sha256.clone();
                        let sha_caption = p.sha256.clone();
                        let caption = move || {
                            photos.with(|l| l.iter().find(|x| x.sha256 == sha_caption).map(|x| x.caption.clone()).unwrap_or_default())
                        };
                        let sha_input = p.sha256.clone();
                        view! {
                            <li class="photo photo--editable">
                                <PhotoThumb photo=p index=i />
                                <label class="photo__caption">
                                    <span class="visually-hidden">{t("照片说明", "Caption")}</span>
                                    <input
                                        class="input"
                                        placeholder=move || t("说明（可选）", "Caption (optional)").get()
                                        maxlength="200"
                                        prop:value=caption
                                        on:input=move |ev| {
                                            let text = event_target_value(&ev);
                                            photos.update(|l| {
                                                if let Some(x) = l.iter_mut().find(|x| x.sha256 == sha_input) {
                                                    x.caption = text;
                                                }
                                            });
                                        }
                                    />
                                </label>
                                <button
                                    class="button button--secondary photo__remove"
                                    type="button"
                                    on:click=move |_| photos.update(|l| l.retain(|x| x.sha256 != sha))
                                >
                                    {t("移除", "Remove")}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}
