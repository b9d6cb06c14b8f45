#!/bin/sh
# Builds the Python environment of one product image in /opt/venv (run by the Dockerfile's
# builder stages, as root, in the repository copy at /src):
#
#   build-venv.sh PACKAGE PROJECT_DIR [--drop GLOB]... [--keep-babel-locales MODULE:NAME]
#
#   PACKAGE      orchestrator or mcp-server (picks requirements-PACKAGE.txt)
#   PROJECT_DIR  the project to install on top of its locked dependencies (. or ./mcp-server)
#   --drop GLOB  package data never read at run time, relative to site-packages
#                (e.g. 'pycountry/locales'); the build fails if the glob matches nothing, so
#                a renamed file does not silently stay in the image
#   --keep-babel-locales MODULE:NAME
#                keep only the Babel locales of the languages in MODULE.NAME (a collection
#                of language codes such as ("en", "de")), plus the root locale
#   --bytecode-of PACKAGES
#                keep compiled byte code only for what importing every module of these
#                packages (comma-separated) loads: the service's own start. Modules imported
#                later still work; Python compiles them in memory when first imported.
#
# Dependencies come from /wheels when it holds a wheelhouse (scripts/build-wheelhouse.sh:
# --no-index), otherwise from the package index with the versions of uv.lock. Either way pip
# checks every file against the lock's hashes and takes wheels only (no compiler needed).
# Then it strips what only building or testing needs: pip, setuptools, test suites, type
# stubs, C sources, and the byte code of modules the service never loads at start (most of
# it: the rest would be compiled again at every start of a read-only container).
set -eu

package="${1:?usage: build-venv.sh PACKAGE PROJECT_DIR [options]}"
project="${2:?usage: build-venv.sh PACKAGE PROJECT_DIR [options]}"
shift 2
venv=/opt/venv
requirements=/tmp/requirements.txt
uv_version="${UV_VERSION:-0.13.8}"

fail() {
    echo "build-venv: $*" >&2
    exit 1
}

choose_requirements() {
    have="$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    if [ -f "/wheels/requirements-$package.txt" ]; then
        want="$(cat /wheels/PYTHON_VERSION)"
        if [ "$want" != "$have" ]; then
            fail "the wheelhouse is for Python $want, the base image has Python $have." \
                "Rebuild it: scripts/build-wheelhouse.sh DIR $have"
        fi
        printf '[global]\nno-index = true\nfind-links = /wheels\n' >"$PIP_CONFIG_FILE"
        cp "/wheels/requirements-$package.txt" "$requirements"
    else
        : >"$PIP_CONFIG_FILE"
        python -m venv /tmp/uv
        /tmp/uv/bin/pip install --quiet "uv==$uv_version"
        case "$package" in
            orchestrator) name=travel-planner ;;
            mcp-server) name=travel-mcp-server ;;
            *) fail "unknown package '$package' (orchestrator or mcp-server)" ;;
        esac
        /tmp/uv/bin/uv export --frozen --no-dev --no-emit-workspace --no-header \
            --package "$name" -o "$requirements"
        rm -rf /tmp/uv
    fi
}

