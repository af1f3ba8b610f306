"""`redwood review [--weeks 4] [--end DATE] --format md|html|pdf|json [-o FILE]`: the block
review (every 4 weeks): core lifts' e1RM change, stalls with their fix, volume against your
band, adherence, check-ins, bodyweight, records, and what the next block changes and why.

Markdown, HTML and JSON go to the terminal unless `-o` names a file; a PDF always goes to
a file (`review-END.pdf` unless `-o` says otherwise).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from redwood.cli.output import console, to_json
from redwood.cli.today import parse_day


def review_command(
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="Weeks to review (1-520).")] = 4,
    end: Annotated[
        str | None,
        typer.Option("--end", help="The last day (YYYY-MM-DD; default the last Sunday)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md (default), html, pdf or json.")
    ] = "md",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
) -> None:
    """Review the last block: what changed, what stalled, and what the next block changes."""
    from redwood.services import review
    from redwood.services.progress import write_file

    found = review.render(fmt, weeks, parse_day(end, "end"))
    content = found.content
    if isinstance(content, dict):
        content = to_json(content) + "\n"
    if isinstance(content, bytes) and output is None:
        output = found.file_name
    if output is None:
        sys.stdout.write(str(content))
        return
    write_file(output, content.encode("utf-8") if isinstance(content, str) else content)
    console.print(f"Wrote the review to {output}.", markup=False, highlight=False, soft_wrap=True)
