"""The words of the set notation (`domain/notation.py`): tokens, what each can be, what is
wrong with one that fits nowhere, and the bounds of the values they carry.

Pure domain code (standard library only). A token keeps its text as written (an exercise
name is shown back exactly) and a lower-cased copy for matching: the notation ignores case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from redwood.domain.mass import Mass
from redwood.domain.vocab import SetType

MAX_LOAD = Mass(Decimal(1000))
"""Heavier than any barbell record: a load above it is a typo (issue 4)."""
MAX_REPS = 100
MAX_SETS = 50
"""Sets in one group (`50x5`); more is a load written without its unit (`100x5`)."""
MAX_SECONDS = 3600
RPE_RANGE = (Decimal(1), Decimal(10))
RIR_RANGE = (Decimal(0), Decimal(10))

KINDS: dict[str, SetType] = {"w": SetType.WARMUP, "wu": SetType.WARMUP, "warmup": SetType.WARMUP}
KINDS |= {"warm-up": SetType.WARMUP, "drop": SetType.DROP, "dropset": SetType.DROP}
KINDS |= {"fail": SetType.FAILURE, "failure": SetType.FAILURE, "working": SetType.WORKING}
UNIT_WORDS = frozenset({"kg", "kgs", "kilo", "kilos", "lb", "lbs", "pound", "pounds"})
SECOND_WORDS = frozenset({"s", "sec", "secs", "second", "seconds"})
HINT = "write sets such as '100kg 5', '100kg 5,5,4', '3x5 @8' or 'bw 3x8 rir2'"
INPUT_HINT = "type e.g. '102.5 6 @8', '6', '@9', 'bw', or 'w' for a warm-up"

NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,4}[/.]\d{1,2}[/.]\d{1,4}$")
LOAD = re.compile(rf"^(?:bw\+|\+)?(?P<sign>-)?(?P<number>{NUMBER})(?P<unit>[a-z]+)?$")
INT = re.compile(r"^\d+$")
LIST = re.compile(r"^\d+(?:,\d+)+$")
SETS_X_REPS = re.compile(r"^(?P<sets>\d+)x(?P<reps>\d+)$")
X_REPS = re.compile(r"^x(?P<reps>\d+)$")
TIMED = re.compile(r"^(?:(?P<sets>\d+)x)?(?P<seconds>\d+)(?:s|sec|secs|seconds)$")
RPE = re.compile(r"^@(?P<value>.*)$")
RIR = re.compile(rf"^rir(?P<before>{NUMBER})$|^(?P<after>{NUMBER})rir$")
UNIT_TYPO = re.compile(rf"^[+-]?{NUMBER}(?P<unit>[a-z]+)$")
REPS_LIKE = re.compile(r"^x?\d[\dx,]*$|^,|,$")


class NotationError(ValueError):
    """A line or set input that cannot be read; `field` names the part at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Token:
    """One word: `text` as written, `low` lower-cased for matching."""

    text: str
    low: str


def is_number(text: str) -> bool:
    """A plain non-negative decimal such as `8`, `8.5` or `.5`."""
    return re.fullmatch(NUMBER, text) is not None


