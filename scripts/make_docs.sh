#!/usr/bin/env bash
# Regenerates the README's pictures and the sample HTML report from the
# sample portfolio (as of 2026-11-01, account "Quayside Insurance", target
# ard01, seed 1):
#
#   docs/prospecting.svg docs/buy-in.svg docs/solution.svg docs/closing.svg docs/report.html
#
# Usage: scripts/make_docs.sh   (from anywhere; runs cargo in release mode)
set -euo pipefail

cd "$(dirname "$0")/.."
sample=examples/data/sample
as_of=2026-11-01
seed=1
cargo build --release --quiet --example analyze
analyze=(cargo run --release --quiet --example analyze --)
mkdir -p docs
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage prospecting --out docs/prospecting.svg
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage buy-in \
    --account "Quayside Insurance" --out docs/buy-in.svg
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage solution --out docs/solution.svg
"${analyze[@]}" draw --portfolio "$sample" --as-of "$as_of" --seed "$seed" --stage closing --target ard01 \
    --out docs/closing.svg
"${analyze[@]}" report --portfolio "$sample" --as-of "$as_of" --seed "$seed" \
    --account "Quayside Insurance" --target ard01 --out docs/report.html
ls -l docs/prospecting.svg docs/buy-in.svg docs/solution.svg docs/closing.svg docs/report.html
