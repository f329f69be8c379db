"""StreamField blocks of a module body, including the quiz (graded on the server)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.blocks.list_block import ListBlockAdapter
from wagtail.blocks.stream_block import StreamBlockAdapter
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
        label=_("Kind"),
    )
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(required=False, label=_("Description"))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "courses/blocks/document.html"


class CountCheckedOnSaveListBlock(blocks.ListBlock):
    """A ListBlock whose minimum number of items is checked when the page is saved, not while typing.

    Wagtail's editor marks a list with fewer items than ``min_num`` as an error the moment it appears,
    so a question freshly added to a quiz showed "The minimum number of items is 2" before the author
    had typed anything. The server still refuses too few items on save (``ListBlock.clean``).
    Migrations record it as a plain ListBlock: it stores and validates exactly like one.
    """

    canonical_module_path = "wagtail.blocks.ListBlock"


class _CountCheckedOnSaveListBlockAdapter(ListBlockAdapter):
    def js_args(self, block):
        name, child_block, child_state, meta = super().js_args(block)
        meta.pop("minNum", None)
        return [name, child_block, child_state, meta]


register(_CountCheckedOnSaveListBlockAdapter(), CountCheckedOnSaveListBlock)


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))

    class Meta:
        icon = "tick"
        label = _("Answer")


def _points_block():
    # Points are a number, so wagtail-localize synchronises them from the source language.
    return blocks.IntegerBlock(default=1, min_value=1, max_value=100, label=_("Points"))


def _explanation_block():
    return blocks.TextBlock(required=False, label=_("Explanation shown after submission"))


class SingleChoiceQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    choices = CountCheckedOnSaveListBlock(ChoiceOptionBlock(), min_num=2, label=_("Answers"))
    explanation = _explanation_block()
    points = _points_block()

    class Meta:
        icon = "help"
        label = _("Single-choice question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct != 1:
            raise StructBlockValidationError(
                block_errors={"choices": forms.ValidationError(_("Mark exactly one answer as correct."))}
            )
        return value


class MultipleChoiceQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    choices = CountCheckedOnSaveListBlock(ChoiceOptionBlock(), min_num=2, label=_("Answers"))
    partial_credit = blocks.BooleanBlock(
        required=False,
        label=_("Partial credit"),
        help_text=_(
            "Each right answer earns its share of the points and each wrong one takes a share away; "
            "otherwise only the exact set of right answers scores."
        ),
    )
    explanation = _explanation_block()
    points = _points_block()

    class Meta:
        icon = "list-ul"
        label = _("Multiple-choice question")

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={"choices": forms.ValidationError(_("Mark at least one answer as correct."))}
            )
        return value


class TrueFalseQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Statement"))
    correct_answer = blocks.ChoiceBlock(
        choices=[("true", _("True")), ("false", _("False"))], default="true", label=_("Correct answer")
    )
    explanation = _explanation_block()
    points = _points_block()

    class Meta:
        icon = "tick-inverse"
        label = _("True or false")


class ShortAnswerQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    accepted_answers = CountCheckedOnSaveListBlock(
        blocks.CharBlock(label=_("Accepted answer")),
        min_num=1,
        label=_("Accepted answers"),
        help_text=_("Compared without regard to case, spacing, Arabic diacritics or letter variants."),
    )
    explanation = _explanation_block()
    points = _points_block()

    class Meta:
        icon = "edit"
        label = _("Short answer")

    def clean(self, value):
        value = super().clean(value)
        if not any(answer.strip() for answer in value["accepted_answers"]):
            raise StructBlockValidationError(
                block_errors={"accepted_answers": forms.ValidationError(_("Give at least one accepted answer."))}
            )
        return value


class QuestionStreamBlock(blocks.StreamBlock):
    """A quiz's questions. At least one is required on save; the editor does not flag an empty quiz
    the moment it is inserted (see ``CountCheckedOnSaveListBlock``)."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()

    def to_python(self, value):
        # Quizzes saved before question types existed stored a ListBlock of single-choice questions
        # ("item" children); they read as single-choice questions with the same UUIDs.
        if isinstance(value, list | tuple):
            value = [
                {**child, "type": "single_choice"} if isinstance(child, dict) and child.get("type") == "item" else child
                for child in value
            ]
        return super().to_python(value)


class _QuestionStreamBlockAdapter(StreamBlockAdapter):
    def js_args(self, block):
        name, child_blocks, child_states, meta = super().js_args(block)
        return [name, child_blocks, child_states, {**meta, "minNum": None}]


register(_QuestionStreamBlockAdapter(), QuestionStreamBlock)


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    pass_mark = blocks.IntegerBlock(
        default=70, min_value=0, max_value=100, label=_("Pass mark (%)"), help_text=_("Score needed to pass.")
    )
    questions = QuestionStreamBlock(min_num=1, label=_("Questions"))
    draw_count = blocks.IntegerBlock(
        required=False,
        default=0,
        min_value=0,
        label=_("Questions per attempt"),
        help_text=_("Draw this many questions at random for each attempt; 0 asks every question."),
    )
    attempt_limit = blocks.IntegerBlock(
        required=False, default=0, min_value=0, label=_("Attempt limit"), help_text=_("0 allows unlimited attempts.")
    )
    time_limit = blocks.IntegerBlock(
        required=False,
        default=0,
        min_value=0,
        label=_("Time limit (minutes)"),
        help_text=_("0 means no time limit."),
    )
    shuffle_questions = blocks.BooleanBlock(required=False, default=False, label=_("Shuffle questions"))
    shuffle_choices = blocks.BooleanBlock(required=False, default=False, label=_("Shuffle answers"))

    class Meta:
        icon = "list-ul"
        label = _("Quiz")
        template = "courses/blocks/quiz.html"

    def clean(self, value):
        value = super().clean(value)
        if (value.get("draw_count") or 0) > len(value["questions"]):
            raise StructBlockValidationError(
                block_errors={
                    "draw_count": forms.ValidationError(
                        _("The quiz has only %(count)d questions to draw from.") % {"count": len(value["questions"])}
                    )
                }
            )
        return value


class ModuleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", label=_("Heading"))
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Rich text"))
    image = ImageBlock(label=_("Image"))
    video = EmbedBlock(label=_("Embedded video"), help_text=_("A link to a video, e.g. on the ministry's channel."))
    document = DocumentBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()
