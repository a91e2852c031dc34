"""A small inline SVG chart for the HTML report's "three reasons" section: morning systolic and
diastolic pressure per day, fast days shaded. Like the other charts it names no address, labels
every point with its value, and has a title and description for screen readers; the two lines
differ in dash as well as colour."""

from __future__ import annotations

from html import escape

from detox.reports.reasons_model import ThreeReasons

WIDTH, HEIGHT = 720, 170
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 16, 30
# Inline style: colours come from the page's variables, so dark mode follows.
STYLE = (
    "<style>"
    ".bp .sys { stroke: var(--bar); fill: none; stroke-width: 2; }"
    ".bp .dia { stroke: var(--app); fill: none; stroke-width: 2; stroke-dasharray: 5 3; }"
    ".bp .dot-sys { fill: var(--bar); } .bp .dot-dia { fill: var(--app); }"
    ".bp .fast { fill: var(--h1); opacity: .6; }"
    "</style>"
)


def bp_chart(reasons: ThreeReasons) -> str:
    """The chart, or "" when there is no morning reading to draw."""
    points = [d for d in reasons.days if d.morning_systolic is not None]
    if not points:
        return ""
    values = [v for d in points for v in (d.morning_systolic, d.morning_diastolic) if v is not None]
    low = max(0.0, (min(values) // 10) * 10 - 10)
    high = (max(values) // 10) * 10 + 20
    count = len(reasons.days)
    step = (WIDTH - LEFT - RIGHT) / max(count, 1)

    def x(index: int) -> float:
        return LEFT + step * (index + 0.5)

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    body: list[str] = [STYLE]
    for index, day in enumerate(reasons.days):
        if day.in_fast:
            body.append(
                f'<rect class="fast" x="{LEFT + step * index:.1f}" y="{TOP}" '
                f'width="{step:.1f}" height="{HEIGHT - TOP - BOTTOM}"/>'
            )
    for tick in range(int(low), int(high) + 1, 20):
        body.append(
            f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" opacity=".4"/>'
            f'<text class="tick" x="{LEFT - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{tick}</text>"
        )
    index_of = {day.day: i for i, day in enumerate(reasons.days)}
    for name, attr in (("sys", "morning_systolic"), ("dia", "morning_diastolic")):
        coords = [(x(index_of[d.day]), y(float(getattr(d, attr))), d) for d in points]
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{cx:.1f},{cy:.1f}" for i, (cx, cy, _) in enumerate(coords)
        )
        body.append(f'<path class="{name}" d="{path}"/>')
        for cx, cy, d in coords:
            label = f"{d.day.isoformat()}: {getattr(d, attr):.0f} mmHg"
            body.append(
                f'<circle class="dot-{name}" cx="{cx:.1f}" cy="{cy:.1f}" r="3">'
                f"<title>{escape(label)}</title></circle>"
            )
            if count <= 14:
                body.append(
                    f'<text class="value" x="{cx:.1f}" y="{cy - 6:.1f}" text-anchor="middle">'
                    f"{getattr(d, attr):.0f}</text>"
                )
    first, last = reasons.days[0].day, reasons.days[-1].day
    body.append(
        f'<text class="tick" x="{LEFT}" y="{HEIGHT - 8}" text-anchor="start">'
        f"{first.isoformat()}</text>"
        f'<text class="tick" x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">'
        f"{last.isoformat()}</text>"
    )
    body.append(
        f'<text class="tick" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 8}" '
        'text-anchor="middle">systolic solid, diastolic dashed, mmHg; shaded: fast days</text>'
    )
    title = "Morning blood pressure"
    desc = (
        f"Systolic (solid) and diastolic (dashed) morning means in mmHg on {len(points)} of "
        f"{count} days; shaded days were fast days."
    )
    return (
        f'<svg class="chart bp" id="bp-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="bp-chart-title bp-chart-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="bp-chart-title">{escape(title)}</title>'
        f'<desc id="bp-chart-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )
