#!/usr/bin/env bash
# Runs a real Keycloak for the integration tests and local use: the checked-in realm (skyfed-realm.json) plus the
# test overlay (skyfed-test-users.json: users of tenants acme and globex, the password-grant client skyfed-test).
#
#   start-keycloak.sh [start]   start it, or reuse the one already running; prints the issuer URL
#   start-keycloak.sh stop      stop the one this script started
#   start-keycloak.sh status    print the issuer URL if it is ready, else exit 1
#
# Settings (environment): KC_HTTP_PORT (8180), KC_MANAGEMENT_PORT (9180), KC_JAVA_HOME (Temurin 25),
# SKYFED_KEYCLOAK_CACHE (~/.skyfed/keycloak: the distribution, unpacked once, its log and pid), KC_START_TIMEOUT
# (300 s). Each start imports the realm afresh; development mode only, never production.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=keycloak-lib.sh
source "$here/keycloak-lib.sh"
http_port="${KC_HTTP_PORT:-8180}" mgmt_port="${KC_MANAGEMENT_PORT:-9180}"
timeout="${KC_START_TIMEOUT:-300}"
run="$kc_cache/run" pid_file="$kc_cache/run/keycloak.pid" log="$kc_cache/run/keycloak.log"
issuer="http://127.0.0.1:${http_port}/realms/skyfed"

ready() {
  curl -fs "http://127.0.0.1:${mgmt_port}/health/ready" >/dev/null 2>&1 \
    && curl -fs "$issuer/.well-known/openid-configuration" >/dev/null 2>&1
}

running_pid() {
  local pid
  [[ -s "$pid_file" ]] && pid="$(cat "$pid_file")" && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "Keycloak is not running (no live process in $pid_file)"
    rm -f "$pid_file"
    return 0
  fi
  kill -- "-$pid" 2>/dev/null || kill "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || kc_fail "Keycloak (pid $pid) still running 60 s after SIGTERM"
    sleep 1
  done
  rm -f "$pid_file"
  echo "Keycloak stopped"
}

start() {
  if ready; then
    echo "Keycloak already running; issuer: $issuer"
    return 0
  fi
  local pid
  if pid="$(running_pid)"; then
    # Ours, still starting (or wedged): wait for it rather than start a second one on the same ports.
    kc_await_ready "$pid" "$mgmt_port" "$http_port" "$log" "$timeout"
    echo "Keycloak ready; issuer: $issuer"
    return 0
  fi
  if curl -s -o /dev/null "http://127.0.0.1:${http_port}/" 2>/dev/null; then
    kc_fail "port $http_port answers but serves no skyfed realm; set KC_HTTP_PORT to a free port"
  fi
  local kc="$kc_cache/keycloak-${kc_version}"
  [[ -x "$kc/bin/kc.sh" ]] || kc="$(kc_unpack "$kc_cache")"
  # A fresh development database each start, so the realm imported is the checked-in one.
  rm -rf "$kc/data/h2" "$kc/data/transaction-logs"
  kc_stage_realm "$kc" "$here/skyfed-test-users.json"
  mkdir -p "$run"
  local admin_password
  admin_password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  (umask 077 && echo "$admin_password" > "$run/admin-password")
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
    SKYFED_BROKER_CLIENT_SECRET="${SKYFED_BROKER_CLIENT_SECRET:-skyfed-dev-client-secret}" \
    kc_launch "$kc" "$http_port" "$mgmt_port" "$log"
  echo "$kc_pid" > "$pid_file"
  echo "Keycloak ${kc_version} starting (pid $kc_pid, log $log); waiting up to ${timeout} s"
  kc_await_ready "$kc_pid" "$mgmt_port" "$http_port" "$log" "$timeout"
  echo "Keycloak ready; issuer: $issuer (admin console user admin, password in $run/admin-password)"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) ready && echo "$issuer" || { echo "Keycloak is not ready at $issuer" >&2; exit 1; } ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac
