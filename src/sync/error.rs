//! Why a sync (or a login) did not succeed.

use crate::store::StoreError;
use domain::lang::{Lang, Text};
use thiserror::Error;

/// A failed sync step.
#[derive(Clone, Debug, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub enum SyncError {
    /// No connection (or the request did not complete). Retried with backoff.
    #[error("network: {0}")]
    Network(String),
    /// The server failed (5xx). Retried with backoff.
    #[error("server error {status}: {message}")]
    Server {
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// The session is missing, expired or revoked: log in again. The outbox is kept.
    #[error("login required")]
    Unauthorized,
    /// Too many login attempts.
    #[error("too many attempts")]
    RateLimited,
    /// The server refused the request (4xx other than 401/429).
    #[error("refused {status}: {message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// The local store failed.
    #[error("store: {0}")]
    Store(StoreError),
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

impl SyncError {
    /// Whether retrying later may help (network and server trouble).
    pub fn is_retryable(&self) -> bool {
        matches!(self, SyncError::Network(_) | SyncError::Server { .. })
    }

    /// A plain-words message for the status line.
    pub fn message(&self, lang: Lang) -> String {
        let text = match self {
            SyncError::Network(_) => Text::new(
                "网络不通，稍后自动重试。数据已安全保存在本机。",
                "No connection; will retry automatically. Your data is saved on this device.",
            ),
            SyncError::Server { .. } => Text::new(
                "服务器暂时出错，稍后自动重试。",
                "The server had a problem; will retry automatically.",
            ),
            SyncError::Unauthorized => Text::new(
                "登录已过期，请重新登录后同步。未同步的内容仍保留在本机。",
                "Your login has expired. Log in again to sync; unsynced work stays on this device.",
            ),
            SyncError::RateLimited => Text::new(
                "尝试次数过多，请 15 分钟后再试。",
                "Too many attempts; try again in 15 minutes.",
            ),
            SyncError::Refused { message, .. } => {
                return format!(
                    "{}{message}",
                    Text::new("服务器拒绝了请求：", "The server refused the request: ").get(lang)
                )
            }
            SyncError::Store(e) => return e.user_message().get(lang).to_owned(),
        };
        text.get(lang).to_owned()
    }
}
