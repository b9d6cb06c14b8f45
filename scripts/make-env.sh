#!/usr/bin/env sh
# First run: create .env from .env.example with a random PostgreSQL password (the only value
# the stack needs that has no default). An existing .env is left as it is.
#
#   scripts/make-env.sh [FILE]      (default .env)
set -eu
cd "$(dirname "$0")/.."
target="${1:-.env}"
if [ -e "$target" ]; then
    grep -q '^POSTGRES_PASSWORD=..*' "$target" || {
        echo "$target exists but sets no POSTGRES_PASSWORD: add one (see .env.example)." >&2
        exit 2
    }
    exit 0
fi
password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
umask 077
sed "s|^POSTGRES_PASSWORD=\$|POSTGRES_PASSWORD=$password|" .env.example >"$target"
echo "Wrote $target with a random POSTGRES_PASSWORD (kept private: mode 600)."
