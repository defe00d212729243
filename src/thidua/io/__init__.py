"""Files: JSON, TOML and YAML documents for campaigns, results and history.

This is the only package that knows wire formats.

.. versionadded:: 0.1.0
"""

from thidua.io._converter import (
    configure_converter,
    format_number,
    format_share,
    make_converter,
    structure_problems,
)
from thidua.io._excel import make_template, read_results_table
from thidua.io._files import (
    DOCUMENT_TYPES,
    SCHEMA_VERSION,
    Document,
    dump,
    dumps,
    load,
    loads,
    os_problem,
    read_data,
    structure,
    unstructure,
    write_atomic,
)
from thidua.io._schema import json_schema

__all__ = [
    "DOCUMENT_TYPES",
    "SCHEMA_VERSION",
    "Document",
    "configure_converter",
    "dump",
    "dumps",
    "format_number",
    "format_share",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "make_template",
    "os_problem",
    "read_data",
    "read_results_table",
    "structure",
    "structure_problems",
    "unstructure",
    "write_atomic",
]
