#!/usr/bin/env bash
# bench/run.sh: the medel performance benchmark (see bench/README.md).
#
#   bench/run.sh                 # everything; results in bench/results/latest.md
#   MEDEL=build/medel bench/run.sh   # use an existing binary instead of building one
#   RUNS=5 SIZES="10000 100000" FULL_SWEEP=1 bench/run.sh
#
# Generated files (applications, the Release build, outputs) go to bench/data/,
# results to bench/results/; both are ignored by git.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
DATA=$BENCH/data
# Outputs go to memory (tmpfs) when there is one: medel syncs every output
# file to disk before renaming it into place, and on this kind of VM syncing
# 430 MB takes longer than producing it; that is the disk, not medel.
# OUT_DIR=bench/data/out measures with the disk. One row always does.
if [[ -z "${OUT_DIR:-}" && -d /dev/shm && -w /dev/shm ]]; then
    OUT_DIR=/dev/shm/medel-bench
fi
OUT=${OUT_DIR:-$DATA/out}
DISK_OUT=$DATA/out
RESULTS=$BENCH/results
# Paths as a user types them (relative): they appear in every output row.
RULES=bench/rules/bench.medel
RUNS=${RUNS:-5}
VALIDATE_RUNS=${VALIDATE_RUNS:-20}
SIZES=${SIZES:-"10000 100000 1000000"}
SWEEP_N=${SWEEP_N:-10000}
SWEEP_LIMIT_S=${SWEEP_LIMIT_S:-120}   # above this (estimated), the 1 000-scenario sweep is extrapolated
FULL_SWEEP=${FULL_SWEEP:-0}           # 1: always run the full 1 000 scenarios
POT=bench                             # the pot's name in bench/rules/bench.medel

mkdir -p "$DATA" "$OUT" "$DISK_OUT" "$RESULTS"
cd "$ROOT"

log() { printf '%s\n' "$*" >&2; }

# --- the medel binary: a Release build of the working tree -----------------
# (built in bench/data/build so that the shared build/ directory is left alone)
if [[ -z "${MEDEL:-}" ]]; then
    log "building medel (Release) in bench/data/build"
    cmake -S "$ROOT" -B "$DATA/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$DATA/build" -j"$(nproc)" --target medel >/dev/null
    MEDEL=$DATA/build/medel
fi
MEDEL=$(cd "$(dirname "$MEDEL")" && pwd)/$(basename "$MEDEL")
[[ -x $MEDEL ]] || { log "no medel binary at $MEDEL"; exit 1; }

# --- the generator and the data ------------------------------------------------
GEN=$DATA/gen
if [[ ! -x $GEN || $BENCH/gen.c -nt $GEN ]]; then
    log "building bench/gen.c"
    cc -O2 -std=c11 -Wall -Wextra -o "$GEN" "$BENCH/gen.c"
fi
gen_file() { # N -> path relative to the root (cached; regenerated when gen.c changes)
    local f=bench/data/apps-$1.csv
    if [[ ! -s $f || $GEN -nt $f ]]; then
        log "generating $1 applications"
        "$GEN" "$1" >"$f.tmp" && mv "$f.tmp" "$f"
    fi
    printf '%s' "$f"
}

"$MEDEL" validate "$RULES" >/dev/null

HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

quote_words() { # the arguments as one line of shell words
    local s="" w
    for w in "$@"; do s+="'${w//\'/\'\\\'\'}' "; done
    printf '%s' "$s"
}

