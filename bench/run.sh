#!/usr/bin/env bash
# bench/run.sh: the medel performance benchmark (see bench/README.md).
#
#   bench/run.sh                 # everything; results in bench/results/latest.md
#   MEDEL=build/medel bench/run.sh   # use an existing binary instead of building one
#   RUNS=5 SIZES="10000 100000" FULL_SWEEP=1 bench/run.sh
#   BIG=0 bench/run.sh           # leave out the 10 million applications (1.3 GB of CSV)
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
    OUT_IS_TMP=1
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
# The growth and memory rows: SIZES and, with BIG, BIG_N applications.
# BIG=auto (the default) includes BIG_N when the disk has room for its file
# (1.3 GB of CSV at 10 M) with GiB to spare; BIG=1 always; BIG=0 never.
BIG=${BIG:-auto}
BIG_N=${BIG_N:-10000000}
BIG_RUNS=${BIG_RUNS:-1}               # runs of each command at BIG_N (median)
# Each run of the memory rows is limited (the figures today reach several GiB):
# address space LIMIT_MIB (ulimit -v), wall TIMEOUT_S; a run that hits a limit
# is reported as such, not as a figure.
# (The default is 6 GiB, or half the memory available at the start if that is less: the
# machine is shared, and a run that takes all of it gets killed or gets others killed.)
avail_mib=$(awk '/MemAvailable/ {print int($2 / 1024)}' /proc/meminfo)
LIMIT_MIB=${LIMIT_MIB:-$((avail_mib / 2 < 6144 ? avail_mib / 2 : 6144))}
TIMEOUT_S=${TIMEOUT_S:-300}
XLSX_MAX_N=${XLSX_MAX_N:-1000000}     # --format xlsx only up to this N (1 M takes a minute and 1.4 GiB today)
CG_N=${CG_N:-100000}                  # callgrind: applications (minus a run with none)
XLSX_N=${XLSX_N:-100000}              # reading a workbook of this many applications
WHATIF_REPS=${WHATIF_REPS:-1000}      # in-process what-if recomputes
KEEP_OUT=${KEEP_OUT:-0}               # 1: keep the outputs in OUT (they take GiB of tmpfs)
# Above this N the memory and growth rows write their outputs to disk (bench/data/out),
# not to tmpfs: 10 M applications make reports of 4-7 GB, which in tmpfs are memory.
TMPFS_MAX_N=${TMPFS_MAX_N:-1000000}

mkdir -p "$DATA" "$OUT" "$DISK_OUT" "$RESULTS"
cd "$ROOT"

