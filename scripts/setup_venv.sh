#!/usr/bin/env sh
# Creates scripts/.venv (git-ignored) with what scripts/reference_measures.py needs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet "networkx>=3.4" "python-igraph>=0.11" "pyarrow>=15"
echo "run: $here/.venv/bin/python $here/reference_measures.py"