# measure RUNS CMD... -> "median_wall_s max_rss_kib"
# Wall time: hyperfine (no intermediate shell) if installed, otherwise a loop timed
# with $EPOCHREALTIME. Peak memory: /usr/bin/time -f %M (one run with hyperfine,
# the maximum over the loop otherwise).
measure() {
    local runs=$1; shift
    local wall rss
    if ((HAVE_HYPERFINE)); then
        hyperfine -N --style none --runs "$runs" --export-json "$TMP/h.json" -- "$(quote_words "$@")" >/dev/null 2>&1 \
            || { log "failed: $*"; "$@" >/dev/null; exit 1; }
        wall=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$TMP/h.json")
        /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1
        rss=$(cat "$TMP/rss")
    else
        local i t0 t1
        : >"$TMP/walls"; : >"$TMP/rsss"
        for ((i = 0; i < runs; i++)); do
            t0=$EPOCHREALTIME
            /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1 || { log "failed: $*"; exit 1; }
            t1=$EPOCHREALTIME
            awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >>"$TMP/walls"
            cat "$TMP/rss" >>"$TMP/rsss"
        done
        wall=$(median <"$TMP/walls")
        rss=$(sort -g "$TMP/rsss" | tail -1)
    fi
    printf '%s %s\n' "$wall" "$rss"
}

ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
sec() { awk -v s="$1" 'BEGIN {if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN {r = n / s; if (r >= 1e6) printf "%.2f M/s", r / 1e6; else printf "%.0f k/s", r / 1e3}'; }
nsper() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", s * 1e9 / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f×", a / b}'; }

