"""The `redwood` command: one Typer app with a sub-app per domain noun.

`main()` is the console entry point. It turns every refusal (bad input, unknown
exercise, unparseable mass) into one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

import click
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
    """Plan, prescribe and log back-and-legs training. Run with no command for the welcome screen."""
    if ctx.invoked_subcommand is None:
        from redwood.cli.welcome import show_welcome

        show_welcome()


def _register() -> None:
    from redwood.cli import calc, db, exercises, guide, welcome

    app.command("welcome", help="What Redwood is, the catalogue at a glance, what to try next.")(
        welcome.welcome
    )
    app.add_typer(exercises.app, name="exercises", help="Browse and search the exercise catalogue.")
    app.add_typer(calc.app, name="calc", help="Training calculators: e1RM, plates, loads.")
    app.add_typer(guide.app, name="guide", help="Recovery guidance: protein, fluids, sleep.")
    app.add_typer(db.app, name="db", help="Create, migrate and inspect the database.")


_register()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; refusals become one clear line and exit code 2."""
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(app)
    try:
        command.main(args=args, prog_name="redwood", standalone_mode=False)
    except CliError as exc:
        err_console.print(f"redwood: {exc.message}", markup=False, highlight=False)
        raise SystemExit(exc.code) from None
    except click.exceptions.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except click.exceptions.Abort:
        err_console.print("redwood: aborted", markup=False, highlight=False)
        raise SystemExit(130) from None
    except click.ClickException as exc:
        err_console.print(f"redwood: {exc.format_message()}", markup=False, highlight=False)
        raise SystemExit(exc.exit_code) from None
    except ValueError as exc:
        # Domain errors are ValueErrors whose message is already one clear line.
        err_console.print(f"redwood: {exc}", markup=False, highlight=False)
        raise SystemExit(2) from None