log() { printf '%s\n' "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_BEFORE=$(loadavg)
STARTED=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- the medel binary: a Release build of the working tree -----------------
# (built in bench/data/build so that the shared build/ directory is left alone;
# the shared library too, for bench/whatif.c)
if [[ -z "${MEDEL:-}" ]]; then
    log "building medel (Release) in bench/data/build"
    cmake -S "$ROOT" -B "$DATA/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$DATA/build" -j"$(nproc)" --target medel medel_shared >/dev/null
    MEDEL=$DATA/build/medel
fi
MEDEL=$(cd "$(dirname "$MEDEL")" && pwd)/$(basename "$MEDEL")
[[ -x $MEDEL ]] || { log "no medel binary at $MEDEL"; exit 1; }
LIBDIR=$(dirname "$MEDEL")   # libmedel.so beside the binary (a CMake build tree), if it is there

# --- the generators, the yardstick and the data ----------------------------------
build_c() { # SOURCE BINARY [FLAGS...]: builds when the source is newer
    local src=$1 bin=$2; shift 2
    if [[ ! -x $bin || $src -nt $bin ]]; then
        log "building ${src#"$ROOT"/}"
        cc -O2 -std=c11 -Wall -Wextra -o "$bin" "$src" "$@"
    fi
}
GEN=$DATA/gen
YARDSTICK=$DATA/yardstick
build_c "$BENCH/gen.c" "$GEN"
build_c "$BENCH/yardstick.c" "$YARDSTICK"
GENXLSX=
if pkg-config --exists xlsxwriter 2>/dev/null; then
    GENXLSX=$DATA/genxlsx
    # shellcheck disable=SC2046
    build_c "$BENCH/genxlsx.c" "$GENXLSX" $(pkg-config --cflags --libs xlsxwriter)
fi
WHATIF=
if [[ -e $LIBDIR/libmedel.so ]]; then
    WHATIF=$DATA/whatif
    if [[ ! -x $WHATIF || $BENCH/whatif.c -nt $WHATIF || $LIBDIR/libmedel.so -nt $WHATIF ]]; then
        log "building bench/whatif.c against $LIBDIR/libmedel.so"
        cc -O2 -std=c11 -Wall -Wextra -I "$ROOT/runtime" -o "$WHATIF" "$BENCH/whatif.c" \
            -L "$LIBDIR" -lmedel -Wl,-rpath,"$LIBDIR"
    fi
fi
gen_file() { # N -> path relative to the root (cached; regenerated when gen.c changes)
    local f=bench/data/apps-$1.csv
    if [[ ! -s $f || $GEN -nt $f ]]; then
        log "generating $1 applications"
        "$GEN" "$1" >"$f.tmp" && mv "$f.tmp" "$f"
    fi
    printf '%s' "$f"
}

if [[ $BIG == auto ]]; then
    # the file (about 134 B per application) and 8 GiB to spare
    avail_kib=$(df -Pk "$DATA" | awk 'NR == 2 {print $4}')
    BIG=$(awk -v a="$avail_kib" -v n="$BIG_N" 'BEGIN {print (a * 1024 > n * 134 + 8 * 2^30) ? 1 : 0}')
fi
GROWTH_SIZES=$SIZES
((BIG)) && GROWTH_SIZES="$SIZES $BIG_N"

"$MEDEL" validate "$RULES" >/dev/null

HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
TMP=$(mktemp -d)
cleanup() {
    rm -rf "$TMP"
    if [[ ${OUT_IS_TMP:-0} == 1 && $KEEP_OUT != 1 ]]; then rm -rf "$OUT"; fi
}
trap cleanup EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

quote_words() { # the arguments as one line of shell words
    local s="" w
    for w in "$@"; do s+="'${w//\'/\'\\\'\'}' "; done
    printf '%s' "$s"
}

# measure RUNS CMD... -> "median_wall_s max_rss_kib"
# Wall time: hyperfine (no intermediate shell) if installed, otherwise a loop timed
# with $EPOCHREALTIME. Peak memory: /usr/bin/time -f %M (one run with hyperfine,
# the maximum over the loop otherwise). The CPU time (user + system; hyperfine's
# mean, the loop's median) goes to $TMP/cpu: on a busy machine it moves less than the wall.
measure() {
    local runs=$1; shift
    local wall rss
    if ((HAVE_HYPERFINE)); then
        hyperfine -N --style none --runs "$runs" --export-json "$TMP/h.json" -- "$(quote_words "$@")" >/dev/null 2>&1 \
            || { log "failed: $*"; "$@" >/dev/null; exit 1; }
        wall=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$TMP/h.json")
        python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print(r["user"] + r["system"])' \
            "$TMP/h.json" >"$TMP/cpu"
        /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1
        rss=$(cat "$TMP/rss")
    else
        local i t0 t1
        : >"$TMP/walls"; : >"$TMP/rsss"; : >"$TMP/cpus"
        for ((i = 0; i < runs; i++)); do
            t0=$EPOCHREALTIME
            /usr/bin/time -f '%U %S %M' -o "$TMP/rss" "$@" >/dev/null 2>&1 || { log "failed: $*"; exit 1; }
            t1=$EPOCHREALTIME
            awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >>"$TMP/walls"
            awk '{print $3}' "$TMP/rss" >>"$TMP/rsss"
            awk '{print $1 + $2}' "$TMP/rss" >>"$TMP/cpus"
        done
        wall=$(median <"$TMP/walls")
        median <"$TMP/cpus" >"$TMP/cpu"
        rss=$(sort -g "$TMP/rsss" | tail -1)
    fi
    printf '%s %s\n' "$wall" "$rss"
}

# limited RUNS PIPE CMD... -> "median_wall_s max_rss_kib status" under LIMIT_MIB
# and TIMEOUT_S; PIPE=1 sends standard output through `| cat >/dev/null`.
# status is 0, "timeout" or the exit status of the first run that failed.
limited() {
    local runs=$1 pipe=$2; shift 2
    local i t0 t1 st=0
    : >"$TMP/walls"; : >"$TMP/rsss"
    for ((i = 0; i < runs; i++)); do
        t0=$EPOCHREALTIME
        if ((pipe)); then
            (ulimit -v $((LIMIT_MIB * 1024)); /usr/bin/time -f %M -o "$TMP/rss" timeout "$TIMEOUT_S" "$@" 2>"$TMP/err" | cat >/dev/null; exit "${PIPESTATUS[0]}") && st=0 || st=$?
        else
            (ulimit -v $((LIMIT_MIB * 1024)); exec /usr/bin/time -f %M -o "$TMP/rss" timeout "$TIMEOUT_S" "$@" >/dev/null 2>"$TMP/err") && st=0 || st=$?
        fi
        t1=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >>"$TMP/walls"
        tail -1 "$TMP/rss" >>"$TMP/rsss"
        if ((st != 0)); then
            ((st == 124)) && st=timeout
            log "  stopped ($st): $(grep -v 'Command exited' "$TMP/err" | tail -1)"
            break
        fi
    done
    printf '%s %s %s\n' "$(median <"$TMP/walls")" "$(sort -g "$TMP/rsss" | tail -1)" "$st"
}

ms() { awk -v s="$1" 'BEGIN {printf "%.1f ms", s * 1000}'; }
us() { awk -v s="$1" 'BEGIN {if (s < 0.001) printf "%.0f µs", s * 1e6; else printf "%.2f ms", s * 1000}'; }
sec() { awk -v s="$1" 'BEGIN {if (s < 1) printf "%.0f ms", s * 1000; else printf "%.2f s", s}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN {r = n / s; if (r >= 1e6) printf "%.2f M/s", r / 1e6; else printf "%.0f k/s", r / 1e3}'; }
nsper() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", s * 1e9 / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f×", a / b}'; }
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", a / b}'; }
count() { awk -v n="$1" 'BEGIN {s = sprintf("%d", n); r = ""; while (length(s) > 3) {r = " " substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3)} printf "%s%s", s, r}'; }
limit_note() { # STATUS -> why a limited run gave no figure
    case $1 in
        timeout) printf 'stopped after %s s' "$TIMEOUT_S" ;;
        134) printf 'aborted (SIGABRT: out of memory under the %s MiB limit)' "$LIMIT_MIB" ;;
        137) printf 'killed (SIGKILL: the machine ran out of memory)' ;;
        *) printf 'failed (exit %s; address space limited to %s MiB)' "$1" "$LIMIT_MIB" ;;
    esac
}

