"""What OMAN-250k looks like: its sizes, ministries and units, names, course topics and the weights
every random choice is drawn with."""

from __future__ import annotations

from courses.models import SkillArea

FULL_EMPLOYEES = 250_000
COURSES = 400
MANDATORY_COURSES = 20
DEFAULT_SEED = 2040

# (code, English, Arabic, relative headcount)
MINISTRIES = [
    ("moe", "Ministry of Education", "وزارة التربية والتعليم", 30),
    ("moh", "Ministry of Health", "وزارة الصحة", 22),
    ("moi", "Ministry of Interior", "وزارة الداخلية", 6),
    ("mol", "Ministry of Labour", "وزارة العمل", 5),
    ("mof", "Ministry of Finance", "وزارة المالية", 4),
    ("moec", "Ministry of Economy", "وزارة الاقتصاد", 2),
    (
        "mtcit",
        "Ministry of Transport, Communications and Information Technology",
        "وزارة النقل والاتصالات وتقنية المعلومات",
        4,
    ),
    ("mohup", "Ministry of Housing and Urban Planning", "وزارة الإسكان والتخطيط العمراني", 3),
    ("mosd", "Ministry of Social Development", "وزارة التنمية الاجتماعية", 3),
    (
        "moheri",
        "Ministry of Higher Education, Research and Innovation",
        "وزارة التعليم العالي والبحث العلمي والابتكار",
        3,
    ),
    (
        "maf",
        "Ministry of Agriculture, Fisheries and Water Resources",
        "وزارة الثروة الزراعية والسمكية وموارد المياه",
        4,
    ),
    ("mem", "Ministry of Energy and Minerals", "وزارة الطاقة والمعادن", 2),
    ("mocip", "Ministry of Commerce, Industry and Investment Promotion", "وزارة التجارة والصناعة وترويج الاستثمار", 3),
    ("mcsy", "Ministry of Culture, Sports and Youth", "وزارة الثقافة والرياضة والشباب", 3),
    ("moht", "Ministry of Heritage and Tourism", "وزارة التراث والسياحة", 2),
    ("mojla", "Ministry of Justice and Legal Affairs", "وزارة العدل والشؤون القانونية", 2),
    ("mara", "Ministry of Awqaf and Religious Affairs", "وزارة الأوقاف والشؤون الدينية", 2),
]
DIRECTORATES = [
    ("afa", "Directorate General of Administrative and Financial Affairs", "المديرية العامة للشؤون الإدارية والمالية"),
    ("plan", "Directorate General of Planning", "المديرية العامة للتخطيط"),
    ("it", "Directorate General of Information Technology", "المديرية العامة لتقنية المعلومات"),
    ("hr", "Directorate General of Human Resources", "المديرية العامة للموارد البشرية"),
    ("dt", "Directorate General of Digital Transformation", "المديرية العامة للتحول الرقمي"),
]
DEPARTMENTS = [
    ("ops", "Operations Department", "دائرة العمليات"),
    ("svc", "Services Department", "دائرة الخدمات"),
    ("qa", "Quality Department", "دائرة الجودة"),
]
GIVEN = [
    ("Mohammed", "محمد"), ("Maryam", "مريم"), ("Ahmed", "أحمد"), ("Zainab", "زينب"), ("Yousuf", "يوسف"),
    ("Shamsa", "شمسة"), ("Hilal", "هلال"), ("Muna", "منى"), ("Badr", "بدر"), ("Noora", "نورة"),
    ("Talal", "طلال"), ("Huda", "هدى"), ("Salim", "سالم"), ("Aisha", "عائشة"), ("Khalid", "خالد"),
    ("Fatma", "فاطمة"), ("Said", "سعيد"), ("Asma", "أسماء"), ("Nasser", "ناصر"), ("Latifa", "لطيفة"),
]  # fmt: skip
FAMILY = [
    ("Al-Busaidi", "البوسعيدي"), ("Al-Kindi", "الكندي"), ("Al-Siyabi", "السيابي"), ("Al-Lawati", "اللواتي"),
    ("Al-Ghafri", "الغافري"), ("Al-Amri", "العامري"), ("Al-Shukaili", "الشكيلي"), ("Al-Jabri", "الجابري"),
    ("Al-Balushi", "البلوشي"), ("Al-Harthy", "الحارثي"), ("Al-Rawahi", "الرواحي"), ("Al-Hinai", "الهنائي"),
    ("Al-Maamari", "المعمري"), ("Al-Farsi", "الفارسي"), ("Al-Abri", "العبري"), ("Al-Riyami", "الريامي"),
]  # fmt: skip
TOPICS = [
    ("E-services design", "تصميم الخدمات الإلكترونية"), ("Cyber hygiene", "النظافة السيبرانية"),
    ("Data literacy", "الثقافة البيانية"), ("Spreadsheets", "الجداول الإلكترونية"),
    ("Leading change", "قيادة التغيير"), ("Cloud basics", "أساسيات الحوسبة السحابية"),
    ("Open data", "البيانات المفتوحة"), ("Digital signatures", "التوقيع الرقمي"),
    ("Project management", "إدارة المشاريع"), ("Customer experience", "تجربة المتعامل"),
]  # fmt: skip
SKILLS = [choice.value for choice in SkillArea]
LEVELS = ["beginner", "intermediate", "advanced"]
GRADES = [str(grade) for grade in range(1, 15)]
GRADE_WEIGHTS = [1, 1, 2, 3, 5, 7, 9, 11, 12, 12, 11, 10, 9, 7]
ENROLMENTS_PER_EMPLOYEE = [1, 2, 3, 4, 5, 6, 7]
ENROLMENT_WEIGHTS = [8, 17, 22, 21, 15, 10, 7]
STATUS_CODES = ("not_started", "in_progress", "completed")
NULL = "\\N"  # COPY's text-format NULL
# "!" marks an unusable password: scale accounts exist for reports, not for logging in; a constant
# (rather than make_password(None)) keeps the dataset identical between runs.
UNUSABLE_PASSWORD = "!oman250k"  # noqa: S105
FUTURE_DAYS = 400  # due dates may lie this far ahead of the "as of" date
