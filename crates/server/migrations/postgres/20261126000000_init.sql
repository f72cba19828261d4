-- 通济通 server schema (PostgreSQL). Keep in step with ../sqlite/ (same file names).
-- Times are milliseconds since the Unix epoch; ids are UUID text; record data is
-- JSON text (TEXT, not JSONB, so it is returned exactly as stored).

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE login_attempts (
    id       BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL,
    ip       TEXT NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- The changes feed: the latest version of every record, one row each, whose
-- seq is bumped on every change. Writers hold a transaction-scoped advisory
-- lock from taking a seq to commit, so commits happen in seq order.
CREATE TABLE records (
    collection TEXT NOT NULL,
    id         TEXT NOT NULL,
    rev        BIGINT NOT NULL,
    seq        BIGINT NOT NULL UNIQUE,
    updated_at BIGINT NOT NULL,
    deleted    BOOLEAN NOT NULL,
    data       TEXT,
    PRIMARY KEY (collection, id)
);

-- Every version ever stored, so a stale push can be merged against the
-- version the device started from.
CREATE TABLE record_versions (
    collection TEXT NOT NULL,
    id         TEXT NOT NULL,
    rev        BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted    BOOLEAN NOT NULL,
    data       TEXT,
    PRIMARY KEY (collection, id, rev)
);

-- Mutations that changed (or were applied to) a record, for idempotent retries.
CREATE TABLE mutations (
    mutation_id TEXT PRIMARY KEY,
    collection  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    status      TEXT NOT NULL,
    rev         BIGINT,
    applied_at  BIGINT NOT NULL
);

CREATE TABLE blobs (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    data         BYTEA NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