TABLE=$TMP/table.md
{
    echo "| benchmark | N | median wall | applications/s | ns per application | peak RSS | \`wc -l\` | × \`wc -l\` |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$TABLE"
YTABLE=$TMP/yardstick.md
{
    echo "| N | medel check | applications/s | × \`wc -l\` | CPU (user + sys) | yardstick | applications/s | CPU (user + sys) | yardstick / medel (wall) | (CPU) | report | identical |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} >"$YTABLE"
declare -A ALLOC_WALL ALLOC_RSS CHECK_WALL CHECK_RSS

# --- check (beside the yardstick) and allocate ------------------------------------
for n in $SIZES; do
    f=$(gen_file "$n")
    read -r wc_wall _ < <(measure 20 wc -l "$f")
    for cmd in check allocate; do
        log "$cmd $n x$RUNS"
        read -r wall rss < <(measure "$RUNS" "$MEDEL" "$cmd" "$RULES" "$f" --format csv -o "$OUT/$cmd-$n.csv")
        cpu=$(cat "$TMP/cpu")
        printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$cmd" "$n" "$(sec "$wall")" "$(rate "$n" "$wall")" \
            "$(nsper "$n" "$wall")" "$(mib "$rss")" "$(ms "$wc_wall")" "$(ratio "$wall" "$wc_wall")" >>"$TABLE"
        if [[ $cmd == check ]]; then
            CHECK_WALL[$n]=$wall CHECK_RSS[$n]=$rss
            log "yardstick $n x$RUNS"
            read -r ywall yrss < <(measure "$RUNS" "$YARDSTICK" "$RULES" "$f" -o "$OUT/yardstick-$n.csv")
            ycpu=$(cat "$TMP/cpu")
            printf '| yardstick (bench/yardstick.c) | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$(sec "$ywall")" \
                "$(rate "$n" "$ywall")" "$(nsper "$n" "$ywall")" "$(mib "$yrss")" "$(ms "$wc_wall")" \
                "$(ratio "$ywall" "$wc_wall")" >>"$TABLE"
            same=no
            cmp -s "$OUT/check-$n.csv" "$OUT/yardstick-$n.csv" && same=yes
            [[ $same == yes ]] || log "  the yardstick's report differs from medel's for $n applications"
            printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$(sec "$wall")" "$(rate "$n" "$wall")" \
                "$(ratio "$wall" "$wc_wall")" "$(sec "$cpu")" "$(sec "$ywall")" "$(rate "$n" "$ywall")" "$(sec "$ycpu")" \
                "$(ratio2 "$ywall" "$wall")" "$(ratio2 "$ycpu" "$cpu")" \
                "$(awk -v b="$(stat -c %s "$OUT/check-$n.csv")" 'BEGIN {printf "%.1f MB", b / 1e6}')" "$same" >>"$YTABLE"
            rm -f "$OUT/yardstick-$n.csv"
        else
            ALLOC_WALL[$n]=$wall ALLOC_RSS[$n]=$rss
        fi
    done
    last_n=$n last_f=$f last_wc=$wc_wall
done
if [[ -n ${last_n:-} ]]; then
    log "check $last_n x$RUNS, one thread"
    read -r wall rss < <(MEDEL_JOBS=1 measure "$RUNS" "$MEDEL" check "$RULES" "$last_f" --format csv -o "$OUT/check1-$last_n.csv")
    printf '| check, one thread (MEDEL_JOBS=1) | %s | %s | %s | %s | %s | %s | %s |\n' "$last_n" "$(sec "$wall")" \
        "$(rate "$last_n" "$wall")" "$(nsper "$last_n" "$wall")" "$(mib "$rss")" "$(ms "$last_wc")" \
        "$(ratio "$wall" "$last_wc")" >>"$TABLE"
    rm -f "$OUT/check1-$last_n.csv"

    # The same without writing a file: what the kernel's fresh tmpfs pages cost.
    log "check and yardstick $last_n x$RUNS, output to /dev/null"
    read -r wall rss < <(measure "$RUNS" "$MEDEL" check "$RULES" "$last_f" --format csv -o /dev/null)
    cpu=$(cat "$TMP/cpu")
    read -r ywall yrss < <(measure "$RUNS" "$YARDSTICK" "$RULES" "$last_f" -o /dev/null)
    ycpu=$(cat "$TMP/cpu")
    printf '| check, output to /dev/null | %s | %s | %s | %s | %s | %s | %s |\n' "$last_n" "$(sec "$wall")" \
        "$(rate "$last_n" "$wall")" "$(nsper "$last_n" "$wall")" "$(mib "$rss")" "$(ms "$last_wc")" \
        "$(ratio "$wall" "$last_wc")" >>"$TABLE"
    printf '| yardstick, output to /dev/null | %s | %s | %s | %s | %s | %s | %s |\n' "$last_n" "$(sec "$ywall")" \
        "$(rate "$last_n" "$ywall")" "$(nsper "$last_n" "$ywall")" "$(mib "$yrss")" "$(ms "$last_wc")" \
        "$(ratio "$ywall" "$last_wc")" >>"$TABLE"
    printf '| %s, to /dev/null | %s | %s | %s | %s | %s | %s | %s | %s | %s | | |\n' "$last_n" "$(sec "$wall")" \
        "$(rate "$last_n" "$wall")" "$(ratio "$wall" "$last_wc")" "$(sec "$cpu")" "$(sec "$ywall")" "$(rate "$last_n" "$ywall")" \
        "$(sec "$ycpu")" "$(ratio2 "$ywall" "$wall")" "$(ratio2 "$ycpu" "$cpu")" >>"$YTABLE"

    # Writing as many bytes as the report to a fresh tmpfs (or OUT_DIR) file, in 256 KiB blocks.
    bytes=$(stat -c %s "$OUT/check-$last_n.csv")
    blocks=$(((bytes + 262143) / 262144))
    log "dd of $blocks x 256 KiB x$RUNS"
    read -r dwall _ < <(measure "$RUNS" dd if=/dev/zero of="$OUT/dd.bin" bs=256K count="$blocks")
    dcpu=$(cat "$TMP/cpu")
    rm -f "$OUT/dd.bin"
    printf '| writing the same number of bytes (`dd bs=256K count=%s` to %s) | %s | | | %s | | | | | | | |\n' "$blocks" "$OUT" \
        "$(sec "$dwall")" "$(sec "$dcpu")" >>"$YTABLE"
    DD_ROW="| dd if=/dev/zero bs=256K count=$blocks ($(awk -v b="$bytes" 'BEGIN {printf "%.0f MB", b / 1e6}'), the report's size) | | $(sec "$dwall") | | | | | |"
    echo "$DD_ROW" >>"$TABLE"
fi
if [[ $OUT != "$DISK_OUT" && -n ${last_n:-} ]]; then
    log "check $last_n x$RUNS, output on disk"
    read -r wall rss < <(measure "$RUNS" "$MEDEL" check "$RULES" "$last_f" --format csv -o "$DISK_OUT/check-$last_n.csv")
    printf '| check, output on disk (synced) | %s | %s | %s | %s | %s | %s | %s |\n' "$last_n" "$(sec "$wall")" \
        "$(rate "$last_n" "$wall")" "$(nsper "$last_n" "$wall")" "$(mib "$rss")" "$(ms "$last_wc")" \
        "$(ratio "$wall" "$last_wc")" >>"$TABLE"
    rm -f "$DISK_OUT/check-$last_n.csv"
fi

# --- instructions per application (callgrind, one thread) -------------------------
CTABLE=$TMP/callgrind.md
if command -v valgrind >/dev/null; then
    instr() { # CMD... -> instructions (callgrind's total, every thread; MEDEL_JOBS=1)
        MEDEL_JOBS=1 valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$@" >/dev/null 2>&1 || { log "failed under callgrind: $*"; echo 0; return; }
        awk '/^(summary|totals):/ {print $2; exit}' "$TMP/cg.out"
    }
    f0=$(gen_file 0) fc=$(gen_file "$CG_N")
    {
        echo "| program (one thread) | instructions, $(count "$CG_N") applications | instructions, none (the header only) | per application |"
        echo "|---|---:|---:|---:|"
    } >"$CTABLE"
    log "callgrind: check and yardstick, $CG_N and 0 applications"
    for who in medel yardstick; do
        if [[ $who == medel ]]; then
            i1=$(instr "$MEDEL" check "$RULES" "$fc" --format csv -o "$OUT/cg.csv")
            i0=$(instr "$MEDEL" check "$RULES" "$f0" --format csv -o "$OUT/cg.csv")
            label="medel check --format csv (MEDEL_JOBS=1)"
        else
            i1=$(instr "$YARDSTICK" "$RULES" "$fc" -o "$OUT/cg.csv")
            i0=$(instr "$YARDSTICK" "$RULES" "$f0" -o "$OUT/cg.csv")
            label="yardstick"
        fi
        printf '| %s | %s | %s | %s |\n' "$label" "$(count "$i1")" "$(count "$i0")" \
            "$(count "$(awk -v a="$i1" -v b="$i0" -v n="$CG_N" 'BEGIN {printf "%.0f", (a - b) / n}')")" >>"$CTABLE"
    done
    rm -f "$OUT/cg.csv"
else
    echo "(valgrind is not installed: no instruction counts)" >"$CTABLE"
fi

# --- memory in every output format, and growth in N -------------------------------
MTABLE=$TMP/memory.md
GTABLE=$TMP/growth.md
{
    echo "| N | table (\`-o\` file) | table (\`| cat\`) | csv | json | xlsx |"
    echo "|---:|---:|---:|---:|---:|---:|"
} >"$MTABLE"
{
    echo "| N | check (csv) | ns per application | peak RSS | allocate (csv) | ns per application | peak RSS |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
} >"$GTABLE"
cell() { # WALL RSS STATUS -> "RSS (wall)" or why there is none
    if [[ $3 == 0 ]]; then printf '%s (%s)' "$(mib "$2")" "$(sec "$1")"; else printf '%s' "$(limit_note "$3")"; fi
}
for n in $GROWTH_SIZES; do
    f=$(gen_file "$n")
    runs=1
    ((n == BIG_N)) && runs=$BIG_RUNS
    mo=$OUT
    ((n > TMPFS_MAX_N)) && mo=$DISK_OUT
    row="| $n"
    for fmt in table-o table-pipe csv json xlsx; do
        if [[ $fmt == xlsx ]] && ((n > XLSX_MAX_N)); then
            row+=" | not run (N > XLSX_MAX_N = $XLSX_MAX_N)"
            continue
        fi
        log "memory: check $n --format $fmt"
        case $fmt in
            table-o) read -r w r s < <(limited "$runs" 0 "$MEDEL" check "$RULES" "$f" -o "$mo/m.txt") ;;
            table-pipe) read -r w r s < <(limited "$runs" 1 "$MEDEL" check "$RULES" "$f") ;;
            *) read -r w r s < <(limited "$runs" 0 "$MEDEL" check "$RULES" "$f" --format "$fmt" -o "$mo/m.$fmt") ;;
        esac
        rm -f "$mo"/m.* "$mo"/.m.*
        row+=" | $(cell "$w" "$r" "$s")"
        [[ $fmt == csv ]] && cw=$w cr=$r cs=$s
    done
    echo "$row |" >>"$MTABLE"
    # growth: the timed medians where there are some, else the limited runs
    if [[ -n ${CHECK_WALL[$n]:-} ]]; then cw=${CHECK_WALL[$n]} cr=${CHECK_RSS[$n]} cs=0; fi
    if [[ -n ${ALLOC_WALL[$n]:-} ]]; then
        aw=${ALLOC_WALL[$n]} ar=${ALLOC_RSS[$n]} as=0
    else
        log "growth: allocate $n x$runs"
        read -r aw ar as < <(limited "$runs" 0 "$MEDEL" allocate "$RULES" "$f" --format csv -o "$mo/g.csv")
        rm -f "$mo/g.csv" "$mo"/.g.*
    fi
    if [[ $cs == 0 ]]; then c3="$(sec "$cw") | $(nsper "$n" "$cw") | $(mib "$cr")"; else c3="$(limit_note "$cs") | | "; fi
    if [[ $as == 0 ]]; then a3="$(sec "$aw") | $(nsper "$n" "$aw") | $(mib "$ar")"; else a3="$(limit_note "$as") | | "; fi
    echo "| $n | $c3 | $a3 |" >>"$GTABLE"
