"""`redwood log`: the terminal session runner.

It walks today's session set by set. Each set is shown pre-filled with the coach's
prescription; Enter logs it as shown, or the athlete types what they did (`102.5 6 @8`,
`6`, `@9`, `bw`). A rest countdown with a bell follows (Enter skips it); supersets
alternate. Commands: `skip` (the rest of this exercise), `swap` (a substitute), `form`
(form broke down: one set fewer, one more rep in reserve), `undo` (the last set), `done`
(finish early), `?` (help). The session ends with a summary: sets, volume per muscle and
new records. Every set is written when it is entered, so nothing is lost if the
terminal closes.
"""

from __future__ import annotations

import select
import sys
import time
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from rich.markup import escape

from redwood.cli.output import console, fail
from redwood.coach.document import Today
from redwood.coach.flow import Flow, Step, flow_of
from redwood.coach.workout import carried, default_spec
from redwood.domain.mass import Mass, Unit
from redwood.domain.notation import NotationError, SetSpec, parse_set_input
from redwood.domain.vocab import SetType

HELP = (
    "Enter = log the set as shown; or type what you did: '102.5 6 @8', '6', '@9', 'bw', "
    "'x8 rir1'.  Commands: skip, swap, form, undo, done, ?"
)
COMMANDS = {"skip", "swap", "form", "undo", "done", "?", "help", "q", "quit"}


def _spec_text(spec: SetSpec, unit: Unit) -> str:
    load = "bodyweight" if spec.load is None else spec.load.format(unit, 2)
    effort = ""
    if spec.rir is not None:
        effort = f" rir {spec.rir.normalize():f}"
    elif spec.rpe is not None:
        effort = f" @{spec.rpe.normalize():f}"
    kind = "" if spec.set_type is SetType.WORKING else f" ({spec.set_type})"
    return f"{load} x {spec.reps}{effort}{kind}"


def _header(flow: Flow, step: Step, unit: Unit, default: SetSpec) -> str:
    line = flow.line_of(step)
    target = replace(flow.set_of(step), load=flow.set_of(step).load or default.load)
    number, total = flow.counts(step)
    which = "warm-up" if number == 0 else f"set {number} of {total}"
    if target.type == "calibration":
        which = "find your load"
    reps = (
        str(target.reps_min)
        if target.reps_min == target.reps_max
        else f"{target.reps_min}-{target.reps_max}"
    )
    load = "bodyweight" if target.load is None else target.load.format(unit, 2)
    if target.load is None and target.type in {"calibration", "working"} and line.calibration:
        load = "a load you choose"
    rir = "" if target.rir is None else f" @ RIR {target.rir}"
    plates = ""
    if target.plates:
        plates = "  [" + " + ".join(p.format(unit, 2) for p in target.plates) + " per side]"
    pair = " (superset)" if line.block_type == "superset" else ""
    return f"[bold]{escape(line.name)}[/bold]{pair} - {which}: {load} x {reps}{rir}{plates}"


def _rest(seconds: float, nxt: str | None) -> None:
    """A countdown that Enter skips; a bell when it ends."""
    if seconds <= 0 or nxt is None:
        return
    end = time.monotonic() + seconds
    interactive = sys.stdin.isatty()
    while (left := end - time.monotonic()) > 0:
        whole = int(left + 0.999)
        sys.stdout.write(f"\rRest {whole // 60}:{whole % 60:02d}  (Enter skips)   ")
        sys.stdout.flush()
        if interactive:
            ready, _, _ = select.select([sys.stdin], [], [], min(1.0, left))
            if ready:
                sys.stdin.readline()
                break
        else:
            time.sleep(min(1.0, left))
    sys.stdout.write("\a\rRest over.                          \n")
    sys.stdout.flush()
    console.print(f"[dim]Next: {escape(nxt)}[/dim]")


def _ask(prompt: str) -> str | None:
    try:
        return console.input(prompt)
    except EOFError:
        return None


def _swap(flow: Flow, on: date, unit: Unit) -> tuple[Flow, str]:
    from redwood.services import coaching

    step = flow.current
    assert step is not None
    line = flow.line_of(step)
    options = coaching.swap_options(on, line.exercise)[:6]
    if not options:
        return flow, f"No substitute for {line.name} fits today's kit."
    for i, option in enumerate(options, start=1):
        console.print(f"  {i}. {escape(option.name)}")
    answer = (_ask("Swap to which? (number, Enter to keep) ") or "").strip()
    if not answer:
        return flow, "Kept."
    if not answer.isdigit() or not 1 <= int(answer) <= len(options):
        return flow, f"'{answer}' is not one of 1-{len(options)}: kept {line.name}."
    remaining = sum(
        1 for s in flow.steps if s.line == step.line and flow.set_of(s).type == "working"
    )
    new_line = coaching.swap_line(on, line, options[int(answer) - 1].id, remaining or 1)
    return flow.swap(new_line), f"{line.name} swapped for {new_line.name}: {new_line.reason}"


