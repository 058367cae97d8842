"""Coverage over time: how many articles (or mentions) each outlet had per day, as a stacked
bar chart that pygal draws on the server, and as the table beside it.

The SVG is inert: pygal's scripts (its tooltip script from a CDN and the config it writes
into a ``<script>``) are removed from the tree before it is serialised, and the file is
served as an image under a policy that allows no script and no request. Labels (outlets) are
untrusted: hidden controls are made visible and the XML serialiser escapes the rest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pygal
from pygal.style import Style

from quellenlage.dossier.safe_text import visible_controls

MAX_DAYS = 120  # a longer range is counted per month
MAX_SERIES = 8  # outlets with their own colour; the rest are summed
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="system-ui, sans-serif",
    colors=("#0b5cad", "#c2410c", "#2f855a", "#805ad5", "#b7791f", "#2c7a7b", "#9b2c2c"),
)


@dataclass(frozen=True, slots=True)
class Coverage:
    """Counts per period (day or month, without gaps) and per series (outlet)."""

    periods: list[str]
    series: list[tuple[str, list[int]]]  # label, count per period; the largest first
    undated: int  # items without a readable day, not in the chart
    by_month: bool

    @property
    def total(self) -> int:
        return sum(sum(counts) for _, counts in self.series)

    def rows(self) -> list[tuple[str, list[int], int]]:
        """The table: each period with a count (empty periods left out), its counts per
        series and the sum."""
        rows = []
        for index, period in enumerate(self.periods):
            counts = [counts[index] for _, counts in self.series]
            if any(counts):
                rows.append((period, counts, sum(counts)))
        return rows


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def count(points: Iterable[tuple[str | None, str]], other: str) -> Coverage:
    """Coverage of ``points`` (publication day or None, series label): one period per day,
    or per month when the days span more than ``MAX_DAYS``; outlets past ``MAX_SERIES``
    summed under ``other``."""
    dated: list[tuple[date, str]] = []
    undated = 0
    for published, label in points:
        day = _day(published)
        if day is None:
            undated += 1
        else:
            dated.append((day, label))
    if not dated:
        return Coverage([], [], undated, False)
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    by_month = (last - first).days > MAX_DAYS
    periods = _months(first, last) if by_month else _days(first, last)
    index = {period: i for i, period in enumerate(periods)}
    totals = Counter(label for _, label in dated)
    kept = [label for label, _ in totals.most_common(MAX_SERIES)]
    if len(totals) > MAX_SERIES:
        kept = kept[: MAX_SERIES - 1]
    counts = {label: [0] * len(periods) for label in [*kept, other]}
    for day, label in dated:
        period = day.isoformat()[:7] if by_month else day.isoformat()
        counts[label if label in kept else other][index[period]] += 1
    series = [(label, counts[label]) for label in [*kept, other] if any(counts[label])]
    return Coverage(periods, series, undated, by_month)


def _days(first: date, last: date) -> list[str]:
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _months(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _without_scripts(root: Any) -> Any:
    """pygal's tree with every ``<script>`` removed (lxml or ElementTree alike)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if str(child.tag).rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _whole_numbers(coverage: Coverage) -> list[int]:
    """The y axis in whole counts (pygal would label 0.2, 0.4 … for small counts)."""
    stacked = [sum(counts) for counts in zip(*(c for _, c in coverage.series), strict=True)]
    top = max(stacked, default=0)
    step = max(1, math.ceil(top / 8))
    return list(range(0, top + step, step))


def chart_svg(coverage: Coverage, title: str, axis: str) -> str:
    """The stacked bar chart of ``coverage`` as a standalone SVG document."""
    chart = pygal.StackedBar(
        js=[],
        style=STYLE,
        title=visible_controls(title),
        y_title=axis,
        width=900,
        height=360,
        x_label_rotation=45,
        show_minor_x_labels=False,
        x_labels_major_count=min(len(coverage.periods), 12),
        legend_at_bottom=True,
        truncate_legend=40,
        print_values=False,
        no_data_text="–",
        disable_xml_declaration=False,
    )
    chart.add_xml_filter(_without_scripts)
    chart.x_labels = coverage.periods
    chart.y_labels = _whole_numbers(coverage)
    for label, counts in coverage.series:
        chart.add(visible_controls(label), counts)
    return str(chart.render(is_unicode=True))