site_packages() {
    "$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

strip_build_and_test_files() {
    site="$1"
    if ! grep -qi '^setuptools==' "$requirements"; then
        "$venv/bin/pip" uninstall --quiet --yes setuptools 2>/dev/null || true
    fi
    "$venv/bin/pip" uninstall --quiet --yes pip
    # Test suites of third-party packages (numpy's alone are ~18 MB); stubs and C sources are
    # for type checkers and compilers.
    find "$site" -depth -type d -name tests -path "$site/*/*" -exec rm -rf {} +
    find "$site" -type f \( -name '*.pyi' -o -name '*.pxd' -o -name '*.pyx' \
        -o -name '*.c' -o -name '*.h' -o -name '*.cpp' \) -delete
}

drop_data() {
    site="$1" pattern="$2"
    # shellcheck disable=SC2086 # the glob is meant to expand
    set -- $site/$pattern
    [ -e "$1" ] || fail "--drop '$pattern' matches nothing in $site; update the Dockerfile"
    rm -rf "$@"
}

keep_babel_locales() {
    site="$1" spec="$2"
    data="$site/babel/locale-data"
    [ -d "$data" ] || fail "--keep-babel-locales: babel is not installed"
    languages="$("$venv/bin/python" -c "
import importlib, sys
module, name = sys.argv[1].split(':')
print(' '.join(sorted(getattr(importlib.import_module(module), name))))" "$spec")" ||
        fail "--keep-babel-locales: cannot read the language list $spec"
    [ -n "$languages" ] || fail "--keep-babel-locales: $spec is empty"
    for file in "$data"/*.dat; do
        locale="$(basename "$file" .dat)"
        keep=0
        [ "$locale" = root ] && keep=1
        for language in $languages; do
            case "$locale" in "$language" | "$language"_*) keep=1 ;; esac
        done
        [ "$keep" = 1 ] || rm -f "$file"
    done
    # Every kept language still formats dates, money and names.
    # shellcheck disable=SC2086 # one argument per language
    "$venv/bin/python" -c "
import sys
from datetime import date
from babel import Locale, dates, numbers
for code in sys.argv[1:]:
    locale = Locale.parse(code)
    assert locale.territories['PT'] and locale.languages['de'], code
    numbers.format_currency(1234.5, 'EUR', locale=code)
    dates.format_date(date(2027, 5, 1), 'full', locale=code)" $languages
    echo "build-venv: kept the Babel locales of: $languages"
}

# Imports every module of the given packages in a fresh interpreter, then deletes the byte
# code of every module that did not get loaded.
keep_loaded_bytecode() {
    site="$1" packages="$2"
    "$venv/bin/python" - "$site" "$packages" <<'PYTHON'
import importlib
import os
import pkgutil
import sys

site, packages = sys.argv[1], sys.argv[2].split(",")
for name in packages:
    package = importlib.import_module(name)
    for found in pkgutil.walk_packages(getattr(package, "__path__", []), name + "."):
        if found.name.rsplit(".", 1)[-1] != "__main__":
            try:
                importlib.import_module(found.name)
            except Exception:  # optional integrations whose extras are not installed
                pass
loaded = {os.path.realpath(m.__cached__) for m in list(sys.modules.values())
          if isinstance(getattr(m, "__cached__", None), str)}
kept = dropped = 0
for folder, _, files in os.walk(site):
    for file in files:
        if file.endswith(".pyc"):
            path = os.path.realpath(os.path.join(folder, file))
            if path in loaded:
                kept += os.path.getsize(path)
            else:
                dropped += os.path.getsize(path)
                os.remove(path)
print(f"build-venv: byte code kept for {len(loaded)} modules ({kept >> 20} MB), "
      f"{dropped >> 20} MB of never-loaded byte code dropped")
PYTHON
}

drops="" babel_spec="" bytecode_packages=""
while [ $# -gt 0 ]; do
    case "$1" in
        --drop) drops="$drops ${2:?--drop needs a glob}" ;;
        --keep-babel-locales) babel_spec="${2:?--keep-babel-locales needs MODULE:NAME}" ;;
        --bytecode-of) bytecode_packages="${2:?--bytecode-of needs PACKAGES}" ;;
        *) fail "unknown option $1" ;;
    esac
    shift 2
done

choose_requirements
python -m venv "$venv"
"$venv/bin/pip" install --quiet --require-hashes --only-binary=:all: -r "$requirements"
"$venv/bin/pip" install --quiet --no-deps "$project"
site="$(site_packages)"
strip_build_and_test_files "$site"
set -f # the globs are expanded inside site-packages, not here
for pattern in $drops; do
    set +f
    drop_data "$site" "$pattern"
done
set +f
[ -z "$babel_spec" ] || keep_babel_locales "$site" "$babel_spec"
# Last: every module the service loads is in place by now.
[ -z "$bytecode_packages" ] || keep_loaded_bytecode "$site" "$bytecode_packages"
rm -f "$requirements" "$PIP_CONFIG_FILE"
echo "build-venv: $package environment: $(du -sm "$venv" | cut -f1) MB"
