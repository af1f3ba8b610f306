"""The block review: what the next block changes and why, and the same review in Markdown,
HTML and PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat

from redwood.analytics import review_html, review_text
from redwood.analytics.adherence import WeekAdherence
from redwood.analytics.body import CheckinAverages, CheckinTrend, bodyweight_trend
from redwood.analytics.consistency import Milestone, MilestoneKind
from redwood.analytics.lifts import E1rmPoint, LiftHistory
from redwood.analytics.review import Review, next_block, to_dict
from redwood.analytics.volume import GroupVolume, WeekSets
from redwood.domain.mass import Mass, Unit
from redwood.domain.program import WeekKind
from redwood.domain.records import Record, RecordKind
from redwood.domain.stalls import Stall, StallFix
from redwood.domain.volume import SetBand, VolumeGroup

D = Decimal
START = date(2026, 1, 5)
BAND = SetBand(D(10), D(20), "Schoenfeld 2017")
GLUTES = SetBand(D(10), D(16), "Schoenfeld 2017; MRV 16")
SQUAT = LiftHistory(
    "barbell-back-squat",
    (E1rmPoint(START, Mass(D(120))), E1rmPoint(START + timedelta(days=21), Mass(D(126)))),
    (Record("barbell-back-squat", RecordKind.LOAD, D(110), START + timedelta(days=21), D(105)),),
    (Record("barbell-back-squat", RecordKind.LOAD, D(110), START + timedelta(days=21), D(105)),),
    6,
)
ROW = LiftHistory("barbell-bent-over-row", (E1rmPoint(START, Mass(D(90))),), (), (), 4)
STALL = Stall(
    "barbell-bent-over-row",
    3,
    Mass(D(90)),
    StallFix.RESET,
    "No gain in your estimated one-rep max over the last 3 sessions: reset to 63 kg.",
    load=Mass(D(63)),
)
CHECKINS = CheckinTrend(
    CheckinAverages(5, D("6.1"), D("3.3"), D(3), 4),
    CheckinAverages(2, D(7), D(2), D(3), 0),
    (("knee", 1),),
)


def _review(**changes: object) -> Review:
    review = Review(
        start=START,
        end=START + timedelta(days=27),
        weeks=4,
        unit=Unit.KG,
        names={"barbell-back-squat": "Barbell Back Squat", "barbell-bent-over-row": "Barbell Row"},
        lifts=(SQUAT, ROW),
        stalls=(STALL,),
        volume=(
            GroupVolume(VolumeGroup.QUADS, D("6.0"), 4, BAND),
            GroupVolume(VolumeGroup.GLUTES, D("18.0"), 4, GLUTES),
            GroupVolume(VolumeGroup.BACK, D("12.0"), 4, BAND),
        ),
        weekly=tuple(
            WeekSets(START + timedelta(weeks=w), g, D(n))
            for w in range(4)
            for g, n in ((VolumeGroup.QUADS, 6), (VolumeGroup.GLUTES, 18), (VolumeGroup.BACK, 12))
        ),
        adherence=(
            WeekAdherence(START, 1, WeekKind.BUILD, 3, 2, 0),
            WeekAdherence(START + timedelta(weeks=1), 2, WeekKind.BUILD, 3, 1, 1),
        ),
        checkins=CHECKINS,
        bodyweight=bodyweight_trend([(START, D(80)), (START + timedelta(days=14), D(81))]),
        milestones=(Milestone(MilestoneKind.PLATES, "A plate a side", START, D(1)),),
    )
    review = replace(review, **changes)  # type: ignore[arg-type]
    return replace(review, changes=next_block(review))


def test_the_next_block_changes_what_the_review_found_with_reasons() -> None:
    changes = _review().changes
    assert [c.change for c in changes] == [
        "Barbell Row: reset to 63 kg and build back up",
        "Trim glutes to at most 16 hard sets a week",
        "Add 1-2 hard sets a week for quads",
        "Plan fewer or shorter sessions",
        "Start the next block with a deload week",
        "Keep progressing the lifts that rose, the same way",
    ]
    assert changes[0].why == STALL.reason
    assert "You averaged 18.0 hard sets a week for glutes; your band is 10-16" in changes[1].why
    assert "You did 3 of 6 planned sessions (50.0%)" in changes[3].why
    assert "4 of your 5 check-ins were poor" in changes[4].why
    assert "Barbell Back Squat +6 kg" in changes[5].why


def test_a_planned_deload_is_named_and_a_quiet_block_is_kept() -> None:
    assert "Next week is the program's deload" in _review(next_deload=True).changes[4].change
    calm = _review(
        stalls=(),
        volume=(GroupVolume(VolumeGroup.BACK, D(12), 4, BAND),),
        adherence=(),
        checkins=CheckinTrend(CHECKINS.before, CHECKINS.before, ()),
        lifts=(ROW,),
    )
    assert [c.change for c in calm.changes] == ["Keep the program as it is"]


def test_the_json_has_every_section() -> None:
    data = to_dict(_review())
    assert set(data) == {
        "period", "lifts", "stalls", "volume", "adherence", "checkins", "bodyweight",
        "records", "milestones", "next_block",
    }  # fmt: skip
    assert data["period"] == {"start": "2026-01-05", "end": "2026-02-01", "weeks": 4}
    assert data["lifts"][0]["change_kg"] == 6
    assert data["lifts"][0]["change_percent"] == 5
    assert data["stalls"][0]["fix"] == "reset"
    assert data["volume"][0] == {
        "muscle": "quads", "average_sets": 6.0, "weeks": 4,
        "band": {"low": 10.0, "high": 20.0}, "position": "below",
    }  # fmt: skip
    assert data["adherence"]["percent"] == 50
    assert data["checkins"]["now"]["poor"] == 4
    assert data["bodyweight"]["change_kg"] == 1
    assert (
        data["records"][0]["text"]
        == "New heaviest load on Barbell Back Squat: 110 kg (was 105 kg)."
    )
    assert data["next_block"][0]["why"] == STALL.reason


def test_the_markdown_reads_as_a_review() -> None:
    text = review_text.markdown(_review())
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == [
        "Core lifts: estimated 1RM", "Stalled lifts", "Volume against your band (hard sets a week)",
        "Adherence", "Check-ins", "Bodyweight", "Records", "Milestones", "The next block",
    ]  # fmt: skip
    assert text.startswith("# Training review: 2026-01-05 to 2026-02-01 (4 weeks)\n")
    assert (
        "| Barbell Back Squat | 120 kg (2026-01-05) | 126 kg (2026-01-26) | +6 kg (+5.0%) | "
        "126 kg | 6 |" in text
    )
    assert "| quads | 6.0 | 10-20 | below |" in text
    assert "3 of 6 planned sessions done (50.0%)." in text
    assert "- Pain: knee (1)" in text
    assert "80 kg on 2026-01-05 to 81 kg on 2026-01-19 (+0.5 kg a week" in text
    assert "1. **Barbell Row: reset to 63 kg and build back up.**" in text


def test_the_html_is_one_document_with_its_charts_inline() -> None:
    html = review_html.document(_review())
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 2 + 3 + 1  # two lifts, three muscles, bodyweight
    assert "<title>" in html
    assert re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"] * 6
    for outside in ("<script", "<link", "src=", "@import", "url("):
        assert outside not in html
    fragment = review_html.fragment(_review())
    assert fragment.strip().startswith("<article")
    assert "<!DOCTYPE" not in fragment


def test_names_in_the_html_are_escaped() -> None:
    html = review_html.document(_review(names={"barbell-back-squat": "<Squat & co>"}))
    assert "&lt;Squat &amp; co&gt;" in html
    assert "<Squat" not in html


@pytest.mark.slow
def test_the_pdf_prints_every_section_with_its_charts() -> None:
    printed = review_html.pdf(_review())
    assert printed.startswith(b"%PDF")
    document = pdfium.PdfDocument(io.BytesIO(printed))
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for heading in (
        "Training review",
        "Core lifts",
        "Stalled lifts",
        "Adherence",
        "The next block",
    ):
        assert heading in text
    page = document[0].render(scale=1).to_pil().convert("L")
    assert ImageStat.Stat(page).var[0] > 100
