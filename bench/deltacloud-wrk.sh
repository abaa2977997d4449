#!/usr/bin/env bash
# Benchmarks the Deltacloud API: GET /api/instances and /api/hardware_profiles, XML and JSON, against the packaged
# broker's embedded mock provider (shared by /api and /v1) seeded with N extra instances, at C concurrent connections (wrk, from Debian).
#
# Usage: bench/deltacloud-wrk.sh [--instances 1000] [--connections 64] [--threads 2] [--duration 30s]
#                                [--warmup 10s] [--port 3102]
# Needs: broker/target/quarkus-app/quarkus-run.jar (./mvnw -B -pl broker -am package -DskipTests), wrk, curl.
# Prints a Markdown table (one row per case) for docs/benchmarks.md; exits non-zero if any request failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/broker/target/quarkus-app/quarkus-run.jar"
INSTANCES=1000 CONNECTIONS=64 THREADS=2 DURATION=30s WARMUP=10s PORT=3102

die() { echo "deltacloud-wrk: $*" >&2; exit 2; }
while (($#)); do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
command -v wrk >/dev/null || die "wrk missing (apt-get install wrk)"
[[ -f "$JAR" ]] || die "$JAR missing: run ./mvnw -B -pl broker -am package -DskipTests"

LOG="$(mktemp "${TMPDIR:-/tmp}/deltacloud-wrk.XXXXXX.log")"
java ${JAVA_OPTS:-} -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
  -Dskyfed.providers.mock.properties.seed-instances="$INSTANCES" -jar "$JAR" >"$LOG" 2>&1 &
BROKER=$!
trap 'kill "$BROKER" 2>/dev/null; wait "$BROKER" 2>/dev/null || true' EXIT

URL="http://localhost:$PORT/api"
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$URL" && break
  kill -0 "$BROKER" 2>/dev/null || die "broker exited; see $LOG"
  sleep 0.5
done
curl -fs -o /dev/null "$URL" || die "broker did not come up on port $PORT; see $LOG"

AUTH="Authorization: Basic $(printf '%s' mockuser:mockpassword | base64)"
listed=$(curl -fs -H "$AUTH" "$URL/instances" | grep -o '<instance ' | wc -l)
((listed >= INSTANCES)) || die "expected at least $INSTANCES instances, the API lists $listed"

echo "broker: pid $BROKER, $listed instances listed; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| request | format | encoding | body bytes | requests/s | p50 | p99 | max |"
echo "|---|---|---|---|---|---|---|---|"
failed=0
run() {  # path, accept, accept-encoding
  local path="$1" accept="$2" encoding="$3" out size
  size=$(curl -fs -o /dev/null -w '%{size_download}' -H "$AUTH" -H "Accept: $accept" -H "Accept-Encoding: $encoding" "$URL$path")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" -H "Accept: $accept" -H "Accept-Encoding: $encoding" \
    "$URL$path" >/dev/null
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" -H "Accept: $accept" \
    -H "Accept-Encoding: $encoding" "$URL$path")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    failed=1
    echo "$out" >&2
  fi
  printf '| GET /api%s | %s | %s | %s | %s | %s | %s | %s |\n' "$path" "${accept#application/}" "$encoding" "$size" \
    "$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/^    Latency/ {print $4}' <<<"$out")"
}
for path in /instances /hardware_profiles; do
  for accept in application/xml application/json; do
    run "$path" "$accept" identity
  done
done
for accept in application/xml application/json; do
  run /instances "$accept" gzip
done
echo
echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION after $WARMUP warm-up; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$failed"
