//! Turning a chosen picture into a stored photo, in the browser: decode
//! (`createImageBitmap`), downscale on a canvas to at most
//! [`LONG_SIDE`] pixels on the long side, encode as JPEG (`toBlob`), hash
//! with SubtleCrypto's SHA-256 (no Rust hashing crate in the bundle) and
//! keep the bytes in the local store until the sync client uploads them.

use crate::i18n::t;
use crate::store::blobs;
use domain::records::{PhotoRef, MAX_PHOTO_BYTES};
use js_sys::{Function, Promise, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

/// Longest side of a stored photo, in pixels.
pub const LONG_SIDE: u32 = 1600;

/// Sizes and JPEG qualities tried in turn until the photo fits
/// [`MAX_PHOTO_BYTES`]; a 1600 px photo at 0.82 is usually 200–600 KB.
const LADDER: [(u32, f64); 4] = [
    (LONG_SIDE, 0.82),
    (LONG_SIDE, 0.7),
    (1280, 0.7),
    (1024, 0.6),
];

/// Why a picture could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoError {
    /// The browser cannot read it (not an image, or a format it lacks).
    Decode,
    /// Encoding or reading the JPEG failed.
    Encode,
    /// Still too large at the smallest size.
    TooLarge,
    /// The record already has the most photos allowed.
    TooMany,
    /// SubtleCrypto needs a secure (https or localhost) page.
    Insecure,
    /// The local store refused it (full, or blocked).
    Store,
}

impl PhotoError {
    /// The problem in plain words.
    pub fn message(self) -> Signal<&'static str> {
        match self {
            PhotoError::Decode => t(
                "无法读取这张图片，请换一张 JPEG 或 PNG 照片。",
                "This picture cannot be read; please choose a JPEG or PNG photo.",
            ),
            PhotoError::Encode => t(
                "处理照片时出错，请重试。",
                "Processing the photo failed; please try again.",
            ),
            PhotoError::TooLarge => t(
                "照片压缩后仍超过 2 MB，请换一张。",
                "The photo is still over 2 MB after compression; please choose another.",
            ),
            PhotoError::TooMany => t(
                "照片已达上限（20 张），其余未添加。",
                "The limit of 20 photos is reached; the rest were not added.",
            ),
            PhotoError::Insecure => t(
                "当前页面不是安全连接（HTTPS），无法处理照片。",
                "This page is not on a secure (HTTPS) connection, so photos cannot be processed.",
            ),
            PhotoError::Store => t(
                "本机存储空间不足，照片未能保存。",
                "The device storage refused the photo (it may be full).",
            ),
        }
    }
}

/// The size that fits `long_side`, keeping the aspect ratio (never enlarges).
pub fn fit(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side || long == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(long_side) / f64::from(long);
    let w = (f64::from(width) * scale).round().max(1.0) as u32;
    let h = (f64::from(height) * scale).round().max(1.0) as u32;
    (w, h)
}

async fn promised(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

async fn decode(file: &Blob) -> Result<ImageBitmap, PhotoError> {
    let promise = window()
        .create_image_bitmap_with_blob(file)
        .map_err(|_| PhotoError::Decode)?;
    promised(promise)
        .await
        .ok()
        .and_then(|v| v.dyn_into::<ImageBitmap>().ok())
        .ok_or(PhotoError::Decode)
}

async fn encode(
    bitmap: &ImageBitmap,
    width: u32,
    height: u32,
    quality: f64,
) -> Result<Vec<u8>, PhotoError> {
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|_| PhotoError::Encode)?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or(PhotoError::Encode)?
        .unchecked_into();
    // JPEG has no transparency: paint white, not black, behind a PNG.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(
        bitmap,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )
    .map_err(|_| PhotoError::Encode)?;
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if canvas
            .to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &JsValue::from_f64(quality),
            )
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let blob: Blob = promised(promise)
        .await
        .ok()
        .and_then(|v| v.dyn_into().ok())
        .ok_or(PhotoError::Encode)?;
    let buffer = promised(blob.array_buffer())
        .await
        .map_err(|_| PhotoError::Encode)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Lower-case hex SHA-256, by the browser's SubtleCrypto.
pub async fn sha256_hex(bytes: &[u8]) -> Result<String, PhotoError> {
    if !window().is_secure_context() {
        return Err(PhotoError::Insecure);
    }
    let subtle = window()
        .crypto()
        .map_err(|_| PhotoError::Insecure)?
        .subtle();
    let promise = subtle
        .digest_with_str_and_u8_array("SHA-256", bytes)
        .map_err(|_| PhotoError::Insecure)?;
    let digest = promised(promise).await.map_err(|_| PhotoError::Encode)?;
    Ok(Uint8Array::new(&digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Downscales, encodes, hashes and stores one picture.
pub async fn add_photo(file: &Blob) -> Result<PhotoRef, PhotoError> {
    let bitmap = decode(file).await?;
    let (w0, h0) = (bitmap.width(), bitmap.height());
    let mut result = Err(PhotoError::TooLarge);
    for (long_side, quality) in LADDER {
        let (w, h) = fit(w0, h0, long_side);
        let bytes = encode(&bitmap, w, h, quality).await?;
        if bytes.len() <= MAX_PHOTO_BYTES as usize {
            result = Ok((bytes, w, h));
            break;
        }
    }
    bitmap.close();
    let (bytes, width, height) = result?;
    let sha256 = sha256_hex(&bytes).await?;
    blobs::put(&sha256, "image/jpeg", &bytes)
        .await
        .map_err(|_| PhotoError::Store)?;
    Ok(PhotoRef {
        sha256,
        bytes: bytes.len() as u32,
        width,
        height,
        caption: String::new(),
    })
}
