"""An application's files shown under the requirement each one meets."""

from types import SimpleNamespace

from django.utils import translation

from cloudpark.programs import questions

REQUIRED = [
    {"key": "licence", "label_zh": "营业执照副本", "label_en": "Business licence"},
    {"key": "plan", "label_zh": "项目计划书", "label_en": "Project plan"},
]


def file(key, name):
    return SimpleNamespace(key=key, original_name=name)


def test_files_are_listed_under_their_requirement_and_a_missing_one_shows_empty():
    licence, extra = file("licence", "license.pdf"), file("photos", "现场.jpg")

    with translation.override("zh-hans"):
        rows = questions.material_rows(REQUIRED, [licence, extra])

    assert rows == [("营业执照副本", [licence]), ("项目计划书", []), (None, [extra])]


def test_without_stray_files_there_is_no_row_for_others():
    plan = file("plan", "plan.pdf")

    with translation.override("en"):
        rows = questions.material_rows(REQUIRED, [plan])

    assert rows == [("Business licence", []), ("Project plan", [plan])]
