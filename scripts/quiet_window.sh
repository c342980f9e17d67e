#!/bin/bash
# Quiet-window measurements (BENCHMARKS.md, "The quiet window of 2026-11-27" and "The second quiet
# window of 2026-11-27"): goal 3 load and reports, infer on 10M rows, exact betweenness unweighted
# and weighted beside igraph. Run it on a machine with nothing else running, from a release build:
#
#     cargo build --release --example analyze --example stage_scale && cargo bench --bench infer --no-run
#     LOAD_BEFORE=... INFER_BEFORE=... WB_BEFORE=... bash scripts/quiet_window.sh > LOG 2>&1
#
# The inputs are made once: the 1M portfolio by `analyze generate --contacts 1000000 --as-of
# 2025-01-01` into PORTFOLIO, the 10M-row log by benches/infer.rs with SALESNET_INFER_WRITE into
# LOG10M. The "before" binaries are builds of an earlier commit (stage_scale, the infer bench,
# analyze), run interleaved with this build's so that each pair shares the machine's state.
I=$(cd "$(dirname "$0")/.." && pwd); B=$I/target/release/examples
PORTFOLIO=${PORTFOLIO:-/tmp/perf-p1m-new}
LOG10M=${LOG10M:-/tmp/h10m.csv}
LOAD_BEFORE=${LOAD_BEFORE:?a stage_scale built from the commit to compare with}
INFER_BEFORE=${INFER_BEFORE:?an infer bench binary built from the commit to compare with}
WB_BEFORE=${WB_BEFORE:?an analyze built from the commit to compare with}
OUT=${OUT:-/tmp/quiet-window}
mkdir -p "$OUT"
T='  user=%U sys=%S wall=%e rss_kb=%M'
ld() { cut -d' ' -f1-3 /proc/loadavg; }
INFER_AFTER=$(ls -t "$I"/target/release/deps/infer-* | grep -v '\.d$' | head -1)
echo "start $(date -u +%H:%M:%S) load $(ld) commit $(git -C "$I" rev-parse --short HEAD) infer bench $INFER_AFTER"
for i in 1 2 3; do
  for which in before after; do
    bin=$B/stage_scale; [ $which = before ] && bin=$LOAD_BEFORE
    echo "load only, 2 threads, $which run $i, load $(ld)"
    RAYON_NUM_THREADS=2 /usr/bin/time -f "$T" "$bin" "$PORTFOLIO" 2025-01-01 load 2>&1 | grep -v '^{' | tail -4
  done
done
for i in 1 2; do
  for which in before after; do
    bin=$B/stage_scale; [ $which = before ] && bin=$LOAD_BEFORE
    echo "load + every report, 2 threads, $which run $i, load $(ld)"
    RAYON_NUM_THREADS=2 /usr/bin/time -f "$T" "$bin" "$PORTFOLIO" 2025-01-01 2>&1 | tail -20
  done
done
for i in 1 2 3; do
  for which in before after; do
    bin=$INFER_AFTER; [ $which = before ] && bin=$INFER_BEFORE
    echo "infer 10M, $which run $i, load $(ld)"
    RAYON_NUM_THREADS=1 SALESNET_INFER_FILE=$LOG10M /usr/bin/time -f "$T" "$bin" 2>&1 | tail -6
  done
done
echo "peers, load $(ld)"
cd "$I" && timeout 900 scripts/.venv-peers/bin/python scripts/compare_peers.py --lean --no-build \
  --graphs ba4k,ba10k,hepth,eucore --tasks betweenness,wbetweenness --threads 1 --repeats 3 \
  --baseline "$WB_BEFORE" --out "$OUT/peers.json" --plots "$OUT/plots" 2>&1 | grep -E "^\[|^\| (exact|weighted)|max_abs"
echo "weighted betweenness by CPU, load $(ld)"
scripts/.venv-peers/bin/python scripts/wbetweenness_cpu.py target/bench-graphs/ba4k.csv 5 "$WB_BEFORE" "$B/analyze" 2>&1 | tail -12
echo "end $(date -u +%H:%M:%S) load $(ld)"
