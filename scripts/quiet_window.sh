#!/bin/bash
# Quiet-window measurements of 2026-11-27 (integ build): goal 3 load and reports, infer 10M, weighted betweenness.
# Kept as it was run on 2026-11-27 (BENCHMARKS.md, "The quiet window of 2026-11-27"): the /tmp paths
# are that machine's (the 1M portfolio from `analyze generate --contacts 1000000 --as-of 2025-01-01`,
# the logs from benches/infer.rs with SALESNET_INFER_WRITE; the load's before-binary built from 2aabcc2,
# the infer one the build of the third pass).
I=/work/wt/integ; B=$I/target/release/examples
T='  user=%U sys=%S wall=%e rss_kb=%M'
ld() { cut -d' ' -f1-3 /proc/loadavg; }
INFER_AFTER=$(ls -t $I/target/release/deps/infer-* | grep -v '\.d$' | head -1)
echo "start $(date -u +%H:%M:%S) load $(ld) commit $(git -C $I rev-parse --short HEAD) infer bench $INFER_AFTER"
for i in 1 2 3; do
  for which in before after; do
    bin=$B/stage_scale; [ $which = before ] && bin=/tmp/load16-before/stage_scale
    echo "load only, 2 threads, $which run $i, load $(ld)"
    RAYON_NUM_THREADS=2 /usr/bin/time -f "$T" $bin /tmp/perf-p1m-new 2025-01-01 load 2>&1 | grep -v '^{' | tail -4
  done
done
for i in 1 2; do
  echo "load + every report, 2 threads, run $i, load $(ld)"
  RAYON_NUM_THREADS=2 /usr/bin/time -f "$T" $B/stage_scale /tmp/perf-p1m-new 2025-01-01 2>&1 | tail -20
done
for i in 1 2 3; do
  for which in before after; do
    bin=$INFER_AFTER; [ $which = before ] && bin=/tmp/infer-after-memchr
    echo "infer 10M, $which run $i, load $(ld)"
    RAYON_NUM_THREADS=1 SALESNET_INFER_FILE=/tmp/h10m.csv /usr/bin/time -f "$T" $bin 2>&1 | tail -6
  done
done
echo "peers, load $(ld)"
cd $I && timeout 900 scripts/.venv-peers/bin/python scripts/compare_peers.py --lean --no-build --graphs ba4k,ba10k,hepth,eucore --tasks betweenness,wbetweenness --threads 1 --repeats 3 --out /tmp/quiet2-peers.json --plots /tmp/quiet2-plots 2>&1 | grep -E "^\[|^\| (exact|weighted)|max_abs"
echo "end $(date -u +%H:%M:%S) load $(ld)"
