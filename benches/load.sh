#!/usr/bin/env bash
# The portal under load: builds the release binary, seeds a database per size and backend
# (`portal seed`, kept under LOAD_DATA; each run works on a fresh copy), starts the portal,
# signs in a partner user and a reviewer, and measures each page with wrk, then the submit
# of ready drafts (the write path), the memory around a 100 MB upload, and the jobs: closing
# every due opt-out window and dispatching 10,000 emails. When ../shared/ceiling is there
# (LOAD_CEILING), its run.sh measures the stack's ceiling (a 25-row list page of 1M rows, its
# own release build and database) on the same backend right before the portal's pages, and
# each page is also given as a ratio of the ceiling's /list?page=1 from that same run.
# One line per measurement:
#   db claims route req/s p50_ms p99_ms errors ratio_to_health ratio_to_ceiling
# Usage: bash benches/load.sh
# Settings: LOAD_CLAIMS ("10000 1000000"), LOAD_DBS ("sqlite pg"), LOAD_ORGANISATIONS (100),
#   LOAD_READY_DRAFTS (30000), LOAD_DATA (/tmp/portal-load), WRK_THREADS (2),
#   WRK_CONNECTIONS (64), WRK_DURATION (10s), WRK_WARMUP (3s), WRK_RUNS (1: each page is
#   measured this many times and its line is the run of median req/s),
#   LOAD_PG_URL (postgres://portal_bench:portal_bench@127.0.0.1:5432),
#   LOAD_CEILING (../shared/ceiling; "none" skips it), LOAD_SEARCH_NAME ("claim 4711"),
#   LOAD_SEARCH_DOMAIN (tenant12), LOAD_SEARCH_TENANT (tenant 12's ID),
#   LOAD_PG_NAME (portal_bench: PostgreSQL's databases are LOAD_PG_NAME_v<version>_<claims>),
#   LOAD_COPIES (1: each run works on a fresh copy of the seeded database; 0: the pages are
#   measured on the seeded database itself and what writes — the submit, the upload, the
#   windows — is skipped, for sizes whose copy would not fit on the disk).
# Disk: PostgreSQL takes ~5 GB per million claims, indexes included (so ~50 GB for 10M),
# twice that with a copy. `portal seed` writes with COPY on PostgreSQL and builds the
# indexes and checks the foreign keys once, after the load.
# E.g. LOAD_CLAIMS="1000000 10000000" LOAD_DBS=pg LOAD_COPIES=0 bash benches/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${LOAD_CLAIMS:-10000 1000000}
dbs=${LOAD_DBS:-sqlite pg}
organisations=${LOAD_ORGANISATIONS:-100}
ready_drafts=${LOAD_READY_DRAFTS:-30000}
data=${LOAD_DATA:-/tmp/portal-load}
threads=${WRK_THREADS:-2}
connections=${WRK_CONNECTIONS:-64}
duration=${WRK_DURATION:-10s}
warmup=${WRK_WARMUP:-3s}
runs=${WRK_RUNS:-1}
ceiling_dir=${LOAD_CEILING:-../shared/ceiling}
search_name=${LOAD_SEARCH_NAME:-claim 4711}
search_domain=${LOAD_SEARCH_DOMAIN:-tenant12}
search_tenant=${LOAD_SEARCH_TENANT:-5eed0000-0000-4000-8000-00000000000c}
pg_base=${LOAD_PG_URL:-postgres://portal_bench:portal_bench@127.0.0.1:5432}
pg_name=${LOAD_PG_NAME:-portal_bench}
copies=${LOAD_COPIES:-1}
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
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
cargo build --release --quiet --bins --benches
binary=./target/release/portal
# The seed's version: data seeded by an older `portal seed` is seeded again.
version=6

# database_url <db> <claims> [run]: the seeded database per backend and size, or its copy.
database_url() {
  case $1 in
    sqlite) echo "$data/portal-v$version-$2${3:+-run}.db" ;;
    pg) echo "$pg_base/${pg_name}_v${version}_$2${3:+_run}" ;;
  esac
}

