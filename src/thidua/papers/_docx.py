"""The layout of Nghị định 30/2020/NĐ-CP on a Word document (python-docx, the ``papers`` extra).

:class:`Paper` builds one document from plain paragraphs and tables that an
office can edit: A4 portrait; margins 20 mm top and bottom, 30 mm left,
15 mm right; Times New Roman; body 14 pt, justified, first line indented
1,27 cm, 6 pt after each paragraph; the two-column header (box 1: quốc hiệu
12 pt bold and tiêu ngữ 14 pt bold with a rule as long as it; box 2: the
superior body 13 pt, the issuing body 13 pt bold with a rule of 40% of its
length; box 3: the number; box 4: place and date, italic); the type of the
paper and its summary, bold and centred, with a rule; the signature block
and the recipients (nơi nhận: 12 pt bold italic, entries 11 pt); page
numbers centred in the top margin from page 2 on. A small footer line on
every page carries the evaluation's fingerprint.

Rules are paragraph borders whose width is set from the text's width in
Times New Roman (the Adobe metrics of Times-Roman and Times-Bold, which
Times New Roman and Liberation Serif share), not drawn shapes: they move with
the text when the office edits it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from typing import Any

from thidua._problems import N_
from thidua.errors import MissingExtraError
from thidua.l10n import Translator

__all__ = ["BLANK", "LONG_BLANK", "Paper", "column_widths", "docx_module", "text_width_pt"]

#: A short blank for the office to fill in (a number, a symbol, a day).
BLANK = "…"
#: A long blank (a name, a place, a line of text).
LONG_BLANK = "………………"

FONT = "Times New Roman"
#: text width of the page: 210 mm less 30 mm and 15 mm of margins
TEXT_WIDTH_MM = 165
_LEFT_MM, _RIGHT_MM = 68, 97
#: a column is widened for its header up to this width before the long texts of other columns
_HEADER_MM = 18
#: Word's default left and right cell margins (0.08 inch each)
_CELL_PAD_MM = 2 * 1.905

# Advance widths (1/1000 em) of the printable ASCII characters in Times-Roman and Times-Bold
# (Adobe's AFM metrics, which Times New Roman and Liberation Serif share).
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722,
    611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444,
    500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722,
    500, 500, 444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 333, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778,
    667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500,
    556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722,
    500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """The width of *text* set in Times New Roman at *size* points, in points.

    A Vietnamese letter is as wide as its base letter (its marks sit above
    or below it); ``Đ`` and ``đ`` as ``D`` and ``d``.

    >>> round(text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, bold=True), 1)
    170.8
    """
    widths = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("Đ", "D").replace("đ", "d"))[:1] or " "
        code = ord(base)
        total += widths[code - 32] if 32 <= code < 127 else 500
    return total * size / 1000


def column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], aligns: Sequence[str], *, size: float = 12
) -> list[float]:
    """Widths (mm) of a table's columns that fill the text width: each column gets at least its longest
    word (its longest value, for centred figures); the rest is shared equally among the columns whose
    values would wrap, each taking no more than it needs (then among headers that would wrap, then
    among the text columns).

    >>> widths = column_widths(["No.", "Unit", "Points"], [["1", "Xã Vân Khánh", "98"]], ["center", "left", "center"])
    >>> [round(w) for w in widths]
    [11, 137, 17]
    """
    pad = _mm_to_pt(_CELL_PAD_MM) + 4
    total = _mm_to_pt(TEXT_WIDTH_MM)
    low: list[float] = []
    want: list[float] = []
    head: list[float] = []
    for j, header in enumerate(headers):
        cells = [r[j] for r in rows]
        whole = cells if aligns[j] == "center" else []
        low_j = max(
            [text_width_pt(w, size, bold=True) for w in header.split() or [""]]
            + [text_width_pt(w, size) for text in cells for w in text.split()]
            + [text_width_pt(c, size) for c in whole]
        )
        # headers may wrap: a column wants room for its values on one line, not for its header
        want_j = max([low_j, min(text_width_pt(header, size, bold=True), _mm_to_pt(_HEADER_MM))])
        want_j = max([want_j] + [text_width_pt(c, size) for c in cells])
        low.append(low_j + pad)
        want.append(want_j + pad)
        head.append(max(want_j, text_width_pt(header, size, bold=True)) + pad)

    def widen(out: list[float], target: list[float], spare: float) -> float:
        # water-filling: the spare width is shared equally among the columns still short of their
        # target, each taking no more than it lacks; what one does not need goes to the others
        short = [j for j in range(len(out)) if target[j] - out[j] > 0.01]
        while spare > 0.01 and short:
            share = spare / len(short)
            for j in list(short):
                take = min(share, target[j] - out[j])
                out[j] += take
                spare -= take
                if target[j] - out[j] <= 0.01:
                    short.remove(j)
        return spare

    out = list(low)
    spare = widen(out, want, max(total - sum(low), 0.0))
    spare = widen(out, head, spare)
    if spare > 0:
        grow = [1.0 if a != "center" else 0.0 for a in aligns]
        if not sum(grow):
            grow = [1.0] * len(out)
        out = [w + spare * g / sum(grow) for w, g in zip(out, grow, strict=True)]
    return [w * 25.4 / 72 for w in out]


def _wraps(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], size: float) -> bool:
    pad = _mm_to_pt(_CELL_PAD_MM) + 4
    for j in range(len(headers)):
        room = _mm_to_pt(widths[j]) - pad
        if any(text_width_pt(r[j], size) > room + 0.01 for r in rows):
            return True
    return False


def docx_module() -> Any:
    """python-docx, or a clear error naming the ``papers`` extra."""
    try:
        import docx
    except ImportError:
        raise MissingExtraError(N_("writing papers (.docx)"), "papers", "python-docx") from None
    return docx


def _mm_to_pt(mm: float) -> float:
    return mm * 72 / 25.4


class Paper:
    """One document being written in the layout of Nghị định 30/2020.

    Not thread-safe: each paper is built by one thread; build one per thread.
    """

    def __init__(self, translator: Translator, *, footer: str, banner: str | None) -> None:
        self.docx = docx_module()
        from docx.enum.section import WD_ORIENT
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        self.t = translator
        self._break_before_next = False
        self.Mm, self.Pt, self.qn = Mm, Pt, qn
        self.doc = self.docx.Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance, section.footer_distance = Mm(10), Mm(8)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(key), FONT)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
        lang = style.element.get_or_add_rPr()
        lang_el = self._element("w:lang", {"w:val": "vi-VN" if translator.language == "vi" else "en-GB"})
        lang.append(lang_el)
        self._furniture(section, footer, banner)

    # -- low level -----------------------------------------------------------------------------

    def _element(self, tag: str, values: dict[str, str] | None = None) -> Any:
        from docx.oxml import OxmlElement

        el = OxmlElement(tag)
        for k, v in (values or {}).items():
            el.set(self.qn(k), v)
        return el

    def _furniture(self, section: Any, footer: str, banner: str | None) -> None:
        """Page numbers from page 2 (centred, top margin), the sample banner and the footer line on every page."""
        section.different_first_page_header_footer = True
        for header, numbered in ((section.first_page_header, False), (section.header, True)):
            p = header.paragraphs[0]
            self._align(p, "center")
            if banner:
                self.run(p, banner, size=11, bold=True, color="B3261E")
                if numbered:
                    p = header.add_paragraph()
                    self._align(p, "center")
            if numbered:
                field = self._element("w:fldSimple", {"w:instr": "PAGE"})
                r = self._element("w:r")
                text = self._element("w:t")
                text.text = "2"
                r.append(text)
                field.append(r)
                p._p.append(field)  # noqa: SLF001 - python-docx has no API for fields
                for run in p.runs:
                    run.font.size = self.Pt(13)
        for foot in (section.first_page_footer, section.footer):
            p = foot.paragraphs[0]
            self._align(p, "center")
            self.run(p, footer, size=8, italic=True, color="555555")

    @staticmethod
    def _align(p: Any, align: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]

    def run(
        self,
        p: Any,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        color: str | None = None,
    ) -> Any:
        """Add a run of text to paragraph *p*."""
        from docx.shared import RGBColor

        r = p.add_run(text)
        if size is not None:
            r.font.size = self.Pt(size)
        r.bold = bold or None
        r.italic = italic or None
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        return r

    def paragraph(
        self,
        text: str = "",
        *,
        container: Any = None,
        size: float = 14,
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        indent: bool = True,
        after: float = 6,
        keep_with_next: bool = False,
    ) -> Any:
        """A paragraph of body text (justified, first line indented 1,27 cm) or of another form."""
        where = self.doc if container is None else container
        p = where.add_paragraph()
        self._align(p, align)
        fmt = p.paragraph_format
        fmt.first_line_indent = self.Mm(12.7) if indent else None
        fmt.space_after = self.Pt(after)
        fmt.space_before = self.Pt(0)
        if self._break_before_next and container is None:
            fmt.page_break_before = True
            self._break_before_next = False
        if keep_with_next:
            fmt.keep_with_next = True
        if text:
            self.run(p, text, size=size, bold=bold, italic=italic)
        return p

    def rule(self, container: Any, width_pt: float, available_pt: float, *, after: float = 6) -> Any:
        """A centred horizontal rule *width_pt* wide: the top border of an empty paragraph one point high."""
        from docx.enum.text import WD_LINE_SPACING

        p = container.add_paragraph()
        self._align(p, "center")
        fmt = p.paragraph_format
        side = max((available_pt - width_pt) / 2, 0)
        fmt.left_indent = fmt.right_indent = self.Pt(side)
        fmt.first_line_indent = None
        fmt.space_before = self.Pt(2)
        fmt.space_after = self.Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = self.Pt(2)
        borders = self._element("w:pBdr")
        borders.append(self._element("w:top", {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}))
        p._p.get_or_add_pPr().insert_element_before(  # noqa: SLF001 - python-docx has no API for borders
            borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"
        )
        return p

    def _borderless(self, rows: int, widths_mm: Sequence[float]) -> Any:
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        self._widths(table, widths_mm)
        return table

    def _widths(self, table: Any, widths_mm: Sequence[float]) -> None:
        for row in table.rows:
            for cell, w in zip(row.cells, widths_mm, strict=True):
                cell.width = self.Mm(w)
        for col, w in zip(table.columns, widths_mm, strict=True):
            col.width = self.Mm(w)

    @staticmethod
    def _first(cell: Any) -> Any:
        """The cell's first paragraph (every new cell has one, empty)."""
        return cell.paragraphs[0]

    def _cell_line(self, cell: Any, text: str, *, first: bool = False, **style: Any) -> Any:
        p = self._first(cell) if first else cell.add_paragraph()
        self._align(p, style.pop("align", "center"))
        fmt = p.paragraph_format
        fmt.first_line_indent = None
        fmt.space_after = self.Pt(style.pop("after", 0))
        fmt.space_before = self.Pt(0)
        if text:
            self.run(p, text, **style)
        return p

    # -- the parts of a paper ------------------------------------------------------------------

    def header(
        self, *, superior: str | None, issuer: str, number: str, place_date: str | None, subject: str | None = None
    ) -> None:
        """The two-column header: issuing body and number on the left, quốc hiệu and date on the right."""
        _ = self.t.gettext
        table = self._borderless(1, (_LEFT_MM, _RIGHT_MM))
        left, right = table.rows[0].cells
        left_pt = _mm_to_pt(_LEFT_MM - _CELL_PAD_MM)
        right_pt = _mm_to_pt(_RIGHT_MM - _CELL_PAD_MM)
        first = True
        if superior:
            self._cell_line(left, superior.upper(), first=True, size=13)
            first = False
        issuer_text = issuer.upper()
        self._cell_line(left, issuer_text, first=first, size=13, bold=True)
        longest = min(text_width_pt(issuer_text, 13, bold=True), left_pt)
        self.rule(left, 0.4 * longest, left_pt, after=6)
        self._cell_line(left, number, size=13)
        if subject:
            self._cell_line(left, subject, size=12)
        motto = _("Independence - Freedom - Happiness")
        self._cell_line(right, _("SOCIALIST REPUBLIC OF VIETNAM"), first=True, size=12, bold=True)
        self._cell_line(right, motto, size=14, bold=True)
        self.rule(right, min(text_width_pt(motto, 14, bold=True), right_pt), right_pt, after=6)
        if place_date:
            self._cell_line(right, place_date, size=14, italic=True)
        self.paragraph(after=6)

    def title(self, kind: str, summary: str, *lines: str) -> None:
        """The type of the paper (capitals) and its summary, bold and centred, with a rule under them."""
        self.paragraph(kind.upper(), bold=True, align="center", indent=False, after=0, keep_with_next=True)
        last = summary
        self.paragraph(summary, bold=True, align="center", indent=False, after=0, keep_with_next=True)
        for line in lines:
            self.paragraph(line, bold=True, align="center", indent=False, after=0, keep_with_next=True)
            last = line
        available = _mm_to_pt(TEXT_WIDTH_MM)
        width = min(text_width_pt(last, 14, bold=True), available)
        self.rule(self.doc, 0.4 * width, available, after=12)

    def addressees(self, names: Sequence[str]) -> None:
        """``Kính gửi:`` with one recipient on the line, or several one per line under it."""
        _ = self.t.gettext
        label = _("To:")
        if len(names) <= 1:
            p = self.paragraph(align="center", indent=False, after=12)
            self.run(p, f"{label} {names[0] if names else LONG_BLANK}")
            return
        label_pt = text_width_pt(label + " ", 14)
        start = _mm_to_pt(TEXT_WIDTH_MM) / 2 - 2 * label_pt
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            p = self.paragraph(align="left", indent=False, after=0 if i < len(names) - 1 else 12)
            p.paragraph_format.left_indent = self.Pt(start + label_pt)
            if i == 0:
                p.paragraph_format.first_line_indent = self.Pt(-label_pt)
                self.run(p, f"{label} - {name}{end}")
            else:
                self.run(p, f"- {name}{end}")

    def heading(self, text: str, *, center: bool = False) -> None:
        """A section heading (``I. KẾT QUẢ``, ``1. …``): bold, on its own line, kept with what follows."""
        self.paragraph(text, bold=True, align="center" if center else "justify", indent=not center, keep_with_next=True)

    def bullets(self, lines: Sequence[str]) -> None:
        """Lines starting with a dash, each a justified paragraph ending with ``;``, the last with ``.``."""
        for i, line in enumerate(lines):
            self.paragraph(f"- {line}" + ("." if i == len(lines) - 1 else ";"))

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        align: Sequence[str] | None = None,
        size: float = 12,
    ) -> Any:
        """A table of figures with a grid, as wide as the text: the header row bold and repeated on each
        page, rows not split; columns as wide as their contents need (see :func:`column_widths`)."""
        aligns = list(align or ["left"] * len(headers))
        widths_mm = column_widths(headers, rows, aligns, size=size)
        if size > 11 and _wraps(headers, rows, widths_mm, size):
            # a table whose values do not fit on one line at 12 pt is set at 11 pt
            size = 11
            widths_mm = column_widths(headers, rows, aligns, size=size)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        self._widths(table, widths_mm)
        head = table.rows[0]
        head._tr.get_or_add_trPr().append(self._element("w:tblHeader"))  # noqa: SLF001 - no API for header rows
        for cell, text in zip(head.cells, headers, strict=True):
            self._cell_line(cell, text, first=True, size=size, bold=True, align="center")
        for row, values in zip(table.rows[1:], rows, strict=True):
            row._tr.get_or_add_trPr().append(self._element("w:cantSplit"))  # noqa: SLF001
            for cell, text, a in zip(row.cells, values, aligns, strict=True):
                self._cell_line(cell, text, first=True, size=size, align=a)
        self.paragraph(after=0)
        return table

    def signature(self, cell: Any, *, authority: Sequence[str], post: str | None, name: str | None) -> None:
        """A signature block in *cell*: authority and post in bold capitals, room to sign, the name in bold."""
        first = True
        for line in authority:
            self._cell_line(cell, line.upper(), first=first, size=14, bold=True)
            first = False
        if post:
            self._cell_line(cell, post.upper(), first=first, size=14, bold=True)
            first = False
        for _i in range(4):
            self._cell_line(cell, "", first=first)
            first = False
        self._cell_line(cell, name or LONG_BLANK, size=14, bold=True)

    def recipients(self, cell: Any, lines: Sequence[str], *, first: bool = True) -> None:
        """``Nơi nhận:`` (12 pt bold italic) and its entries (11 pt), each on its own line."""
        _ = self.t.gettext
        self._cell_line(cell, _("Recipients:"), first=first, size=12, bold=True, italic=True, align="left")
        for line in lines:
            self._cell_line(cell, line, size=11, align="left")

    def closing(self, *, left: Any, right: Any) -> Any:
        """A borderless two-column row for the signature block; returns its two cells."""
        table = self._borderless(1, (_LEFT_MM + 7, _RIGHT_MM - 7))
        cells = table.rows[0].cells
        left(cells[0])
        right(cells[1])
        return table

    def page_break(self) -> None:
        """Start the next paragraph on a new page (the list of a proposal is on its own page)."""
        self._break_before_next = True

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the document (python-docx writes the whole zip at once)."""
        self.doc.save(os.fspath(path))
