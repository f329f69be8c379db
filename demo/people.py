"""Demo organisation and people: two ministries and more, the four demo accounts and their colleagues."""

from __future__ import annotations

import datetime
import functools
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from people.models import Employee, HRScope, OrgUnit
from people.services import ADMINISTRATORS, HR_OFFICERS, LEARNERS, TRAINERS

DEMO_PASSWORD = "qudra-demo-2026"

# (code, kind, English name, Arabic name, children)
ORGANISATION = [
    (
        "mtcit",
        "ministry",
        "Ministry of Transport, Communications and Information Technology",
        "وزارة النقل والاتصالات وتقنية المعلومات",
        [
            (
                "mtcit-dgdt",
                "directorate",
                "Directorate General of Digital Transformation",
                "المديرية العامة للتحول الرقمي",
                [
                    ("mtcit-eservices", "department", "E-Services Department", "دائرة الخدمات الإلكترونية", []),
                    ("mtcit-data", "department", "Data Governance Department", "دائرة حوكمة البيانات", []),
                ],
            ),
            (
                "mtcit-dgis",
                "directorate",
                "Directorate General of Information Security",
                "المديرية العامة لأمن المعلومات",
                [
                    ("mtcit-secops", "department", "Security Operations Department", "دائرة العمليات الأمنية", []),
                ],
            ),
        ],
    ),
    (
        "mol",
        "ministry",
        "Ministry of Labour",
        "وزارة العمل",
        [
            (
                "mol-dghr",
                "directorate",
                "Directorate General of Human Resources",
                "المديرية العامة للموارد البشرية",
                [
                    ("mol-training", "department", "Training and Development Department", "دائرة التدريب والتطوير", []),
                    ("mol-affairs", "department", "Employee Affairs Department", "دائرة شؤون الموظفين", []),
                ],
            ),
            (
                "mol-dgit",
                "directorate",
                "Directorate General of Information Technology",
                "المديرية العامة لتقنية المعلومات",
                [
                    ("mol-systems", "department", "Systems Development Department", "دائرة تطوير الأنظمة", []),
                ],
            ),
        ],
    ),
    (
        "moh",
        "ministry",
        "Ministry of Health",
        "وزارة الصحة",
        [
            (
                "moh-dgp",
                "directorate",
                "Directorate General of Planning",
                "المديرية العامة للتخطيط",
                [
                    ("moh-info", "department", "Health Information Department", "دائرة المعلومات الصحية", []),
                ],
            ),
        ],
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    name_en: str
    name_ar: str
    unit: str
    job_title: str
    grade: str
    scope: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount(
        "learner",
        LEARNERS,
        "Aisha Salim Al-Balushi",
        "عائشة سالم البلوشية",
        "mtcit-eservices",
        "E-services analyst",
        "8",
    ),
    DemoAccount(
        "trainer", TRAINERS, "Salim Nasser Al-Harthy", "سالم ناصر الحارثي", "mol-training", "Senior trainer", "6"
    ),
    DemoAccount(
        "hr", HR_OFFICERS, "Fatma Said Al-Rawahi", "فاطمة سعيد الرواحية", "mtcit", "HR officer", "7", scope="mtcit"
    ),
    DemoAccount(
        "hr.labour", HR_OFFICERS, "Hamad Ali Al-Maamari", "حمد علي المعمري", "mol-dghr", "HR officer", "7", scope="mol"
    ),
    DemoAccount(
        "admin",
        ADMINISTRATORS,
        "Khalid Ahmed Al-Hinai",
        "خالد أحمد الهنائي",
        "mtcit-dgdt",
        "Platform administrator",
        "5",
    ),
]

GIVEN_NAMES = [
    ("Mohammed", "محمد"),
    ("Maryam", "مريم"),
    ("Ahmed", "أحمد"),
    ("Zainab", "زينب"),
    ("Yousuf", "يوسف"),
    ("Shamsa", "شمسة"),
    ("Hilal", "هلال"),
    ("Muna", "منى"),
    ("Badr", "بدر"),
    ("Noora", "نورة"),
    ("Talal", "طلال"),
    ("Huda", "هدى"),
]
FAMILY_NAMES = [
    ("Al-Busaidi", "البوسعيدي"),
    ("Al-Kindi", "الكندي"),
    ("Al-Siyabi", "السيابي"),
    ("Al-Lawati", "اللواتي"),
    ("Al-Ghafri", "الغافري"),
    ("Al-Amri", "العامري"),
    ("Al-Shukaili", "الشكيلي"),
    ("Al-Jabri", "الجابري"),
]
COLLEAGUES_PER_DEPARTMENT = 4


def _ensure_units(nodes, parent: OrgUnit | None = None) -> None:
    for code, kind, name_en, name_ar, children in nodes:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            fields = {"code": code, "kind": kind, "name_en": name_en, "name_ar": name_ar}
            unit = parent.add_child(**fields) if parent else OrgUnit.add_root(**fields)
        _ensure_units(children, unit)


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow; every demo account shares one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _ensure_person(
    *,
    username: str,
    name_en: str,
    name_ar: str,
    unit: str,
    job_title: str,
    grade: str,
    number: str,
    hire_date: datetime.date,
    superuser: bool = False,
):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        first_en, _space, last_en = name_en.partition(" ")
        user = user_model.objects.create(
            username=username,
            password=_demo_password_hash(),
            email=f"{username}@qudra.example.om",
            first_name=first_en,
            last_name=last_en.split(" ")[-1],
            is_superuser=superuser,
            is_staff=superuser,
        )
        Employee.objects.create(
            user=user,
            employee_number=number,
            full_name_en=name_en,
            full_name_ar=name_ar,
            org_unit=OrgUnit.objects.get(code=unit),
            job_title=job_title,
            grade=grade,
            hire_date=hire_date,
            preferred_language="ar",
        )
    return user


@transaction.atomic
def seed_people() -> dict[str, object]:
    """Create the organisation, the demo accounts and their colleagues; returns users by username."""
    _ensure_units(ORGANISATION)
    users = {}
    for index, account in enumerate(DEMO_ACCOUNTS, start=1):
        user = _ensure_person(
            username=account.username,
            name_en=account.name_en,
            name_ar=account.name_ar,
            unit=account.unit,
            job_title=account.job_title,
            grade=account.grade,
            number=f"D{index:05d}",
            hire_date=datetime.date(2015 + index, 1 + index, 1),
            superuser=account.role == ADMINISTRATORS,
        )
        user.groups.add(Group.objects.get(name=account.role))
        if account.scope:
            HRScope.objects.get_or_create(user=user, org_unit=OrgUnit.objects.get(code=account.scope))
        users[account.username] = user
    # Colleagues give the HR reports something to show; a fixed seed keeps every run identical.
    rng = random.Random(2040)
    learners_group = Group.objects.get(name=LEARNERS)
    number = 100
    for department in OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT).order_by("code"):
        for _ in range(COLLEAGUES_PER_DEPARTMENT):
            number += 1
            given_en, given_ar = rng.choice(GIVEN_NAMES)
            family_en, family_ar = rng.choice(FAMILY_NAMES)
            user = _ensure_person(
                username=f"emp{number}",
                name_en=f"{given_en} {family_en}",
                name_ar=f"{given_ar} {family_ar}",
                unit=department.code,
                job_title="Specialist",
                grade=str(rng.randint(5, 10)),
                number=f"E{number:05d}",
                hire_date=datetime.date(2010 + rng.randint(0, 14), rng.randint(1, 12), 1),
            )
            user.groups.add(learners_group)
            users[user.username] = user
    return users