# fresh_copy <db> <claims>: the run's own copy of the seeded database (runs change data).
fresh_copy() {
  local seeded copy
  seeded=$(database_url "$1" "$2"); copy=$(database_url "$1" "$2" run)
  case $1 in
    sqlite) rm -f "$copy" "$copy-wal" "$copy-shm"; cp "$seeded" "$copy" ;;
    pg) (cd /tmp && runuser -u postgres -- dropdb --if-exists "${copy##*/}" &&
         runuser -u postgres -- createdb -O portal_bench -T "${seeded##*/}" "${copy##*/}") ;;
  esac
}

# sql <db> <url> <query>: one value per line.
sql() {
  case $1 in
    sqlite) sqlite3 "$2" "$3" ;;
    pg) (cd /tmp && runuser -u postgres -- psql -qtAX -d "${2##*/}" -c "$3") ;;
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
  local db=$1 claims=$2 url marker="$data/seeded-v$version-$1-$2"
  url=$(database_url "$db" "$claims")
  [ "$db" = pg ] && prepare_pg "${url##*/}"
  if [ ! -f "$marker" ]; then
    log "seeding $claims claims on $db"
    [ "$db" = sqlite ] && rm -f "$url" "$url-wal" "$url-shm"
    PORTAL_DATABASE_URL="$url" "$binary" seed --claims "$claims" --organisations "$organisations" \
      --ready-drafts "$ready_drafts" >"$marker.log" 2>&1 || { cat "$marker.log" >&2; exit 1; }
    [ "$db" = sqlite ] && sqlite3 "$url" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    grep '^Seeded' "$marker.log" >&2
    touch "$marker"
  fi
}

start() {
  PORTAL_DATABASE_URL="$1" PORTAL_BIND="127.0.0.1:$port" PORTAL_JOBS_INTERVAL_SECONDS=0 PORTAL_UPLOAD_MAX_MB=200 \
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
# The process's own memory: VmRSS also counts the SQLite file pages it maps.
anon_kib() { awk '/^RssAnon/ {print $2}' "/proc/$pid/status"; }

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
  local out="$run/wrk-$1-$2-$(printf %s "$3" | tr -cs 'A-Za-z0-9' '_').txt"
  local n
  wrk -H "Cookie: $4" -t"$threads" -c"$connections" -d"$warmup" "$base$5" >/dev/null
  for n in $(seq "$runs"); do
    wrk -H "Cookie: $4" -t"$threads" -c"$connections" -d"$duration" --latency "$base$5" >"$out.$n"
  done
  # The run of median throughput: one slow or fast run does not move the table.
  for n in $(seq "$runs"); do
    printf '%s %s\n' "$(awk '/^Requests\/sec:/ {print $2}' "$out.$n")" "$out.$n"
  done | sort -n | awk -v m=$(((runs + 1) / 2)) 'NR == m {print $2}' | xargs -I{} cp {} "$out"
  row "$1" "$2" "$3" "$out"
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

# row <db> <claims> <label> <wrk output file>: one line of the table from wrk's output.
row() {
  local rps p50 p99 errs health ceiling
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$4")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2; exit}' "$4")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2; exit}' "$4")")
  errs=$(awk '/Non-2xx or 3xx/ {e += $NF} /Socket errors/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}' "$4")
  health=$(awk -F'\t' -v d="$1" -v n="$2" '$1 == d && $2 == n && $3 == "/health" {print $4}' "$results")
  ceiling=$(awk -F'\t' -v d="$1" -v n="$2" '$1 == d && $2 == n && $3 == "ceiling /list?page=1" {print $4}' "$results")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$errs" \
    "$(awk -v a="$rps" -v b="${health:-$rps}" 'BEGIN {printf "%.3f", a / b}')" \
    "$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {if (b > 0) printf "%.3f", a / b; else printf "-"}')" | tee -a "$results"
}

