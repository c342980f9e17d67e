#!/usr/bin/env bash
# The trend at scale on SNAP CollegeMsg (1,899 students, 59,835 timed
# messages, April to October 2004): convert it to a portfolio folder with an
# interactions.csv, then time `analyze trend` monthly over the whole span,
# with the SVG charts and the GEXF timeline (checked against the GEXF 1.3
# schema and NetworkX's read_gexf when scripts/.venv has networkx and lxml).
#
#   bash scripts/collegemsg_trend.sh [OUT_DIR]   (default /tmp/collegemsg)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/collegemsg}
mkdir -p "$out"
python3 scripts/collegemsg_to_interactions.py --out "$out/portfolio"
cargo build --release --example analyze --quiet
analyze=target/release/examples/analyze
start=$(date +%s.%N)
"$analyze" trend --portfolio "$out/portfolio" --from 2004-04-30 --to 2004-10-31 --every month \
  --charts "$out/charts" --gexf "$out/timeline.gexf" | tee "$out/trend.txt"
end=$(date +%s.%N)
echo "analyze trend (7 month ends, 59,835 messages): $(echo "$end - $start" | bc) s wall; load: $(uptime | sed 's/.*load average: //')"
if [ -x scripts/.venv/bin/python ]; then
  scripts/.venv/bin/python scripts/check_timeline_gexf.py "$out/timeline.gexf"
fi
