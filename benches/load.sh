#!/usr/bin/env bash
# The portal under load: builds the release binary, seeds a database per size and backend
# (`portal seed`, kept and reused under LOAD_DATA), starts the portal, signs in a partner
# user and a reviewer, and measures each page with wrk. One line per measurement:
#   db claims route req/s p50_ms p99_ms errors ratio_to_health
# Usage: bash benches/load.sh
# Settings: LOAD_CLAIMS ("10000 1000000"), LOAD_DBS ("sqlite pg"), LOAD_ORGANISATIONS (100),
#   LOAD_DATA (/tmp/portal-load), WRK_THREADS (2), WRK_CONNECTIONS (64), WRK_DURATION (10s),
#   WRK_WARMUP (3s), LOAD_PG_URL (postgres://portal_bench:portal_bench@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${LOAD_CLAIMS:-10000 1000000}
dbs=${LOAD_DBS:-sqlite pg}
organisations=${LOAD_ORGANISATIONS:-100}
data=${LOAD_DATA:-/tmp/portal-load}
threads=${WRK_THREADS:-2}
connections=${WRK_CONNECTIONS:-64}
duration=${WRK_DURATION:-10s}
warmup=${WRK_WARMUP:-3s}
pg_base=${LOAD_PG_URL:-postgres://portal_bench:portal_bench@127.0.0.1:5432}
port=18090
base="http://127.0.0.1:$port"
password=demo-password-2026
run=$(mktemp -d /tmp/portal-load-run.XXXXXX)
results="$run/results.tsv"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT

log() { echo "[load] $*" >&2; }
mkdir -p "$data"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
cargo build --release --quiet
binary=./target/release/portal

# database_url <db> <claims>: a database of its own per backend and size.
database_url() {
  case $1 in
    sqlite) echo "$data/portal-$2.db" ;;
    pg) echo "$pg_base/portal_bench_$2" ;;
  esac
}

prepare_pg() {
  local name=$1
  (cd /tmp && runuser -u postgres -- psql -qtAX -c "SELECT 1 FROM pg_roles WHERE rolname = 'portal_bench'" | grep -q 1) ||
    (cd /tmp && runuser -u postgres -- psql -qtAX -c "CREATE ROLE portal_bench LOGIN PASSWORD 'portal_bench'")
  (cd /tmp && runuser -u postgres -- psql -qtAX -c "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1) ||
    (cd /tmp && runuser -u postgres -- createdb -O portal_bench -E UTF8 --locale=C -T template0 "$name")
}

seed() {
  local db=$1 claims=$2 url marker="$data/seeded-$1-$2"
  url=$(database_url "$db" "$claims")
  [ "$db" = pg ] && prepare_pg "portal_bench_$claims"
  if [ ! -f "$marker" ]; then
    log "seeding $claims claims on $db"
    PORTAL_DATABASE_URL="$url" "$binary" seed --claims "$claims" --organisations "$organisations" >"$marker.log" 2>&1 ||
      { cat "$marker.log" >&2; exit 1; }
    grep '^Seeded' "$marker.log" >&2
    touch "$marker"
  fi
}

start() {
  PORTAL_DATABASE_URL="$1" PORTAL_BIND="127.0.0.1:$port" PORTAL_JOBS_INTERVAL_SECONDS=0 \
    RUST_LOG=warn "$binary" >"$run/portal.log" 2>&1 &
  pid=$!
  until curl -sf "$base/health" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$run/portal.log" >&2; exit 1; }
    sleep 0.1
  done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
peak_kib() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }

# sign_in <email>: prints the Cookie header value of a signed-in session.
sign_in() {
  local jar="$run/jar-$1" token
  token=$(curl -s -c "$jar" "$base/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)
  curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf_token=$token" \
    --data-urlencode "email=$1" --data-urlencode "password=$password" "$base/sign-in"
  awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar"
}

to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "NA" }'
}

# bench <db> <claims> <route label> <cookie> <path>
bench() {
  local out="$run/wrk-$1-$2-$(printf %s "$3" | tr -cs 'A-Za-z0-9' '_').txt" rps p50 p99 errs health
  wrk -H "Cookie: $4" -t"$threads" -c"$connections" -d"$warmup" "$base$5" >/dev/null
  wrk -H "Cookie: $4" -t"$threads" -c"$connections" -d"$duration" --latency "$base$5" >"$out"
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2; exit}' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2; exit}' "$out")")
  errs=$(awk '/Non-2xx or 3xx/ {e += $NF} /Socket errors/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}' "$out")
  health=$(awk -F'\t' -v d="$1" -v n="$2" '$1 == d && $2 == n && $3 == "/health" {print $4}' "$results")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$errs" \
    "$(awk -v a="$rps" -v b="${health:-$rps}" 'BEGIN {printf "%.3f", a / b}')" | tee -a "$results"
}

# first_href <cookie> <path> <selector-ish pattern>: the first link matching the pattern.
first_href() {
  curl -s -H "Cookie: $1" "$base$2" | { grep -o "$3" || true; } | head -1 |
    sed 's/.*href="\([^"]*\)".*/\1/; s/&amp;/\&/g'
}

# deep_page <cookie>: follows "Next" from the first page up to 200 pages deep.
deep_page() {
  local path=/associations next n=1
  while [ $n -lt 200 ]; do
    next=$(first_href "$1" "$path" 'href="[^"]*" rel="next"')
    [ -n "$next" ] || break
    path=$next; n=$((n + 1))
  done
  echo "$n $path"
}

printf 'db\tclaims\troute\treq_per_s\tp50_ms\tp99_ms\terrors\tratio_to_health\n' | tee "$results"
for db in $dbs; do
  for claims in $sizes; do
    seed "$db" "$claims"
    start "$(database_url "$db" "$claims")"
    idle=$(rss_kib)
    partner=$(sign_in partner@org0.seed.example)
    reviewer=$(sign_in reviewer@portal.example)
    claim=$(first_href "$partner" /associations 'href="/associations/[0-9a-f-]*"')
    read -r depth deep < <(deep_page "$partner")
    rows=$(curl -s -H "Cookie: $partner" "$base/associations/export.csv" | wc -l)
    bench "$db" "$claims" /health "" /health
    bench "$db" "$claims" "/associations (first page)" "$partner" /associations
    bench "$db" "$claims" "/associations (page $depth)" "$partner" "$deep"
    bench "$db" "$claims" "/associations?status=official" "$partner" "/associations?status=official"
    bench "$db" "$claims" "/associations?q=tenant12" "$partner" "/associations?q=tenant12"
    bench "$db" "$claims" "claim page" "$partner" "$claim"
    bench "$db" "$claims" "claim history" "$partner" "$claim/history"
    bench "$db" "$claims" "/review (queue)" "$reviewer" /review
    bench "$db" "$claims" "export.csv ($((rows - 1)) rows)" "$partner" /associations/export.csv
    printf '%s\t%s\trss_kib idle %s, peak under load %s\n' "$db" "$claims" "$idle" "$(peak_kib)" | tee -a "$results"
    stop
  done
done
log "raw output: $run"
