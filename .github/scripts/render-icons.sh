#!/usr/bin/env bash
# Renders the installation icons in static/ from static/favicon.svg with headless Chromium:
#   icon-192.png, icon-512.png          the favicon as it is (rounded square)
#   icon-maskable-512.png               the mark inside the safe zone of a full-bleed square,
#                                       for launchers that cut icons to their own shape
# Usage: .github/scripts/render-icons.sh   (from the repository root; needs /usr/bin/chromium)
# The PNGs are committed; run this again after changing favicon.svg.
set -euo pipefail
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
svg=$(cat static/favicon.svg)

render() { # size, background, inner scale (percent), output
  cat >"$work/icon.html" <<HTML
<!doctype html><html><head><style>
html,body{margin:0;width:$1px;height:$1px;background:$2;overflow:hidden}
body{display:flex;align-items:center;justify-content:center}
svg{width:$3%;height:$3%;display:block}
</style></head><body>$svg</body></html>
HTML
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$work/profile" \
    --hide-scrollbars --force-device-scale-factor=1 --default-background-color=00000000 \
    --window-size="$1,$1" --screenshot="$4" "file://$work/icon.html" 2>/dev/null
}

render 192 transparent 100 static/icon-192.png
render 512 transparent 100 static/icon-512.png
# Maskable: the favicon's own blue to the edges, the mark within the central 80 %.
render 512 '#0a58ca' 80 static/icon-maskable-512.png
ls -l static/icon-*.png
