"""Every Celery task declares its name, beat only schedules registered tasks, and every task name
written in the code (publishing, the beat schedule) is one a worker knows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from lms.celery import app as celery_app

ROOT = Path(settings.BASE_DIR)
TASK_NAME = re.compile(r"^[a-z_]+\.tasks\.[a-z_]+$")


def _registered() -> set[str]:
    celery_app.autodiscover_tasks(force=True)  # what a worker does at start: import every tasks module
    return set(celery_app.tasks)


def _project_python_files() -> list[Path]:
    files = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            files += [file for file in path.rglob("*.py") if "migrations" not in file.parts]
    return files


def _declared_tasks() -> dict[str, str | None]:
    """Each task function of the project (``module.function``) and the ``name=`` it declares, if any."""
    declared = {}
    for path in _project_python_files():
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                target = call.func if call else decorator
                if getattr(target, "id", getattr(target, "attr", None)) != "shared_task":
                    continue
                names = [kw.value.value for kw in (call.keywords if call else []) if kw.arg == "name"]
                declared[f"{module}.{node.name}"] = names[0] if names else None
    return declared


def test_every_task_declares_the_name_it_had_before_names_were_declared():
    declared = _declared_tasks()
    assert declared, "no task found: the scan is broken"
    # The declared name equals Celery's generated one (module path + function), so messages queued
    # before the names were declared still find their task after a deploy.
    assert {name: value for name, value in declared.items() if value != name} == {}
    ours = {name for name in _registered() if name.split(".")[0] in {c.label for c in apps.get_app_configs()}}
    assert ours == set(declared)


def test_beat_schedules_only_registered_tasks():
    registered = _registered()
    scheduled = {entry: spec["task"] for entry, spec in settings.CELERY_BEAT_SCHEDULE.items()}
    assert {entry: task for entry, task in scheduled.items() if task not in registered} == {}
    assert "certificates.tasks.sweep_pending_certificates_task" in scheduled.values()
    assert "notifications.tasks.send_notification_emails_task" in scheduled.values()


def test_every_task_name_written_in_the_code_is_registered():
    """Services publish by name (``common.publishing``); a typo there would only show when publishing."""
    registered = _registered()
    written = set()
    for path in [*_project_python_files(), ROOT / "lms" / "settings" / "base.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and TASK_NAME.match(node.value):
                written.add(node.value)
    assert "assignments.tasks.materialise_assignment_task" in written
    assert written - registered == set()
