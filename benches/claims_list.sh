#!/usr/bin/env bash
# The partner's Customer associations list with 100,000 claims in one organisation, next to
# /health, measured with wrk against a release build on SQLite — plus the server's memory
# around a 100 MB proof-of-execution upload. Usage: bash benches/claims_list.sh
# Settings: CLAIMS (100000), WRK_DURATION (10s), WRK_CONNECTIONS (32).
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${CLAIMS:-100000}
duration=${WRK_DURATION:-10s}
connections=${WRK_CONNECTIONS:-32}
work=$(mktemp -d /tmp/portal-bench.XXXXXX)
port=18080
base="http://127.0.0.1:$port"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet

start() {
  PORTAL_DATABASE_URL="$work/portal.db" PORTAL_BIND="127.0.0.1:$port" RUST_LOG=warn \
    PORTAL_UPLOAD_MAX_MB=200 ./target/release/portal >"$work/portal.log" 2>&1 &
  pid=$!
  until curl -sf "$base/health" >/dev/null; do sleep 0.05; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

start; stop   # migrate and seed the demo data
python3 - "$work/portal.db" "$claims" <<'PY'
import sqlite3, sys, uuid, datetime
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
org, user = c.execute("SELECT organisation_id, id FROM users WHERE email='partner@contoso.example'").fetchone()
loc = c.execute("SELECT id FROM partner_locations WHERE organisation_id=? ORDER BY name LIMIT 1", (org,)).fetchone()[0]
tenant = c.execute("SELECT id FROM tenants ORDER BY name LIMIT 1").fetchone()[0]
statuses = ["draft", "submitted", "pending_customer", "official", "rejected", "withdrawn"]
base = datetime.datetime(2024, 1, 1)
rows = []
for i in range(n):
    at = (base + datetime.timedelta(minutes=(i * 7919) % 1_000_000)).strftime("%Y-%m-%d %H:%M:%S")
    rows.append((str(uuid.uuid4()), org, loc, user, tenant, "northwind.example", "microsoft_365", "usage",
                 "osu_m365", f"Claim {i} & <Northwind>", statuses[i % len(statuses)], at, at))
c.executemany("""INSERT INTO claims (id, organisation_id, location_id, created_by, tenant_id, customer_domain,
  solution_area, activity, programme, name, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
c.execute("ANALYZE")
c.commit()
print(f"seeded {n} claims")
PY
start

jar="$work/cookies"
token=$(curl -s -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data-urlencode "csrf_token=$token" --data-urlencode "email=partner@contoso.example" \
  --data-urlencode "password=demo-password-2026" "$base/sign-in"
session=$(awk '$6=="portal_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }

printf '%-44s %10s %10s %10s %8s\n' page req/s p50 p99 ratio
health_rps=""
measure() {
  local label=$1 path=$2 out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency -H "Cookie: portal_session=$session" "$base$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  [ -n "$health_rps" ] || health_rps=$rps
  printf '%-44s %10s %10s %10s %8.3f\n' "$label" "$rps" "$p50" "$p99" "$(echo "$rps / $health_rps" | bc -l)"
}
measure "/health" "/health"
measure "/associations (first page)" "/associations"
next=$(curl -s -H "Cookie: portal_session=$session" "$base/associations" | sed -n 's/.*href="\([^"]*after=[^"]*\)" rel="next".*/\1/p' | head -1 | sed 's/&amp;/\&/g')
measure "/associations (second page, keyset)" "$next"
measure "/associations?status=official" "/associations?status=official"
measure "/associations?q=claim+4242 (search)" "/associations?q=claim+4242"
measure "/associations?sort=name&dir=asc" "/associations?sort=name&dir=asc"

# Memory around a 100 MB upload (limit 200 MB). RssAnon is the process's own (heap) memory;
# VmRSS also counts the database file pages mapped by SQLite, which are not what we measure.
claim=$(sqlite3 "$work/portal.db" "SELECT id FROM claims WHERE status='draft' LIMIT 1")
head -c 100000000 /dev/zero | { printf '%%PDF-1.7\n'; cat; } > "$work/big.pdf"
anon() { awk '/RssAnon/ {print $2}' "/proc/$pid/status"; }
anon_before=$(anon)
page=$(curl -s -H "Cookie: portal_session=$session" "$base/associations/$claim/files")
action=$(sed -n 's/.*action="\([^"]*csrf_token=[0-9a-f]*\)".*/\1/p' <<<"$page" | head -1)
touch "$work/uploading"
( peak=0; while [ -e "$work/uploading" ]; do a=$(anon); [ "$a" -gt "$peak" ] && peak=$a && echo "$peak" > "$work/peak"; sleep 0.02; done ) &
sampler=$!
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: portal_session=$session" -F "files=@$work/big.pdf" "$base$action")
rm -f "$work/uploading"; wait "$sampler" 2>/dev/null || true
echo "100 MB upload: HTTP $code; anonymous memory before ${anon_before} kB, highest during the upload $(cat "$work/peak" 2>/dev/null || echo "$anon_before") kB"
