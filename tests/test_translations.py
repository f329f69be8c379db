"""Arabic parity: every message of the interface has a finished Arabic translation in locale/ar."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings as project_settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

# Each app may keep its own catalogue next to its code (makemessages writes an app's strings there).
SKIP_DIRS = {".venv", "var", ".git", "node_modules", "staticfiles", "test-artifacts"}
ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%%|\{\w+\}")
# What the extraction copy leaves out: environments, data and binary files hold no messages.
COPY_IGNORE = [".venv", "var", ".git", "node_modules", "staticfiles", "test-artifacts", "__pycache__"]
COPY_IGNORE += ["*.mo", "*.woff2", "*.ttf", "*.otf", "*.png", "*.jpg", "*.jpeg", "*.pdf", "*.sqlite3*"]
HOW_TO_FIX = "run `make messages`, translate the new entries in locale/ar/LC_MESSAGES/django.po and remove `fuzzy`"


def unfinished(catalogue: polib.POFile) -> list[str]:
    """Entries a learner would see in English (or with a guessed translation) on an Arabic page."""
    return [
        f"{entry.linenum}: {entry.msgid!r}"
        for entry in catalogue
        if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated())
    ]


def arabic_catalogues(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("locale/ar/LC_MESSAGES/django.po")
        if not SKIP_DIRS.intersection(path.relative_to(root).parts)
    )


@pytest.fixture(scope="module", params=arabic_catalogues(project_settings.BASE_DIR), ids=str)
def catalogue(request) -> polib.POFile:
    return polib.pofile(str(request.param))


def test_catalogue_header_declares_arabic_with_six_plural_forms(catalogue):
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "ar"
    assert catalogue.metadata["Plural-Forms"] == ARABIC_PLURAL_FORMS


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    assert len(catalogue) > 0
    problems = unfinished(catalogue)
    assert not problems, f"{len(problems)} unfinished Arabic messages ({HOW_TO_FIX}):\n" + "\n".join(problems)


def test_plural_messages_fill_all_six_arabic_forms(catalogue):
    incomplete = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural
        and (sorted(entry.msgstr_plural) != list(range(6)) or not all(entry.msgstr_plural.values()))
    ]
    assert not incomplete


# Arabic's forms for one and two say the number in the word ("ساعة واحدة", "ساعتان"), so they may leave
# out the count's placeholder; every other placeholder stays.
ONE_AND_TWO = (1, 2)


def _keeps_placeholders(form: str, wanted: set[str], index: int) -> bool:
    found = set(PLACEHOLDER.findall(form))
    if found == wanted:
        return True
    return index in ONE_AND_TWO and found < wanted and len(wanted - found) == 1


def test_translations_keep_every_placeholder(catalogue):
    """A lost %(name)s or %% would crash the page or show the wrong number."""
    broken = []
    for entry in catalogue:
        if entry.msgid_plural:
            wanted = set(PLACEHOLDER.findall(entry.msgid_plural))
            broken += [
                entry.msgid
                for index, form in entry.msgstr_plural.items()
                if not _keeps_placeholders(form, wanted, index)
            ]
        elif entry.msgstr and sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            broken.append(entry.msgid)
    assert not broken


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext, msgmerge) is not installed")
def test_catalogue_contains_every_string_of_the_code(tmp_path, settings):
    """Extract the messages again from a copy of the project: a string added to a template or to Python
    code without an Arabic translation fails here, not in front of a learner."""
    project = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(*COPY_IGNORE),
    )
    settings.LOCALE_PATHS = [project / "locale"]
    previous = Path.cwd()
    try:
        os.chdir(project)
        call_command("makemessages", locale=["ar"], ignore_patterns=[".venv", "var"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(previous)
    problems = [
        f"{path.relative_to(project)}:{problem}"
        for path in arabic_catalogues(project)
        for problem in unfinished(polib.pofile(str(path)))
    ]
    assert not problems, (
        f"{len(problems)} messages without a finished Arabic translation ({HOW_TO_FIX}):\n" + "\n".join(problems)
    )


def test_compiled_catalogue_is_used_with_arabic_plurals():
    for po_path in arabic_catalogues(project_settings.BASE_DIR):
        compiled = po_path.with_suffix(".mo")
        assert compiled.exists() and compiled.stat().st_mtime >= po_path.stat().st_mtime, (
            f"{po_path} is not compiled or is older than the .po: run `make test` (or `manage.py compilemessages`)"
        )
    template = Template("{% load formatting %}{{ n|hours }}")
    with translation.override("ar"):
        rendered = {n: template.render(Context({"n": n})) for n in (1, 2, 5, 11, 100)}
    assert rendered[1] == "ساعة واحدة"
    assert rendered[2] == "ساعتان"
    assert rendered[5] == "5 ساعات"
    assert rendered[11] == "11 ساعة"
    assert len(set(rendered.values())) >= 3
