"""Plots (utils.plots) and every public diagram (utils.diagrams) draw without error."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import utils.diagrams  # noqa: E402
from utils.plots import plot_curves, plot_heatmap, plot_sequences, use_style  # noqa: E402


def test_plots_draw_and_label():
    use_style()
    ax = plot_curves({"train": [3, 2, 1], "valid": [3, 2.5, 2]}, title="t", logy=True)
    assert ax.get_yscale() == "log" and len(ax.lines) == 2
    ax = plot_sequences({"a": np.arange(5)}, ylabel="°C")
    assert ax.get_ylabel() == "°C"
    ax = plot_heatmap(np.random.randn(3, 4), xticklabels=list("abcd"))
    assert ax.images
    with pytest.raises(ValueError, match="2-D"):
        plot_heatmap(np.zeros(3))
    plt.close("all")


# Arguments for the draw_* functions that need some (every other one must draw with its defaults).
REQUIRED = {"wirings.draw_wiring": {"name": "many-to-one"}}


def _draw_functions():
    for info in pkgutil.iter_modules(utils.diagrams.__path__):
        module = importlib.import_module(f"utils.diagrams.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("draw_") and fn.__module__ == module.__name__:
                yield f"{info.name}.{name}", fn


@pytest.mark.parametrize("name, draw", list(_draw_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_public_diagram_draws(name, draw):
    use_style()
    result = draw(**REQUIRED.get(name, {}))
    figure = result if isinstance(result, plt.Figure) else result.figure
    assert figure.axes and any(ax.patches or ax.lines or ax.texts for ax in figure.axes), name
    plt.close("all")


@pytest.mark.parametrize("name, draw", list(_draw_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_public_diagram_draws_in_russian(name, draw, monkeypatch):
    """With the Russian catalog every diagram draws, and no text it draws is an English template that has a
    Russian translation (it went through ``tr``)."""
    from utils import i18n

    monkeypatch.setattr(i18n, "_chosen", "ru")
    russian = i18n._catalog("ru")
    use_style()
    result = draw(**REQUIRED.get(name, {}))
    figure = result if isinstance(result, plt.Figure) else result.figure
    texts = [text.get_text() for text in figure.findobj(matplotlib.text.Text) if text.get_text()]
    untranslated = [text for text in texts if russian.get(text, text) != text]
    assert not untranslated, f"{name} draws English text: {untranslated}"
    assert any(any("а" <= ch <= "я" for ch in text) for text in texts), f"{name}: no Russian text drawn"
    plt.close("all")


def test_plot_default_labels_follow_the_language(monkeypatch):
    from utils import i18n

    monkeypatch.setattr(i18n, "_chosen", "ru")
    ax = plot_curves({"a": [1, 2]})
    assert (ax.get_xlabel(), ax.get_ylabel()) == (i18n.tr("epoch"), i18n.tr("loss")) != ("epoch", "loss")
    ax = plot_sequences({"a": [1, 2]}, xlabel="")
    assert ax.get_xlabel() == "" and ax.get_ylabel() == i18n.tr("value") != "value"
    plt.close("all")
