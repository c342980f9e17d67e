#!/usr/bin/env sh
# The thread curve of exact betweenness: runs `analyze metrics --measures betweenness` with
# 1, 2, 4, 8 and 16 threads (or the counts given after the edge list), REPEATS times each (default 3),
# and prints the best time, the speedup over 1 thread and the parallel efficiency.
# Needs only a POSIX shell and the prebuilt binary (no Python):
#
#   cargo build --release --example analyze
#   scripts/thread_curve.sh target/release/examples/analyze target/bench-graphs/ba10k.csv [1 2 4 8 16]
#
# Environment: REPEATS (default 3), MEASURE (default betweenness; e.g. "effective_size,constraint"),
# EXTRA (more `analyze metrics` flags, e.g. "--approx 0.01 --delta 0.1 --seed 1").
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 ANALYZE_BINARY EDGES.csv [THREADS ...]" >&2
    exit 2
fi
bin=$1
edges=$2
shift 2
threads=${*:-1 2 4 8 16}
repeats=${REPEATS:-3}
measure=${MEASURE:-betweenness}
extra=${EXTRA:-}
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "# $measure on $edges, best of $repeats"
printf '%-8s %12s %9s %11s\n' threads seconds speedup efficiency
base=""
for t in $threads; do
    best=""
    i=0
    while [ "$i" -lt "$repeats" ]; do
        # shellcheck disable=SC2086
        out=$("$bin" metrics --edges "$edges" --measures "$measure" --threads "$t" --timings --json $extra)
        # The `timings` object holds {"measure": seconds, ...}: add its values up.
        secs=$(printf '%s' "$out" | sed 's/.*"timings":{\([^}]*\)}.*/\1/' | tr ',' '\n' | sed 's/.*://' |
            awk '{ s += $1 } END { printf "%.6f", s }')
        best=$(awk -v a="$best" -v b="$secs" 'BEGIN { if (a == "" || b < a) print b; else print a }')
        i=$((i + 1))
    done
    [ -z "$base" ] && base=$best
    awk -v t="$t" -v s="$best" -v b="$base" 'BEGIN { printf "%-8d %12.3f %8.2fx %10.0f%%\n", t, s, b / s, 100 * b / s / t }'
done
