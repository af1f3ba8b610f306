"""Planner benchmark (issue 3, "Measure"): 12-week programs for random profiles.

Generates one program per random profile spread over the whole profile space (a fixed
seed for the sampler), times `generate_program` after OR-Tools has been imported once,
and judges every program with the independent checker of tests/planner/checker.py.
Prints one JSON line. Run it from the repo root: `.venv/bin/python bench/plan.py`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.planner.checker import check_program, program_volume_targets  # noqa: E402

from redwood.catalog import load_catalogue  # noqa: E402
from redwood.domain.profile import (  # noqa: E402
    DEFAULT_EQUIPMENT,
    DEFAULT_WEEKDAYS,
    OrderPreference,
    Priority,
    Profile,
    SupersetPreference,
    Weekday,
    make_profile,
)
from redwood.domain.vocab import Equipment, Goal, Level, Limitation, Setting  # noqa: E402

SAMPLER_SEED = 20_240_603
WEEKS = 12


def _names(kind: Any) -> list[str]:
    return [str(member) for member in kind]


def _kit(rng: random.Random, setting: str) -> list[str] | None:
    """None (the setting's default kit), a thinned default, or a random kit."""
    roll = rng.random()
    if roll < 0.5:
        return None
    if roll < 0.8:
        default = sorted(str(e) for e in DEFAULT_EQUIPMENT[Setting(setting)])
        return sorted(rng.sample(default, rng.randint(0, len(default))))
    everything = _names(Equipment)
    return sorted(rng.sample(everything, rng.randint(0, len(everything))))


def random_profile(rng: random.Random, exercise_ids: list[str]) -> dict[str, Any]:
    """Keyword arguments for `make_profile` drawn over every field's range."""
    kwargs: dict[str, Any] = {
        "goal": rng.choice(_names(Goal)),
        "level": rng.choice(_names(Level)),
        "minutes": rng.randint(20, 120),
        "setting": rng.choice(_names(Setting)),
        "priority": rng.choice(_names(Priority)),
        "order": rng.choice(_names(OrderPreference)),
        "supersets": rng.choice(_names(SupersetPreference)),
        "limitations": sorted(rng.sample(_names(Limitation), rng.choice((0, 0, 1, 1, 2)))),
        "weeks": WEEKS,
    }
    if rng.random() < 0.5:
        days = sorted(rng.sample(_names(Weekday), rng.randint(2, 6)), key=_names(Weekday).index)
        kwargs["weekdays"] = days
    else:
        kwargs["days"] = rng.randint(2, 6)
        days = [str(day) for day in DEFAULT_WEEKDAYS[kwargs["days"]]]
    if rng.random() < 0.3:
        chosen = rng.sample(days, rng.randint(1, 2))
        kwargs["setting_by_day"] = {day: rng.choice(_names(Setting)) for day in chosen}
    kit = _kit(rng, kwargs["setting"])
    if kit is not None:
        kwargs["equipment"] = kit
    others = set(kwargs.get("setting_by_day", {}).values()) - {kwargs["setting"]}
    by_setting = {where: _kit(rng, where) for where in sorted(others)}
    if any(v is not None for v in by_setting.values()):
        kwargs["equipment_by_setting"] = {k: v for k, v in by_setting.items() if v is not None}
    favourites = rng.sample(exercise_ids, rng.choice((0, 0, 1, 2, 3)))
    excluded = rng.sample(exercise_ids, rng.choice((0, 0, 2, 5)))
    kwargs["favourites"] = favourites
    kwargs["excluded"] = [ex_id for ex_id in excluded if ex_id not in favourites]
    return kwargs


def _quantile(ordered: list[float], share: float) -> float:
    """Nearest-rank quantile of sorted values."""
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=500, help="how many random profiles")
    parser.add_argument("--verbose", action="store_true", help="violations to stderr")
    args = parser.parse_args()

    importlib.import_module("ortools.sat.python.cp_model")  # its import is not timed
    generator = importlib.import_module("redwood.planner.generator")

    catalogue = load_catalogue()
    rng = random.Random(SAMPLER_SEED)
    exercise_ids = sorted(ex.id for ex in catalogue)
    profiles: list[tuple[dict[str, Any], Profile, int]] = []
    for _ in range(args.profiles):
        kwargs = random_profile(rng, exercise_ids)
        profiles.append((kwargs, make_profile(**kwargs), rng.randint(0, 2**16)))

    times: list[float] = []
    violations = violating = errors = 0
    targets = met = missed_silently = 0
    for kwargs, profile, seed in profiles:
        start = time.perf_counter()
        try:
            program = generator.generate_program(profile, catalogue, seed=seed)
        except Exception as exc:  # a crash is a finding: count it and go on
            times.append(time.perf_counter() - start)
            errors += 1
            if args.verbose:
                print(
                    json.dumps({"profile": kwargs, "seed": seed, "error": repr(exc)}),
                    file=sys.stderr,
                )
            continue
        times.append(time.perf_counter() - start)
        doc = json.loads(json.dumps(program.to_dict()))
        problems = check_program(doc, catalogue)
        violations += len(problems)
        violating += bool(problems)
        for target in program_volume_targets(doc, catalogue):
            targets += 1
            met += target.met
            missed_silently += target.lowest < target.low - 1e-9 and not target.warned
        if problems and args.verbose:
            report = {"profile": kwargs, "seed": seed, "violations": problems[:10]}
            print(json.dumps(report), file=sys.stderr)

    ordered = sorted(times)
    print(
        json.dumps(
            {
                "bench": "plan",
                "programs": len(profiles),
                "p50_s": round(_quantile(ordered, 0.5), 4),
                "p95_s": round(_quantile(ordered, 0.95), 4),
                "max_s": round(ordered[-1], 4),
                "violations": violations,
                "violating_programs": violating,
                "volume_targets": targets,
                "volume_targets_met": met,
                "share_met": round(met / targets, 4) if targets else None,
                "missed_without_warning": missed_silently,
                "errors": errors,
            }
        )
    )


if __name__ == "__main__":
    main()
