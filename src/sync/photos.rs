//! Photos for display: from the device when there, otherwise downloaded
//! (staff only) and kept for offline viewing.

use super::error::SyncError;
use super::{session, transport};
use crate::store::blobs::{self, StoredBlob};

/// The photo with this hash, fetching it from the server when the device
/// does not have it yet. `None` when it is neither here nor reachable.
pub async fn photo(sha256: &str) -> Result<Option<StoredBlob>, SyncError> {
    if let Some(blob) = blobs::get_blob(sha256).await? {
        return Ok(Some(blob));
    }
    let Some(session) = session::active().await? else {
        return Ok(None);
    };
    let bytes = transport::download_blob(sha256, &session.token).await?;
    blobs::put(sha256, "image/jpeg", &bytes).await?;
    blobs::mark_uploaded(sha256).await?;
    Ok(blobs::get_blob(sha256).await?)
}
