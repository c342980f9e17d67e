#!/bin/bash
# Issue 12: `infer` throughput on one core, a "before" and an "after" bench binary alternating, one
# process at a time (BENCHMARKS.md, "`infer` throughput, sixth pass"). Run it on a machine with
# nothing else running:
#
#     SALESNET_INFER_ROWS=10000000 SALESNET_INFER_WRITE=/tmp/h10m.csv cargo bench --bench infer
#     cargo bench --bench infer --no-run     # prints the bench binary's path
#     BEFORE=/tmp/infer-<commit> AFTER=target/release/deps/infer-<hash> bash scripts/infer_pairs.sh
#
# Each line: the binary, its CPU seconds before the digest (user + system, the bench's own figure:
# rows per CPU second = rows / this), the finish's seconds, the digest of every tie's answer (must
# agree between the two builds), /usr/bin/time's wall, user, system and peak KiB, the 1-minute load.
BEFORE=${BEFORE:?a bench binary built from the commit to compare with}
AFTER=${AFTER:?the bench binary to measure}
LOG=${LOG:-/tmp/h10m.csv}
RUNS=${RUNS:-5}
for i in $(seq 1 "$RUNS"); do
  for b in "$BEFORE" "$AFTER"; do
    out=$(SALESNET_INFER_FILE=$LOG /usr/bin/time -f "TIME %e %U %S %M" "$b" 2>&1)
    cpu=$(echo "$out" | grep -oP '[0-9.]+(?= s of CPU)')
    fin=$(echo "$out" | grep -oP '[0-9.]+(?= s to finish)')
    dig=$(echo "$out" | grep -oP 'digest \K[0-9a-f]+')
    echo "$(basename "$b") $cpu fin=$fin $dig $(echo "$out" | grep TIME) load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