def _glue(tokens: list[Token], glue: Callable[[Token, Token], bool]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        if out and glue(out[-1], token):
            out[-1] = Token(out[-1].text + token.text, out[-1].low + token.low)
        else:
            out.append(token)
    return out


def _leads(prev: Token, token: Token) -> bool:
    """`@ 8`, `rir 2`, `x 5`, `bw + 10kg`, `5, 5, 4`: a word that needs the next one."""
    return (
        (prev.low in {"@", "rir", "x", "bw+", "+"} and token.low[:1].isdigit())
        or (prev.low == "bw" and token.low.startswith("+"))
        or prev.low.endswith(",")
        or token.low.startswith(",")
    )


def _follows(prev: Token, token: Token) -> bool:
    """`100 kg`, `30 s`, `2 rir`: a word that belongs to the number before it."""
    return prev.low[-1:].isdigit() and token.low in UNIT_WORDS | SECOND_WORDS | {"rir"}


def split(text: str) -> list[Token]:
    """The words of `text`, split on white space, with spaced-out set words glued."""
    words = [Token(word, word.lower()) for word in text.split()]
    return _glue(_glue(words, _leads), _follows)


def is_load(low: str) -> bool:
    """A token that can only be a load: a unit, a sign, a decimal point, `bw` or `+`."""
    if low == "bw":
        return True
    match = LOAD.match(low)
    if match is None:
        return False
    unit = match["unit"]
    if unit is not None:
        return unit in UNIT_WORDS
    return low != match["number"] or "." in low


def is_reps(low: str) -> bool:
    """A token that reads as reps: `5`, `5,5,4`, `3x5`, `x5`, `30s`, `3x30s`."""
    return any(pattern.match(low) for pattern in (INT, LIST, SETS_X_REPS, X_REPS, TIMED))


def trailer(low: str) -> str | None:
    """What an effort or kind token sets ("rpe", "rir" or "kind"), else None."""
    if RPE.match(low):
        return "rpe"
    if RIR.match(low):
        return "rir"
    if low in KINDS:
        return "kind"
    return None


def is_set_word(low: str) -> bool:
    """Any token of the set part: a load, reps, an effort or a kind."""
    return is_load(low) or is_reps(low) or trailer(low) is not None


def bad_token(token: Token, hint: str = HINT, where: str = " after the sets") -> NotationError:
    """The error for a token that fits nowhere, naming the field it most resembles."""
    low = token.low
    if low.startswith("@"):
        return NotationError("rpe", f"cannot read '{token.text}': write RPE as @8 or @8.5")
    if "rir" in low:
        return NotationError("rir", f"cannot read '{token.text}': write RIR as rir2 or 2rir")
    load = LOAD.match(low)
    if load and load["unit"] and load["unit"] not in UNIT_WORDS | SECOND_WORDS:
        return NotationError("load", f"unknown unit in '{token.text}': use kg or lb")
    if load or low.startswith(("bw", "+", "-")) or re.match(r"^[\d.,]+(kg|lb)", low):
        return NotationError("load", f"cannot read '{token.text}' as a load: {hint}")
    if REPS_LIKE.match(low):
        return NotationError("reps", f"cannot read '{token.text}' as reps: {hint}")
    return NotationError("line", f"cannot read '{token.text}'{where}: {hint}")


# ---- values ----------------------------------------------------------------------------


def check_load(mass: Mass, shown: str | None = None) -> Mass:
    """`mass` when it is 0-1,000 kg; otherwise `NotationError` on "load"."""
    if mass.kg < 0:
        raise NotationError("load", f"a load must not be negative (got {shown or mass})")
    if mass > MAX_LOAD:
        raise NotationError(
            "load", f"{shown or mass} is over 1,000 kg: check the number and its unit"
        )
    return mass


def count(field: str, text: str, low: int, high: int, what: str) -> int:
    """The whole number `text` when it is `low`-`high`; else `NotationError` on `field`."""
    value = int(text)
    if not low <= value <= high:
        raise NotationError(field, f"{what} must be {low}-{high} (got {value})")
    return value


def reps_within(value: int) -> int:
    """`value` when it is at most `MAX_REPS`."""
    if value > MAX_REPS:
        raise NotationError("reps", f"reps over {MAX_REPS} are refused (got {value})")
    return value


def effort(field: str, value: Decimal) -> Decimal:
    """An RPE (1-10) or RIR (0-10) with at most one decimal place (the store's scale)."""
    name, (low, high) = ("RPE", RPE_RANGE) if field == "rpe" else ("RIR", RIR_RANGE)
    if not value.is_finite() or not low <= value <= high:
        raise NotationError(field, f"{name} must be {low}-{high} (got {value})")
    if value != value.quantize(Decimal("0.1")):
        raise NotationError(field, f"{name} takes one decimal place at most (got {value})")
    return value


def effort_text(field: str, text: str) -> Decimal:
    """`effort` of typed text, refusing what is not a number."""
    if not is_number(text):
        shown = "@8 or @8.5" if field == "rpe" else "rir2 or 2rir"
        raise NotationError(field, f"cannot read '{text}': write {field.upper()} as {shown}")
    return effort(field, Decimal(text))


def trailers(pairs: Sequence[tuple[str, Token]]) -> dict[str, Any]:
    """The RPE, RIR and kind a group's trailing tokens set, keyed as `SetSpec` fields."""
    out: dict[str, Any] = {}
    for what, token in pairs:
        if what == "kind":
            out["set_type"] = KINDS[token.low]
            continue
        match = RPE.match(token.low) if what == "rpe" else RIR.match(token.low)
        assert match is not None
        text = match["value"] if what == "rpe" else match["before"] or match["after"]
        out[what] = effort_text(what, text)
    return out


def rep_counts(token: Token) -> tuple[list[int | None], int | None]:
    """(reps of each set, seconds of each set) of a REPS token."""
    low = token.low
    timed = TIMED.match(low)
    if timed:
        sets = count("reps", timed["sets"] or "1", 1, MAX_SETS, "sets in one group")
        seconds = count("reps", timed["seconds"], 1, MAX_SECONDS, "seconds of a timed set")
        return [None] * sets, seconds
    grid = SETS_X_REPS.match(low)
    if grid:
        sets = int(grid["sets"])
        if not 1 <= sets <= MAX_SETS:
            raise NotationError(
                "reps",
                f"'{token.text}' would be {sets} sets of {grid['reps']}: write sets x reps (at "
                f"most {MAX_SETS} sets), or a load with its unit, e.g. '{sets}kg x{grid['reps']}'",
            )
        return [reps_within(int(grid["reps"]))] * sets, None
    single = X_REPS.match(low)
    numbers = [single["reps"]] if single else low.split(",")
    if len(numbers) > MAX_SETS:
        raise NotationError("reps", f"at most {MAX_SETS} sets in one group")
    return [reps_within(int(number)) for number in numbers], None
