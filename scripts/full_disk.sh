#!/usr/bin/env bash
# Runs every writing command of `analyze` against a full disk (a small tmpfs)
# and then kills a write part-way (SIGKILL at several moments),
# and reports what each left behind: the exit code, the first error line, the
# files in the output place, whether an older output there is still intact,
# and whether whatever is left loads as a portfolio.
#
# Needs root for `mount -t tmpfs`; without it the script says so and stops
# (exit 2): there is no other faithful way to get ENOSPC.
#
#   bash scripts/full_disk.sh            # debug build of the example
#   BIN=target/release/examples/analyze bash scripts/full_disk.sh
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/debug/examples/analyze}
[ -x "$BIN" ] || cargo build --example analyze >/dev/null 2>&1 || { echo "cannot build analyze"; exit 1; }
CONTACTS=${CONTACTS:-4000}
SIZE=${SIZE:-300k}
WORK=$(mktemp -d)
DISK="$WORK/disk"
mkdir -p "$DISK"
trap 'mountpoint -q "$DISK" && umount "$DISK"; rm -rf "$WORK"' EXIT

"$BIN" generate --contacts "$CONTACTS" --seed 7 --as-of 2025-06-01 --out "$WORK/big" || exit 1
"$BIN" generate --contacts 100 --seed 1 --as-of 2025-06-01 --out "$WORK/small" || exit 1
echo "input: $CONTACTS contacts, $(du -sh "$WORK/big" | cut -f1) as CSV; tmpfs of $SIZE"

if ! mount -t tmpfs -o size="$SIZE" tmpfs "$DISK" 2>/dev/null; then
    echo "cannot mount a tmpfs (not root?): no full-disk run here"
    exit 2
fi

# Older outputs, written while there is room, that a failed write must keep.
"$BIN" convert --portfolio "$WORK/small" --out "$DISK/old.json" >/dev/null
"$BIN" convert --portfolio "$WORK/small" --out "$DISK/olddir" >/dev/null
echo "old export" > "$DISK/old.html"
echo "old picture" > "$DISK/old.svg"
# Fill the rest of the disk but a little.
head -c "$(( $(df --output=avail -B1 "$DISK" | tail -1) - 40960 ))" /dev/zero > "$DISK/filler" 2>/dev/null
sums() { (cd "$DISK" && find . -type f ! -name filler | sort | xargs -r sha256sum); }
before=$(sums)

loads() {  # whether a path loads as a portfolio
    "$BIN" stage --portfolio "$1" --stage prospecting --as-of 2025-06-01 >/dev/null 2>&1 && echo yes || echo no
}

run() {  # name, output path, command...
    local name=$1 out=$2
    shift 2
    local err rc
    err=$("$@" 2>&1 >/dev/null)
    rc=$?
    printf '%-28s exit %s  %s\n' "$name" "$rc" "$(printf '%s' "$err" | head -1 | cut -c1-110)"
    if [ -e "$out" ]; then
        printf '%-28s left: %s (loads as a portfolio: %s)\n' "" "$( [ -d "$out" ] && ls -A "$out" | tr '\n' ' ' | cut -c1-80; [ -f "$out" ] && stat -c '%s bytes' "$out")" "$(loads "$out")"
    else
        printf '%-28s left: nothing at %s\n' "" "${out#$DISK/}"
    fi
}

run "convert -> new .json" "$DISK/new.json" "$BIN" convert --portfolio "$WORK/big" --out "$DISK/new.json"
run "convert -> new folder" "$DISK/newdir" "$BIN" convert --portfolio "$WORK/big" --out "$DISK/newdir"
run "convert --force over .json" "$DISK/old.json" "$BIN" convert --portfolio "$WORK/big" --out "$DISK/old.json" --force
run "convert --force over folder" "$DISK/olddir" "$BIN" convert --portfolio "$WORK/big" --out "$DISK/olddir" --force
run "generate -> new folder" "$DISK/gen" "$BIN" generate --contacts "$CONTACTS" --as-of 2025-06-01 --out "$DISK/gen"
run "report over old.html" "$DISK/old.html" "$BIN" report --portfolio "$WORK/big" --as-of 2025-06-01 --out "$DISK/old.html"
run "draw over old.svg" "$DISK/old.svg" "$BIN" draw --portfolio "$WORK/big" --stage prospecting --as-of 2025-06-01 --out "$DISK/old.svg"
if "$BIN" --help | grep -q '^  export'; then
    run "export graphml" "$DISK/x.graphml" "$BIN" export --portfolio "$WORK/big" --format graphml --out "$DISK/x.graphml"
fi

after=$(sums)
echo
if [ "$before" = "$after" ]; then
    echo "older outputs: all unchanged (same sha256)"
else
    echo "older outputs CHANGED:"
    diff <(echo "$before") <(echo "$after")
fi
stray=$(find "$DISK" -name '.*.tmp' | wc -l)
echo "temporary files left behind: $stray"
echo "files on the disk now:"
(cd "$DISK" && find . -mindepth 1 ! -name filler | sort | sed 's/^/  /')

# A killed process: convert a bigger portfolio over an older output and
# SIGKILL it at several moments; what is left must be the old output
# (same sha256) or the complete new one, never a partial file.
umount "$DISK"
"$BIN" generate --contacts $((CONTACTS * 5)) --seed 9 --as-of 2025-06-01 --out "$WORK/bigger" || exit 1
start=$(date +%s%N)
"$BIN" convert --portfolio "$WORK/bigger" --out "$WORK/new.json" >/dev/null
total_ms=$(( ($(date +%s%N) - start) / 1000000 ))
new_sum=$(sha256sum < "$WORK/new.json")
echo
echo "killed while writing (convert --force of $((CONTACTS * 5)) contacts over an older .json, which takes ${total_ms} ms; SIGKILL after N ms):"
for pct in 50 80 90 95 97 99 101; do
    ms=$(( total_ms * pct / 100 ))
    "$BIN" convert --portfolio "$WORK/small" --out "$WORK/k.json" --force >/dev/null
    old_sum=$(sha256sum < "$WORK/k.json")
    "$BIN" convert --portfolio "$WORK/bigger" --out "$WORK/k.json" --force >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    now=$(sha256sum < "$WORK/k.json")
    state=PARTIAL
    [ "$now" = "$old_sum" ] && state="old output intact"
    [ "$now" = "$new_sum" ] && state="new output complete"
    printf '  %5s ms (%3s%%): %s (loads: %s), temporary files left: %s\n' "$ms" "$pct" "$state" "$(loads "$WORK/k.json")" "$(find "$WORK" -maxdepth 1 -name '.k.json.*.tmp' | wc -l)"
    rm -f "$WORK"/.k.json.*.tmp
done
