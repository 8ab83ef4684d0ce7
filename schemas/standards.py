"""The framework's standards, word for word (section 1 of the framework, version V5_07.17).

Audits refer to a Standard for Practice by its number and keep `standards_version`, so a
later version of the framework never changes what an old audit was graded against.
"""

from __future__ import annotations

from .common import Grade

STANDARDS_VERSION = "V5_07.17"

STANDARDS_FOR_PRACTICE: dict[int, str] = {
    1: "All children will have an assessment and a plan which reflects their experiences, "
       "wishes, feelings and needs are known and understood.",
    2: "All children will have an assessment and a plan which reflects the wishes, feelings "
       "and needs of parents and carers; enabling them to fulfil their responsibilities.",
    3: "All children will have a plan which explains what needs to happen; by when; who by; "
       "what outcomes we are seeking together; how risk is being managed; and what the "
       "contingency plan is.",
    4: "As far as age and understanding allows, children will be spoken to alone and worked "
       "with by professionals who have the tools to directly engage them.",
    5: "All children's case records will be analytical, well written and timely, so that "
       "everyone can understand significant events that have happened; what the plan is; the "
       "purpose of actions and contacts; and what difference has been made so far for the "
       "child.",
    6: "Every child will be supported by management oversight of the professionals' working "
       "with them. This includes reflective supervision; checking that work has been done to "
       "agreed standards (monitoring and quality assurance); seeing what difference it is "
       "making; and what needs to happen next.",
}

CUSTOMER_SERVICE_STANDARDS_INTRO = (
    "We will maintain our local Customer Service Standards throughout our work. We will")

CUSTOMER_SERVICE_STANDARDS: dict[int, str] = {
    1: "explain why we are working with you and your family and what we can and cannot do;",
    2: "listen to you and take into account your wishes and feelings in everything we do;",
    3: "take care to ensure you understand what we are saying, by using clear and "
       "straightforward language or a translator if necessary;",
    4: "do everything we say and when we say we will do it;",
    5: "be on time for meetings and appointments;",
    6: "keep you updated on progress;",
    7: "keep your personal information safe and explain how we are going to use it;",
    8: "try to answer your questions or find someone who can.",
}

# The scale with its words, best first, for forms and tables (from Grade itself).
GRADE_LABELS: dict[Grade, str] = {grade: grade.label for grade in Grade}

VERSIONS: dict[str, dict[str, dict[int, str]]] = {
    STANDARDS_VERSION: {"practice": STANDARDS_FOR_PRACTICE,
                        "customer_service": CUSTOMER_SERVICE_STANDARDS},
}


def standards_document(version: str = STANDARDS_VERSION) -> dict:
    """What `GET /standards` answers: every standard with its id, and the grade scale."""
    texts = VERSIONS[version]
    return {
        "version": version,
        "standards_for_practice": [{"id": n, "text": t} for n, t in texts["practice"].items()],
        "customer_service_standards": {
            "intro": CUSTOMER_SERVICE_STANDARDS_INTRO,
            "standards": [{"id": n, "text": t} for n, t in texts["customer_service"].items()],
        },
        "grades": [{"value": g.value, "label": label} for g, label in GRADE_LABELS.items()],
    }
