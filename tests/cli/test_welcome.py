"""The welcome screen that `make run` ends on."""

from __future__ import annotations

from pathlib import Path


def test_welcome_before_and_after_the_database_exists(redwood, isolated_data_home: Path) -> None:  # type: ignore[no-untyped-def]
    before = redwood("welcome", "--format", "json").json()
    assert before["database"]["up_to_date"] is False
    assert before["catalogue"]["total"] >= 200
    assert redwood("db", "upgrade", "--quiet").code == 0
    assert (isolated_data_home / "redwood" / "redwood.db").exists()
    after = redwood("welcome", "--format", "json").json()
    assert after["database"]["up_to_date"] is True
    assert any(item["command"].startswith("redwood today") for item in after["next"])


def test_welcome_table_tells_what_redwood_is_and_what_to_try(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood()
    assert result.code == 0
    assert "Redwood is an open-source strength coach" in " ".join(result.out.split())
    assert "Try next" in result.out
    assert "exercises" in result.out
