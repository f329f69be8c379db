"""StreamField blocks of a module body, including the quiz (graded on the server)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))

    class Meta:
        icon = "tick"
        label = _("Answer")


class SingleChoiceQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    choices = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, label=_("Answers"))
    explanation = blocks.TextBlock(required=False, label=_("Explanation shown after submission"))

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


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    pass_mark = blocks.IntegerBlock(
        default=70, min_value=0, max_value=100, label=_("Pass mark (%)"), help_text=_("Score needed to pass.")
    )
    questions = blocks.ListBlock(SingleChoiceQuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "list-ul"
        label = _("Quiz")
        template = "courses/blocks/quiz.html"


class ModuleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", label=_("Heading"))
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Rich text"))
    image = ImageBlock(label=_("Image"))
    video = EmbedBlock(label=_("Embedded video"), help_text=_("A link to a video, e.g. on the ministry's channel."))
    document = DocumentBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()