# submit <db> <claims> <url>: the ready drafts' submit, each draft once (write path).
submit() {
  local owner cookie csrf ids="$run/drafts" out="$run/wrk-$1-$2-submit.txt"
  owner=$(sql "$1" "$3" "SELECT organisation_id FROM users WHERE email = 'partner@org$organisations.seed.example'")
  sql "$1" "$3" "SELECT id FROM claims WHERE organisation_id = '$owner' AND status = 'draft' ORDER BY id" >"$ids"
  cookie=$(sign_in "partner@org$organisations.seed.example")
  csrf=$(curl -s -H "Cookie: $cookie" "$base/associations" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | cut -d'"' -f4)
  head -n 2000 "$ids" >"$ids.warm"; tail -n +2001 "$ids" >"$ids.measured"
  SUBMIT_IDS="$ids.warm" SUBMIT_CSRF="$csrf" SUBMIT_THREADS="$threads" \
    wrk -H "Cookie: $cookie" -s benches/submit.lua -t"$threads" -c"$connections" -d1s "$base/" >/dev/null
  SUBMIT_IDS="$ids.measured" SUBMIT_CSRF="$csrf" SUBMIT_THREADS="$threads" \
    wrk -H "Cookie: $cookie" -s benches/submit.lua -t"$threads" -c"$connections" -d"$duration" --latency "$base/" >"$out"
  row "$1" "$2" "submit a complete draft ($(wc -l <"$ids.measured") ready)" "$out"
  printf '%s\t%s\tsubmitted drafts now in review: %s\n' "$1" "$2" \
    "$(sql "$1" "$3" "SELECT count(*) FROM claims WHERE organisation_id = '$owner' AND status = 'submitted'")" | tee -a "$results"
}

# upload_memory <db> <claims> <url>: the process's own memory around a 100 MB upload.
upload_memory() {
  local owner claim cookie action before peak=0 code file="$data/upload-100mb.pdf"
  [ -f "$file" ] || { printf '%%PDF-1.7\n'; head -c 100000000 /dev/zero; } >"$file"
  owner=$(sql "$1" "$3" "SELECT organisation_id FROM users WHERE email = 'partner@org0.seed.example'")
  claim=$(sql "$1" "$3" "SELECT id FROM claims WHERE organisation_id = '$owner' AND status = 'draft' LIMIT 1")
  cookie=$(sign_in partner@org0.seed.example)
  action=$(curl -s -H "Cookie: $cookie" "$base/associations/$claim/files" | grep -o 'action="[^"]*csrf_token=[0-9a-f]*"' | head -1 | cut -d'"' -f2)
  before=$(anon_kib)
  touch "$run/uploading"
  ( while [ -e "$run/uploading" ]; do anon_kib; sleep 0.01; done ) >"$run/anon-samples" &
  local sampler=$!
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -F "files=@$file;type=application/pdf" "$base$action")
  rm -f "$run/uploading"; wait "$sampler" 2>/dev/null || true
  peak=$(sort -n "$run/anon-samples" | tail -1)
  printf '%s\t%s\t100 MB upload: HTTP %s, own memory %s KiB before, %s KiB at most during, growth %s KiB\n' \
    "$1" "$2" "$code" "$before" "$peak" "$((peak - before))" | tee -a "$results"
}

# dispatch <db>: 10,000 emails through the outbox to an in-process SMTP server.
dispatch() {
  local url=""
  if [ "$1" = pg ]; then
    url="$pg_base/portal_bench_dispatch"
    (cd /tmp && runuser -u postgres -- dropdb --if-exists portal_bench_dispatch)
    prepare_pg portal_bench_dispatch
  fi
  printf '%s\t-\t%s\n' "$1" "$(env ${url:+BENCH_DATABASE_URL=$url} cargo bench --quiet --bench dispatch | paste -sd' ' -)" | tee -a "$results"
}

