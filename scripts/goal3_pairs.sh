#!/bin/bash
# Issue 16, goal 3: the 1M-contact load alone (5 pairs) and load + every stage report (3 pairs),
# a "before" and an "after" stage_scale binary alternating, 2 threads (BENCHMARKS.md, "Goal 3,
# sixth pass"). Run it on a machine with nothing else running:
#
#     cargo build --release --example stage_scale
#     BEFORE=/tmp/stage_scale-<commit> bash scripts/goal3_pairs.sh > LOG 2>&1
#
# PORTFOLIO is made once by `analyze generate --contacts 1000000 --as-of 2025-01-01`; each whole
# run's figures and step times go to OUT/<before|after>-<i>.json (every figure but the peak must
# agree between the two builds).
I=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=${BEFORE:?a stage_scale built from the commit to compare with}
AFTER=${AFTER:-$I/target/release/examples/stage_scale}
PORTFOLIO=${PORTFOLIO:-/tmp/perf-p1m-new}
OUT=${OUT:-/tmp/goal3}
mkdir -p "$OUT"
T='user=%U sys=%S wall=%e rss_kb=%M'
ld() { cut -d' ' -f1-3 /proc/loadavg; }
echo "start $(date -u +%H:%M:%S) load $(ld) commit $(git -C "$I" rev-parse --short HEAD)"
for i in 1 2 3 4 5; do
  for w in before after; do
    b=$AFTER; [ $w = before ] && b=$BEFORE
    echo "load only $w $i, loadavg $(ld): $(RAYON_NUM_THREADS=2 /usr/bin/time -f "$T" "$b" "$PORTFOLIO" 2025-01-01 load 2>&1 | grep -E '^load:|user=' | tr '\n' ' ')"
  done
done
for i in 1 2 3; do
  for w in before after; do
    b=$AFTER; [ $w = before ] && b=$BEFORE
    RAYON_NUM_THREADS=2 /usr/bin/time -f "$T" "$b" "$PORTFOLIO" 2025-01-01 > "$OUT/$w-$i.json" 2> "$OUT/$w-$i.err"
    echo "load + every report $w $i, loadavg $(ld): $(grep -E '^load:|user=' "$OUT/$w-$i.err" | tr '\n' ' ')"
  done
done
echo "end $(date -u +%H:%M:%S) load $(ld)"
