"""Trainers add modules only to the courses they own."""

from django.contrib.auth.models import Group

from courses.models import ModulePage
from people.services import TRAINERS, ensure_roles
from tests.factories import UserFactory, add_course


def _trainer(username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=TRAINERS))
    return user


def test_a_trainer_adds_modules_to_their_own_course_only(client, catalogue):
    ensure_roles(catalogue=catalogue)
    owner, other = _trainer("owner"), _trainer("other")
    course = add_course(catalogue, title="Owned course", modules=1)
    course.owner = owner
    course.save()
    add_url = f"/admin/pages/add/courses/modulepage/{course.id}/"

    client.force_login(other)
    refused = client.get(add_url)
    client.force_login(owner)
    allowed = client.get(add_url)

    assert refused.status_code == 302 and refused.url == "/admin/"
    assert allowed.status_code == 200
    assert ModulePage.objects.child_of(course).count() == 1
