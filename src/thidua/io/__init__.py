"""Files: JSON, TOML and YAML documents for campaigns, results and history; tables and workbooks.

This is the only package that knows wire formats: documents (:func:`load`,
:func:`dump`), results tables and Excel templates (:func:`make_template`,
:func:`read_results_table`), and :func:`collect`, which merges the files units
return into one results document.

Outcomes of an evaluation are plain data too: :func:`to_data` and
:func:`from_data` (``docs/outcomes-json.md``).

.. versionadded:: 0.1.0
"""

from typing import TYPE_CHECKING, Any

from thidua._renamed import renamed
from thidua.io._collect import Collection, FileSummary, collect
from thidua.io._converter import (
    configure_converter,
    make_converter,
    number_text,
    share_text,
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
from thidua.io._rows import structure_row, validate_row
from thidua.io._schema import json_schema
from thidua.io._xlsx import WorkbookLimits

if TYPE_CHECKING:
    from thidua.io._outcomes import (
        OUTCOME_SCHEMA_VERSION,
        OUTCOME_TYPES,
        configure_outcome_converter,
        from_data,
        make_outcome_converter,
        outcome_schema,
        to_data,
    )

#: names imported on first use (PEP 562): outcomes need the engine, which reading a document does not
_LAZY = {
    "OUTCOME_SCHEMA_VERSION": "thidua.io._outcomes",
    "OUTCOME_TYPES": "thidua.io._outcomes",
    "configure_outcome_converter": "thidua.io._outcomes",
    "from_data": "thidua.io._outcomes",
    "make_outcome_converter": "thidua.io._outcomes",
    "outcome_schema": "thidua.io._outcomes",
    "to_data": "thidua.io._outcomes",
}


#: names renamed since they were published: the old name still works, with a DeprecationWarning
_RENAMED = {"format_number": "number_text", "format_share": "share_text"}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _LAZY:
        return renamed(__name__, globals(), _RENAMED, name)
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "DOCUMENT_TYPES",
    "OUTCOME_SCHEMA_VERSION",
    "OUTCOME_TYPES",
    "SCHEMA_VERSION",
    "Collection",
    "Document",
    "FileSummary",
    "WorkbookLimits",
    "check_output",
    "collect",
    "configure_converter",
    "configure_outcome_converter",
    "dump",
    "dumps",
    "from_data",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "make_outcome_converter",
    "make_template",
    "missing_folders",
    "number_text",
    "os_problem",
    "outcome_schema",
    "read_data",
    "read_results_table",
    "share_text",
    "structure",
    "structure_problems",
    "structure_row",
    "to_data",
    "unstructure",
    "validate_row",
    "write_atomic",
]
