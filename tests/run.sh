#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (`.ci/run` calls this).
# On a fresh Debian machine of this project's kind (Rust toolchain present) it installs what it
# needs first, then checks formatting and lints, runs every test, and checks the shipped content.
set -euo pipefail
cd "$(dirname "$0")/.."

# rustfmt and clippy ship with the toolchain here; add them if a toolchain lacks them.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add rustfmt clippy
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked
echo "== httpref check (shipped content)"
cargo run --locked --release --quiet -- check
