"""The learner's own transcript under /<language>/learning/transcript/."""

from django.urls import path

from . import my_transcript

app_name = "reports"

urlpatterns = [
    path("", my_transcript.my_transcript, name="my_transcript"),
    path("transcript.pdf", my_transcript.my_transcript_pdf, name="my_transcript_pdf"),
]
