"""Relative dates in claims, read against the day the article was published."""

from __future__ import annotations

from datetime import date

import pytest

from newsmon.claim_dates import effective_text, resolve

FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(("text", "forward", "expected"), [
    ("Tuesday", True, "Tuesday 1 December 2026"),
    ("Tuesday", False, "Tuesday 24 November 2026"),  # nearest: three days back, not four ahead
    ("Monday", False, "Monday 30 November 2026"),
    ("Friday", True, "Friday 27 November 2026"),  # the day itself
    ("Tues.", True, "Tuesday 1 December 2026"),
    ("next Tuesday", False, "Tuesday 1 December 2026"),
    ("last Friday", True, "Friday 20 November 2026"),
    ("tomorrow", False, "Saturday 28 November 2026"),
    ("next week", True, "the week of Monday 30 November 2026"),
    ("this week", True, "the week of Monday 23 November 2026"),
    ("next month", True, "December 2026"),
    ("April 2", True, "Friday 2 April 2027"),
    ("April 2", False, "Friday 2 April 2027"),  # four months ahead is nearer than eight back
    ("July 1", False, "Wednesday 1 July 2026"),
    ("Aug. 1", True, "Sunday 1 August 2027"),
    ("Dec. 1", False, "Tuesday 1 December 2026"),
    ("1 January", False, "Friday 1 January 2027"),
    ("March", True, "March 2027"),
    ("in March", False, "March 2027"),
    ("Sept. 30, 2025", True, "Tuesday 30 September 2025"),
    ("March 2025", True, "March 2025"),
    ("2027-01-15", False, "Friday 15 January 2027"),
])
def test_resolve(text, forward, expected):
    assert str(resolve(text, published=FRIDAY, forward=forward)) == expected


@pytest.mark.parametrize("text", ["mid-December", "the end of the month", "February 30", "soon", "next fortnight"])
def test_what_is_not_exact_is_not_resolved(text):
    assert resolve(text, published=FRIDAY, forward=True) is None


@pytest.mark.parametrize(("text", "action", "expected"), [
    ("Tuesday", "announced", "Tuesday 1 December 2026 (“Tuesday”)"),
    ("Tuesday", "imposed", "Tuesday 24 November 2026 (“Tuesday”)"),
    ("April 2, 2027", "threatened", "Friday 2 April 2027"),
    ("in March 2025", "imposed", "March 2025"),
    ("later this winter", "announced", "later this winter (as stated in an article of 27 November 2026)"),
])
def test_effective_text_says_the_day_and_what_the_article_said(text, action, expected):
    assert effective_text(text, published=FRIDAY, action=action) == expected
