#!/usr/bin/env bash
# Regenerates content/libraries/*.tsv from the libraries' own sources at the pinned versions below.
# Nothing here is written by hand: each table comes from `httpref constants import`.
#
# Needs (paths may be overridden through the environment):
#   GIT_SPRING, GIT_RACK, GIT_SYMFONY  bare or normal git clones of spring-projects/spring-framework,
#                                      rack/rack and symfony/symfony (tags are read with `git show`);
#   DEBS                               a folder where the Debian/Ubuntu packages listed below were
#                                      unpacked with `dpkg -x PKG.deb $DEBS/<package>-<upstream version>`;
#   CARGO_REGISTRY_SRC                 the cargo registry source folder holding http-<version>/ (run
#                                      `cargo fetch` in a scratch crate depending on http =<version>).
# Usage: .github/scripts/import-constants.sh [SITE_ROOT]
set -euo pipefail
ROOT=${1:-.}
DEBS=${DEBS:-/tmp/consts-src/x}
GIT_SPRING=${GIT_SPRING:-spring-framework}
GIT_RACK=${GIT_RACK:-rack}
GIT_SYMFONY=${GIT_SYMFONY:-symfony}
CARGO_REGISTRY_SRC=${CARGO_REGISTRY_SRC:-$(ls -d "$HOME"/.cargo/registry/src/index.crates.io-*/ | head -1)}
HTTPREF=${HTTPREF:-cargo run --quiet --release --}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Checks out FILE at TAG from a git repository into $TMP; prints the path. Records the commit.
from_git() { # repo tag file name
  local out="$TMP/$4-$2"
  git -C "$1" show "$2:$3" > "$out"
  echo "$out"
}
commit_of() { git -C "$1" rev-parse "$2^{commit}"; }

# Python http.HTTPStatus: Lib/http/__init__.py as Debian and Ubuntu ship it.
$HTTPREF constants import --root "$ROOT" python \
  3.11="$DEBS/libpython3.11-stdlib-3.11.2/usr/lib/python3.11/http/__init__.py" \
  3.12="$DEBS/libpython3.12-stdlib-3.12.3/usr/lib/python3.12/http/__init__.py" \
  3.13="$DEBS/libpython3.13-stdlib-3.13.5/usr/lib/python3.13/http/__init__.py" \
  --origin "3.11=CPython 3.11.2, Lib/http/__init__.py, from Debian 12 package libpython3.11-stdlib 3.11.2-6+deb12u9" \
  --origin "3.12=CPython 3.12.3, Lib/http/__init__.py, from Ubuntu 24.04 package libpython3.12-stdlib 3.12.3-1" \
  --origin "3.13=CPython 3.13.5, Lib/http/__init__.py, from Debian 13 package libpython3.13-stdlib 3.13.5-2+deb13u5"

# Go net/http: src/net/http/status.go as Debian ships it.
$HTTPREF constants import --root "$ROOT" go \
  1.19="$DEBS/golang-1.19-src-1.19.8/usr/share/go-1.19/src/net/http/status.go" \
  1.24="$DEBS/golang-1.24-src-1.24.4/usr/share/go-1.24/src/net/http/status.go" \
  --origin "1.19=Go 1.19.8, src/net/http/status.go, from Debian 12 package golang-1.19-src 1.19.8-2" \
  --origin "1.24=Go 1.24.4, src/net/http/status.go, from Debian 13 package golang-1.24-src 1.24.4-1"

# Rust http crate: src/status.rs as published on crates.io.
args=(); origins=()
for v in 0.1.21 0.2.12 1.0.0 1.1.0 1.2.0 1.3.1 1.4.0 1.5.0; do
  args+=("$v=$CARGO_REGISTRY_SRC/http-$v/src/status.rs")
  origins+=(--origin "$v=crates.io http $v, src/status.rs (hyperium/http)")
done
$HTTPREF constants import --root "$ROOT" rust "${args[@]}" "${origins[@]}"

# .NET HttpStatusCode: the reference pack's documentation of System.Net.Primitives (one member
# per enum name, with "HTTP status NNN"), as Ubuntu's dotnet-targeting-pack packages ship it.
args=(); origins=()
for pkg in 6.0-6.0.136:6.0.36 7.0-7.0.119:7.0.19 8.0-8.0.34:8.0.34; do
  dir=${pkg%%:*}; ver=${pkg##*:}; major=${dir%%-*}
  args+=("$major=$DEBS/dotnet-targeting-pack-$dir/usr/lib/dotnet/packs/Microsoft.NETCore.App.Ref/$ver/ref/net$major/System.Net.Primitives.xml")
  origins+=(--origin "$major=Microsoft.NETCore.App.Ref $ver, ref/net$major/System.Net.Primitives.xml, from Ubuntu 22.04 package dotnet-targeting-pack-$major ${dir#*-}-0ubuntu1~22.04.1")
done
$HTTPREF constants import --root "$ROOT" dotnet "${args[@]}" "${origins[@]}"

# Spring HttpStatus: spring-web/src/main/java/org/springframework/http/HttpStatus.java at release tags.
F=spring-web/src/main/java/org/springframework/http/HttpStatus.java
args=(); origins=()
for t in v5.3.39 v6.0.4 v6.0.5 v6.2.19 v7.0.0 v7.0.9; do
  args+=("${t#v}=$(from_git "$GIT_SPRING" "$t" "$F" spring)")
  origins+=(--origin "${t#v}=spring-projects/spring-framework tag $t (commit $(commit_of "$GIT_SPRING" "$t")), $F")
done
$HTTPREF constants import --root "$ROOT" spring "${args[@]}" "${origins[@]}"

# Rack symbols (Rails): lib/rack/utils.rb at release tags.
F=lib/rack/utils.rb
args=(); origins=()
for t in v2.2.24 v3.0.18 v3.1.0 v3.2.7; do
  args+=("${t#v}=$(from_git "$GIT_RACK" "$t" "$F" rack)")
  origins+=(--origin "${t#v}=rack/rack tag $t (commit $(commit_of "$GIT_RACK" "$t")), $F")
done
$HTTPREF constants import --root "$ROOT" rails "${args[@]}" "${origins[@]}"

# Symfony Response::HTTP_*: src/Symfony/Component/HttpFoundation/Response.php at release tags.
F=src/Symfony/Component/HttpFoundation/Response.php
args=(); origins=()
for t in v4.4.51 v5.0.0 v5.4.44 v6.4.12 v7.1.5; do
  args+=("${t#v}=$(from_git "$GIT_SYMFONY" "$t" "$F" symfony)")
  origins+=(--origin "${t#v}=symfony/symfony tag $t (commit $(commit_of "$GIT_SYMFONY" "$t")), $F")
done
$HTTPREF constants import --root "$ROOT" symfony "${args[@]}" "${origins[@]}"
