"""The default skills framework for the civil service, as plain data.

Both the data migration (which installs it on a new database) and `seed_demo` use
`install_framework`; it only adds what is missing, so administrators' edits are never overwritten.
"""

from __future__ import annotations

# code: (name_ar, name_en, description_ar, description_en, {level: (descriptor_ar, descriptor_en)})
DEFAULT_FRAMEWORK: dict[str, tuple[str, str, str, str, dict[int, tuple[str, str]]]] = {
    "digital_services": (
        "الخدمات الرقمية",
        "Digital services",
        "تصميم الخدمات الحكومية الإلكترونية وتقديمها وتحسينها حول احتياجات المستفيدين.",
        "Designing, delivering and improving government e-services around the needs of their users.",
        {
            1: (
                "يعرف الخدمات الإلكترونية لجهته ويرشد المستفيدين إليها.",
                "Knows their organisation's e-services and can point users to them.",
            ),
            2: (
                "يقدّم الخدمات الإلكترونية يوميًا ويعالج طلبات المستفيدين الشائعة عبرها.",
                "Delivers e-services day to day and handles users' common requests through them.",
            ),
            3: (
                "يحسّن رحلة المستفيد ويقترح تبسيط الإجراءات بالاعتماد على البيانات والملاحظات.",
                "Improves the user journey and proposes simpler procedures based on data and feedback.",
            ),
            4: (
                "يقود تصميم خدمات رقمية متكاملة عبر الجهات ويضع معايير جودتها.",
                "Leads the design of joined-up digital services across entities and sets their quality standards.",
            ),
        },
    ),
    "cybersecurity": (
        "الأمن السيبراني",
        "Cybersecurity",
        "حماية المعلومات والأنظمة الحكومية في العمل اليومي.",
        "Protecting government information and systems in everyday work.",
        {
            1: (
                "يتعرّف على رسائل التصيّد ويستخدم كلمات مرور قوية.",
                "Recognises phishing and uses strong passwords.",
            ),
            2: (
                "يطبّق سياسات أمن المعلومات في عمله ويبلّغ عن الحوادث فور وقوعها.",
                "Applies information-security policies in their work and reports incidents promptly.",
            ),
            3: (
                "يقيّم المخاطر في إجراءات فريقه ويوجّه زملاءه إلى الممارسات الآمنة.",
                "Assesses risks in their team's procedures and guides colleagues to safe practice.",
            ),
            4: (
                "يضع ضوابط الأمن لجهته ويقود الاستجابة للحوادث والتوعية بها.",
                "Sets security controls for their entity and leads incident response and awareness.",
            ),
        },
    ),
    "data_literacy": (
        "الثقافة البيانية",
        "Data literacy",
        "قراءة البيانات وتحليلها واستخدامها في اتخاذ القرار.",
        "Reading, analysing and using data to make decisions.",
        {
            1: (
                "يقرأ الجداول والرسوم البيانية البسيطة ويفهم مصدرها.",
                "Reads simple tables and charts and understands where they come from.",
            ),
            2: (
                "يجمع البيانات وينظّفها ويعدّ تقارير دورية دقيقة.",
                "Collects and cleans data and prepares accurate regular reports.",
            ),
            3: (
                "يحلّل البيانات ليستخلص منها توصيات ويعرضها بوضوح لمتخذي القرار.",
                "Analyses data to draw recommendations and presents them clearly to decision makers.",
            ),
            4: (
                "يقود ثقافة القرار المبني على البيانات ويضع سياسات حوكمتها ومشاركتها.",
                "Leads a data-driven culture and sets policies for data governance and sharing.",
            ),
        },
    ),
    "collaboration_tools": (
        "أدوات التعاون",
        "Collaboration tools",
        "العمل المشترك بالأدوات الرقمية: المستندات المشتركة والاجتماعات الافتراضية وإدارة المهام.",
        "Working together with digital tools: shared documents, virtual meetings and task management.",
        {
            1: (
                "يستخدم البريد الإلكتروني والتقويم ويحضر الاجتماعات الافتراضية.",
                "Uses e-mail and calendars and joins virtual meetings.",
            ),
            2: (
                "يحرّر المستندات المشتركة ويتابع مهامه في أدوات الفريق.",
                "Co-edits shared documents and tracks their tasks in the team's tools.",
            ),
            3: (
                "ينظّم عمل فريقه في مساحات رقمية مشتركة ويقلّل المعاملات الورقية.",
                "Organises their team's work in shared digital spaces and cuts paperwork.",
            ),
            4: (
                "يقود تبنّي أدوات التعاون في جهته ويضع ممارساتها المعتمدة.",
                "Leads the adoption of collaboration tools across their entity and sets its practices.",
            ),
        },
    ),
    "digital_leadership": (
        "القيادة الرقمية وإدارة التغيير",
        "Digital leadership & change",
        "قيادة التحول الرقمي وإدارة أثره في الأفراد والإجراءات.",
        "Leading digital transformation and managing its effect on people and procedures.",
        {
            1: (
                "يفهم أهداف برنامج التحول الرقمي الحكومي ودوره فيه.",
                "Understands the goals of the government digital transformation programme and their part in it.",
            ),
            2: (
                "يدعم التغيير في فريقه ويشارك في مبادرات التحول الرقمي.",
                "Supports change in their team and takes part in digital transformation initiatives.",
            ),
            3: (
                "يقود مشروعات تحول رقمي ويدير مقاومة التغيير ويقيس النتائج.",
                "Leads digital transformation projects, manages resistance to change and measures results.",
            ),
            4: (
                "يصوغ رؤية التحول لجهته ويوائمها مع رؤية عُمان 2040 ويرعى قادة التغيير.",
                "Sets their entity's transformation vision in line with Oman Vision 2040 and develops change leaders.",
            ),
        },
    ),
    "ai_literacy": (
        "الثقافة في الذكاء الاصطناعي",
        "AI literacy",
        "فهم الذكاء الاصطناعي واستخدامه بمسؤولية في العمل الحكومي.",
        "Understanding artificial intelligence and using it responsibly in government work.",
        {
            1: (
                "يعرف ما يستطيع الذكاء الاصطناعي فعله وحدوده ومخاطره.",
                "Knows what artificial intelligence can do, its limits and its risks.",
            ),
            2: (
                "يستخدم أدوات الذكاء الاصطناعي المعتمدة في مهامه ويتحقق من مخرجاتها.",
                "Uses approved AI tools in their tasks and checks what they produce.",
            ),
            3: (
                "يحدّد فرص استخدام الذكاء الاصطناعي في الإجراءات ويقيّم أثرها وخصوصية البيانات.",
                "Identifies where AI can improve procedures and assesses the impact and data privacy.",
            ),
            4: (
                "يقود اعتماد الذكاء الاصطناعي في جهته وفق مبادئ الاستخدام الأخلاقي والحوكمة.",
                "Leads the adoption of AI in their entity under ethical-use and governance principles.",
            ),
        },
    ),
}


def install_framework(skill_model, level_model) -> int:
    """Add every default skill and level that is missing; return how many skills were created.

    Takes the model classes so that the data migration can pass its historical models.
    """
    created = 0
    for order, (code, (name_ar, name_en, description_ar, description_en, levels)) in enumerate(
        DEFAULT_FRAMEWORK.items(), start=1
    ):
        skill, was_created = skill_model.objects.get_or_create(
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_en": name_en,
                "description_ar": description_ar,
                "description_en": description_en,
                "sort_order": order * 10,
            },
        )
        created += was_created
        for level, (descriptor_ar, descriptor_en) in levels.items():
            level_model.objects.get_or_create(
                skill=skill, level=level, defaults={"descriptor_ar": descriptor_ar, "descriptor_en": descriptor_en}
            )
    return created