class Runner:
    """One session at the terminal: state between prompts, and the sets written so far."""

    def __init__(self, plan: Today, rest_scale: float) -> None:
        assert plan.session is not None
        self.plan = plan
        self.unit = plan.unit
        self.on = plan.on
        self.rest_scale = rest_scale
        self.flow = flow_of(plan.session.exercises)
        self.session_id: UUID = uuid4()
        self.logged: list[tuple[Step, str, Mass | None]] = []

    def _carried(self, step: Step, default: SetSpec) -> SetSpec:
        """A set with no prescribed load takes the load of this exercise's last set today
        (`coach.workout.carried`, shared with the Today page)."""
        earlier = [(self.flow.line_of(done).exercise, load) for done, _, load in self.logged]
        return carried(default, self.flow.line_of(step).exercise, earlier)

    def _log(self, step: Step, spec: SetSpec) -> None:
        from redwood.services import logbook

        line = self.flow.line_of(step)
        written = logbook.add_sets(
            self.on,
            line.exercise,
            [spec],
            today=self.on,
            session_id=self.session_id,
            planned_session_id=self.plan.session.planned_session_id if self.plan.session else None,
            title=self.plan.session.title if self.plan.session else "",
        )
        self.logged.append((step, str(written[0]["id"]), spec.load))
        for record in written[0].get("records", []):
            console.print(f"[bold green]Record![/bold green] {escape(record['text'])}")

    def _undo(self) -> str:
        from redwood.services import logbook

        if not self.logged:
            return "Nothing logged yet in this session."
        _, set_id, _ = self.logged.pop()
        logbook.delete_set(set_id)
        self.flow = self.flow.back()
        return "Last set removed; it is up again."

    def _command(self, word: str) -> bool:
        """Handle a command; False when the session should end."""
        if word in {"done", "q", "quit"}:
            return False
        if word in {"?", "help"}:
            console.print(f"[dim]{escape(HELP)}[/dim]")
        elif word == "skip":
            step = self.flow.current
            name = self.flow.line_of(step).name if step else ""
            self.flow = self.flow.skip_exercise()
            console.print(f"Skipped the rest of {escape(name)}.")
        elif word == "form":
            self.flow, message = self.flow.ease_current()
            console.print(f"[cyan]{escape(message)}[/cyan]")
        elif word == "undo":
            console.print(self._undo())
        elif word == "swap":
            self.flow, message = _swap(self.flow, self.on, self.unit)
            console.print(escape(message))
        return True

    def run(self) -> bool:
        """Walk the sets; True when at least one set was logged."""
        while (step := self.flow.current) is not None:
            target = self.flow.set_of(step)
            default = self._carried(step, default_spec(target))
            console.print(_header(self.flow, step, self.unit, default))
            answer = _ask(escape(f"  [{_spec_text(default, self.unit)}] > "))
            if answer is None:
                break
            word = answer.strip().lower()
            if word in COMMANDS:
                if not self._command(word):
                    break
                continue
            try:
                spec = parse_set_input(answer, default, default_unit=self.unit)
            except NotationError as exc:
                console.print(f"[red]{escape(str(exc))}[/red]  ('?' for help)")
                continue
            if spec.load is None and self.flow.line_of(step).loaded:
                console.print(
                    "[yellow]Type the load you used with the reps, e.g. '40kg 12'.[/yellow]"
                )
                continue
            try:
                self._log(step, spec)
            except ValueError as exc:
                console.print(f"[red]{escape(str(exc))}[/red]")
                continue
            console.print(f"  [green]logged[/green] {escape(_spec_text(spec, self.unit))}")
            self.flow = self.flow.advance()
            nxt = self.flow.current
            label = None if nxt is None else self.flow.line_of(nxt).name
            _rest(step.rest_after * self.rest_scale, label)
        return bool(self.logged)


def _intro(plan: Today) -> None:
    session = plan.session
    assert session is not None
    console.print(
        f"[bold]{escape(session.title)}[/bold] - week {session.week} ({session.week_kind}), "
        f"{plan.on:%a %d %b}, about {session.estimated_minutes} min"
    )
    for line in (*plan.adjustments, *plan.warnings):
        console.print(f"[yellow]! {escape(line)}[/yellow]")
    for stall in plan.stalls:
        console.print(f"[magenta]stall: {escape(str(stall['reason']))}[/magenta]")
    drills = ", ".join(f"{d.name} ({d.dose})" for d in session.warmup.drills)
    console.print(f"Warm-up, {session.warmup.minutes} min: {escape(drills)}")
    console.print(f"[dim]{escape(HELP)}[/dim]")


def _summary(data: dict[str, Any], unit: Unit) -> None:
    console.print(
        f"[bold]Done:[/bold] {data['sets']} sets ({data['hard_sets']} hard), "
        f"{data['tonnage_kg']:g} kg moved."
    )
    muscles = ", ".join(f"{m.replace('_', ' ')} {v:g}" for m, v in data["muscles"].items())
    if muscles:
        console.print(f"Hard sets per muscle: {escape(muscles)}")
    for record in data["records"]:
        console.print(f"[green]{escape(record['text'])}[/green]")


def run_session(on: date | None, rest_scale: float = 1.0) -> None:
    """Run today's session at the terminal."""
    from redwood.services import coaching
    from redwood.services.athletes import today_of_local_athlete

    if on is not None and on > today_of_local_athlete():
        fail(f"date: {on.isoformat()} is in the future: sets can only be logged up to today")
    plan = coaching.today_plan(on)
    if plan.session is None:
        console.print(escape(plan.reason))
        for drill in plan.active_recovery or ():
            console.print(f"  - {escape(drill.name)}: {escape(drill.dose)}")
        console.print('[dim]To log off-plan sets: redwood log add "squat 100kg 5x5 @8"[/dim]')
        return
    if not sys.stdin.isatty():
        fail("the session runner needs a terminal; use 'redwood log add' in scripts")
    _intro(plan)
    if (_ask("Press Enter when warmed up (or 'done' to leave) ") or "").strip().lower() in {
        "done",
        "q",
        "quit",
    }:
        return
    cooldown = ", ".join(f"{d.name} ({d.dose})" for d in plan.session.cooldown)
    runner = Runner(plan, rest_scale)
    if runner.run():
        _summary(coaching.session_summary(runner.session_id), plan.unit)
    console.print(f"Cool-down: {escape(cooldown)}")
