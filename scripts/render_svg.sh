#!/usr/bin/env bash
# Renders an SVG or HTML file to PNG with headless Chromium (Debian's
# `chromium` package: apt-get install -y chromium), to look at a drawing.
#
# Usage: scripts/render_svg.sh INPUT.svg|INPUT.html [OUTPUT.png] [WIDTHxHEIGHT]
# OUTPUT defaults to INPUT with .png; the window defaults to 1400x1000, the
# drawings' default canvas.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
    echo "usage: $0 INPUT.svg|INPUT.html [OUTPUT.png] [WIDTHxHEIGHT]" >&2
    exit 2
fi
input=$(realpath "$1")
output=${2:-${input%.*}.png}
size=${3:-1400x1000}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$(realpath -m "$output")" --window-size="${size/x/,}" "file://$input" >/dev/null 2>&1
echo "$output"
