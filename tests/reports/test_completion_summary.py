"""The completion summary: counts per unit, drill-down, filters, and pre-aggregated figures equal to live ones."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from stats.services import refresh_report_stats

URL = "/admin/hr-reports/completion/"


def figures(response) -> dict[str, tuple]:
    """What each row of the summary says: unit label -> (learners, enrolled, not started, in progress,
    completed, overdue, completion), labels read in English like the page."""
    with translation.override("en"):
        return _figures(response)


def _figures(response) -> dict[str, tuple]:
    return {
        row.label: (
            row.learners,
            row.enrolled,
            row.not_started,
            row.in_progress,
            row.completed,
            row.overdue,
            row.completion_display,
        )
        for row in response.context["object_list"]
    }


def test_hr_officer_starts_inside_their_ministry_with_a_row_per_directorate(hr_client, world):
    response = hr_client.get(URL)
    assert response.status_code == 200
    assert figures(response) == {
        # a4 and the HR officer themself work directly in the ministry.
        "Ministry Alpha (own staff)": (2, 1, 0, 0, 1, 0, "100%"),
        "Alpha Directorate One": (2, 3, 1, 1, 1, 1, "33%"),
        "Alpha Directorate Two": (1, 1, 0, 1, 0, 0, "0%"),
    }
    page = response.content.decode()
    assert "5 learners, 5 enrolments, 2 completed (40%), 1 overdue." in page


def test_drill_down_into_a_directorate_shows_its_departments(hr_client, world):
    response = hr_client.get(URL, {"org_unit": world.units["A1"].pk})
    assert figures(response) == {
        "Alpha Directorate One (own staff)": (1, 1, 1, 0, 0, 1, "0%"),
        "Alpha Department": (1, 2, 0, 1, 1, 0, "50%"),
    }
    # The directorate row of the level above links here; this level's trail links back up.
    top = hr_client.get(URL).content.decode()
    assert f"org_unit={world.units['A1'].pk}" in top
    assert f"org_unit={world.units['A'].pk}" in response.content.decode()


def test_a_unit_without_children_links_to_its_learners(hr_client, world):
    page = hr_client.get(URL, {"org_unit": world.units["A1"].pk}).content.decode()
    assert f"/admin/hr-reports/learners/?org_unit={world.units['A1P'].pk}" in page


def test_administrator_sees_every_ministry(admin_client_, world):
    rows = figures(admin_client_.get(URL))
    assert set(rows) == {"Ministry Alpha", "Ministry Bravo"}
    assert rows["Ministry Bravo"][:6] == (2, 3, 1, 1, 1, 1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "overdue"}, {"Alpha Directorate One": (2, 1, 1, 0, 0, 1, "0%")}),
        ({"mandatory": "on"}, {"Alpha Directorate One": (2, 2, 1, 0, 1, 1, "50%")}),
        ({"grade": "7"}, {"Alpha Directorate One": (1, 2, 0, 1, 1, 0, "50%")}),
        ({"skill_area": "cybersecurity"}, {"Alpha Directorate One": (2, 1, 0, 1, 0, 0, "0%")}),
    ],
)
def test_filters_narrow_the_counts_live_and_precomputed_alike(hr_client, world, query, expected):
    live = figures(hr_client.get(URL, query))
    assert {label: live[label] for label in expected} == expected
    refresh_report_stats()
    response = hr_client.get(URL, query)
    assert response.context["summary"].as_of is not None, "the statistics should answer these filters"
    assert figures(response) == live


def test_course_filter_and_date_range_agree_between_sources(hr_client, world):
    course = world.courses[0]
    queries = [{"course": course.pk}, {"course": course.pk, "grade": "7"}, {"enrolled_from": "2000-01-01"}]
    live = [figures(hr_client.get(URL, query)) for query in queries]
    refresh_report_stats()
    assert [figures(hr_client.get(URL, query)) for query in queries] == live


def test_figures_say_how_fresh_they_are(hr_client, world):
    assert "Live figures" in hr_client.get(URL).content.decode()
    refresh_report_stats()
    assert "Figures as of" in hr_client.get(URL).content.decode()


def test_sorting_by_a_column(hr_client, world):
    response = hr_client.get(URL, {"ordering": "-enrolled"})
    assert list(figures(response))[0] == "Alpha Directorate One"
    # An ordering that is not a column is ignored, not an error.
    assert hr_client.get(URL, {"ordering": "learner__password"}).status_code == 200


def test_summary_in_arabic(hr_client, hr_a, world):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(hr_a)
    profile.preferred_language = "ar"
    profile.save()
    page = hr_client.get(URL).content.decode()
    assert 'dir="rtl"' in page
    assert "مديرية ألفا الأولى" in page


def test_the_page_reads_its_own_url_name(hr_client, world):
    assert reverse("hr_report_completion:index") == URL
