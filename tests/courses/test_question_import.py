"""Question import: a trainer adds questions to a quiz of their module from a CSV or XLSX sheet, as a new draft;
a sheet with any problem is refused line by line and changes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import Revision
from wagtail.users.models import UserProfile

from courses.models import ModulePage
from courses.question_sheets import MAX_BYTES, MAX_QUESTIONS
from tests.builders.roles import other_trainer, roles, trainer  # noqa: F401  (fixtures)
from tests.courses.quiz_course import quiz_course
from tests.factories import translate

HEADER = "type,question,answer_1,answer_2,answer_3,correct,explanation,points,partial_credit\n"
GOOD_CSV = HEADER + (
    "single_choice,ما البوابة التي تنشر الخدمات الإلكترونية؟,بوابة عُمان,مدونة,,1,لأنها البوابة الرسمية,1,\n"
    'multiple_choice,أي مما يلي عوامل تحقق قوية؟,مفتاح أمان,تطبيق المصادقة,اسم حيوانك الأليف,"1, 3",,2,yes\n'
    "\n"
    "true_false,يجوز مشاركة كلمة المرور مع الزملاء.,,,,خطأ,,,\n"
    "short_answer,في أي عام تنتهي رؤية عُمان؟,2040,٢٠٤٠,,,,3,\n"
)


def speaking(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def module(catalogue, trainer) -> ModulePage:  # noqa: F811
    """The trainer's published module: a quiz "Final check" of four questions, one of each type."""
    course, module = quiz_course(catalogue)
    for page in (course, module):
        page.owner = trainer
        page.save()
    return module


@pytest.fixture
def trainer_client(client, trainer):  # noqa: F811
    client.force_login(speaking(trainer, "en"))
    return client


def import_url(module) -> str:
    return reverse("import_questions", args=[module.pk])


def upload(client, module, content: bytes | str, *, name: str = "questions.csv", quiz: str | None = None):
    data = content.encode() if isinstance(content, str) else content
    quiz_id = quiz or module.specific.quizzes[0].id
    return client.post(import_url(module), {"quiz": quiz_id, "sheet": SimpleUploadedFile(name, data)})


def draft_quizzes(module) -> list:
    module.refresh_from_db()
    return module.get_latest_revision_as_object().quizzes


def revisions(module) -> list[int]:
    return list(Revision.objects.filter(object_id=str(module.pk)).values_list("pk", flat=True))


def problems_of(response) -> str:
    assert response.status_code == 400
    return response.content.decode()


def test_a_csv_sheet_adds_every_type_of_question_to_a_new_draft_of_the_module(trainer_client, trainer, module):  # noqa: F811
    existing = [question.id for question in module.quizzes[0].value["questions"]]

    response = upload(trainer_client, module, GOOD_CSV)

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[module.pk])
    (quiz,) = draft_quizzes(module)
    questions = list(quiz.value["questions"])
    assert [question.block_type for question in questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_answer",
    ] * 2
    single, multiple, true_false, short = (question.value for question in questions[4:])
    assert single["text"] == "ما البوابة التي تنشر الخدمات الإلكترونية؟"
    assert [(choice["text"], choice["correct"]) for choice in single["choices"]] == [
        ("بوابة عُمان", True),
        ("مدونة", False),
    ]
    assert single["explanation"] == "لأنها البوابة الرسمية" and single["points"] == 1
    assert [choice["correct"] for choice in multiple["choices"]] == [True, False, True]
    assert multiple["partial_credit"] is True and multiple["points"] == 2
    assert true_false["correct_answer"] == "false"
    assert list(short["accepted_answers"]) == ["2040", "٢٠٤٠"] and short["points"] == 3
    # Every question and answer has its own UUID, and the existing questions keep theirs (answers are keyed by them).
    assert [question.id for question in questions[:4]] == existing
    assert len({question.id for question in questions}) == 8
    assert all(choice.id for choice in questions[4].value["choices"].bound_blocks)
    module.refresh_from_db()
    # A draft by the trainer: the live module still has its four questions, nothing was published.
    assert module.live and module.has_unpublished_changes
    assert module.latest_revision.user == trainer
    assert len(module.quizzes[0].value["questions"]) == 4