done

# --- reading a workbook -------------------------------------------------------------
XROW=""
if [[ -n $GENXLSX ]]; then
    fc=$(gen_file "$XLSX_N")
    fx=bench/data/apps-$XLSX_N.xlsx
    if [[ ! -s $fx || $fc -nt $fx || $GENXLSX -nt $fx ]]; then
        log "writing $fx"
        "$GENXLSX" "$fc" "$fx.tmp.xlsx" && mv "$fx.tmp.xlsx" "$fx"
    fi
    log "check $fx x$RUNS"
    read -r wall rss < <(measure "$RUNS" "$MEDEL" check "$RULES" "$fx" --format csv -o "$OUT/xlsx-$XLSX_N.csv")
    "$MEDEL" check "$RULES" "$fc" --format csv -o "$OUT/xlsx-ref.csv" 2>/dev/null
    same=no
    cmp -s "$OUT/xlsx-$XLSX_N.csv" "$OUT/xlsx-ref.csv" && same=yes
    rm -f "$OUT/xlsx-$XLSX_N.csv" "$OUT/xlsx-ref.csv"
    XROW="| check, reading .xlsx ($(awk -v b="$(stat -c %s "$fx")" 'BEGIN {printf "%.1f MB", b / 1e6}'); report identical to the CSV file's: $same) | $XLSX_N | $(sec "$wall") | $(rate "$XLSX_N" "$wall") | $(nsper "$XLSX_N" "$wall") | $(mib "$rss") | | |"
    echo "$XROW" >>"$TABLE"
