#!/usr/bin/env bash
# Regenerates the README's pictures and the sample HTML report from the
# sample portfolio (as of 2026-11-01, account "Quayside Insurance", target
# ard01, seed 1):
#
#   docs/prospecting.svg docs/buy-in.svg docs/solution.svg docs/closing.svg docs/report.html
#
# Usage: scripts/make_docs.sh [OUT]   (from anywhere; default OUT: docs)
#
# OUT is made if missing. SALESNET_DOCS_PROFILE=dev builds the command line in
# the dev profile (what CI does, to check that docs/ is up to date without a
# release build: the outputs are the same bytes); the default is release.
# The bench-*.svg plots in docs/ come from the benchmarks, not from here.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-docs}
sample=examples/data/sample
as_of=2026-11-01
seed=1
case "${SALESNET_DOCS_PROFILE:-release}" in
    release) profile=(--release) ;;
    dev) profile=() ;;
    *) echo "SALESNET_DOCS_PROFILE must be release or dev" >&2; exit 2 ;;
esac
cargo build "${profile[@]}" --quiet --example analyze
analyze=(cargo run "${profile[@]}" --quiet --example analyze --)
mkdir -p "$out"
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage prospecting --out "$out/prospecting.svg"
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage buy-in \
    --account "Quayside Insurance" --out "$out/buy-in.svg"
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage solution --out "$out/solution.svg"
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage closing --target ard01 \
    --out "$out/closing.svg"
"${analyze[@]}" report --portfolio "$sample" --as-of "$as_of" --seed "$seed" \
    --account "Quayside Insurance" --target ard01 --out "$out/report.html"
ls -l "$out/prospecting.svg" "$out/buy-in.svg" "$out/solution.svg" "$out/closing.svg" "$out/report.html"
