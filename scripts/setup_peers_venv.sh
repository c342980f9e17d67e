#!/usr/bin/env sh
# Creates scripts/.venv-peers (git-ignored) with the libraries scripts/compare_peers.py
# compares salesnet with: NetworkX, igraph, NetworKit, rustworkx, and matplotlib for the plots.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 -m venv "$here/.venv-peers"
"$here/.venv-peers/bin/pip" install --quiet "networkx>=3.4" "python-igraph>=0.11" "networkit>=11" "rustworkx>=0.15" \
    "matplotlib>=3.8"
echo "run: $here/.venv-peers/bin/python $here/compare_peers.py"
