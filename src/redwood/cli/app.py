"""The `redwood` command: one Typer app with a sub-app per domain noun.

`main()` is the console entry point. It turns every refusal (bad input, unknown
exercise, unparseable mass) into one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import re
import sys

import typer

from redwood.cli.output import CliError, err_console

app = typer.Typer(
    name="redwood",
    help="Redwood: an open-source strength coach for combined back-and-leg training.",
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root(ctx: typer.Context) -> None:
    """Plan, prescribe and log back-and-legs training; with no command, the welcome screen."""
    if ctx.invoked_subcommand is None:
        from redwood.cli.welcome import show_welcome

        show_welcome()


def _register() -> None:
    from redwood.cli import calc, db, exercises, guide, plan, program, settings, today, welcome

    app.command("welcome", help="What Redwood is, the catalogue at a glance, what to try next.")(
        welcome.welcome
    )
    app.add_typer(exercises.app, name="exercises", help="Browse and search the exercise catalogue.")
    app.add_typer(calc.app, name="calc", help="Training calculators: e1RM, plates, loads.")
    app.add_typer(guide.app, name="guide", help="Recovery guidance: protein, fluids, sleep.")
    app.add_typer(db.app, name="db", help="Create, migrate and inspect the database.")
    app.command("plan", help="Plan a back-and-legs program (no flags on a terminal: questions).")(
        plan.plan_command
    )
    app.add_typer(
        program.app, name="program", help="Check, import, show, list and activate programs."
    )
    app.command("today", help="Today's session with loads from your log (or a rest day).")(
        today.today_command
    )
    app.command("status", help="Each muscle's recovery and the suggested next session.")(
        today.status_command
    )
    app.add_typer(
        settings.app, name="settings", help="Unit, time zone, plates, dumbbells, rules, cap."
    )
    from redwood.cli import bodyweight, checkin, log

    app.add_typer(log.app, name="log", help="Log sets (add, list, edit, delete, undo).")
    app.add_typer(checkin.app, name="checkin", help="Record sleep, soreness, energy and pain.")
    app.add_typer(bodyweight.app, name="bodyweight", help="Record and list your bodyweight.")
    from redwood.cli import export, imports

    app.command(
        "import", help="Import an export (Strong, Hevy, FitNotes, Fitbod) or a backup; list; undo."
    )(imports.import_command)
    app.add_typer(
        export.app,
        name="export",
        help="Export a JSON backup, the log as CSV, the program as .ics or PDF.",
    )
    from redwood.cli import serve

    app.command("serve", help="Serve the web app and REST API on uvicorn.")(serve.serve_command)
    from redwood.cli import backtest, chart, progress, review

    app.command("progress", help="e1RM, records, volume, adherence, streak and milestones.")(
        progress.progress_command
    )
    app.add_typer(chart.app, name="chart", help="Draw e1RM or weekly volume as SVG or PNG.")
    app.command("review", help="The 4-week block review (md, html, pdf or json).")(
        review.review_command
    )
    app.command("backtest", help="Replay your log through each progression rule.")(
        backtest.backtest_command
    )


_register()


NEGATIVE_NUMBER = re.compile(r"^-\d")


def _say(message: str) -> None:
    err_console.print(f"redwood: {message}", markup=False, highlight=False, soft_wrap=True)


def _usage_message(exc: typer.TyperException, args: list[str]) -> str:
    """Click's message, made clearer where a negative number was read as an option."""
    negative = next((arg for arg in args if NEGATIVE_NUMBER.match(arg)), None)
    if type(exc).__name__ == "NoSuchOption" and negative is not None:
        return f"{negative!r} is negative: loads, reps and weights must be 0 or more"
    format_message = getattr(exc, "format_message", None)
    return str(format_message() if callable(format_message) else exc)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; refusals become one clear line and exit code 2."""
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(app)
    try:
        command.main(args=args, prog_name="redwood", standalone_mode=False)
    except CliError as exc:
        _say(exc.message)
        raise SystemExit(exc.code) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        _say("aborted")
        raise SystemExit(130) from None
    except typer.TyperException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stdout.write(ctx.get_help() + "\n")
            raise SystemExit(0) from None
        _say(_usage_message(exc, args))
        raise SystemExit(getattr(exc, "exit_code", 2)) from None
    except ValueError as exc:
        # Domain and service errors are ValueErrors whose message is already one clear line.
        _say(str(exc))
        raise SystemExit(2) from None
