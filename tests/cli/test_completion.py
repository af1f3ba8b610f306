"""Shell completion answers from a real `redwood` process, as bash and zsh would ask."""

from __future__ import annotations

import os
import subprocess
import sys


def complete(words: str, cword: int) -> list[str]:
    env = dict(os.environ, _REDWOOD_COMPLETE="complete_bash", COMP_WORDS=words)
    env["COMP_CWORD"] = str(cword)
    done = subprocess.run(
        [sys.executable, "-m", "redwood"], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_commands_complete() -> None:
    assert complete("redwood exer", 1) == ["exercises"]
    assert set(complete("redwood calc ", 2)) == {"e1rm", "plates", "load"}


def test_vocabulary_options_complete() -> None:
    assert complete("redwood exercises list --pattern hi", 4) == [
        "hinge",
        "hip_extension",
        "hip_abduction",
    ]


def test_install_script_is_printed_for_bash() -> None:
    env = dict(os.environ, _REDWOOD_COMPLETE="source_bash")
    done = subprocess.run(
        [sys.executable, "-m", "redwood"], env=env, capture_output=True, text=True, check=True
    )
    assert "_redwood_completion" in done.stdout
