"""Bar charts as plain geometry for server-rendered SVG: no JavaScript, works offline, mirrors for Arabic.

The template draws what these dataclasses describe; every label stays text (auto-escaped), and each
chart is paired with a data table in the template, so the figures are available without the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH = 560
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_WIDTH = 220
VALUE_WIDTH = 56
GAP = 8


@dataclass
class Bar:
    label: str
    value: float
    display: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    label_anchor: str
    value_x: float
    value_y: float
    value_anchor: str


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    rtl: bool
    css_class: str
    bars: list[Bar] = field(default_factory=list)
    column_headings: tuple[str, str] = ("", "")

    @property
    def is_empty(self) -> bool:
        return not self.bars or not any(bar.value for bar in self.bars)


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def horizontal_bars(
    items: list[tuple[str, float, str]],
    *,
    chart_id: str,
    title: str,
    description: str,
    rtl: bool,
    css_class: str,
    maximum: float | None = None,
    column_headings: tuple[str, str] = ("", ""),
) -> BarChart:
    """One bar per (label, value, display text); labels sit at the reading start, bars grow away from them."""
    top = max([maximum or 0, *(value for _label, value, _display in items)]) or 1
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * GAP
    chart = BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=max(ROW_HEIGHT * len(items), ROW_HEIGHT),
        rtl=rtl,
        css_class=css_class,
        column_headings=column_headings,
    )
    for index, (label, value, display) in enumerate(items):
        length = area * value / top
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        text_y = index * ROW_HEIGHT + ROW_HEIGHT / 2 + 4
        if rtl:
            bar_end = WIDTH - LABEL_WIDTH - GAP
            bar = Bar(
                label=_shorten(label),
                value=value,
                display=display,
                x=bar_end - length,
                y=y,
                width=length,
                height=BAR_HEIGHT,
                label_x=WIDTH,
                label_y=text_y,
                label_anchor="end",
                value_x=bar_end - length - 4,
                value_y=text_y,
                value_anchor="end",
            )
        else:
            bar_start = LABEL_WIDTH + GAP
            bar = Bar(
                label=_shorten(label),
                value=value,
                display=display,
                x=bar_start,
                y=y,
                width=length,
                height=BAR_HEIGHT,
                label_x=0,
                label_y=text_y,
                label_anchor="start",
                value_x=bar_start + length + 4,
                value_y=text_y,
                value_anchor="start",
            )
        chart.bars.append(bar)
    return chart


def vertical_bars(
    items: list[tuple[str, float, str]],
    *,
    chart_id: str,
    title: str,
    description: str,
    rtl: bool,
    css_class: str,
    column_headings: tuple[str, str] = ("", ""),
) -> BarChart:
    """Columns in time order: left to right in English, right to left in Arabic."""
    height, axis = 180, 24
    top = max([value for _label, value, _display in items] or [0]) or 1
    slot = WIDTH / max(len(items), 1)
    chart = BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=height + axis,
        rtl=rtl,
        css_class=css_class,
        column_headings=column_headings,
    )
    for index, (label, value, display) in enumerate(items):
        position = len(items) - 1 - index if rtl else index
        length = (height - 18) * value / top
        x = position * slot + slot * 0.15
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                display=display,
                x=x,
                y=height - length,
                width=slot * 0.7,
                height=length,
                label_x=x + slot * 0.35,
                label_y=height + 16,
                label_anchor="middle",
                value_x=x + slot * 0.35,
                value_y=height - length - 4,
                value_anchor="middle",
            )
        )
    return chart
