"""notebooks/explore.ipynb runs top to bottom on seeds/ in a fresh kernel, without cell errors,
and produces its tables, pictures and exports."""

from __future__ import annotations

import json
import shutil

import nbformat
import networkx as nx
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook run as a user runs it: from notebooks/, next to seeds/ (a copy)."""
    root = tmp_path_factory.mktemp("explore")
    (root / "notebooks").mkdir()
    shutil.copy(NOTEBOOK, root / "notebooks" / NOTEBOOK.name)
    shutil.copytree(ROOT / "seeds", root / "seeds")
    nb = nbformat.read(root / "notebooks" / NOTEBOOK.name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(root / "notebooks")}}).execute()
    return nb, root / "notebooks" / "explore-out"


def _outputs(nb, kind):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if kind in o.get("data", {})]


def test_every_cell_runs(executed):
    nb, _ = executed
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors


def test_pictures_and_tables_are_shown(executed):
    nb, _ = executed
    assert len(_outputs(nb, "image/png")) >= 3  # two networks and the timeline
    html = "".join(o["data"]["text/html"] for o in _outputs(nb, "text/html"))
    assert "<mark" in html  # the highlighted article
    assert "Xi Jinping" in html and "pagerank" in html  # tables


def test_exports_are_written(executed):
    _, out = executed
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.gexf", "actors.graphml", "actors.html", "relations.graphml"]
    assert nx.read_graphml(out / "actors.graphml").number_of_nodes() == \
        nx.read_gexf(out / "actors.gexf").number_of_nodes() > 5
