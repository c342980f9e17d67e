#!/usr/bin/env bash
# Measures how large the pictures' smallest labels render in an HTML report
# at a window width (default 1600 px), with headless Chromium: for each
# embedded SVG its shown width, its scale and its smallest label in px.
#
# Usage: scripts/measure_labels.sh REPORT.html [WIDTH]
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 REPORT.html [WIDTH]" >&2
    exit 2
fi
report=$(realpath "$1")
width=${2:-1600}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$report" "$work/report.html"
sed "s/width:1600px/width:${width}px/" "$(dirname "$0")/measure_labels.html" >"$work/measure.html"
"$browser" --headless --no-sandbox --disable-gpu --allow-file-access-from-files --user-data-dir="$work/profile" \
    --virtual-time-budget=5000 --dump-dom "file://$work/measure.html" 2>/dev/null |
    sed -n '/<pre id="out">/,/<\/pre>/p' | sed 's/<[^>]*>//g'