def test_an_xlsx_sheet_in_arabic_with_numbers_and_booleans_in_cells_fills_a_new_quiz(trainer_client, module):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Type", "Question", "answer_1", "answer_2", "correct", "points", "explanation"])
    sheet.append(["single_choice", "كم عدد محافظات سلطنة عُمان؟", 11, 9, 1, 2.0, 2040])
    sheet.append([])
    sheet.append([None, "  ", None])
    sheet.append(["true_false", "الشمس نجم.", None, None, True, None, None])
    sheet.append(["short_answer", "اكتب اسم البوابة الحكومية", "عُمان", None, None, 1, None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = upload(trainer_client, module, buffer.getvalue(), name="أسئلة.xlsx", quiz="new")

    assert response.status_code == 302
    old, new = draft_quizzes(module)
    assert len(old.value["questions"]) == 4
    single, true_false, short = (question.value for question in new.value["questions"])
    assert [(choice["text"], choice["correct"]) for choice in single["choices"]] == [("11", True), ("9", False)]
    assert single["points"] == 2 and single["explanation"] == "2040"
    assert true_false["correct_answer"] == "true"
    assert list(short["accepted_answers"]) == ["عُمان"]
    assert new.value["pass_mark"] == 70  # the quiz block's defaults


def test_a_sheet_with_errors_lists_them_by_line_and_changes_nothing(trainer_client, module):
    before = revisions(module)
    sheet = HEADER + (
        "single_choice,Good question,Yes,No,,1,,,\n"
        'single_choice,Two right answers,A,B,,"1,2",,,\n'
        "essay,Tell us,,,,,,,\n"
        "multiple_choice,Points,A,B,,1,,lots,\n"
        "multiple_choice,Wrong number,A,B,,3,,,\n"
        "true_false,Maybe,,,,maybe,,,\n"
        "short_answer,,2040,,,,,,\n"
        "single_choice,One answer,A,,,1,,,\n"
    )

    html = problems_of(upload(trainer_client, module, sheet))

    assert "Nothing was imported" in html
    for message in (
        "Line 3 (Answers): Mark exactly one answer as correct.",
        "Line 4 (type): the type must be one of single_choice, multiple_choice, true_false, short_answer",
        "Line 5 (Points): Enter a whole number.",
        "Line 6 (correct): answer_3 is empty, so it cannot be a correct answer.",
        "Line 7 (Correct answer): Select a valid choice. maybe is not one of the available choices.",
        "Line 8 (Question): This field is required.",
        "Line 9 (Answers): The minimum number of items is 2",
    ):
        assert message in html
    assert "Line 2" not in html
    assert revisions(module) == before
    assert len(draft_quizzes(module)[0].value["questions"]) == 4


def test_errors_are_reported_in_arabic_to_an_arabic_speaking_trainer(client, trainer, module):  # noqa: F811
    client.force_login(speaking(trainer, "ar"))
    sheet = HEADER + 'single_choice,سؤال,أ,ب,,"1,2",,,\n'

    html = problems_of(upload(client, module, sheet))

    assert "السطر 2 (الإجابات): حدِّد إجابة صحيحة واحدة فقط." in html
    assert "لم يُستورد شيء" in html


def test_a_bad_header_is_reported_on_line_one(trainer_client, module):
    html = problems_of(upload(trainer_client, module, "kind,text,answer 1\nsingle_choice,Q,A\n"))

    assert "Line 1: missing columns: type, question." in html
    assert "unknown columns: kind, text, answer 1." in html


def test_a_trainer_cannot_import_into_another_trainers_module(client, other_trainer, module):  # noqa: F811
    client.force_login(speaking(other_trainer, "en"))
    before = revisions(module)

    page = client.get(import_url(module))
    posted = upload(client, module, GOOD_CSV)

    assert page.status_code == posted.status_code == 403
    assert "You may import questions only into modules you may edit." in page.content.decode()
    assert revisions(module) == before


def test_a_translated_module_is_refused_with_the_reason(trainer_client, trainer, module, catalogue_en):  # noqa: F811
    translate(module.get_parent().specific, "en", slug="quiz-course-en")
    module_en = translate(module, "en")
    module_en.owner = trainer
    module_en.save()
    before = revisions(module_en)

    page = trainer_client.get(import_url(module_en))
    posted = upload(trainer_client, module_en, GOOD_CSV)

    assert page.status_code == posted.status_code == 409
    assert "Import questions into the module in the language the course was written in" in page.content.decode()
    assert revisions(module_en) == before


def test_a_module_locked_by_someone_else_is_refused_with_the_reason(trainer_client, other_trainer, module):  # noqa: F811
    module.locked, module.locked_by = True, other_trainer
    module.save()
    before = revisions(module)

    response = upload(trainer_client, module, GOOD_CSV)

    assert response.status_code == 409
    assert "This module is locked" in response.content.decode()
    assert revisions(module) == before


def test_a_quiz_whose_draft_is_already_broken_is_refused_until_it_is_corrected(trainer_client, module):
    draft = module.get_latest_revision_as_object()
    broken = draft.body.get_prep_value()
    for choice in broken[0]["value"]["questions"][0]["value"]["choices"]:
        choice["value"]["correct"] = False  # saved without the editor's checks
    draft.body = broken
    draft.save_revision()
    before = revisions(module)

    html = problems_of(upload(trainer_client, module, GOOD_CSV))

    assert "The quiz in the module&#x27;s draft has problems of its own" in html
    assert "Questions 1, Answers: Mark exactly one answer as correct." in html
    assert revisions(module) == before


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("questions.csv", HEADER.encode() + b"single_choice,Q\x00,A,B,,1,,,\n", "Line 2: the file contains a NUL byte"),
        ("questions.csv", b"", "The submitted file is empty."),
        ("questions.pdf", b"%PDF-1.7 not a sheet", "Upload a CSV (.csv) or Excel (.xlsx) file"),
        ("questions.xlsx", b"type,question\n", "This file is not a valid Excel workbook (.xlsx)."),
        ("questions.xlsx", _zip(**{"word/document.xml": "<w/>"}), "This file is not a valid Excel workbook (.xlsx)."),
        ("questions.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "This is an old Excel file (.xls)."),
        ("questions.csv", HEADER.encode("utf-16"), "UTF-16"),
        ("questions.csv", HEADER.encode() + "single_choice,سؤال,أ,ب,,1,,,\n".encode("cp1256"), "Line 2: this line"),
        ("questions.csv", HEADER.encode(), "The sheet has no questions"),
        ("questions.csv", (HEADER + "true_false,Q,,,,true,,,\n" * (MAX_QUESTIONS + 1)).encode(), "more than 500"),
        ("questions.csv", b"x" * (MAX_BYTES + 1), "files of at most 2 MB are accepted"),
        ("bomb.xlsx", _zip(**{"xl/sharedStrings.xml": " " * (30 * 1024 * 1024)}), "unpacks to more than 25 MB"),
    ],
    ids=[
        "nul",
        "empty",
        "pdf",
        "csv-named-xlsx",
        "docx",
        "xls",
        "utf16",
        "cp1256",
        "no-rows",
        "too-many",
        "large",
        "bomb",
    ],
)
def test_a_file_that_is_not_a_usable_sheet_is_refused_with_a_message(trainer_client, module, name, content, message):
    before = revisions(module)

    html = problems_of(upload(trainer_client, module, content, name=name))

    assert message in html
    assert revisions(module) == before


def test_the_import_page_offers_the_quizzes_and_a_template_in_both_formats(trainer_client, module):
    html = trainer_client.get(import_url(module)).content.decode()

    assert "Final check (4 questions)" in html
    assert "A new quiz at the end of the module" in html
    assert reverse("question_template_csv") in html and reverse("question_template_xlsx") in html
    assert "partial_credit" in html and "the numbers of the correct answers" in html
    # The module's editor and the course's page listing offer the import.
    editor = trainer_client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    listing = trainer_client.get(reverse("wagtailadmin_explore", args=[module.get_parent().pk])).content.decode()
    assert import_url(module) in editor and import_url(module) in listing


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_downloaded_template_imports_as_it_is(trainer_client, module, file_format):
    template = trainer_client.get(reverse(f"question_template_{file_format}"))
    assert template.status_code == 200
    assert f'filename="questions-template.{file_format}"' in template["Content-Disposition"]

    response = upload(trainer_client, module, template.content, name=f"template.{file_format}")

    assert response.status_code == 302
    assert [question.block_type for question in list(draft_quizzes(module)[0].value["questions"])[4:]] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_answer",
    ]


def test_the_xlsx_template_explains_every_column_in_english_and_arabic(trainer_client):
    workbook = load_workbook(io.BytesIO(trainer_client.get(reverse("question_template_xlsx")).content))

    assert workbook.sheetnames == ["questions", "notes"]
    notes = {row[0]: row for row in workbook["notes"].iter_rows(values_only=True) if row[0]}
    assert notes["type"][2].startswith("The question type")
    assert notes["type"][3].startswith("نوع السؤال")
    assert notes["points"][1] == "no / لا"


def test_a_semicolon_separated_sheet_with_arabic_digits_is_understood(trainer_client, module):
    sheet = "type;question;answer_1;answer_2;answer_3;correct\nmultiple_choice;سؤال؛ نعم;أ;ب;ج;١،٣\n"

    assert upload(trainer_client, module, sheet).status_code == 302

    added = list(draft_quizzes(module)[0].value["questions"])[-1].value
    assert added["text"] == "سؤال؛ نعم"
    assert [choice["correct"] for choice in added["choices"]] == [True, False, True]
