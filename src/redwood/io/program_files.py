"""Program documents in and out: an editable YAML file, JSON or YAML read back, and Markdown.

The YAML file is the same `redwood.program/1` contract as `--format json`, written for people:
a header comment says what may be edited, each week and session opens with a comment line,
and every exercise id carries its name. `load_program_file` reads JSON or YAML (detected),
and every fault is one line naming the file, the line and the field, because a person who
edits a file by hand needs to know exactly where to look. `to_markdown` prints a program to
read or share: the sessions of each week, supersets marked, the cues of each exercise once.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redwood.catalog import Catalogue
from redwood.domain.exercise import Exercise
from redwood.domain.program import BlockType, PlannedSession, Prescription, Program, WeekKind
from redwood.domain.vocab import Measure

YAML_HEADER = """\
# Redwood program file (schema redwood.program/1), made by `redwood plan --format yaml`.
#
# You may edit:
#   - exercise: any catalogue id (find one with `redwood exercises search WORDS`)
#   - sets, reps_min, reps_max, rir (reps in reserve) and rest_seconds of each exercise
#   - the order of blocks, the weekday and title of a session, pair_rest_seconds of a superset
#   - estimated_minutes: `redwood program validate` tells you the value the time model gives
# Leave `schema` as it is. `profile` is what the program was planned for: the rules
# (equipment, limitations, minutes per session, weekly sets) are checked against it.
# Within a block every week should keep the same exercises; deload weeks halve the sets.
#
# Check the file:     redwood program validate THIS_FILE
# Make it your plan:  redwood program import THIS_FILE
"""

_EXERCISE_LINE = re.compile(r"^(?P<lead>\s*(?:- )?exercise: )(?P<id>[a-z0-9][a-z0-9-]*)$")
_PATH_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


class ProgramFileError(ValueError):
    """A program file that cannot be read; the message is one line: file, line, what."""


class _FileDumper(yaml.SafeDumper):
    """Safe YAML with short lists of words on one line (`regions: [legs, back]`)."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    short = all(isinstance(item, str) and len(item) <= 40 for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=short)


_FileDumper.add_representer(list, _represent_list)


def _dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_FileDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=96,
    )


def to_yaml(program: Program | Mapping[str, Any], catalogue: Catalogue | None = None) -> str:
    """The program as an editable, commented YAML file (the same contract as the JSON).

    Loading the text back gives exactly `program.to_dict()`; the comments (exercise names
    from `catalogue`, when given) are for the person editing it.
    """
    document = dict(program.to_dict() if isinstance(program, Program) else program)
    weeks = document.pop("weeks", [])
    head = {key: value for key, value in document.items() if key in ("schema", "profile")}
    tail = {key: value for key, value in document.items() if key not in head}
    parts = [YAML_HEADER, "\n", _dump(head), "weeks:\n"]
    if not weeks:
        parts[-1] = "weeks: []\n"
    for week in weeks:
        if isinstance(week, Mapping):
            kind = week.get("kind", "build")
            focus = f", {week['focus']} focus" if week.get("focus") else ""
            parts.append(
                f"\n# ---- Week {week.get('index')} (block {week.get('block')}, {kind}{focus})\n"
            )
        parts.append(_dump([week]))
    if tail:
        parts.append("\n" + _dump(tail))
    return _annotate("".join(parts), catalogue)


