# Shared by start-keycloak.sh and verify-realm.sh (source it): fetch the Keycloak distribution once, start it,
# wait until it serves the skyfed realm. Callers set `root` (the repository) before sourcing.
kc_version="${KEYCLOAK_VERSION:-26.7.3}"
kc_java_home="${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
kc_cache="${SKYFED_KEYCLOAK_CACHE:-$HOME/.skyfed/keycloak}"

kc_fail() { echo "FAIL: $*" >&2; exit 1; }

# Prints the path of the distribution's tarball, fetching it from Maven Central (the only reachable source) once.
kc_tarball() {
  local tarball="$kc_cache/keycloak-quarkus-dist-${kc_version}.tar.gz"
  if [[ ! -s "$tarball" ]]; then
    mkdir -p "$kc_cache"
    "$root/mvnw" -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:${kc_version}:tar.gz" \
      -DoutputDirectory="$kc_cache" >&2 || kc_fail "cannot fetch org.keycloak:keycloak-quarkus-dist:${kc_version}"
  fi
  echo "$tarball"
}

# Unpacks the distribution into $1 (which must not hold one yet) and prints the Keycloak home.
kc_unpack() {
  local into="$1" tarball
  tarball="$(kc_tarball)"
  mkdir -p "$into"
  tar xzf "$tarball" -C "$into" || kc_fail "cannot unpack $tarball"
  echo "$into/keycloak-${kc_version}"
}

# Writes realm files into the import directory of Keycloak home $1: the checked-in realm, merged with the overlay
# file $2 when given (its users appended, its clients added).
kc_stage_realm() {
  local kc="$1" overlay="${2:-}" realm="$root/deploy/keycloak/skyfed-realm.json"
  rm -rf "$kc/data/import" && mkdir -p "$kc/data/import"
  if [[ -n "$overlay" ]]; then
    jq -s '.[0] as $realm | .[1] as $overlay | $realm
           | .clients = ($realm.clients + ($overlay.clients // []))
           | .users = (($realm.users // []) + ($overlay.users // []))' "$realm" "$overlay" \
      > "$kc/data/import/skyfed-realm.json" || kc_fail "cannot merge $overlay into the realm"
  else
    cp "$realm" "$kc/data/import/"
  fi
}

# Starts Keycloak home $1 in the background (start-dev, realm import) on HTTP port $2 and management port $3,
# logging to $4; the caller exports KC_BOOTSTRAP_ADMIN_* and SKYFED_BROKER_CLIENT_SECRET. Sets kc_pid.
kc_launch() {
  local kc="$1" http_port="$2" mgmt_port="$3" log="$4"
  [[ -x "$kc_java_home/bin/java" ]] || kc_fail "no Java at $kc_java_home (Keycloak 26 needs Java 21+; set KC_JAVA_HOME)"
  # setsid: a process group of its own, so stopping it reaches every process it started.
  JAVA_HOME="$kc_java_home" setsid "$kc/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port "$http_port" \
    --http-management-port "$mgmt_port" --health-enabled=true --import-realm > "$log" 2>&1 < /dev/null &
  kc_pid=$!
}

# Waits until the process $1 answers ready on management port $2 and realm skyfed's discovery document is served
# on HTTP port $3; fails after $5 seconds, quoting the log $4.
kc_await_ready() {
  local pid="$1" mgmt_port="$2" http_port="$3" log="$4" timeout="$5"
  local deadline=$((SECONDS + timeout))
  until curl -fs "http://127.0.0.1:${mgmt_port}/health/ready" >/dev/null 2>&1 \
      && curl -fs "http://127.0.0.1:${http_port}/realms/skyfed/.well-known/openid-configuration" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$log" >&2
      kc_fail "Keycloak exited before it was ready (log: $log)"
    fi
    if ((SECONDS >= deadline)); then
      tail -20 "$log" >&2
      kc_fail "Keycloak not ready after ${timeout} s (log: $log)"
    fi
    sleep 2
  done
  grep -q "Realm 'skyfed' imported" "$log" || kc_fail "the realm was not imported: $(grep -i error "$log" | head -3)"
}