TABLE=$TMP/table.md
{
    echo "| benchmark | N | median wall | applications/s | ns per application | peak RSS | \`wc -l\` | × \`wc -l\` |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$TABLE"

# --- check and allocate ----------------------------------------------------------
for n in $SIZES; do
    f=$(gen_file "$n")
    read -r wc_wall _ < <(measure 20 wc -l "$f")
    for cmd in check allocate; do
        log "$cmd $n x$RUNS"
        read -r wall rss < <(measure "$RUNS" "$MEDEL" "$cmd" "$RULES" "$f" --format csv -o "$OUT/$cmd-$n.csv")
        printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$cmd" "$n" "$(sec "$wall")" "$(rate "$n" "$wall")" \
            "$(nsper "$n" "$wall")" "$(mib "$rss")" "$(ms "$wc_wall")" "$(ratio "$wall" "$wc_wall")" >>"$TABLE"
    done
    last_n=$n last_f=$f last_wc=$wc_wall
done
if [[ -n ${last_n:-} ]]; then
    log "check $last_n x$RUNS, one thread"
    read -r wall rss < <(MEDEL_JOBS=1 measure "$RUNS" "$MEDEL" check "$RULES" "$last_f" --format csv -o "$OUT/check1-$last_n.csv")
    printf '| check, one thread (MEDEL_JOBS=1) | %s | %s | %s | %s | %s | %s | %s |\n' "$last_n" "$(sec "$wall")" \
        "$(rate "$last_n" "$wall")" "$(nsper "$last_n" "$wall")" "$(mib "$rss")" "$(ms "$last_wc")" \
        "$(ratio "$wall" "$last_wc")" >>"$TABLE"
fi
if [[ $OUT != "$DISK_OUT" && -n ${last_n:-} ]]; then
    log "check $last_n x$RUNS, output on disk"
    read -r wall rss < <(measure "$RUNS" "$MEDEL" check "$RULES" "$last_f" --format csv -o "$DISK_OUT/check-$last_n.csv")
    printf '| check, output on disk (synced) | %s | %s | %s | %s | %s | %s | %s |\n' "$last_n" "$(sec "$wall")" \
        "$(rate "$last_n" "$wall")" "$(nsper "$last_n" "$wall")" "$(mib "$rss")" "$(ms "$last_wc")" \
        "$(ratio "$wall" "$last_wc")" >>"$TABLE"
fi

# --- the 1 000-scenario sweep ----------------------------------------------------
f=$(gen_file "$SWEEP_N")
sweep() { # LAST_MSEK -> a command line sweeping 400 MSEK .. LAST MSEK
    local last=$1
    local grouped=$last
    ((last >= 1000)) && grouped="$((last / 1000)) $(printf '%03d' $((last % 1000)))"
    printf '%s\n' "$MEDEL" whatif "$RULES" "$f" --sweep "$POT=400 MSEK..$grouped MSEK steg 1 MSEK" \
        --format json -o "$OUT/sweep-$last.json"
}
run_sweep() { # SCENARIOS RUNS -> "wall rss"
    local -a c
    mapfile -t c < <(sweep $((400 + $1 - 1)))
    measure "$2" "${c[@]}"
}
log "sweep: 50 scenarios (probe)"
read -r w50 rss50 < <(run_sweep 50 1)
est=$(awk -v w="$w50" 'BEGIN {print w * 1000 / 50}')
sweep_note=""
if [[ $FULL_SWEEP == 1 ]] || awk -v e="$est" -v l="$SWEEP_LIMIT_S" 'BEGIN {exit !(e <= l)}'; then
    log "sweep: 1000 scenarios x$RUNS"
    read -r wall rss < <(run_sweep 1000 "$RUNS")
    sweep_row="| whatif --sweep, 1 000 scenarios | $SWEEP_N | $(sec "$wall") | $(awk -v s="$wall" 'BEGIN {printf "%.0f scenarios/s", 1000 / s}') | | $(mib "$rss") | | |"
else
    # Too slow to run in full: time 10 and 50 scenarios and extrapolate linearly.
    log "sweep: 10 and 50 scenarios x3 (the full sweep would take about $(sec "$est"))"
    read -r w10 rss10 < <(run_sweep 10 3)
    read -r w50 rss50 < <(run_sweep 50 3)
    wall=$(awk -v a="$w10" -v b="$w50" 'BEGIN {per = (b - a) / 40; print b + per * 950}')
    per=$(awk -v a="$w10" -v b="$w50" 'BEGIN {print (b - a) / 40}')
    sweep_row="| whatif --sweep, 1 000 scenarios (**extrapolated**) | $SWEEP_N | ≈ $(sec "$wall") | $(awk -v s="$wall" 'BEGIN {printf "%.1f scenarios/s", 1000 / s}') | | $(mib "$rss50") (50 sc.) | | |"
    sweep_note="The 1 000-scenario sweep was **not run in full** (estimated $(sec "$est") from a first 50-scenario run, above the ${SWEEP_LIMIT_S} s limit). Measured: 10 scenarios $(sec "$w10") (peak RSS $(mib "$rss10")), 50 scenarios $(sec "$w50") (peak RSS $(mib "$rss50")) (median of 3), i.e. $(sec "$per") per scenario; 1 000 scenarios ≈ 50-scenario time + 950 × that. Set FULL_SWEEP=1 to run it."
fi
echo "$sweep_row" >>"$TABLE"

# --- loading and validating the rule files ---------------------------------------
VTABLE=$TMP/validate.md
{
    echo "| rule file | median of $VALIDATE_RUNS \`medel validate\` | peak RSS |"
    echo "|---|---:|---:|"
} >"$VTABLE"
for r in rules/*.medel; do
    [[ $r == *.test.medel ]] && continue
    read -r wall rss < <(measure "$VALIDATE_RUNS" "$MEDEL" validate "$r")
    printf '| `%s` | %s | %s |\n' "$r" "$(ms "$wall")" "$(mib "$rss")" >>"$VTABLE"
done
read -r wall rss < <(measure "$VALIDATE_RUNS" "$MEDEL" validate "$RULES")
printf '| `%s` | %s | %s |\n' "bench/rules/bench.medel" "$(ms "$wall")" "$(mib "$rss")" >>"$VTABLE"
read -r wall rss < <(measure "$VALIDATE_RUNS" "$MEDEL" --version)
printf '| (`medel --version`, process start only) | %s | %s |\n' "$(ms "$wall")" "$(mib "$rss")" >>"$VTABLE"

# --- report ------------------------------------------------------------------------
mem_gib=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
{
    echo "# medel benchmark results"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (working tree has changes)')"
    echo "- machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $mem_gib RAM"
    echo "- binary: $MEDEL ($("$MEDEL" --version 2>/dev/null | head -1))"
    echo "- timing: $( ((HAVE_HYPERFINE)) && echo "hyperfine $(hyperfine --version | awk '{print $2}') (-N), median of $RUNS runs; peak RSS from one /usr/bin/time run" || echo "loop of $RUNS runs timed with \$EPOCHREALTIME, median; peak RSS is the maximum of /usr/bin/time %M")"
    echo "- rules: bench/rules/bench.medel; data: bench/gen.c; outputs: --format csv -o $OUT/ (the 'on disk' row: $DISK_OUT/)"
    echo
    cat "$TABLE"
    echo
    [[ -n $sweep_note ]] && { echo "$sweep_note"; echo; }
    cat "$VTABLE"
} >"$RESULTS/latest.md"
cat "$RESULTS/latest.md"
