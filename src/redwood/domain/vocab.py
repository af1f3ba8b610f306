"""The controlled vocabularies of Redwood (DESIGN.md, "Vocabularies").

Every data file, JSON document and database column uses exactly these spellings, so
they live in one place as StrEnums: a value is its own JSON spelling.
"""

from __future__ import annotations

from enum import StrEnum


class Muscle(StrEnum):
    """Muscles the coach counts volume for."""

    QUADS = "quads"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    ADDUCTORS = "adductors"
    ABDUCTORS = "abductors"
    CALVES = "calves"
    LATS = "lats"
    UPPER_BACK = "upper_back"
    TRAPS = "traps"
    REAR_DELTS = "rear_delts"
    ERECTORS = "erectors"
    ABS = "abs"
    OBLIQUES = "obliques"
    CHEST = "chest"
    FRONT_DELTS = "front_delts"
    SIDE_DELTS = "side_delts"
    TRICEPS = "triceps"
    BICEPS = "biceps"
    FOREARMS = "forearms"


class Region(StrEnum):
    """Body regions a session is built from."""

    LEGS = "legs"
    BACK = "back"
    PUSH = "push"
    ARMS = "arms"
    CORE = "core"
    FULL_BODY = "full_body"


class Pattern(StrEnum):
    """Movement patterns: the unit a coach substitutes within."""

    SQUAT = "squat"
    HINGE = "hinge"
    LUNGE = "lunge"
    KNEE_EXTENSION = "knee_extension"
    KNEE_FLEXION = "knee_flexion"
    HIP_EXTENSION = "hip_extension"
    HIP_ABDUCTION = "hip_abduction"
    CALF_RAISE = "calf_raise"
    VERTICAL_PULL = "vertical_pull"
    HORIZONTAL_PULL = "horizontal_pull"
    SHRUG = "shrug"
    REAR_DELT = "rear_delt"
    BACK_EXTENSION = "back_extension"
    HORIZONTAL_PUSH = "horizontal_push"
    VERTICAL_PUSH = "vertical_push"
    ELBOW_FLEXION = "elbow_flexion"
    ELBOW_EXTENSION = "elbow_extension"
    LATERAL_RAISE = "lateral_raise"
    CARRY = "carry"
    CORE = "core"
    LOCOMOTION = "locomotion"
    THROW = "throw"


class Equipment(StrEnum):
    """Equipment an exercise needs; `none` means bodyweight only."""

    BARBELL = "barbell"
    SQUAT_RACK = "squat_rack"
    BENCH = "bench"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    TRAP_BAR = "trap_bar"
    EZ_BAR = "ez_bar"
    CABLE = "cable"
    LAT_PULLDOWN = "lat_pulldown"
    SEATED_ROW = "seated_row"
    LEG_PRESS = "leg_press"
    LEG_CURL = "leg_curl"
    LEG_EXTENSION = "leg_extension"
    HACK_SQUAT = "hack_squat"
    SMITH_MACHINE = "smith_machine"
    PULLUP_BAR = "pullup_bar"
    DIP_STATION = "dip_station"
    BANDS = "bands"
    SUSPENSION_TRAINER = "suspension_trainer"
    SLED = "sled"
    LANDMINE = "landmine"
    BOX = "box"
    BACKPACK = "backpack"
    TOWEL = "towel"
    MEDICINE_BALL = "medicine_ball"
    STAIRS = "stairs"
    NONE = "none"


class Setting(StrEnum):
    """Where a session happens."""

    GYM = "gym"
    HOME = "home"
    OUTDOOR = "outdoor"


class Goal(StrEnum):
    """What the athlete trains for (TRAINING.md section 2)."""

    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    ENDURANCE = "endurance"
    GENERAL = "general"


class Level(StrEnum):
    """Training age, which sets volume bands and load steps."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Limitation(StrEnum):
    """Joints or areas an athlete must protect."""

    LOWER_BACK = "lower_back"
    KNEE = "knee"
    SHOULDER = "shoulder"
    HIP = "hip"
    ELBOW = "elbow"
    WRIST = "wrist"


class Mechanic(StrEnum):
    """Multi-joint or single-joint."""

    COMPOUND = "compound"
    ISOLATION = "isolation"


class Measure(StrEnum):
    """What a set of this exercise is counted in."""

    REPS = "reps"
    SECONDS = "seconds"
    METRES = "metres"


class SetType(StrEnum):
    """Kinds of logged set; only working, drop and failure sets count as hard sets."""

    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"


LEVEL_ORDER: dict[Level, int] = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}
"""Levels ranked, so "an intermediate may do beginner moves" is a comparison."""