def _annotate(text: str, catalogue: Catalogue | None) -> str:
    """Append each exercise's name as a comment after its id."""
    if catalogue is None:
        return text
    lines = []
    for line in text.splitlines():
        match = _EXERCISE_LINE.match(line)
        found = catalogue.get(match.group("id")) if match else None
        lines.append(f"{line}  # {found.name}" if found is not None else line)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Problem:
    """One fault of a program file: where (file, line, location), which rule, and what."""

    file: str
    line: int | None
    location: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.location + ': ' if self.location else ''}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for `redwood program validate --format json` and the API."""
        return {
            "file": self.file,
            "line": self.line,
            "location": self.location,
            "rule": self.rule,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class ProgramFile:
    """A program document read from a file, with its name and text for locating fields."""

    name: str
    text: str
    document: dict[str, Any]
    is_json: bool

    def line_of(self, location: str) -> int | None:
        """The 1-based line of a location such as `weeks[0].sessions[1].blocks[0]`."""
        return line_of(self.text, location)

    def problem(self, location: str, rule: str, message: str) -> Problem:
        """A problem at `location` of this file, with its line."""
        return Problem(self.name, self.line_of(location), location, rule, message)


def _source(path_or_text: str | Path) -> tuple[str, str, bool | None]:
    """(name, text, is_json or None when the content decides)."""
    if isinstance(path_or_text, Path) or (
        "\n" not in path_or_text and not path_or_text.lstrip().startswith(("{", "["))
    ):
        path = Path(path_or_text)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProgramFileError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise ProgramFileError(f"{path}: is a directory, not a program file") from None
        except UnicodeDecodeError:
            raise ProgramFileError(f"{path}: not a text file (expected UTF-8)") from None
        except OSError as exc:
            raise ProgramFileError(f"{path}: {exc.strerror or exc}") from None
        suffix = path.suffix.lower()
        kind = True if suffix == ".json" else False if suffix in (".yaml", ".yml") else None
        return str(path), text, kind
    return "<text>", path_or_text, None


def _parse_json(name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgramFileError(
            f"{name}, line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"
        ) from None


def _parse_yaml(name: str, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}, line {mark.line + 1}, column {mark.column + 1}" if mark else name
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        context = f" ({' '.join(exc.context.split())})" if exc.context and exc.problem else ""
        raise ProgramFileError(f"{where}: invalid YAML: {problem}{context}") from None
    except yaml.YAMLError as exc:
        raise ProgramFileError(f"{name}: invalid YAML: {' '.join(str(exc).split())}") from None


def read_program_file(path_or_text: str | Path) -> ProgramFile:
    """Read a program file (JSON or YAML, detected), keeping its text to locate fields."""
    name, text, is_json = _source(path_or_text)
    if not text.strip():
        raise ProgramFileError(f"{name}: the file is empty")
    if is_json is None:
        is_json = text.lstrip().startswith(("{", "["))
    data = _parse_json(name, text) if is_json else _parse_yaml(name, text)
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise ProgramFileError(
            f"{name}, line 1: expected a program document (schema, profile, weeks), got {got}"
        )
    return ProgramFile(name=name, text=text, document=data, is_json=is_json)


def load_program_file(path_or_text: str | Path) -> dict[str, Any]:
    """The document in a program file (a path, or the text itself), JSON or YAML."""
    return read_program_file(path_or_text).document


def _tokens(location: str) -> Iterator[str | int]:
    for name, index in _PATH_TOKEN.findall(location):
        yield int(index) if index else name


def line_of(text: str, location: str) -> int | None:
    """The 1-based line where `location` (e.g. `weeks[2].sessions[0].sets`) is written.

    Walks as far down the path as the text goes, so a missing key points at its parent.
    None when the text cannot be composed as YAML (JSON is read as YAML here).
    """
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    found: yaml.Node = node
    line = int(node.start_mark.line) + 1
    for token in _tokens(location.split(": ")[0]):
        if token == "document" and found is node:
            continue
        if isinstance(token, int) and isinstance(found, yaml.SequenceNode):
            if token >= len(found.value):
                break
            found = found.value[token]
            line = int(found.start_mark.line) + 1
        elif isinstance(token, str) and isinstance(found, yaml.MappingNode):
            pair = next((kv for kv in found.value if getattr(kv[0], "value", None) == token), None)
            if pair is None:
                break
            line = int(pair[0].start_mark.line) + 1
            found = pair[1]
        else:
            break
    return line


def unknown_exercise(name: str, catalogue: Catalogue) -> str:
    """Why a name is refused, with the closest catalogue ids when there are any."""
    hints = " or ".join(hit.exercise.id for hit in catalogue.suggest(name, limit=2))
    if hints:
        return f"unknown exercise {name!r} (did you mean {hints}?)"
    return f"unknown exercise {name!r} (find one with 'redwood exercises search WORDS')"


def _exercise_slots(
    document: Mapping[str, Any],
) -> Iterator[tuple[list[Any] | dict[str, Any], Any, str]]:
    """(holder, key, location) of every exercise reference: favourites, excluded, sessions."""
    profile = document.get("profile")
    for field in ("favourites", "excluded"):
        items = profile.get(field) if isinstance(profile, dict) else None
        for i in range(len(items) if isinstance(items, list) else 0):
            yield items, i, f"profile.{field}[{i}]"  # type: ignore[misc]
    weeks = document.get("weeks")
    for w, week in enumerate(weeks if isinstance(weeks, list) else []):
        sessions = week.get("sessions") if isinstance(week, dict) else None
        for s, session in enumerate(sessions if isinstance(sessions, list) else []):
            blocks = session.get("blocks") if isinstance(session, dict) else None
            for b, block in enumerate(blocks if isinstance(blocks, list) else []):
                items = block.get("exercises") if isinstance(block, dict) else None
                for e, item in enumerate(items if isinstance(items, list) else []):
                    if isinstance(item, dict) and "exercise" in item:
                        where = f"weeks[{w}].sessions[{s}].blocks[{b}].exercises[{e}].exercise"
                        yield item, "exercise", where


def resolve_exercise_names(
    file: ProgramFile, catalogue: Catalogue
) -> tuple[dict[str, Any], list[Problem]]:
    """A copy of the document with exercise names and aliases written as catalogue ids, and
    a problem for every reference the catalogue does not know.

    People editing a file by hand write "Romanian deadlift" as readily as its id; both work.
    """
    document = copy.deepcopy(file.document)
    problems: list[Problem] = []
    for holder, key, location in _exercise_slots(document):
        value = holder[key]
        if not isinstance(value, str) or value in catalogue:
            continue
        found = catalogue.resolve(value)
        if found is not None:
            holder[key] = found.id
        else:
            problems.append(file.problem(location, "exercise", unknown_exercise(value, catalogue)))
    return document, problems


# ---- Markdown -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reps_text(item: Prescription, exercise: Exercise | None) -> str:
    """The reps of a prescription: `8-12`, `30 s` or `40 m`, `each side` when unilateral."""
    measure = exercise.measure if exercise is not None else Measure.REPS
    unit = {Measure.SECONDS: " s", Measure.METRES: " m"}.get(measure, "")
    low, high = item.reps_min, item.reps_max
    span = f"{low}" if low == high else f"{low}-{high}"
    side = " each side" if exercise is not None and exercise.unilateral else ""
    return f"{span}{unit}{side}"


def dose(item: Prescription, exercise: Exercise | None) -> str:
    """`sets x reps @ RIR n`, in seconds or metres for timed or distance moves."""
    return f"{item.sets} x {reps_text(item, exercise)} @ RIR {item.rir}"


def _session_markdown(session: PlannedSession, catalogue: Catalogue) -> list[str]:
    lines = [
        f"### {str(session.weekday).capitalize()}: {session.title} "
        f"(about {session.estimated_minutes} min, {session.setting})",
        "",
        "| # | exercise | dose | rest |",
        "|---|---|---|---|",
    ]
    notes: list[str] = []
    for number, block in enumerate(session.blocks, start=1):
        paired = block.type is BlockType.SUPERSET
        for letter, item in zip("abcdefgh", block.exercises, strict=False):
            mark = f"{number}{letter}" if paired else str(number)
            found = catalogue.get(item.exercise)
            name = found.name if found is not None else item.exercise
            dose_text = dose(item, found)
            lines.append(f"| {mark} | {_cell(name)} | {dose_text} | {item.rest_seconds} s |")
        if paired:
            moves = " + ".join(
                f"{number}{letter}" for letter, _ in zip("ab", block.exercises, strict=False)
            )
            notes.append(
                f"- Superset {moves}: alternate the two moves, "
                f"{block.pair_rest_seconds or 0} s between them."
            )
    return [*lines, "", *notes, *([""] if notes else [])]


def to_markdown(program: Program, catalogue: Catalogue) -> str:
    """The program to read or share: every week's sessions, reasons, and cues once each."""
    profile = program.profile
    days = ", ".join(str(d) for d in profile.weekdays)
    out = [
        f"# Redwood program: {profile.goal}, {profile.level}",
        "",
        f"{profile.days_per_week} days a week ({days}), {profile.session_minutes} minutes a "
        f"session, {profile.setting}; {len(program.weeks)} weeks; priority {profile.priority}.",
        "",
    ]
    deloads = [str(w.index) for w in program.weeks if w.kind is WeekKind.DELOAD]
    blocks = sorted({w.block for w in program.weeks})
    out += [
        f"{len(blocks)} block(s); deload week(s): {', '.join(deloads) or 'none'}.",
        "",
    ]
    if program.warnings:
        out += ["## Warnings", "", *(f"- {w}" for w in program.warnings), ""]
    for week in program.weeks:
        out += [f"## Week {week.index} (block {week.block}, {week.kind}, {week.focus} focus)", ""]
        for session in week.sessions:
            out += _session_markdown(session, catalogue)
    if program.rationale:
        out += ["## Why this program", "", *(f"- {r}" for r in program.rationale), ""]
    out += _cues_markdown(program, catalogue)
    return "\n".join(out).rstrip() + "\n"


def _cues_markdown(program: Program, catalogue: Catalogue) -> list[str]:
    seen: dict[str, None] = {}
    for week in program.weeks:
        for session in week.sessions:
            for item in session.prescriptions():
                seen.setdefault(item.exercise, None)
    out = ["## Cues", ""] if seen else []
    for exercise_id in seen:
        found = catalogue.get(exercise_id)
        if found is None or not found.cues:
            continue
        out += [f"### {found.name}", "", *(f"- {cue}" for cue in found.cues), ""]
    return out
