"""The problems of reading and writing files: documents (JSON, TOML, YAML) and tables (.xlsx, .csv).

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code, Term

__all__: list[str] = []

# --- files ----------------------------------------------------------------------------------------
FILE_NOT_FOUND = Code("file-not-found", N_("the file does not exist"))
FILE_NOT_READABLE = Code("file-not-readable", N_("the file cannot be read (%(reason)s)"))
PERMISSION_DENIED = Code("permission-denied", N_("no permission to read the file"))
IS_A_DIRECTORY = Code("is-a-directory", N_("this is a folder, not a file"))
FILE_EMPTY = Code("file-empty", N_("the file is empty"))
TOO_LARGE = Code("too-large", N_("the file is larger than %(limit)s MiB"))
INVALID_UTF8 = Code("invalid-utf8", N_("the text is not valid UTF-8 (byte %(byte)s)"))
UNKNOWN_FORMAT = Code("unknown-format", N_("unknown format '%(format)s'; use json, toml or yaml"))
UNKNOWN_SUFFIX = Code("unknown-suffix", N_("cannot tell the format of '%(name)s'; use %(allowed)s"))
SYNTAX = Code("syntax", N_("not valid %(format)s at line %(line)s, column %(column)s"))
SYNTAX_NO_PLACE = Code("syntax-no-place", N_("not valid %(format)s"))
NESTED_TOO_DEEPLY = Code("nested-too-deeply", N_("the document is nested too deeply"))
REFERENCES_TOO_DEEP = Code("references-too-deep", N_("references are nested too deeply"))
YAML_ALIAS = Code("yaml-alias", N_("YAML aliases (*name) are not allowed (line %(line)s)"))
YAML_TAG = Code("yaml-tag", N_("the YAML tag %(tag)s is not allowed (line %(line)s)"))
YAML_NUMBER_FORM = Code(
    "yaml-number-form",
    N_(
        "%(value)s (line %(line)s) is read differently by YAML 1.1 and 1.2; "
        "write it in quotes, or as a plain decimal number"
    ),
)

# --- documents ------------------------------------------------------------------------------------
TOP_NOT_MAPPING = Code("top-not-mapping", N_("expected a mapping at the top of the document, got %(value)s"))
REQUIRED_FIELD = Code("required-field", N_("this field is required"))
UNKNOWN_FIELD = Code("unknown-field", N_("unknown field '%(field)s'"))
UNSUPPORTED_SCHEMA = Code(
    "unsupported-schema-version", N_("version %(value)s is not supported (this release reads %(supported)s)")
)
UNKNOWN_DOCUMENT = Code("unknown-document", N_("expected one of %(allowed)s, got %(value)s"))
WRONG_DOCUMENT = Code("wrong-document", N_("expected a %(expected)s document, got a %(value)s document"))
KIND_MISSING = Code("kind-missing", N_("missing 'kind' (one of %(allowed)s)"))
UNKNOWN_KIND = Code("unknown-kind", N_("unknown kind %(value)s (one of %(allowed)s)"))
INVALID_VALUE = Code("invalid-value", N_("invalid value %(value)s"))
NOT_A_FOLDER = Code("not-a-folder", N_("this is a file, not a folder"))
UNKNOWN_CAMPAIGN_NAME = Code(
    "unknown-campaign-name",
    N_("no file '%(name)s', and no bundled campaign of that name (bundled campaigns: %(names)s)"),
)
OUTPUT_IS_INPUT = Code("output-is-input", N_("the output is the input file '%(input)s'; write to another file"))
CANNOT_WRITE = Code("cannot-write", N_("cannot write a %(what)s to '%(name)s'; use %(allowed)s"))

# --- tables (.xlsx, .csv) --------------------------------------------------------------------------
UNKNOWN_COLUMN = Code("unknown-column", N_("unknown column '%(column)s'"))
NO_STAGES_FOR_POINTS = Code("no-stages-for-points", N_("the campaign declares no review stage for assessed points"))
NO_UNIT_COLUMN = Code("no-unit-column", N_("the sheet has no 'unit' column"))
NO_UNIT_SHEET = Code("no-unit-sheet", N_("no sheet of the workbook has a 'unit' column"))
VALUES_WITHOUT_UNIT = Code("values-without-unit", N_("values are given but no unit"))
TABLE_UNKNOWN_UNIT = Code("table-unknown-unit", N_("unknown unit '%(unit)s'"))
TABLE_UNIT_TWICE = Code("table-unit-twice", N_("the unit '%(unit)s' is already given at %(first)s"))
FORMULA_CELL = Code("formula-cell", N_("a formula; type the value itself (formulas are not read)"))
CELL_NOT_FINITE = Code("cell-not-finite", N_("not a finite number"))
CELL_TOO_PRECISE = Code(
    "cell-too-precise",
    N_("the number %(value)s has more than %(digits)s significant digits (a binary fraction); type the exact value"),
)
CELL_NOT_A_NUMBER = Code("cell-not-a-number", N_("%(value)s is not a number"))
CELL_EXPECTED_NUMBER = Code("cell-expected-number", N_("expected a number, got %(value)s"))
CELL_EXPECTED_WHOLE = Code("cell-expected-whole", N_("expected a whole number, got %(value)s"))
CELL_NEGATIVE = Code("cell-negative", N_("expected a number ≥ 0, got %(value)s"))
CELL_ABOVE_MAXIMUM = Code("cell-above-maximum", N_("%(value)s is more than the maximum %(maximum)s"))
CELL_DATETIME = Code("cell-datetime", N_("expected a date without a time, got %(value)s"))
CELL_NOT_A_DATE = Code("cell-not-a-date", N_("%(value)s is not a date (write 18/11/2022 or 2022-11-18)"))
CELL_EXPECTED_DATE = Code("cell-expected-date", N_("expected a date, got %(value)s"))
CELL_DATE_FOR_NUMBER = Code("cell-date-for-number", N_("expected a number, got the date %(value)s"))
CELL_NOT_YES_NO = Code("cell-not-yes-no", N_("%(value)s is not yes or no (write có/không or yes/no)"))
CELL_EXPECTED_GRADE = Code("cell-expected-grade", N_("expected a grade, got %(value)s"))
CELL_UNKNOWN_GRADE = Code("cell-unknown-grade", N_("unknown grade %(value)s; expected one of %(allowed)s"))
WRONG_TEMPLATE_CAMPAIGN = Code(
    "wrong-template-campaign", N_("the template is for the campaign '%(value)s', not for '%(campaign)s'")
)
WRONG_TEMPLATE_YEAR = Code("wrong-template-year", N_("the template is for %(value)s; the campaign is for %(year)s"))
WRONG_TEMPLATE_STAGE = Code(
    "wrong-template-stage", N_("the workbook is for the review stage '%(value)s', not for '%(stage)s'")
)
UNKNOWN_TEMPLATE_KIND = Code("unknown-template-kind", N_("unknown kind of template %(value)s"))
STAGE_ALREADY_GIVEN = Code(
    "stage-already-given",
    N_("the results already hold the stage '%(stage)s' (for '%(unit)s' and %(count)s units in all)"),
)
LOCKED_CELL_CHANGED = Code(
    "locked-cell-changed",
    N_("this cell is locked in the template and was changed: it held %(expected)s, it holds %(value)s"),
)
MORE_LOCKED_CELLS = Code(
    "more-locked-cells", N_("%(count)s locked cells of the template were changed in all (the first ones are listed)")
)
REVIEW_NEEDS_RESULTS = Code(
    "review-needs-results",
    N_(
        "a workbook of the review stage '%(stage)s' is read with the results of the stages before it: "
        "collect it together with them"
    ),
)
REVIEW_TEMPLATE_NEEDS_RESULTS = Code(
    "review-template-needs-results",
    N_(
        "the workbook of the review stage '%(stage)s' is pre-filled with the points of the stages before it: "
        "give the results of those stages"
    ),
)
REVIEW_BLANK = Code(
    "review-blank", N_("the value written in the template was erased; type it again, or the new value and a reason")
)
MEETING_UNKNOWN_CLUSTER = Code("meeting-unknown-cluster", N_("the sheet is for the cluster '%(cluster)s', unknown"))
RANK_TWICE = Code("rank-twice", N_("the place %(rank)s is already given at %(first)s"))
CELL_UNKNOWN_AWARD = Code("cell-unknown-award", N_("unknown award %(value)s; expected one of %(allowed)s"))
# --- collecting returned files ---------------------------------------------------------------------
VALUES_CONFLICT = Code("values-conflict", N_("%(what)s of '%(unit)s' is %(value)s here, but %(other)s in %(first)s"))
DECISIONS_CONFLICT = Code("decisions-conflict", N_("the meeting of '%(cluster)s' decided otherwise in %(first)s"))
UNIT_IN_TWO_FILES = Code(
    "unit-in-two-files", N_("'%(unit)s' also gives values in %(first)s; they are merged"), "warning"
)
DUPLICATE_FILE = Code("duplicate-file", N_("the same file as %(first)s (the same contents): read once"), "warning")
INPUT_MISSING = Code(
    "input-missing", N_("left blank: %(what)s is a missing input (a blank is never read as 0)"), "warning"
)
UNIT_RETURNED_NOTHING = Code("unit-returned-nothing", N_("'%(unit)s' returned nothing"), "warning")
NOT_A_WORKBOOK = Code("not-a-workbook", N_("not a valid .xlsx workbook"))
SHEET_UNREADABLE = Code(
    "sheet-unreadable", N_("the sheet cannot be read: its XML is broken or declares entities (not a valid .xlsx)")
)
BAD_CELL_REFERENCE = Code("bad-cell-reference", N_("the workbook names a cell '%(ref)s' that does not exist"))
CELL_ERROR_VALUE = Code("cell-error-value", N_("the cell shows the error %(value)s; type the value itself"))
WORKBOOK_TOO_LARGE = Code(
    "workbook-too-large", N_("the workbook is larger than thidua reads (%(what)s over %(limit)s)")
)

TERMS: dict[str, Term] = {
    "blank": Term(N_("a blank")),
    "inflated bytes": Term(N_("inflated bytes")),
    "compression ratio": Term(N_("compression ratio")),
    "rows": Term(N_("rows")),
    "columns": Term(N_("columns")),
    "cells": Term(N_("cells")),
    "characters in a cell": Term(N_("characters in a cell")),
    "sheets": Term(N_("sheets")),
    "files in the archive": Term(N_("files in the archive")),
    "bytes of a part": Term(N_("bytes of a part")),
    "report": Term(N_("report")),
    "template": Term(N_("template")),
    "document": Term(N_("document")),
    "results table": Term(N_("results table")),
}
