//! Storage errors in plain words. rexie errors carry `JsValue`s, which are
//! turned into text here, at the store's boundary.

use domain::lang::Text;
use thiserror::Error;

/// Why the local store could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub enum StoreError {
    /// The device is out of space for this site.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// IndexedDB is unavailable (private browsing, blocked by settings, or
    /// another tab holds an old version open).
    #[error("local storage unavailable: {0}")]
    Unavailable(String),
    /// Stored data could not be read back (written by an incompatible version).
    #[error("stored data unreadable: {0}")]
    Corrupt(String),
    /// A transaction was aborted or another IndexedDB failure.
    #[error("local storage error: {0}")]
    Other(String),
}

/// Result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// What the user should read: what happened and what to do.
    pub fn user_message(&self) -> Text {
        match self {
            StoreError::QuotaExceeded => Text::new(
                "设备存储空间不足，刚才的内容没有保存。请删除不用的照片或清理浏览器存储后重试；已保存的数据不受影响。",
                "This device is out of storage space, so the last change was not saved. Remove unneeded photos or free browser storage and try again; data saved earlier is safe.",
            ),
            StoreError::Unavailable(_) => Text::new(
                "无法使用本机存储（可能处于无痕模式，或另一个窗口正在使用旧版本）。请关闭其他窗口或退出无痕模式后刷新。",
                "Local storage is unavailable (private browsing, or another window uses an older version). Close other windows or leave private mode, then reload.",
            ),
            StoreError::Corrupt(_) => Text::new(
                "本机数据无法读取。请到“同步与状态”页导出备份并联系管理员。",
                "Local data could not be read. Export a backup from the Sync page and contact the administrator.",
            ),
            StoreError::Other(_) => Text::new(
                "本机存储出错，刚才的内容没有保存，请重试。",
                "Local storage failed and the last change was not saved. Please try again.",
            ),
        }
    }
}

impl From<rexie::Error> for StoreError {
    fn from(err: rexie::Error) -> Self {
        classify(&err.to_string())
    }
}

/// Sorts an IndexedDB failure by the DOMException name in its text.
pub(crate) fn classify(text: &str) -> StoreError {
    if text.contains("QuotaExceeded") || text.to_ascii_lowercase().contains("quota") {
        StoreError::QuotaExceeded
    } else if text.contains("InvalidStateError")
        || text.contains("VersionError")
        || text.contains("UnknownError")
    {
        StoreError::Unavailable(text.to_owned())
    } else {
        StoreError::Other(text.to_owned())
    }
}
