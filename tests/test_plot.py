"""Pictures: plot_graph draws one marker per node; to_html writes a page that opens offline."""

from __future__ import annotations

import re
import shutil
import subprocess

import matplotlib
import networkx as nx
import numpy as np
import pytest
from PIL import Image

import diplomacy_nlp as dn
from diplomacy_nlp.display import TYPE_COLORS

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture(scope="module")
def graphs(seed_result, nlp):
    other = dn.extract("The United Nations praised Kenya. Kenyan President Uhuru Kenyatta "
                       "thanked the UN and condemned Somalia.", date="2020-05-01", nlp=nlp)
    return dn.build_graph([seed_result, other]), dn.build_relation_graph([seed_result, other])


def _markers(fig) -> int:
    (nodes, *_) = fig.axes[0].collections
    return len(nodes.get_offsets())


def test_one_marker_per_node(graphs):
    g, rg = graphs
    fig = dn.plot_graph(g)
    assert _markers(fig) == g.number_of_nodes()
    assert _markers(dn.plot_graph(rg)) == rg.number_of_nodes()


def test_colours_legend_and_labels(graphs):
    g, _ = graphs
    fig = dn.plot_graph(g, labels=3)
    ax = fig.axes[0]
    colours = {tuple(np.round(c[:3], 3)) for c in ax.collections[0].get_facecolors()}
    expected = {tuple(np.round(matplotlib.colors.to_rgb(TYPE_COLORS[d["type"]]), 3))
                for _, d in g.nodes(data=True)}
    assert colours == expected
    assert {t.get_text() for t in ax.get_legend().get_texts()} == \
        {d["type"].lower() for _, d in g.nodes(data=True)}
    top = sorted(g.nodes, key=lambda n: -g.nodes[n]["mentions"])[:3]
    assert [t.get_text() for t in ax.texts] == [g.nodes[n]["label"] for n in top]
    sizes = dict(zip(g.nodes, ax.collections[0].get_sizes(), strict=True))
    most = max(g.nodes, key=lambda n: g.nodes[n]["mentions"])
    assert sizes[most] == max(sizes.values())


def test_a_real_image_comes_out(graphs, tmp_path):
    g, _ = graphs
    dn.plot_graph(g).savefig(tmp_path / "g.png")
    pixels = np.asarray(Image.open(tmp_path / "g.png").convert("RGB"))
    country = np.array(matplotlib.colors.to_rgb(TYPE_COLORS["COUNTRY"])) * 255
    assert (np.abs(pixels - country).sum(axis=2) < 12).sum() > 500


def test_empty_graph_is_drawn_too():
    fig = dn.plot_graph(nx.Graph())
    assert fig.axes[0].texts[0].get_text() == "no actors"


def test_html_page_is_standalone(graphs, tmp_path):
    g, rg = graphs
    page = dn.to_html(g, tmp_path / "g.html", title="Seed <network>").read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page
    assert "&lt;network&gt;" in page
    for _, d in g.nodes(data=True):
        assert d["label"] in page
    assert dn.to_html(rg, tmp_path / "r.html").stat().st_size > 100_000


def _blobs(mask: np.ndarray, least: int) -> int:
    """Connected regions of at least ``least`` pixels (4-neighbour flood fill)."""
    seen = np.zeros_like(mask)
    found = 0
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        stack, size = [(y, x)], 0
        seen[y, x] = True
        while stack:
            cy, cx = stack.pop()
            size += 1
            for ny, nx_ in ((cy + 1, cx), (cy - 1, cx), (cy, cx + 1), (cy, cx - 1)):
                if 0 <= ny < mask.shape[0] and 0 <= nx_ < mask.shape[1] and mask[ny, nx_] \
                        and not seen[ny, nx_]:
                    seen[ny, nx_] = True
                    stack.append((ny, nx_))
        found += size >= least
    return found


def test_html_page_shows_the_nodes_in_chromium_offline(graphs, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (CI installs Debian's chromium)")
    g, _ = graphs
    page = dn.to_html(g, tmp_path / "g.html")
    shot = tmp_path / "shot.png"
    # a proxy that does not exist: any request to the network fails, as on a plane
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--proxy-server=127.0.0.1:9",
                    "--window-size=1200,900", "--virtual-time-budget=10000",
                    f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)[120:]  # below the legend
    drawn = 0
    for kind in {d["type"] for _, d in g.nodes(data=True)}:
        colour = np.array(matplotlib.colors.to_rgb(TYPE_COLORS[kind])) * 255
        blobs = _blobs(np.abs(pixels - colour).sum(axis=2) < 20, least=40)
        assert blobs >= 1, kind
        drawn += blobs
    # nodes may touch in the layout; nearly all of them are separate discs
    assert g.number_of_nodes() - 2 <= drawn <= g.number_of_nodes()
