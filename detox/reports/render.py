"""One entry point for every format; each renderer is imported only when asked for, so a JSON
report never loads Rich."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from detox.reports.model import Report

Format = Literal["text", "md", "csv", "json", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
Table = Literal["rows", "days", "apps", "categories", "devices", "moods", "three_reasons"]
TABLES: tuple[Table, ...] = get_args(Table)
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


def format_for_file(path: Path) -> Format | None:
    """The format a file name asks for (report.html -> html), if its suffix says."""
    return EXTENSIONS.get(path.suffix.lower())


def render(
    report: Report,
    fmt: Format,
    width: int = 80,
    color: bool = False,
    table: Table = "rows",
    translated_header: bool = False,
) -> str:
    """The report in a format; `table` chooses the CSV table, `width` the text's columns."""
    if fmt == "json":
        from detox.reports.json_export import render_json

        return render_json(report)
    if fmt == "csv":
        from detox.reports.csv_export import render_csv

        return render_csv(report, table, translated_header)
    if fmt == "md":
        from detox.reports.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from detox.reports.html import render_html

        return render_html(report)
    from detox.reports.text import render_text

    return render_text(report, width=width, color=color)
