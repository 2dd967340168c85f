#!/usr/bin/env bash
# Create the virtualenv DIR with the pinned packages of REQUIREMENTS:
#   scripts/venv.sh DIR REQUIREMENTS [PYTHON]
# Without VENV_CACHE it is a plain `python -m venv DIR` + `pip install -r REQUIREMENTS`.
# With VENV_CACHE set (CI sets it), the venv is built once in
# $VENV_CACHE/<name>-<hash of REQUIREMENTS and the Python version> and DIR becomes a symlink
# to it, so fresh clones with the same pins reuse it (a changed pin or Python is a new hash,
# hence a new venv); a lock serialises clones that install at the same time, and a venv whose
# install was interrupted is rebuilt.
# The Makefile then installs the project itself, editable (`warehouse` command). A cached venv
# is shared, so its `warehouse` command runs the clone that installed last; `python -m
# warehouse`, which the Makefile uses, always runs the clone it is started in.
set -euo pipefail
dir=$1
req=$2
python=${3:-python3}
pip_install=(--quiet --disable-pip-version-check -r "$req")

if [ -z "${VENV_CACHE:-}" ]; then
  "$python" -m venv "$dir"
  "$dir/bin/pip" install "${pip_install[@]}"
  exit 0
fi

key=$({ cat "$req"; "$python" -VV; } | sha256sum | cut -c1-16)
cached="$VENV_CACHE/$(basename "$dir")-$key"
mkdir -p "$VENV_CACHE"
exec 9>"$cached.lock"
flock 9
if [ -f "$cached/.complete" ]; then
  echo "    reusing the cached venv $cached (same pins)"
else
  rm -rf "$cached"
  "$python" -m venv "$cached"
  "$cached/bin/pip" install "${pip_install[@]}"
  touch "$cached/.complete"
fi
[ -L "$dir" ] || [ ! -e "$dir" ] || rm -rf "$dir"
ln -sfn "$cached" "$dir"
