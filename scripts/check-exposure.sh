#!/bin/sh
# The compose file's exposure-check: refuses (exit 2) to let the web app and the Aspire
# Dashboard start on a published address other than loopback while they would accept anyone.
#
# Env (as docker-compose.yml passes them): BIND_ADDRESS, ASPIRE_ALLOW_ANONYMOUS,
# ASPIRE_OTLP_AUTH_MODE, OTLP_API_KEY, WEB_AUTH_TOKEN.
# Exit status: 0 when bound to loopback or when everything published asks for credentials;
# 2 otherwise, with one line per thing to set.
set -u

bind="${BIND_ADDRESS:-127.0.0.1}"
otlp_key="${OTLP_API_KEY:-}"
web_token="${WEB_AUTH_TOKEN:-}"
min_secret=16
problems=0

lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

problem() {
    if [ "$problems" -eq 0 ]; then
        echo "exposure-check: BIND_ADDRESS=$bind publishes the web app and the Aspire Dashboard beyond this machine, but:" >&2
    fi
    problems=$((problems + 1))
    echo "exposure-check:   - $1" >&2
}

case "$bind" in
    127.* | localhost | ::1 | "[::1]")
        echo "exposure-check: published on loopback ($bind) only; anonymous local access is fine"
        exit 0
        ;;
esac

if [ "$(lower "${ASPIRE_ALLOW_ANONYMOUS:-true}")" != false ]; then
    problem "the dashboard UI accepts anyone: set ASPIRE_ALLOW_ANONYMOUS=false (it then asks for the token printed in 'docker compose logs aspire-dashboard')"
fi
if [ "$(lower "${ASPIRE_OTLP_AUTH_MODE:-Unsecured}")" != apikey ] || [ "${#otlp_key}" -lt "$min_secret" ]; then
    problem "the OTLP endpoint accepts any sender: set ASPIRE_OTLP_AUTH_MODE=ApiKey and OTLP_API_KEY (at least $min_secret characters; the exporters send it)"
fi
if [ "${#web_token}" -lt "$min_secret" ]; then
    problem "the web app has no login: set WEB_AUTH_TOKEN (at least $min_secret characters)"
fi

if [ "$problems" -gt 0 ]; then
    echo "exposure-check: set these in .env, or keep BIND_ADDRESS=127.0.0.1 (see docs/containers.md, 'Beyond this machine')." >&2
    exit 2
fi
echo "exposure-check: published on $bind; the web app, the dashboard UI and OTLP all ask for credentials"
