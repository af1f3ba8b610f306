"""The block review for a web page: its data and its HTML content from one computation.

The /progress/review page shows what `redwood review --format html` renders, embedded in
the site's layout rather than as a standalone document: `analytics.review_html.fragment`
(the same template and charts the HTML and PDF reviews use) plus the review's data as
GET /api/v1/review answers it, both from one `review.build_review`, so the page, its JSON
and the API never disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from redwood.analytics import review_html
from redwood.analytics.review import to_dict
from redwood.services.review import DEFAULT_WEEKS, build_review


def review_page(
    weeks: int = DEFAULT_WEEKS, end: date | None = None, *, url: str | None = None
) -> tuple[dict[str, Any], str]:
    """(the GET /review document, the review's HTML `<article>`) for the acting athlete."""
    found = build_review(weeks, end, url=url)
    return to_dict(found), review_html.fragment(found)
