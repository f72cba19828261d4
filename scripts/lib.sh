# Shared shell helpers for scripts/setup, scripts/run, scripts/test, scripts/bench.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Everything comes from the registries; never let Trunk download a tool.
export TRUNK_OFFLINE=true
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Seconds since the script started, for timing notes.
SECONDS=0
elapsed() { printf '%dm%02ds' $((SECONDS / 60)) $((SECONDS % 60)); }

# The wasm-bindgen version pinned in Cargo.lock (the CLI must match exactly).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Builds the release bundle into dist/.
build_app() {
  say "Building the app (release, wasm)"
  (cd "$ROOT" && cargo fetch --locked -q && trunk build --release --offline) || return 1
}

# Builds the server (release).
build_server() {
  say "Building tongji-server (release)"
  (cd "$ROOT" && cargo build --release --locked -p tongji-server) || return 1
}
