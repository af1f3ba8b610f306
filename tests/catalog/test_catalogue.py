"""The catalogue's lookup, search, filters and its refusal of broken data, on small data."""

from __future__ import annotations

import pytest

from redwood.catalog import CatalogueError, ExerciseFilter, parse_catalogue
from redwood.domain.vocab import Equipment, Level, Muscle, Pattern, Setting


def entry(ex_id: str, name: str, **overrides: object) -> str:
    fields: dict[str, object] = {
        "id": ex_id,
        "name": name,
        "aliases": [],
        "pattern": "squat",
        "region": "legs",
        "mechanic": "compound",
        "primary": ["quads"],
        "secondary": ["glutes"],
        "equipment": ["none"],
        "settings": ["gym", "home"],
        "level": "beginner",
        "unilateral": False,
        "spinal_load": 0,
        "systemic_fatigue": 2,
        "stresses": ["knee"],
        "cues": ["Sit between your heels.", "Drive the floor away."],
        "mistakes": ["Knees cave in.", "Heels lift."],
        "substitutes": [],
    }
    fields.update(overrides)

    def toml(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, list):
            return "[" + ", ".join(toml(v) for v in value) + "]"
        return '"' + str(value).replace('"', '\\"') + '"'

    body = "\n".join(f"{key} = {toml(value)}" for key, value in fields.items())
    return "[[exercise]]\n" + body + "\n"


SMALL = {
    "legs.toml": entry(
        "barbell-back-squat",
        "Barbell Back Squat",
        aliases=["Squat (Barbell)", "Back Squat"],
        equipment=["barbell", "squat_rack"],
        settings=["gym"],
        level="intermediate",
        spinal_load=3,
        stresses=["knee", "lower_back"],
        substitutes=["goblet-squat", "bodyweight-squat"],
    )
    + entry(
        "goblet-squat",
        "Goblet Squat",
        aliases=["Goblet Squat (Dumbbell)"],
        equipment=["dumbbells"],
        substitutes=["bodyweight-squat"],
    )
    + entry(
        "bodyweight-squat",
        "Bodyweight Squat",
        aliases=["Air Squat"],
        settings=["gym", "home", "outdoor"],
        substitutes=["goblet-squat"],
    ),
    "back.toml": entry(
        "lat-pulldown",
        "Lat Pulldown",
        aliases=["Lat Pulldown (Cable)"],
        pattern="vertical_pull",
        region="back",
        primary=["lats"],
        secondary=["biceps"],
        equipment=["lat_pulldown"],
        settings=["gym"],
        stresses=["shoulder"],
    ),
}


@pytest.fixture
def cat():  # type: ignore[no-untyped-def]
    return parse_catalogue(SMALL)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("barbell-back-squat", "barbell-back-squat"),
        ("Squat (Barbell)", "barbell-back-squat"),
        ("squat barbell", "barbell-back-squat"),
        ("  SQUAT-(BARBELL)  ", "barbell-back-squat"),
        ("Goblet Squat (Dumbbell)", "goblet-squat"),
        ("air squat", "bodyweight-squat"),
        ("Lat Pulldown (Cable)", "lat-pulldown"),
    ],
)
def test_resolve_by_id_name_or_alias(cat, name: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = cat.resolve(name)
    assert found is not None
    assert found.id == expected


def test_unknown_name_resolves_to_nothing_but_gets_suggestions(cat) -> None:  # type: ignore[no-untyped-def]
    assert cat.resolve("Squatt (Barbel)") is None
    hints = cat.suggest("Squatt (Barbel)")
    assert hints[0].exercise.id == "barbell-back-squat"


def test_search_matches_word_prefixes_then_fuzzy(cat) -> None:  # type: ignore[no-untyped-def]
    assert [h.exercise.id for h in cat.search("gob squ")] == ["goblet-squat"]
    assert {h.exercise.id for h in cat.search("squat")} >= {
        "barbell-back-squat",
        "goblet-squat",
        "bodyweight-squat",
    }
    assert cat.search("pulldwn")[0].exercise.id == "lat-pulldown"
    assert cat.search("   ") == []


BACK_SQUAT = "barbell-back-squat"
SQUATS = {BACK_SQUAT, "goblet-squat", "bodyweight-squat"}
EVERYTHING = SQUATS | {"lat-pulldown"}


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (ExerciseFilter(), EVERYTHING),
        (ExerciseFilter(pattern=Pattern.VERTICAL_PULL), {"lat-pulldown"}),
        (ExerciseFilter(muscle=Muscle.QUADS), SQUATS),
        (ExerciseFilter(muscle=Muscle.GLUTES), set()),
        (
            ExerciseFilter(equipment=frozenset({Equipment.DUMBBELLS})),
            SQUATS - {"barbell-back-squat"},
        ),
        (ExerciseFilter(setting=Setting.OUTDOOR), {"bodyweight-squat"}),
        (ExerciseFilter(level=Level.BEGINNER), EVERYTHING - {BACK_SQUAT}),
        (ExerciseFilter(level=Level.ADVANCED), EVERYTHING),
    ],
)
def test_filters(cat, criteria: ExerciseFilter, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert {e.id for e in cat.filter(criteria)} == expected


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ({"a.toml": entry("x-squat", "X"), "b.toml": entry("x-squat", "Y")}, "appears twice"),
        ({"a.toml": entry("x-squat", "X", substitutes=["nope"])}, "unknown exercise 'nope'"),
        ({"a.toml": entry("x-squat", "X", substitutes=["x-squat"])}, "names itself"),
        (
            {"a.toml": entry("x-squat", "X", aliases=["Same"]) + entry("y-squat", "Same")},
            "already names",
        ),
        ({"a.toml": entry("x-squat", "X", pattern="twerk")}, "pattern has unknown value 'twerk'"),
        ({"a.toml": entry("x-squat", "X", spinal_load=4)}, "spinal_load must be"),
        ({"a.toml": entry("x-squat", "X", primary=[])}, "primary needs"),
        ({"a.toml": entry("Bad Id", "X")}, "lowercase slug"),
        ({"a.toml": "[[exercise]\nid ="}, "not valid TOML"),
    ],
)
def test_broken_data_is_refused_with_a_clear_reason(sources: dict[str, str], message: str) -> None:
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(")):
        parse_catalogue(sources)
