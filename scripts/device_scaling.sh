#!/usr/bin/env bash
# Thread scaling of the heavy kernels, for a many-core machine with no network:
# exact and approximate betweenness and the load of a 1M-contact portfolio at
# 1, 2, 4, 8 and 16 threads, with a check that every thread count gives the
# same bits. Needs only the Rust toolchain (dependencies already fetched, or
# vendored) and the shared data folder; no Python.
#
#   scripts/device_scaling.sh                 # threads 1 2 4 8 16
#   THREADS="1 2" scripts/device_scaling.sh   # a quick check on a small machine
#   DATA=/path/to/shared/data SKIP_1M=1 scripts/device_scaling.sh
#
# About 3 to 5 minutes on a 16-core machine after the release build (which
# runs first and is not timed). Prints one line per cell (seconds are wall
# time of the whole command, the graph's loading included, best of 1) and
# exits non-zero if any result differs between thread counts.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-../shared/data}
THREADS=${THREADS:-"1 2 4 8 16"}
OUT=$(mktemp -d /tmp/salesnet-scaling.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

echo "== build (release, not timed)"
cargo build --release --offline --example analyze --example stage_scale 2>&1 | tail -n 1
BIN=target/release/examples
echo "== machine: $(nproc) cores; $(uptime)"

timed() { # timed FILE COMMAND...: runs COMMAND > FILE, prints its wall seconds
    local file=$1 start end
    shift
    start=$(date +%s.%N)
    "$@" > "$file"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

failed=0
same() { # same NAME FILE: compares FILE with the first thread count's
    local first="$OUT/$1-first"
    if [ ! -e "$first" ]; then
        cp "$2" "$first"
        echo "reference"
    elif cmp -s "$first" "$2"; then
        echo "bit-identical"
    else
        echo "DIFFERS"
        failed=1
    fi
}

cell() { # cell NAME EDGES THREADS EXTRA-ARGS...: betweenness of every node, full precision
    local name=$1 edges=$2 t=$3
    shift 3
    local file="$OUT/$name-$t.csv" s
    if ! s=$(timed "$file" "$BIN/analyze" metrics --edges "$edges" --measures betweenness --threads "$t" \
        --format csv "$@") || [ ! -s "$file" ]; then
        printf '%-34s threads %2s  FAILED\n' "$name" "$t"
        failed=1
        return
    fi
    printf '%-34s threads %2s  %8s s  %s\n' "$name" "$t" "$s" "$(same "$name" "$file")"
}

echo "== exact betweenness (unweighted)"
for t in $THREADS; do cell exact-email-eu-core "$DATA/email-eu-core/edges.csv" "$t" --self-loops drop \
    --duplicates first; done
for t in $THREADS; do cell exact-snap-ca-hepth "$DATA/snap-ca-hepth/edges.csv.gz" "$t" --self-loops drop \
    --duplicates first; done
echo "== approximate betweenness (eps 0.01, delta 0.1, seed 0)"
for t in $THREADS; do cell approx-fb100-cornell5 "$DATA/fb100-cornell5/edges.csv.gz" "$t" --approx 0.01; done

if [ -z "${SKIP_1M:-}" ]; then
    echo "== a million contacts: generate once (not timed per thread), then load + every stage report"
    "$BIN/analyze" generate --contacts 1000000 --as-of 2025-01-01 --out "$OUT/p1m" > /dev/null
    for t in $THREADS; do
        if ! RAYON_NUM_THREADS=$t "$BIN/stage_scale" "$OUT/p1m" 2025-01-01 > "$OUT/scale-$t.json" 2> "$OUT/scale-$t.err"; then
            echo "1M contacts, threads $t: FAILED"; cat "$OUT/scale-$t.err"; failed=1; continue
        fi
        load=$(grep -o '"load":[0-9.e+-]*' "$OUT/scale-$t.json" | cut -d: -f2)
        total=$(awk -F': ' '/ s$/ { sub(/ s$/, "", $2); t += $2 } END { printf "%.2f", t }' "$OUT/scale-$t.err")
        # The figures (sizes, densities) must not depend on the thread count.
        grep -o '"figures":{[^}]*}' "$OUT/scale-$t.json" | sed 's/"peak_rss_bytes":[0-9.e+]*//' > "$OUT/figures-$t"
        printf '%-34s threads %2s  load %6.2f s, every step %6s s  %s\n' "1M contacts (stage_scale)" "$t" \
            "$load" "$total" "$(same figures-1m "$OUT/figures-$t")"
    done
fi

if [ "$failed" -ne 0 ]; then
    echo "FAILED: some results differ between thread counts"
    exit 1
fi
echo "OK: every result bit-identical across threads $THREADS"
