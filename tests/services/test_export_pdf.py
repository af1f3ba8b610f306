"""`export_pdf` on SQLite and PostgreSQL: the active program (dated from its start) or any of
the athlete's programs by id (undated), A4 or Letter, to a path or a stream; refusals leave
no file; another athlete's program is not found. And the text exports written to streams."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from redwood.services import accounts, planning
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.exports import export_csv, export_ics, export_json, export_pdf
from redwood.services.identity import acting_as
from redwood.services.imports import import_file
from tests.io.exporters.pdf_pages import pages, picture
from tests.io.importers.reading import fixture
from tests.services.test_identity import PROFILE


def test_the_active_program_to_print(db_url: str, tmp_path: Path) -> None:
    program = planning.plan(PROFILE)
    program_id = planning.save_program(program, activate=True, url=db_url)
    planning.activate_program(program_id, starts_on=date(2026, 3, 2), url=db_url)
    path = tmp_path / "program.pdf"
    result = export_pdf(path, paper="letter", url=db_url)
    content = path.read_bytes()
    found = pages(content)
    assert result["file"] == str(path)
    assert (result["program"], result["paper"], result["pages"]) == (
        program_id,
        "letter",
        len(found),
    )
    assert result["bytes"] == len(content)
    assert {(page.width, page.height) for page in found} == {(612, 792)}
    weeks = [page for page in found if page.text.startswith("Week ")]
    assert len(weeks) == len(program.weeks)
    assert "Week of 02 March 2026" in weeks[0].text
    assert found[-1].text.startswith("Exercise cues")
    assert found[0].text.startswith(result["name"])
    picture(content, tmp_path, "service-letter")


def test_another_program_by_id_to_a_stream(db_url: str) -> None:
    first = planning.save_program(planning.plan(PROFILE), activate=True, url=db_url)
    spare = planning.save_program(planning.plan(PROFILE), url=db_url)
    out = io.BytesIO()
    result = export_pdf(out, program=spare, url=db_url)
    assert (result["file"], result["program"], result["paper"]) == (None, spare, "a4")
    found = pages(out.getvalue())
    assert {(page.width, page.height) for page in found} == {(595, 842)}
    assert not any("Week of" in page.text for page in found)
    assert export_pdf(io.BytesIO(), url=db_url)["program"] == first


def test_refusals_write_nothing(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "program.pdf"
    with pytest.raises(ServiceError, match="no active program to export") as none:
        export_pdf(path, url=db_url)
    assert none.value.field == "program"
    planning.save_program(planning.plan(PROFILE), activate=True, url=db_url)
    with pytest.raises(ServiceError, match="paper: use a4 or letter") as paper:
        export_pdf(path, paper="a5", url=db_url)
    assert paper.value.field == "paper"
    with pytest.raises(NotFoundError, match="there is no program 999"):
        export_pdf(path, program=999, url=db_url)
    with pytest.raises(ServiceError, match="is a directory"):
        export_pdf(folder, url=db_url)
    assert list(folder.iterdir()) == []


def test_another_athletes_program_is_not_found(db_url: str) -> None:
    ana = accounts.register("ana@example.com", "a long passphrase", "Ana", url=db_url)
    bo = accounts.register("bo@example.com", "a long passphrase", "Bo", url=db_url)
    with acting_as(int(ana["id"])):
        hers = planning.save_program(planning.plan(PROFILE), activate=True, url=db_url)
    with acting_as(int(bo["id"])), pytest.raises(NotFoundError):
        export_pdf(io.BytesIO(), program=hers, url=db_url)


def test_text_exports_to_streams(db_url: str, tmp_path: Path) -> None:
    import_file(fixture("strong_s1.csv"), url=db_url, unit="kg")
    planning.save_program(planning.plan(PROFILE), activate=True, url=db_url)
    on_disk = tmp_path / "backup.json"
    export_json(on_disk, url=db_url)
    stream = io.StringIO()
    result = export_json(stream, url=db_url)
    assert result["file"] is None
    assert stream.getvalue() == on_disk.read_text(encoding="utf-8")
    assert json.loads(stream.getvalue())["schema"] == "redwood.backup/1"
    rows = io.StringIO()
    assert export_csv(rows, layout="strong", url=db_url)["sets"] == 11
    assert rows.getvalue().startswith("Date,Workout Name,Duration,Exercise Name,Set Order,")
    calendar = io.StringIO()
    assert export_ics(calendar, url=db_url)["sessions"] > 0
    assert calendar.getvalue().startswith("BEGIN:VCALENDAR")