# ceiling <db> <claims>: ../shared/ceiling (when present) measures the stack's ceiling on
# this backend (the portal idle meanwhile); its /list?page=1 (and its p99) becomes a line of
# the table, the reference of every later page's ratio_to_ceiling.
ceiling() {
  local out="$run/ceiling-$1-$2"
  [ "$ceiling_dir" != none ] && [ -f "$ceiling_dir/run.sh" ] || { log "no ceiling at $ceiling_dir: skipped"; return 0; }
  CEILING_DBS="$1" CEILING_OUT="$out" bash "$ceiling_dir/run.sh" >"$out.txt" 2>&1 ||
    { tail -5 "$out.txt" >&2; return 0; }
  awk -F'\t' -v d="$1" -v n="$2" '$1 == d && $2 == "/list?page=1" {
      printf "%s\t%s\tceiling /list?page=1\t%s\t%s\t%s\t%s\t-\t1.000\n", d, n, $3, $4, $5, $6}' \
    "$out/results.tsv" | tee -a "$results"
}

# q <text>: the text as a query string value.
q() { printf %s "$1" | sed 's/%/%25/g; s/ /%20/g; s/&/%26/g; s/+/%2B/g; s/#/%23/g'; }

printf 'db\tclaims\troute\treq_per_s\tp50_ms\tp99_ms\terrors\tratio_to_health\tratio_to_ceiling\n' | tee "$results"
for db in $dbs; do
  for claims in $sizes; do
    seed "$db" "$claims"
    if [ "$copies" = 0 ]; then
      url=$(database_url "$db" "$claims")
    else
      fresh_copy "$db" "$claims"
      url=$(database_url "$db" "$claims" run)
    fi
    start "$url"
    idle=$(rss_kib)
    partner=$(sign_in partner@org0.seed.example)
    reviewer=$(sign_in reviewer@portal.example)
    claim=$(first_href "$partner" /associations 'href="/associations/[0-9a-f-]*"')
    read -r depth deep < <(deep_page "$partner")
    rows=$(curl -s -H "Cookie: $partner" "$base/associations/export.csv" | wc -l)
    # The ceiling right before the pages it is the reference of (once per size and backend).
    ceiling "$db" "$claims"
    bench "$db" "$claims" /health "" /health
    bench "$db" "$claims" "/associations (first page)" "$partner" /associations
    bench "$db" "$claims" "/associations (page $depth)" "$partner" "$deep"
    bench "$db" "$claims" "/associations?status=official" "$partner" "/associations?status=official"
    bench "$db" "$claims" "/associations?q=$search_name (name)" "$partner" "/associations?q=$(q "$search_name")"
    bench "$db" "$claims" "/associations?q=$search_domain (domain)" "$partner" "/associations?q=$(q "$search_domain")"
    bench "$db" "$claims" "/associations?q=$search_tenant (tenant)" "$partner" "/associations?q=$(q "$search_tenant")"
    bench "$db" "$claims" "claim page" "$partner" "$claim"
    bench "$db" "$claims" "claim history" "$partner" "$claim/history"
    bench "$db" "$claims" "/review (queue, 25 rows)" "$reviewer" /review
    bench "$db" "$claims" "/review?per_page=100" "$reviewer" "/review?per_page=100"
    bench "$db" "$claims" "/review?status=official (filtered)" "$reviewer" "/review?status=official"
    bench "$db" "$claims" "/review?q=$search_domain (searched)" "$reviewer" "/review?q=$(q "$search_domain")"
    bench "$db" "$claims" "export.csv ($((rows - 1)) rows)" "$partner" /associations/export.csv
    printf '%s\t%s\trss_kib idle %s, peak under load %s\n' "$db" "$claims" "$idle" "$(peak_kib)" | tee -a "$results"
    if [ "$copies" = 0 ]; then
      stop
      continue
    fi
    submit "$db" "$claims" "$url"
    upload_memory "$db" "$claims" "$url"
    stop
    printf '%s\t%s\t%s\n' "$db" "$claims" "$(BENCH_DATABASE_URL="$url" cargo bench --quiet --bench windows)" | tee -a "$results"
    [ "$claims" = "${sizes##* }" ] && dispatch "$db"
  done
done
log "raw output: $run"
