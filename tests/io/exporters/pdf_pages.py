"""Reading a PDF the way a person sees it: each page's size and text (pypdfium2), and page 1
as a picture that must not be blank, kept for people to look at.

`picture` writes page 1 as PNG under the test's tmp dir and, when the environment variable
REDWOOD_ARTIFACTS is set, copies it into `test-artifacts/` at the repository root.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "test-artifacts"
INK = 200
"""A pixel darker than this (0-255 grey) is ink."""


@dataclass(frozen=True)
class Page:
    """One page: its size in points (rounded) and its text."""

    width: int
    height: int
    text: str


def pages(content: bytes) -> list[Page]:
    """Every page of a PDF."""
    document = pdfium.PdfDocument(content)
    try:
        found = []
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage().get_text_range()
            found.append(Page(round(width), round(height), text.replace("\r\n", "\n")))
        return found
    finally:
        document.close()


def picture(content: bytes, folder: Path, name: str) -> Path:
    """Page 1 as a PNG in `folder` (and in test-artifacts/ with REDWOOD_ARTIFACTS); checks
    that it has the page's proportions and visible ink, so a blank page fails."""
    document = pdfium.PdfDocument(content)
    try:
        page = document[0]
        width, height = page.get_size()
        image = page.render(scale=1.5).to_pil()
    finally:
        document.close()
    assert abs(image.width / image.height - width / height) < 0.01
    grey = image.convert("L")
    inked = sum(grey.histogram()[:INK]) / (grey.width * grey.height)
    assert inked > 0.01, f"page 1 looks blank ({inked:.2%} ink)"
    assert grey.getextrema()[0] < 60, "page 1 has no dark text"
    path = folder / f"{name}.png"
    image.save(path)
    if os.environ.get("REDWOOD_ARTIFACTS"):
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(path, ARTIFACTS / path.name)
    return path
