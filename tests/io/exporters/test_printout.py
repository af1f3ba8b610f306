"""The printable program: A4 and Letter page sizes, one overview page, a page per week, the
cues at the end, every prescription readable in the extracted text (supersets, deloads,
seconds, metres, each side, rests), names escaped, the same bytes for the same program, and
page 1 as a picture that is not blank."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from redwood.domain.exercise import Exercise
from redwood.domain.profile import Weekday
from redwood.domain.program import (
    Block,
    BlockType,
    PlannedSession,
    Prescription,
    Program,
    SessionKind,
    Week,
    WeekKind,
)
from redwood.domain.vocab import Region
from redwood.io.exporters import printout
from redwood.io.exporters.printout import (
    Paper,
    Printout,
    read_paper,
    rest_text,
)
from redwood.services.catalogue import catalogue
from tests.io.exporters.pdf_pages import pages, picture
from tests.io.samples import sample_program

NAME = "Hypertrophy, intermediate, 2 x 60 min"


def find(exercise_id: str) -> Exercise | None:
    return catalogue().get(exercise_id)


def short(weeks: int) -> Program:
    """The sample program cut to its first weeks."""
    program = sample_program()
    return replace(program, weeks=program.weeks[:weeks])


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_pages_sizes_and_what_each_page_says(paper: Paper, tmp_path: Path) -> None:
    printed = Printout(sample_program(), NAME, paper, find, date(2026, 11, 4)).pdf()
    found = pages(printed.content)
    assert len(found) == printed.pages == 1 + 4 + 1
    assert {(page.width, page.height) for page in found} == {paper.points}
    overview, week1, *_, week4, cues = found
    assert overview.text.startswith(NAME)
    assert "Hypertrophy, intermediate: 2 days a week (Mon, Thu)" in overview.text
    assert "4 weeks; deload in week 4; week 1 starts on Monday 02 November 2026." in overview.text
    assert "a test warning" in overview.text
    assert "two back-and-legs sessions (A/B)" in overview.text
    assert "Page 1 of 6" in overview.text
    assert week1.text.startswith("Week 1 · block 1 · build · hypertrophy focus")
    assert "Week of 02 November 2026: Mon 02 Nov, Thu 05 Nov" in week1.text
    assert "Mon · Back & Legs A · about 48 min · gym" in week1.text
    assert "Thu · Back & Legs B · about 48 min · gym" in week1.text
    for words in ("Barbell Back Squat", "3 × 5-8", "3 min", "Lat Pulldown", "2 min", "1 min"):
        assert words in week1.text, words
    assert "3a" in week1.text
    assert "3b" in week1.text
    assert week1.text.count("Superset: alternate 3a and 3b, 30 s between them.") == 2
    assert week4.text.startswith("Week 4 · block 1 · deload")
    assert "2 × 5-8" in week4.text
    assert cues.text.startswith("Exercise cues")
    assert find("barbell-back-squat").cues[0][:40] in cues.text.replace("\n", " ")  # type: ignore[union-attr]
    assert f"Redwood · {NAME}" in cues.text
    assert "Page 6 of 6" in cues.text
    picture(printed.content, tmp_path, f"program-{paper}")


def test_the_same_program_gives_the_same_bytes() -> None:
    first = Printout(short(2), NAME, Paper.A4, find).pdf()
    assert Printout(short(2), NAME, Paper.A4, find).pdf() is first  # kept
    printout._render.cache_clear()
    again = Printout(short(2), NAME, Paper.A4, find).pdf()
    assert again is not first
    assert first.content == again.content
    assert first.content.startswith(b"%PDF-")
    letter = Printout(short(2), NAME, Paper.LETTER, find).pdf()
    assert letter.content != first.content


def test_without_a_start_there_are_no_dates() -> None:
    html = Printout(short(2), NAME, Paper.A4, find).html()
    assert "Week of" not in html
    assert "week 1 starts" not in html
    assert "size: A4;" in html


def _odd_week() -> Week:
    plank = Prescription("plank", 3, 30, 45, 2, 60)
    lunge = Prescription("dumbbell-walking-lunge", 3, 8, 8, 2, 90)
    sled = Prescription("sled-push", 4, 20, 20, 3, 150)
    unknown = Prescription("custom-mystery", 12, 5, 5, 1, 45)
    session = PlannedSession(
        weekday=Weekday.SAT,
        title="",
        kind=SessionKind.FULL_BODY,
        regions=(Region.LEGS,),
        estimated_minutes=40,
        blocks=tuple(Block(BlockType.STRAIGHT, (item,)) for item in (plank, lunge, sled, unknown)),
    )
    return Week(index=1, block=1, kind=WeekKind.BUILD, sessions=(session,))


def test_seconds_metres_each_side_unknown_ids_and_many_sets() -> None:
    program = replace(short(1), weeks=(_odd_week(),))
    html = Printout(program, NAME, Paper.LETTER, find).html()
    assert "size: letter;" in html
    assert "Sat · Training session · about 40 min" in html
    assert "3 × 30-45 s" in html
    assert "3 × 8 each side" in html
    assert "4 × 20 m" in html
    assert "2:30" in html
    assert "custom-mystery" in html
    assert "12 × 5" in html
    row = html[html.index("custom-mystery") :]
    row = row[: row.index("</tr>")]
    assert row.count('class="box"') == 8  # never more boxes than fit


def test_names_are_shown_as_written_never_as_markup() -> None:
    odd = 'Ana\'s <b>Squat</b> & "Co" \\ done'
    squat = find("barbell-back-squat")
    assert squat is not None

    def named(exercise_id: str) -> Exercise | None:
        return replace(squat, name=odd) if exercise_id == squat.id else find(exercise_id)

    html = Printout(short(1), odd, Paper.A4, named).html()
    assert "<b>Squat</b>" not in html
    assert "&lt;b&gt;Squat&lt;/b&gt; &amp;" in html
    assert 'content: "Redwood · Ana\'s \\3c b>Squat\\3c /b> & \\"Co\\" \\\\ done"' in html
    text = "\n".join(
        page.text for page in pages(Printout(short(1), odd, Paper.A4, named).pdf().content)
    )
    assert odd in text
    assert f"Redwood · {odd}" in text


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0, "0 s"), (45, "45 s"), (60, "1 min"), (90, "1:30"), (150, "2:30"), (180, "3 min")],
)
def test_rests_as_people_say_them(seconds: int, said: str) -> None:
    assert rest_text(seconds) == said


def test_paper_names() -> None:
    assert read_paper("A4") is Paper.A4
    assert read_paper(" Letter ") is Paper.LETTER
    assert Paper.A4.points == (595, 842)
    assert Paper.LETTER.points == (612, 792)
    with pytest.raises(ValueError, match="paper: use a4 or letter"):
        read_paper("a3")
