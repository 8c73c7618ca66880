#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (`.ci/run` calls this).
# On a fresh Debian machine of this project's kind (Rust toolchain and Node.js present) it installs
# what it needs first: Debian's Chromium for the browser tests, Java for the Nu HTML Checker, and
# the npm packages pinned in tests/e2e/package-lock.json (playwright-core, axe-core, vnu-jar), and
# httplint (pinned below) in a venv under target/ for the checker's comparison. Then it checks formatting and lints, runs every Rust test, checks
# the shipped content, builds the site and runs the browser tests against it.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing $*: install it (as root: apt-get install $*)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# rustfmt and clippy ship with the toolchain here; add them if a toolchain lacks them.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add rustfmt clippy
fi
command -v node >/dev/null 2>&1 || apt_install nodejs npm
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v java >/dev/null 2>&1 || apt_install default-jre-headless
# httplint, which check.test.mjs runs on the checker's corpus; installed once, at this version.
HTTPLINT_VERSION=2026.10.4
export HTTPLINT_PYTHON="$PWD/target/httplint-venv/bin/python"
if ! "$HTTPLINT_PYTHON" -c "import importlib.metadata as m, sys; sys.exit(m.version('httplint') != '$HTTPLINT_VERSION')" 2>/dev/null; then
  python3 -m venv target/httplint-venv
  "$HTTPLINT_PYTHON" -m pip install --quiet "httplint==$HTTPLINT_VERSION"
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy (default features, then without the serve feature)"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --all-targets --no-default-features -- -D warnings
echo "== cargo doc (no warnings: broken or private links in the API docs fail)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --quiet
echo "== cargo test"
cargo test --locked
echo "== httpref check (shipped content)"
cargo run --locked --release --quiet -- check

echo "== browser tests (headless Chromium; serve.test.mjs runs target/release/httpref serve)"
site="$PWD/target/e2e-site"
cargo run --locked --release --quiet -- build --out "$site"
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
HTTPREF_SITE="$site" npm --prefix tests/e2e test
