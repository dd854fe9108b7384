from dataclasses import dataclass

from django.utils import translation

from cloudpark.core.i18n import Bilingual, bilingual_fields, localizer, with_english
from cloudpark.events.models import Event, Exhibitor


@dataclass
class Poster:
    title: str
    title_en: str = ""
    venue: str = ""
    venue_en: str = ""

    display_title = Bilingual("title")
    display_venue = Bilingual("venue")


class FramedPoster(Poster):
    display_frame = Bilingual("frame")


def test_a_bilingual_field_answers_in_the_active_language():
    poster = Poster("钱塘潮", "Qiantang Tide")

    with translation.override("en"):
        english = poster.display_title
    with translation.override("zh-hans"):
        chinese = poster.display_title

    assert (english, chinese) == ("Qiantang Tide", "钱塘潮")


def test_english_readers_get_the_chinese_where_no_english_is_given():
    poster = Poster("钱塘潮")

    with translation.override("en"):
        assert poster.display_title == "钱塘潮"


def test_the_declarations_list_the_fields_in_order_and_are_inherited():
    assert (bilingual_fields(Poster), bilingual_fields(FramedPoster)) == (
        ("title", "venue"),
        ("title", "venue", "frame"),
    )


def test_models_list_their_bilingual_fields():
    assert (Event.bilingual_fields, Exhibitor.bilingual_fields) == (
        ("title", "theme", "description", "venue", "city"),
        ("name", "exhibits"),
    )


def test_with_english_puts_the_english_field_after_each_bilingual_one():
    assert with_english(Event, "kind", "title", "starts_at", "city") == (
        "kind",
        "title",
        "title_en",
        "starts_at",
        "city",
        "city_en",
    )


def test_the_attribute_read_on_the_class_is_the_declaration():
    assert (Event.display_title.field, Event.display_title.english) == ("title", "title_en")


def test_a_localizer_keeps_the_language_active_when_it_was_made():
    pairs = [("钱塘潮", "Qiantang Tide"), ("钱塘潮", ""), ("", "Qiantang Tide"), (None, None)]
    with translation.override("en"):
        english = localizer()
    with translation.override("zh-hans"):
        chinese = localizer()

    with translation.override("zh-hans"):
        read_in_english = [english(*pair) for pair in pairs]
    read_in_chinese = [chinese(*pair) for pair in pairs]

    assert (read_in_english, read_in_chinese) == (
        ["Qiantang Tide", "钱塘潮", "Qiantang Tide", ""],
        ["钱塘潮", "钱塘潮", "Qiantang Tide", ""],
    )
