#!/usr/bin/env bash
# Imports skyfed-realm.json into a throwaway local Keycloak (the release the manifests deploy) and checks what the
# broker relies on: the placeholders are filled, the user profile accepts a valid `tenant` and rejects a bad one,
# and an access token carries the tenant claim, the realm role and the skyfed-broker audience.
# Not part of CI (needs 1-3 minutes; CI runs start-keycloak.sh and the broker's RealKeycloakIT instead); run it after
# changing the realm. Needs: Java 21+ for Keycloak 26 (KC_JAVA_HOME, default Temurin 25), curl, jq, and ./mvnw to
# fetch the distribution once into ~/.skyfed/keycloak.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=keycloak-lib.sh
source "$here/keycloak-lib.sh"
http_port="${KC_HTTP_PORT:-18187}" mgmt_port="${KC_MANAGEMENT_PORT:-19007}"
work="$(mktemp -d)"
kc_pid=""
cleanup() {
  local status=$?
  if [[ -n "$kc_pid" ]]; then
    kill -- "-$kc_pid" 2>/dev/null || true
    wait "$kc_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
fail() { kc_fail "$@"; }

# The distribution is cached (start-keycloak.sh shares it); the instance and its database are throwaway.
kc="$(kc_unpack "$work")"
kc_stage_realm "$kc"

client_secret="verify-$(date +%s%N)"
admin_password="verify-admin-$(date +%s%N)"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
  SKYFED_BROKER_CLIENT_SECRET="$client_secret" kc_launch "$kc" "$http_port" "$mgmt_port" "$work/keycloak.log"
kc_await_ready "$kc_pid" "$mgmt_port" "$http_port" "$work/keycloak.log" 300

base="http://127.0.0.1:${http_port}"
admin_token=$(curl -fs -d grant_type=password -d client_id=admin-cli -d username=admin -d "password=$admin_password" \
  "$base/realms/master/protocol/openid-connect/token" | jq -r .access_token)
auth=(-H "Authorization: Bearer $admin_token" -H "Content-Type: application/json")
api="$base/admin/realms/skyfed"

client_id=$(curl -fs "${auth[@]}" "$api/clients?clientId=skyfed-broker" | jq -r '.[0].id')
client=$(curl -fs "${auth[@]}" "$api/clients/$client_id")
[[ $(jq -r .secret <<<"$client") == "$client_secret" ]] || fail "the client secret placeholder was not filled"
[[ $(jq -r .rootUrl <<<"$client") == "http://localhost:3001" ]] || fail "the root URL default was not applied"

bad=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -d \
  '{"username":"mallory","email":"m@example.com","firstName":"M","lastName":"M","enabled":true,"attributes":{"tenant":["Not A Label!"]}}' "$api/users")
[[ "$bad" == 400 ]] || fail "a malformed tenant was accepted (HTTP $bad)"

curl -fs "${auth[@]}" -d '{"username":"alice","email":"alice@example.com","firstName":"Alice","lastName":"Tenant",
  "enabled":true,"emailVerified":true,"attributes":{"tenant":["acme"]},
  "credentials":[{"type":"password","value":"a-long-password-123","temporary":false}]}' "$api/users"
user_id=$(curl -fs "${auth[@]}" "$api/users?username=alice&exact=true" | jq -r '.[0].id')
curl -fs "${auth[@]}" -d "[$(curl -fs "${auth[@]}" "$api/roles/tenant")]" "$api/users/$user_id/role-mappings/realm"

# A password grant is off for every Skyfed client; this throwaway instance turns it on to mint a token.
curl -fs -X PUT "${auth[@]}" -d "$(jq '.directAccessGrantsEnabled=true' <<<"$client")" "$api/clients/$client_id"
token=$(curl -fs -d grant_type=password -d client_id=skyfed-broker -d "client_secret=$client_secret" \
  -d username=alice -d password=a-long-password-123 "$base/realms/skyfed/protocol/openid-connect/token" | jq -r .access_token)
payload=$(cut -d. -f2 <<<"$token" | tr '_-' '/+')
while ((${#payload} % 4)); do payload+="="; done
claims=$(base64 -d <<<"$payload")
[[ $(jq -r .tenant <<<"$claims") == acme ]] || fail "no tenant claim in the access token: $claims"
jq -e '.realm_access.roles | index("tenant")' <<<"$claims" >/dev/null || fail "no tenant role in the access token"
jq -e '.aud | if type == "array" then index("skyfed-broker") else . == "skyfed-broker" end' <<<"$claims" >/dev/null \
  || fail "skyfed-broker is not an audience of the access token"
echo "PASS: skyfed-realm.json imports into Keycloak ${version}; tenant claim, role and audience are in the token"
