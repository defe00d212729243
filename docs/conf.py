"""Sphinx configuration for the thidua documentation."""

from __future__ import annotations

from thidua import __version__

project = "thidua"
release = __version__  # written once, in src/thidua/__init__.py
version = ".".join(__version__.split(".")[:2])
author = "The thidua developers"
copyright = "2026, The thidua developers"
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]
# myst-nb (which includes myst-parser) runs every notebook on each build and
# fails the build on an error, so that the tutorial is tested in CI.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
html_theme = "furo"
html_title = "thidua"
language = "en"
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
nitpicky = False
# Offline (CI installs from a local index), the remote inventory cannot be
# fetched: the empty local one then stands in, instead of a warning that -W
# would turn into an error.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", (None, "_inventories/python-empty.inv")),
}
intersphinx_disabled_reftypes = ["*"]
suppress_warnings = ["intersphinx.external"]
