"""Files: JSON, TOML and YAML documents for campaigns, results and history; tables and workbooks.

This is the only package that knows wire formats: documents (:func:`load`,
:func:`dump`), results tables and Excel templates (:func:`make_template`,
:func:`read_results_table`), and :func:`collect`, which merges the files units
return into one results document.

.. versionadded:: 0.1.0
"""

from thidua.io._collect import Collection, FileSummary, collect
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
    check_output,
    dump,
    dumps,
    load,
    loads,
    missing_folders,
    os_problem,
    read_data,
    structure,
    unstructure,
    write_atomic,
)
from thidua.io._schema import json_schema
from thidua.io._xlsx import WorkbookLimits

__all__ = [
    "DOCUMENT_TYPES",
    "SCHEMA_VERSION",
    "Collection",
    "Document",
    "FileSummary",
    "WorkbookLimits",
    "check_output",
    "collect",
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
    "missing_folders",
    "os_problem",
    "read_data",
    "read_results_table",
    "structure",
    "structure_problems",
    "unstructure",
    "write_atomic",
]
