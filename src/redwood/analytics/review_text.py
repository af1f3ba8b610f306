"""The block review as Markdown (`redwood review --format md`): headings, tables and
sentences in the athlete's unit, the same sections as the JSON, HTML and PDF."""

from __future__ import annotations

from collections.abc import Sequence

from redwood.analytics.review import Review, percent_change
from redwood.domain.mass import Mass


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return lines


def _signed(mass: Mass | None, review: Review, places: int = 1) -> str:
    if mass is None:
        return "-"
    sign = "+" if mass.kg >= 0 else ""
    return f"{sign}{mass.format(review.unit, places)}"


def lift_rows(review: Review) -> list[list[str]]:
    """Core lifts: first and last session e1RM, change, best, sessions."""
    rows = []
    for lift in review.lifts:
        first = lift.points[0] if lift.points else None
        last = lift.points[-1] if lift.points else None
        best = max((p.e1rm for p in lift.points), default=None)
        share = percent_change(lift)
        rows.append(
            [
                review.name(lift.exercise),
                "-" if first is None else f"{first.e1rm.format(review.unit)} ({first.on})",
                "-" if last is None else f"{last.e1rm.format(review.unit)} ({last.on})",
                _signed(lift.change, review) + ("" if share is None else f" ({share:+}%)"),
                "-" if best is None else best.format(review.unit),
                str(lift.sessions),
            ]
        )
    return rows


def volume_rows(review: Review) -> list[list[str]]:
    rows = []
    for group in review.volume:
        band = "-" if group.band is None else f"{group.band.low}-{group.band.high}"
        where = "-" if group.position is None else str(group.position)
        rows.append([group.group.value.replace("_", " "), str(group.average), band, where])
    return rows


def adherence_rows(review: Review) -> list[list[str]]:
    return [
        [
            f"{w.week} (week {w.program_week}, {w.kind})",
            str(w.planned),
            str(w.done),
            str(w.extra),
            "-" if w.percent is None else f"{w.percent}%",
        ]
        for w in review.adherence
    ]


def checkin_lines(review: Review) -> list[str]:
    now, before = review.checkins.now, review.checkins.before
    if not now.count:
        return ["No check-ins in this block: `redwood checkin` before sessions helps the coach."]

    def pair(label: str, a: object, b: object) -> str:
        return f"- {label}: {'-' if a is None else a} (block before: {'-' if b is None else b})"

    lines = [
        f"{now.count} check-ins, {now.poor} poor (sleep under 6 h, soreness 4-5 or pain).",
        "",
        pair("Sleep, hours", now.sleep_hours, before.sleep_hours),
        pair("Soreness, 1-5", now.soreness, before.soreness),
        pair("Energy, 1-5", now.energy, before.energy),
    ]
    if review.checkins.pain:
        areas = ", ".join(f"{a.replace('_', ' ')} ({n})" for a, n in review.checkins.pain)
        lines.append(f"- Pain: {areas}")
    return lines


def bodyweight_line(review: Review) -> str:
    trend = review.bodyweight
    if not trend.readings:
        return "No bodyweight logged in this block."
    (first_on, first), (last_on, last) = trend.readings[0], trend.readings[-1]
    unit = review.unit
    text = f"{first.format(unit)} on {first_on} to {last.format(unit)} on {last_on}"
    if trend.per_week is not None:
        text += f" ({_signed(trend.per_week, review, 2)} a week, the trend through every reading)"
    return text + "."


def markdown(review: Review) -> str:
    """The whole review as Markdown."""
    out = [
        f"# Training review: {review.start} to {review.end} ({review.weeks} weeks)",
        "",
        "## Core lifts: estimated 1RM",
        "",
    ]
    if review.lifts:
        header = ["Lift", "First session", "Last session", "Change", "Best", "Sessions"]
        out += _table(header, lift_rows(review))
    else:
        out.append("No core lift was trained in this block.")
    out += ["", "## Stalled lifts", ""]
    out += [f"- **{review.name(s.exercise)}**: {s.reason}" for s in review.stalls] or [
        "None: every core lift gained within its last three sessions, or has too few yet."
    ]
    out += ["", "## Volume against your band (hard sets a week)", ""]
    if review.volume:
        out += _table(["Muscle", "Average", "Band", "Where"], volume_rows(review))
    else:
        out.append("No hard sets in this block.")
    out += ["", "## Adherence", ""]
    if review.adherence:
        out += _table(["Week", "Planned", "Done", "Extra", "Done %"], adherence_rows(review))
        planned = sum(w.planned for w in review.adherence)
        done = sum(w.done for w in review.adherence)
        out += ["", f"{done} of {planned} planned sessions done ({review.adherence_percent}%)."]
    else:
        out.append("No active program covers this block, so there was no plan to keep.")
    out += ["", "## Check-ins", "", *checkin_lines(review)]
    out += ["", "## Bodyweight", "", bodyweight_line(review)]
    out += ["", "## Records", ""]
    out += [f"- {r.on}: {r.sentence(review.name(r.exercise), review.unit)}" for r in review.records]
    if not review.records:
        out.append("No new records in this block.")
    if review.milestones:
        out += ["", "## Milestones", ""]
        out += [f"- {m.on}: {m.title}" for m in review.milestones]
    out += ["", "## The next block", ""]
    out += [f"{i}. **{c.change}.** {c.why}" for i, c in enumerate(review.changes, 1)]
    return "\n".join(out) + "\n"
