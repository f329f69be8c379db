"""The learning records of OMAN-250k: enrolments (with history cycles) and module progress."""

from __future__ import annotations

import random
import time
from array import array

from .bulk import copy_rows, next_id
from .run import ScaleRun
from .shape import COURSES, ENROLMENT_WEIGHTS, ENROLMENTS_PER_EMPLOYEE, MANDATORY_COURSES, NULL, STATUS_CODES


def write_enrolments(dataset: ScaleRun, cursor, user_ids: array, modules) -> dict[str, array]:
    """About four enrolments per employee; returns what the progress pass needs, one entry per enrolment."""
    started = time.monotonic()
    rng = random.Random(f"{dataset.seed}-enrolments")
    mandatory = set(range(MANDATORY_COURSES))
    first_id = next_id(cursor, "courses_enrolment")
    memo = {
        "course": array("H"),
        "status": array("B"),
        "started": array("H"),
        "completed": array("H"),
        "done": array("B"),
    }
    rows_total = [0]
    bar = dataset.bar("enrolments", len(user_ids))

    def rows():
        enrolment_id = first_id
        for number, user_id in enumerate(user_ids):
            wanted = rng.choices(ENROLMENTS_PER_EMPLOYEE, ENROLMENT_WEIGHTS)[0]
            chosen: list[int] = []
            while len(chosen) < wanted:
                course = rng.randrange(MANDATORY_COURSES) if rng.random() < 0.5 else rng.randrange(COURSES)
                if course not in chosen:
                    chosen.append(course)
            for course in chosen:
                module_count = len(modules[course][1])
                course_id = modules[course][0]
                assigned = course in mandatory or rng.random() < 0.1
                history = rng.random() < 0.08
                cycles = (1, 2) if history else (1,)
                for cycle in cycles:
                    current = cycle == cycles[-1]
                    if current:
                        roll = rng.random()
                        status = 2 if roll < 0.75 else 1 if roll < 0.95 else 0
                        # Unfinished enrolments are recent ones: few people sit on a course for years.
                        enrolled = rng.randint(1, 730) if status == 2 else rng.randint(1, 180)
                    else:
                        enrolled = rng.randint(760, 1500)
                        status = 2
                    # Days ago, never in the future: started after enrolling, finished after starting.
                    begun = enrolled - rng.randint(0, min(14, enrolled)) if status else 0
                    finished = begun - rng.randint(0, min(90, begun)) if status == 2 else 0
                    done = module_count if status == 2 else rng.randint(0, module_count - 1) if status else 0
                    due_days_ago = enrolled - rng.choice((60, 90, 120, 180))
                    due = dataset.date(due_days_ago) if assigned else NULL
                    flag, source = "t" if current else "f", "assigned" if assigned else "self"
                    yield (
                        f"{enrolment_id}\t{cycle}\t{flag}\t{source}\t{STATUS_CODES[status]}\t{due}\t"
                        f"{dataset.timestamp(enrolled, number)}\t"
                        f"{dataset.timestamp(begun, number + 1) if status else NULL}\t"
                        f"{dataset.timestamp(finished, number + 2) if status == 2 else NULL}\t"
                        f"{course_id}\t{user_id}\n"
                    )
                    memo["course"].append(course)
                    memo["status"].append(status)
                    memo["started"].append(begun)
                    memo["completed"].append(finished)
                    memo["done"].append(done)
                    enrolment_id += 1
                    rows_total[0] += 1
            if bar and number % 1000 == 999:
                bar.update(1000)

    copy_rows(
        cursor,
        "COPY courses_enrolment (id, cycle, is_current, source, status, due_date, enrolled_at, started_at, "
        "completed_at, course_id, learner_id) FROM STDIN",
        rows(),
    )
    dataset.close_bar(bar)
    memo["first_id"] = array("q", [first_id])
    dataset.report.counts["enrolments"] = rows_total[0]
    dataset.timed("enrolments", started)
    return memo


def write_progress(dataset: ScaleRun, cursor, memo: dict[str, array], modules) -> None:
    """Module progress: every module of a completed enrolment, the first few of one in progress."""
    started = time.monotonic()
    rng = random.Random(f"{dataset.seed}-progress")
    first_enrolment = memo["first_id"][0]
    first_id = next_id(cursor, "courses_moduleprogress")
    total = len(memo["course"])
    bar = dataset.bar("module progress (by enrolment)", total)
    written = [0]
    scores = [f"{score}.00" for score in range(0, 101)]

    def rows():
        progress_id = first_id
        for index in range(total):
            status = memo["status"][index]
            if status == 0:
                continue
            course_modules = modules[memo["course"][index]][1]
            begun, finished, done = memo["started"][index], memo["completed"][index], memo["done"][index]
            enrolment_id = first_enrolment + index
            span = max(begun - finished, 0)
            # In progress: ``done`` modules completed, then the next one opened but not finished.
            limit = len(course_modules) if status == 2 else min(done + 1, len(course_modules))
            for position in range(limit):
                module_id, required, has_quiz = course_modules[position]
                if status == 2 and not required and rng.random() < 0.5:
                    continue
                day = begun - (span * position) // len(course_modules)
                is_done = status == 2 or position < done
                if has_quiz and is_done:
                    score, attempts = scores[rng.randint(60, 100)], rng.randint(1, 3)
                elif has_quiz:
                    score, attempts = (scores[rng.randint(20, 59)], 1) if rng.random() < 0.5 else (NULL, 0)
                else:
                    score, attempts = NULL, 0
                yield (
                    f"{progress_id}\t{dataset.timestamp(day, position)}\t"
                    f"{dataset.timestamp(day, position + 1) if is_done else NULL}\t{score}\t{attempts}\t"
                    f"{enrolment_id}\t{module_id}\n"
                )
                progress_id += 1
                written[0] += 1
            if bar and index % 5000 == 4999:
                bar.update(5000)

    copy_rows(
        cursor,
        "COPY courses_moduleprogress (id, started_at, completed_at, best_score, attempts, enrolment_id, module_id) "
        "FROM STDIN",
        rows(),
    )
    dataset.close_bar(bar)
    dataset.report.counts["module_progress"] = written[0]
    dataset.timed("module_progress", started)
