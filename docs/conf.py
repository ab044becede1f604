"""Sphinx configuration for the arsumm documentation."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "arsumm"
author = "the arsumm authors"
copyright = "2026, the arsumm authors (GPL-3.0-or-later)"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "bidi_isolate",  # docs/_ext: Arabic inside code blocks stays readable
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_static", "README.md"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options: dict[str, object] = {}
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
nitpicky = False

html_theme = "alabaster"
html_theme_options = {"page_width": "1100px", "sidebar_width": "220px"}
html_static_path = ["_static"]
html_css_files = ["arsumm.css"]
html_title = "arsumm"
language = "en"
