//! The shared photo pipeline against the real browser APIs: SubtleCrypto
//! hashing, and a picture decoded, downscaled, encoded and stored.

use js_sys::{Function, Promise};
use tongji_app::store::blobs;
use tongji_app::ui::photos::{add_photo, fit, sha256_hex, LONG_SIDE};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement};

#[wasm_bindgen_test]
async fn sha256_comes_from_subtle_crypto() {
    assert_eq!(
        sha256_hex(b"abc").await.unwrap(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b"").await.unwrap(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[wasm_bindgen_test]
fn photos_fit_the_long_side_without_enlarging() {
    assert_eq!(fit(2400, 1800, LONG_SIDE), (1600, 1200));
    assert_eq!(fit(1200, 4000, LONG_SIDE), (480, 1600));
    assert_eq!(fit(800, 600, LONG_SIDE), (800, 600));
    assert_eq!(fit(1600, 1600, LONG_SIDE), (1600, 1600));
}

/// A PNG as a file picker would hand it over.
async fn png(width: u32, height: u32) -> Blob {
    let canvas: HtmlCanvasElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.set_fill_style_str("#0b5cad");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height) / 2.0);
    let promise = Promise::new(&mut |resolve: Function, _reject: Function| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            resolve.call1(&JsValue::NULL, &blob).unwrap();
        });
        canvas.to_blob(done.unchecked_ref()).unwrap();
    });
    JsFuture::from(promise).await.unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_large_picture_is_downscaled_encoded_and_stored_by_its_hash() {
    let photo = add_photo(&png(3000, 1000).await).await.unwrap();
    assert_eq!((photo.width, photo.height), (1600, 533));
    let stored = blobs::get_blob(&photo.sha256)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(stored.mime, "image/jpeg");
    assert!(!stored.uploaded);
    assert_eq!(stored.bytes.len(), photo.bytes as usize);
    assert_eq!(&stored.bytes[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    assert_eq!(sha256_hex(&stored.bytes).await.unwrap(), photo.sha256);
    assert!(blobs::pending_uploads()
        .await
        .unwrap()
        .contains(&photo.sha256));
}

#[wasm_bindgen_test]
async fn something_that_is_not_a_picture_is_refused() {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"not an image"[..]));
    let blob = Blob::new_with_u8_array_sequence(&parts).unwrap();
    assert_eq!(
        add_photo(&blob).await.unwrap_err(),
        tongji_app::ui::photos::PhotoError::Decode
    );
}
