#!/usr/bin/env bash
# bench/serve.sh: the load test of the workbench server (medel serve), on loopback.
#
#   bench/serve.sh                        # build/medel; 50 connections, 2 threads, 30 s
#   MEDEL=bench/data/build/medel bench/serve.sh
#   CONNECTIONS=10 DURATION=10s bench/serve.sh
#
# Copies rules/ and examples/ to a temporary folder, starts `medel serve` on it
# (--port 0), and has wrk POST /api/whatif for the 2021 rule file and its
# applications with one scenario (kommunerna 20 MSEK), as the workbench's
# what-if view does on every change. Prints requests/s, p50/p99 latency, the
# count of answers that are not 2xx (must be 0), the server's RSS before and
# after and its peak (VmHWM), and the median of SEQUENTIAL single requests
# timed by curl. Writes the same to bench/results/serve.md. A benchmark, not
# a test: ctest never runs it (tests never time things).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MEDEL=${MEDEL:-$ROOT/build/medel}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
SEQUENTIAL=${SEQUENTIAL:-50}
RULES=rules/ungdomsmottagningar-2021.medel
APPS=examples/ansokningar-ungdomsmottagningar-2021.csv
SCENARIO='scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }'
RESULTS=$ROOT/bench/results

log() { printf '%s\n' "$*" >&2; }
for tool in wrk curl; do
    command -v "$tool" >/dev/null || { log "bench/serve.sh needs $tool"; exit 1; }
done
[[ -x $MEDEL ]] || { log "no medel binary at $MEDEL (build it, or set MEDEL)"; exit 1; }

TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT

# The folder the server serves: a copy, so that nothing it writes lands in the tree.
mkdir "$TMP/folder"
cp -r "$ROOT/rules" "$ROOT/examples" "$TMP/folder/"

"$MEDEL" serve "$TMP/folder" --port 0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER_PID=$!
# It prints "Öppna http://127.0.0.1:PORT/?token=T" once it listens.
url=
for ((i = 0; i < 100; i++)); do
    url=$(grep -o 'http://[^ ]*?token=[0-9a-f]*' "$TMP/serve.out" 2>/dev/null | head -1 || true)
    [[ -n $url ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { log "medel serve exited:"; cat "$TMP/serve.err" >&2; exit 1; }
    sleep 0.1
done
[[ -n $url ]] || { log "medel serve printed no address within 10 s"; exit 1; }
base=${url%%/\?token=*}
token=${url##*token=}

status_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }

# The request body, as JSON (the scenario text holds no character JSON escapes).
body=$(printf '{"rules": "%s", "applications": "%s", "scenario_text": "%s"}' "$RULES" "$APPS" "$SCENARIO")
printf '%s' "$body" >"$TMP/body.json"

rss_start=$(status_kib "$SERVER_PID" VmRSS)
# Others' work on the machine shows in the figures: say how busy it was.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# One request first: it must succeed and be a what-if report.
code=$(curl -s -o "$TMP/first.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary @"$TMP/body.json" "$base/api/whatif")
if [[ $code != 200 ]] || ! grep -q '"command": "whatif"' "$TMP/first.json"; then
    log "POST /api/whatif answered $code:"
    head -c 2000 "$TMP/first.json" >&2
    exit 1
fi

# --- single requests, one after another (an idle server) ----------------------
: >"$TMP/seq"
for ((i = 0; i < SEQUENTIAL; i++)); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' --data-binary @"$TMP/body.json" "$base/api/whatif" >>"$TMP/seq"
done
seq_bad=$(awk '$1 !~ /^2/' "$TMP/seq" | wc -l)
seq_median_ms=$(awk '{print $2 * 1000}' "$TMP/seq" | sort -g |
    awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}')
rss_before=$(status_kib "$SERVER_PID" VmRSS)

# --- wrk: CONNECTIONS clients for DURATION ------------------------------------
# Each thread counts the answers by status; done() adds them up over the threads.
cat >"$TMP/whatif.lua" <<EOF
local f = io.open("$TMP/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end
function init(args)
    ok = 0
    bad = 0
end
function response(status, headers, body)
    if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
    local o, b = 0, 0
    for _, t in ipairs(threads) do
        o = o + t:get("ok")
        b = b + t:get("bad")
    end
    io.write(string.format("answers: %d 2xx, %d not 2xx\n", o, b))
end
EOF
log "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION against $base/api/whatif"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$TMP/whatif.lua" "$base/api/whatif" >"$TMP/wrk.out"
cat "$TMP/wrk.out" >&2

rss_after=$(status_kib "$SERVER_PID" VmRSS)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
hwm=$(status_kib "$SERVER_PID" VmHWM)

rps=$(awk '/^Requests\/sec:/ {print $2}' "$TMP/wrk.out")
# wrk prints latencies as 812.00us, 1.23ms or 1.02s: in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else { sub(/s$/, "", v); printf "%.2f", v * 1000 } }'; }
p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$TMP/wrk.out")")
p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$TMP/wrk.out")")
total=$(awk '/requests in/ {print $1}' "$TMP/wrk.out")
read -r ok bad < <(awk '/^answers:/ {print $2, $4}' "$TMP/wrk.out")
sock_errors=$(awk '/Socket errors/ {print}' "$TMP/wrk.out")
kill -0 "$SERVER_PID" 2>/dev/null || { log "medel serve died during the load"; exit 1; }

mkdir -p "$RESULTS"
{
    echo "# medel serve load test"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    echo "- binary: $MEDEL ($("$MEDEL" --version 2>/dev/null | head -1))"
    echo "- load average (1, 5, 15 min): $load_before before, $load_after after the wrk run"
    echo "- load: wrk $THREADS threads, $CONNECTIONS connections, $DURATION; POST /api/whatif $RULES + $APPS, scenario_text '$SCENARIO'"
    echo
    echo "| measure | value |"
    echo "|---|---:|"
    echo "| requests/s | $rps |"
    echo "| requests in $DURATION | $total |"
    echo "| latency p50 | $p50 ms |"
    echo "| latency p99 | $p99 ms |"
    echo "| answers not 2xx | $bad (of $((ok + bad))) |"
    echo "| single request, median of $SEQUENTIAL sequential (curl time_total) | $(awk -v m="$seq_median_ms" 'BEGIN {printf "%.2f ms", m}') |"
    echo "| server RSS at start | $(mib "$rss_start") |"
    echo "| server RSS before the load (after $((SEQUENTIAL + 1)) requests) | $(mib "$rss_before") |"
    echo "| server RSS after the load | $(mib "$rss_after") |"
    echo "| server peak RSS (VmHWM) | $(mib "$hwm") |"
    [[ -n $sock_errors ]] && echo "| wrk | ${sock_errors# } |"
} >"$RESULTS/serve.md"
cat "$RESULTS/serve.md"

if ((bad != 0 || seq_bad != 0)); then
    log "FAIL: $bad answers under load and $seq_bad sequential answers were not 2xx"
    exit 1
fi
