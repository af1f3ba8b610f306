"""The one-line set notation: `2026-11-02 squat 100kg 5,5,4 @8 # felt quick`.

Pure domain code (standard library only). A line reads
`[YYYY-MM-DD] EXERCISE WORDS [LOAD] REPS [EFFORT] [KIND] ... [# note]`, case-insensitive,
extra spaces ignored (coach-design.md, "domain/notation.py"):

- LOAD: `100kg`, `100 kg`, `225lb`, `225lbs`, `102.5` (the athlete's unit), `bw` (no load),
  `bw+10kg` or `+10kg` (load added to a bodyweight move). Several groups may follow each
  other: `squat 60kg 5 80kg 5 100kg 3x5 @8`. A group without a load has no load: loads are
  never carried over from the group before.
- REPS: `5,5,4` (one set per number), `3x5` (sets x reps), `5` or `x5` (one set), `30s`
  and `3x30s` (timed sets).
- EFFORT: `@8`, `@8.5` (RPE 1-10), `rir2` / `2rir` (RIR 0-10); KIND: `w`/`warmup`, `drop`,
  `fail`/`failure` (default working). Both apply to the group they follow.

The exercise is every word before the set part: the split is the first word from which
the rest reads as sets, so `45-degree back extension 20kg 3x12` keeps its digits. A bare
whole number followed by reps is a load (`100 5` = 100 in the athlete's unit, 5 reps), as
in the usual "weight x reps" (`100 x 5`); a bare number alone is reps.

Bad input raises `NotationError` naming the field ("date", "exercise", "load", "reps",
"rpe", "rir", "line"). The domain reads no clock: refusing future dates is the caller's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from redwood.domain import notation_tokens as nt
from redwood.domain.mass import Mass, MassError, Unit, parse_mass
from redwood.domain.notation_tokens import NotationError as NotationError
from redwood.domain.vocab import SetType

_KIND_WORDS = {SetType.WARMUP: "warmup", SetType.DROP: "drop", SetType.FAILURE: "failure"}


@dataclass(frozen=True, slots=True)
class SetSpec:
    """One set as written: reps (or seconds), load, effort and kind."""

    reps: int | None
    load: Mass | None
    rpe: Decimal | None = None
    rir: Decimal | None = None
    set_type: SetType = SetType.WORKING
    seconds: int | None = None


@dataclass(frozen=True, slots=True)
class NotationLine:
    """A parsed line; `exercise` is the text as written (resolved outside the domain)."""

    on: date | None
    exercise: str
    sets: tuple[SetSpec, ...]
    note: str | None = None


# ---- values --------------------------------------------------------------------------------


def _load(token: nt.Token, default_unit: Unit) -> Mass | None:
    low = token.low
    if low == "bw":
        return None
    body = low.removeprefix("bw").removeprefix("+")
    if body.startswith("-"):
        raise NotationError("load", f"a load must not be negative (got '{token.text}')")
    try:
        mass = parse_mass(body, default_unit)
    except MassError as exc:
        raise NotationError("load", str(exc)) from None
    return nt.check_load(mass, token.text)


# ---- the set part --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    load: nt.Token | None
    reps: nt.Token
    trailers: tuple[tuple[str, nt.Token], ...]


def _groups(toks: Sequence[nt.Token]) -> list[_Group]:
    """The groups of a set part, or `NotationError` at the first token that does not fit."""
    groups: list[_Group] = []
    at = 0
    while at < len(toks):
        token = toks[at]
        nxt = toks[at + 1] if at + 1 < len(toks) else None
        if nt.is_load(token.low) or (
            nt.INT.match(token.low) and nxt is not None and nt.is_reps(nxt.low)
        ):
            if nxt is None or not nt.is_reps(nxt.low):
                raise NotationError("reps", f"no reps after the load '{token.text}': {nt.HINT}")
            load: nt.Token | None = token
            reps = nxt
            at += 2
        elif nt.is_reps(token.low):
            load, reps = None, token
            at += 1
        else:
            if nt.trailer(token.low) is not None:
                raise NotationError("reps", f"'{token.text}' needs reps before it: {nt.HINT}")
            raise nt.bad_token(token)
        trailers: list[tuple[str, nt.Token]] = []
        while at < len(toks) and (what := nt.trailer(toks[at].low)) is not None:
            if any(seen == what for seen, _ in trailers):
                raise NotationError(
                    "line" if what == "kind" else what,
                    f"two {'kinds' if what == 'kind' else what.upper()} for one group "
                    f"('{toks[at].text}')",
                )
            trailers.append((what, toks[at]))
            at += 1
        groups.append(_Group(load, reps, tuple(trailers)))
    return groups


def _specs(group: _Group, default_unit: Unit) -> Iterator[SetSpec]:
    load = None if group.load is None else _load(group.load, default_unit)
    reps, seconds = nt.rep_counts(group.reps)
    base = replace(SetSpec(reps=None, load=load, seconds=seconds), **nt.trailers(group.trailers))
    for count in reps:
        yield replace(base, reps=count)


def _read_date(token: nt.Token) -> date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", token.low):
            raise ValueError
        return date.fromisoformat(token.low)
    except ValueError:
        raise NotationError(
            "date", f"'{token.text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-02"
        ) from None


def _diagnose(toks: Sequence[nt.Token]) -> NotationError:
    """Why no split point gives a set part: the error of the most likely one."""
    starts = [
        at
        for at in range(1, len(toks))
        if nt.is_load(toks[at].low) or nt.REPS_LIKE.match(toks[at].low)
    ]
    if not starts:
        if nt.is_set_word(toks[0].low) and len(toks) == 1:
            return NotationError("exercise", f"no exercise before '{toks[0].text}'")
        shown = " ".join(token.text for token in toks)
        return NotationError("reps", f"no reps after '{shown}': {nt.HINT}")
    try:
        _groups(toks[starts[0] :])
    except NotationError as exc:
        return exc
    return NotationError("exercise", f"no exercise before '{toks[0].text}'")


def parse_line(text: str, *, default_unit: Unit) -> NotationLine:
    """Read one line of the notation; bare loads are in `default_unit`."""
    body, _, note = text.partition("#")
    toks = nt.split(body)
    on: date | None = None
    if toks and nt.DATE_LIKE.match(toks[0].low):
        on = _read_date(toks[0])
        toks = toks[1:]
    if not toks:
        raise NotationError("exercise", f"no exercise: write e.g. 'squat 100kg 5x5 @8' ({nt.HINT})")
    for split in range(1, len(toks)):
        try:
            groups = _groups(toks[split:])
        except NotationError:
            continue
        words = toks[:split]
        typo = nt.UNIT_TYPO.match(words[-1].low)
        if typo and typo["unit"] not in nt.UNIT_WORDS | nt.SECOND_WORDS:
            raise NotationError("load", f"unknown unit in '{words[-1].text}': use kg or lb")
        if all(nt.is_set_word(word.low) for word in words):
            raise NotationError(
                "exercise", f"no exercise before '{words[0].text}': write it before the sets"
            )
        sets = tuple(spec for group in groups for spec in _specs(group, default_unit))
        return NotationLine(on, " ".join(word.text for word in words), sets, note.strip() or None)
    raise _diagnose(toks)


def check_set(spec: SetSpec) -> SetSpec:
    """`spec` when every value is loggable (load 0-1,000 kg, reps 0-100, RPE 1-10, RIR
    0-10, seconds 1-3600); otherwise `NotationError` naming the field."""
    if spec.load is not None:
        nt.check_load(spec.load)
    if spec.reps is not None and not 0 <= spec.reps <= nt.MAX_REPS:
        raise NotationError("reps", f"reps must be 0-{nt.MAX_REPS} (got {spec.reps})")
    if spec.seconds is not None and not 1 <= spec.seconds <= nt.MAX_SECONDS:
        raise NotationError("reps", f"a timed set lasts 1-{nt.MAX_SECONDS} s (got {spec.seconds})")
    if spec.rpe is not None:
        nt.effort("rpe", spec.rpe)
    if spec.rir is not None:
        nt.effort("rir", spec.rir)
    return spec


def parse_set_input(text: str, default: SetSpec, *, default_unit: Unit) -> SetSpec:
    """What the athlete types for one pre-filled set: `""` keeps `default`; `102.5 6 @8` =
    load, reps, effort; `6` or `x6` = reps; `45s` = seconds; `@9` / `rir1` = effort (it
    replaces both RPE and RIR unless both are typed); `102.5kg`, `bw`; `w`/`drop`/`fail`."""
    toks = nt.split(text)
    changes: dict[str, Any] = {}
    at = 0
    while at < len(toks):
        token, low = toks[at], toks[at].low
        nxt = toks[at + 1].low if at + 1 < len(toks) else ""
        if nt.is_load(low) or (nt.INT.match(low) and (nt.INT.match(nxt) or nt.X_REPS.match(nxt))):
            if "load" in changes:
                raise NotationError("load", f"two loads for one set ('{token.text}')")
            changes["load"] = _load(token, default_unit)
        elif nt.INT.match(low) or nt.X_REPS.match(low) or nt.TIMED.match(low):
            timed = nt.TIMED.match(low)
            if timed and timed["sets"]:
                raise NotationError("reps", f"one set at a time (got '{token.text}')")
            if "reps" in changes:
                raise NotationError("reps", f"two rep counts for one set ('{token.text}')")
            counts, seconds = nt.rep_counts(token)
            changes["reps"], changes["seconds"] = counts[0], seconds
        elif (what := nt.trailer(low)) is not None:
            found = nt.trailers([(what, token)])
            if set(found) & set(changes):
                field = "line" if what == "kind" else what
                raise NotationError(field, f"given twice for one set ('{token.text}')")
            changes.update(found)
        elif nt.LIST.match(low) or nt.SETS_X_REPS.match(low):
            raise NotationError("reps", f"one set at a time (got '{token.text}')")
        else:
            raise nt.bad_token(token, nt.INPUT_HINT, "")
        at += 1
    if "rpe" in changes and "rir" not in changes:
        changes["rir"] = None
    if "rir" in changes and "rpe" not in changes:
        changes["rpe"] = None
    return check_set(replace(default, **changes))


# ---- writing -------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def load_text(mass: Mass, unit: Unit) -> str:
    """A load exactly as the notation reads it back: in `unit` when that is exact to three
    places (`225lb`), else in the other unit when that is (`102.5kg`), else exact kg."""
    other = Unit.LB if unit is Unit.KG else Unit.KG
    for candidate in (unit, other):
        value = mass.to(candidate)
        if _places(value) <= 3 and Mass.of(value, candidate) == mass:
            return f"{_plain(value)}{candidate}"
    return f"{_plain(mass.kg)}kg"


def _run_key(spec: SetSpec) -> tuple[object, ...]:
    shape = ("reps",) if spec.reps is not None else ("timed", spec.seconds)
    return (spec.load, spec.rpe, spec.rir, spec.set_type, *shape)


def _runs(sets: Sequence[SetSpec]) -> list[list[SetSpec]]:
    """Consecutive sets sharing load, effort, kind (and seconds, for timed sets), at most
    `MAX_SETS` to a run so that each reads back as one group."""
    runs: list[list[SetSpec]] = []
    for spec in sets:
        if runs and _run_key(runs[-1][0]) == _run_key(spec) and len(runs[-1]) < nt.MAX_SETS:
            runs[-1].append(spec)
        else:
            runs.append([spec])
    return runs


def _reps_text(run: Sequence[SetSpec]) -> str:
    first = run[0]
    if first.reps is None:
        if first.seconds is None:
            raise NotationError("reps", "a set needs reps or seconds to be written")
        return f"{len(run)}x{first.seconds}s" if len(run) > 1 else f"{first.seconds}s"
    counts = [spec.reps for spec in run]
    if len(counts) > 1 and len(set(counts)) == 1:
        return f"{len(counts)}x{counts[0]}"
    return ",".join(str(count) for count in counts)


def format_line(line: NotationLine, unit: Unit) -> str:
    """The line in the notation, loads in `unit` where exact; `parse_line` reads it back
    to the same value (a set with both reps and seconds is written with its reps)."""
    if not line.sets:
        raise NotationError("reps", "a line needs at least one set")
    parts = [line.on.isoformat()] if line.on is not None else []
    parts.append(line.exercise)
    runs = _runs(line.sets)
    for index, run in enumerate(runs):
        first = run[0]
        reps = _reps_text(run)
        trailers = []
        if first.rpe is not None:
            trailers.append(f"@{_plain(first.rpe)}")
        if first.rir is not None:
            trailers.append(f"rir{_plain(first.rir)}")
        if first.set_type in _KIND_WORDS:
            trailers.append(_KIND_WORDS[first.set_type])
        following = runs[index + 1] if index + 1 < len(runs) else None
        if first.load is not None:
            parts.append(load_text(first.load, unit))
        elif reps.isdigit() and not trailers and following and following[0].load is None:
            parts.append("bw")  # else the bare reps would read as the next group's load
        parts.append(reps)
        parts.extend(trailers)
    if line.note:
        parts.append(f"# {line.note}")
    return " ".join(parts)