fi

# --- what-if in-process -------------------------------------------------------------
WTABLE=$TMP/whatif.md
if [[ -n $WHATIF ]]; then
    log "whatif in-process x$WHATIF_REPS"
    declare -A W
    while read -r k v; do W[$k]=$v; done < <("$WHATIF" -q rules/ungdomsmottagningar-2021.medel \
        examples/ansokningar-ungdomsmottagningar-2021.csv "$WHATIF_REPS")
    {
        echo "| in-process (bench/whatif.c, libmedel.so), median of $WHATIF_REPS | |"
        echo "|---|---:|"
        echo "| \`medel_run_whatif\`: baseline and scenario, JSON report (what POST /api/whatif runs) | $(us "${W[whatif]}") |"
        echo "| one recompute by parts: loading the rule file with the scenario | $(us "${W[load]}") |"
        echo "| reading the 57 applications | $(us "${W[read]}") |"
        echo "| allocating | $(us "${W[allocate]}") |"
        echo "| the three together | $(us "${W[parts]}") |"
    } >"$WTABLE"
else
    echo "(no libmedel.so beside $MEDEL: no in-process what-if)" >"$WTABLE"
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
rm -f "$OUT"/sweep-*.json

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
    echo "- date: $STARTED to $(date -u '+%H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (working tree has changes)')"
    echo "- machine: $(nproc) CPUs (\`nproc\`), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $mem_gib RAM, $(uname -sr)"
    echo "- load average (1, 5, 15 min): $LOAD_BEFORE before, $(loadavg) after"
    echo "- binary: $MEDEL ($("$MEDEL" --version 2>/dev/null | head -1))"
    echo "- timing: $( ((HAVE_HYPERFINE)) && echo "hyperfine $(hyperfine --version | awk '{print $2}') (-N), median of $RUNS runs; peak RSS from one /usr/bin/time run" || echo "loop of $RUNS runs timed with \$EPOCHREALTIME, median; peak RSS is the maximum of /usr/bin/time %M")"
    echo "- rules: bench/rules/bench.medel; data: bench/gen.c; outputs: --format csv -o $OUT/ (the 'on disk' row: $DISK_OUT/)"
    echo
    cat "$TABLE"
    echo
    echo "## check beside the yardstick (bench/yardstick.c), same files, same run"
    echo
    cat "$YTABLE"
    echo
    echo "## Instructions (callgrind)"
    echo
    cat "$CTABLE"
    echo
    echo "## Peak RSS of check in every output format (one run each; wall in brackets)"
    echo
    echo "Each run limited to $LIMIT_MIB MiB of address space and $TIMEOUT_S s; outputs to $OUT/ (above $(count "$TMPFS_MAX_N") applications to $DISK_OUT/), removed after each."
    echo
    cat "$MTABLE"
    echo
    echo "## Growth (10 k to $(count "${BIG_N}")$( ((BIG)) || echo ': BIG_N left out'))"
    echo
    echo "Medians of $RUNS runs up to the largest of SIZES, $BIG_RUNS run(s) at $(count "$BIG_N"); the same limits."
    echo
    cat "$GTABLE"
    echo
    echo "## What-if in-process (rules/ungdomsmottagningar-2021.medel, 57 applications, \`ändra pott kommunerna { belopp 20 MSEK }\`)"
    echo
    cat "$WTABLE"
    echo
    [[ -n $sweep_note ]] && { echo "$sweep_note"; echo; }
    cat "$VTABLE"
} >"$RESULTS/latest.md"
cat "$RESULTS/latest.md"
