"""Server-rendered SVG charts: plain functions from numbers to an SVG string.

Rendered on the server so the pages work with scripts off and on a closed network, and so
tests can read the numbers a chart shows. Every chart carries ``role="img"``, a title and
visible text labels: colour is never the only way a value is told apart (series also differ
by dash pattern and marker shape). All text is escaped here; callers may mark the result safe.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from scoring import bands

from .core import Histogram

WIDTH = 640
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
TEXT = "#212529"
MUTED = "#6c757d"
TRACK = "#e9ecef"
FILL = "#0d6efd"
# Light, distinct tints for the five grades, best first; each segment is also labelled in text.
BAND_TINTS = ("#d1e7dd", "#e2f0d9", "#fff3cd", "#ffe5d0", "#f8d7da")
SERIES_STYLES = (
    {"stroke": "#0d6efd", "dash": "", "marker": "circle"},
    {"stroke": "#6f42c1", "dash": "6 4", "marker": "square"},
    {"stroke": "#198754", "dash": "2 3", "marker": "diamond"},
)


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _svg(height: float, title: str, body: list[str], width: float = WIDTH) -> str:
    label = escape(title)
    return (
        f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" role="img" '
        f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg" {FONT}>'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def score_gauge(normalized: float | None, band: str | None) -> str:
    """A 0-100 bar split into the five bands of ``scoring.bands`` (named under the bar), with
    the score marked by a pointer and written out with its band."""
    left, right, top, bar_h = 10.0, WIDTH - 10.0, 34.0, 22.0
    span = right - left
    body = []
    for zone, tint in zip(reversed(bands.BANDS), reversed(BAND_TINTS)):
        x = left + span * zone.floor / 100
        w = span * (zone.ceiling - zone.floor) / 100
        body.append(f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{bar_h}" fill="{tint}" stroke="#fff"/>')
        body.append(
            f'<text x="{x + w / 2:.1f}" y="{top + bar_h + 16}" text-anchor="middle" fill="{MUTED}">{escape(zone.label)}</text>'
        )
    if normalized is None:
        body.append(f'<text x="{left}" y="20" fill="{TEXT}">No score</text>')
        title = "No score"
    else:
        value = min(max(normalized, 0.0), 100.0)
        x = left + span * value / 100
        body.append(f'<rect x="{left}" y="{top + 7}" width="{x - left:.1f}" height="8" fill="{FILL}"/>')
        body.append(f'<path d="M{x - 7:.1f} {top - 10} L{x + 7:.1f} {top - 10} L{x:.1f} {top + 2} Z" fill="{TEXT}"/>')
        anchor = "start" if value < 15 else "end" if value > 85 else "middle"
        text = f"{value:.0f} of 100 · {bands.label(band)}"
        body.append(f'<text x="{x:.1f}" y="{top - 14}" text-anchor="{anchor}" font-weight="600" fill="{TEXT}">{escape(text)}</text>')
        title = f"Score {text}"
    return _svg(top + bar_h + 26, title, body)


def hbars(
    rows: Sequence[tuple[str, float, float]],
    title: str,
    unit: str = "points",
    percent: bool = False,
    width: float = WIDTH,
    stacked: bool = False,
) -> str:
    """Horizontal bars: for each (label, value, maximum) a track as long as the maximum and a
    fill as long as the value, with "value of maximum" (or a percentage) written beside it.

    ``stacked`` puts each label on its own line above its bar, for labels that are sentences
    ("No explicit images among 6 analysed"): they keep the chart's full width, so they stay
    readable when a phone shrinks the chart.
    """
    text_w, row_h = (50.0, 26.0) if percent else (130.0, 30.0)
    if stacked:
        label_w, row_h, bar_dy = 0.0, 46.0, 18.0
    else:
        # Wide enough for the longest label (about 7 px a character at 12 px), within reason.
        label_w = min(max(7.0 * max((len(label) for label, _, _ in rows), default=0) + 12, 110.0), width * 0.45)
        bar_dy = 0.0
    scale_max = max((m for _, _, m in rows), default=0.0) or 1.0
    bar_span = width - label_w - text_w - 10
    body = []
    for i, (label, value, maximum) in enumerate(rows):
        y = 6 + i * row_h
        track_w = bar_span * maximum / scale_max
        fill_w = bar_span * min(max(value, 0.0), maximum) / scale_max if maximum > 0 else 0.0
        if stacked:
            body.append(f'<text x="0" y="{y + 12}" fill="{TEXT}">{escape(label)}</text>')
        else:
            body.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">{escape(label)}</text>')
        bar_y = y + 3 + bar_dy
        body.append(f'<rect x="{label_w}" y="{bar_y}" width="{track_w:.1f}" height="16" fill="{TRACK}" rx="2"/>')
        body.append(f'<rect x="{label_w}" y="{bar_y}" width="{fill_w:.1f}" height="16" fill="{FILL}" rx="2"/>')
        text = f"{value * 100:.0f}%" if percent else f"{_fmt(value)} of {_fmt(maximum)} {unit}".rstrip()
        body.append(f'<text x="{label_w + track_w + 8:.1f}" y="{bar_y + 12}" fill="{TEXT}">{escape(text)}</text>')
    return _svg(max(len(rows), 1) * row_h + 10, title, body, width)


def histogram_chart(hist: Histogram, title: str) -> str:
    """Vertical bars per score bin with the count above each bar and the bin's range below."""
    left, bottom, plot_h = 36.0, 190.0, 150.0
    n = len(hist.counts)
    bar_w = (WIDTH - left - 10) / n
    peak = max(hist.counts, default=0) or 1
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" stroke="{MUTED}"/>',
        f'<text x="4" y="{bottom - plot_h - 8}" fill="{MUTED}">people</text>',
    ]
    for i, count in enumerate(hist.counts):
        h = plot_h * count / peak
        x = left + i * bar_w
        body.append(f'<rect x="{x + 3:.1f}" y="{bottom - h:.1f}" width="{bar_w - 6:.1f}" height="{h:.1f}" fill="{FILL}"/>')
        body.append(f'<text x="{x + bar_w / 2:.1f}" y="{bottom - h - 4:.1f}" text-anchor="middle" fill="{TEXT}">{count}</text>')
        body.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{MUTED}">'
            f"{_fmt(hist.edges[i])}–{_fmt(hist.edges[i + 1])}</text>"
        )
    body.append(f'<text x="{WIDTH / 2:.0f}" y="{bottom + 34}" text-anchor="middle" fill="{MUTED}">normalized score</text>')
    return _svg(bottom + 42, title, body)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def line_chart(series: Sequence[tuple[str, Sequence[tuple[datetime, float]]]], title: str) -> str:
    """Scores over time (0-100), one line per named series, each with its own dash and marker,
    a legend in text, and the first and last dates on the time axis."""
    left, right, top, bottom = 40.0, WIDTH - 16.0, 30.0, 190.0
    points = [p for _, pts in series for p in pts]
    if not points:
        return _svg(40, title, [f'<text x="10" y="24" fill="{MUTED}">No scores yet</text>'])
    start = min(t for t, _ in points).timestamp()
    end = max(t for t, _ in points).timestamp()
    span = (end - start) or 1.0

    def xy(t: datetime, v: float) -> tuple[float, float]:
        x = left + (right - left) * ((t.timestamp() - start) / span if end > start else 0.5)
        return x, bottom - (bottom - top) * min(max(v, 0.0), 100.0) / 100

    body = []
    for tick in (0, 20, 40, 60, 80, 100):
        y = bottom - (bottom - top) * tick / 100
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{TRACK}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{tick}</text>')
    for i, (name, pts) in enumerate(series):
        style = SERIES_STYLES[i % len(SERIES_STYLES)]
        coords = [xy(t, v) for t, v in sorted(pts)]
        if len(coords) > 1:
            path = " ".join(f"{'M' if j == 0 else 'L'}{x:.1f} {y:.1f}" for j, (x, y) in enumerate(coords))
            dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
            body.append(f'<path d="{path}" fill="none" stroke="{style["stroke"]}" stroke-width="2"{dash}/>')
        body.extend(_marker(style["marker"], x, y, style["stroke"]) for x, y in coords)
        lx = left + i * 190
        body.append(_marker(style["marker"], lx + 6, 12, style["stroke"]))
        body.append(f'<text x="{lx + 16}" y="16" fill="{TEXT}">{escape(name)}</text>')
    first, last = min(t for t, _ in points), max(t for t, _ in points)
    body.append(f'<text x="{left}" y="{bottom + 18}" fill="{MUTED}">{first:%Y-%m-%d}</text>')
    if last != first:
        body.append(f'<text x="{right}" y="{bottom + 18}" text-anchor="end" fill="{MUTED}">{last:%Y-%m-%d}</text>')
    return _svg(bottom + 26, title, body)
