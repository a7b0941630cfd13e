# Shared by scripts/demo and scripts/test: make .venv with Python 3.13 and install the project.
# Usage: . scripts/_venv.sh EXTRA   (EXTRA: "" or "[dev]")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3.13}
if ! "$PY" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; then
  echo "Python 3.13 is nodig (python3.13 niet gevonden)." >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.installed$1"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".$1"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
