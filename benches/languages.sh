#!/usr/bin/env bash
# The claims list in English and in Japanese, interleaved against one release portal on a
# seeded SQLite database (10,000 claims over 20 organisations): one line per run,
#   round language req/s
# and the ratio of the Japanese median to the English one.
# Usage: bash benches/languages.sh   Settings: LANG_ROUNDS (3), WRK_DURATION (10s).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${LANG_ROUNDS:-3}
duration=${WRK_DURATION:-10s}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q
dir=$(mktemp -d /tmp/portal-languages.XXXXXX)
bin=target/release/portal
PORTAL_DATABASE_URL=$dir/db.sqlite $bin seed --claims 10000 --organisations 20 >/dev/null
port=18095
base=http://127.0.0.1:$port
PORTAL_DATABASE_URL=$dir/db.sqlite PORTAL_BIND=127.0.0.1:$port PORTAL_DEMO=false \
  PORTAL_JOBS_INTERVAL_SECONDS=0 RUST_LOG=warn $bin >"$dir/portal.log" 2>&1 &
pid=$!
trap 'kill $pid; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf $base/health >/dev/null && break; sleep 0.2; done
jar=$dir/cookies
token=$(curl -s -c "$jar" -b "$jar" $base/sign-in |
  grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
curl -s -c "$jar" -b "$jar" -o /dev/null -X POST $base/sign-in \
  --data-urlencode "csrf_token=$token" --data-urlencode email=partner@org0.seed.example \
  --data-urlencode password=demo-password-2026
session=$(awk '$6=="portal_session"{print $7}' "$jar")
for round in $(seq "$rounds"); do
  for lang in en ja; do
    cookie="Cookie: portal_session=$session; portal_language=$lang"
    wrk -t2 -c64 -d3s -H "$cookie" $base/associations >/dev/null
    rps=$(wrk -t2 -c64 -d"$duration" -H "$cookie" $base/associations | awk '/Requests\/sec/{print $2}')
    echo "$round $lang $rps" | tee -a "$dir/results"
  done
done
median() { awk -v l="$1" '$2 == l {print $3}' "$dir/results" | sort -n |
  awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
en=$(median en)
ja=$(median ja)
awk -v en="$en" -v ja="$ja" 'BEGIN {printf "median en %.0f, ja %.0f req/s: ja/en %.3f\n", en, ja, ja / en}'
