"""Every mandatory-training screen says what it is, in the tab's title and in its header, in both languages."""

from __future__ import annotations

import re

import pytest

from tests.assignments.conftest import assign, in_days
from tests.builders.roles import speaks


def title_and_header(html: str) -> tuple[str, list[str]]:
    """The page's <title> and the labels of its header's breadcrumbs, whitespace collapsed."""
    title = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    header = html.split('<header class="w-slim-header', 1)[1].split("</header>", 1)[0]
    crumbs = re.findall(r'<li[^>]*class="[^"]*w-h-full[^"]*"[^>]*>(.*?)</li>', header, re.S)
    labels = [" ".join(re.sub(r"<[^>]+>", " ", crumb).split()) for crumb in crumbs]
    return title, [label for label in labels if label]


@pytest.mark.parametrize(
    ("language", "index", "add", "assignment"),
    [
        ("en", "Mandatory training", "Assign a course", "Assignment"),
        ("ar", "التدريب الإلزامي", "إسناد دورة", "الإسناد"),
    ],
)
def test_each_screen_has_its_own_title(hr_client, hr, org, mandatory_course, language, index, add, assignment):
    speaks(hr, language)
    created = assign(hr, mandatory_course, unit=org.unit("M"), on=in_days(30))

    screens = {
        "index": title_and_header(hr_client.get("/admin/assignments/").content.decode()),
        "add": title_and_header(hr_client.get("/admin/assignments/add/").content.decode()),
        "detail": title_and_header(hr_client.get(f"/admin/assignments/{created.pk}/").content.decode()),
    }

    course_title = created.learning_page.title
    assert screens["index"][0] == f"{index} - Wagtail"
    assert screens["index"][1][-1] == index
    assert screens["add"][0] == f"{add} - Wagtail"
    assert screens["add"][1][-2:] == [index, add]
    assert screens["detail"][0] == f"{assignment}: {course_title} - Wagtail"
    assert screens["detail"][1][-2:] == [index, f"{assignment} : {course_title}"]
