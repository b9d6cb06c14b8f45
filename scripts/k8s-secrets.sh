#!/bin/sh
# Creates the secrets the Kubernetes base generates its Secrets from, with random values:
#
#   scripts/k8s-secrets.sh [DIR]      (default: deploy/k8s/base/secrets)
#
#   otlp-api-key.env     OTLP_API_KEY=...        the dashboard's OTLP key, sent by the exporters
#   postgres.env         POSTGRES_PASSWORD=...   the web app's database password
#   web-auth-token.env   WEB_AUTH_TOKEN=...      the web page's login / the API's bearer token
#
# A file that exists already is kept (the database keeps the password it was created with):
# delete it first to get a new value. Files are readable by their owner only. Values are
# hexadecimal, safe in a database URL. It says which file holds the web login token.
set -eu

dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/deploy/k8s/base/secrets}"
umask 077
mkdir -p "$dir"

random_hex() { # 32 random bytes as 64 hexadecimal digits
    od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

write() { # write FILE KEY
    if [ -e "$dir/$1" ]; then
        echo "k8s-secrets: $dir/$1 exists, kept"
        return
    fi
    printf '%s=%s\n' "$2" "$(random_hex)" >"$dir/$1.tmp"
    mv "$dir/$1.tmp" "$dir/$1"
    echo "k8s-secrets: wrote $dir/$1"
}

write otlp-api-key.env OTLP_API_KEY
write postgres.env POSTGRES_PASSWORD
write web-auth-token.env WEB_AUTH_TOKEN
echo "k8s-secrets: the web app's login token is in $dir/web-auth-token.env"
