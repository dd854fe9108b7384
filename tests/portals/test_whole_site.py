"""Every page of the site, as every demo account and as a visitor, in both languages.

The demo is loaded once for this module. Each account walks the site from the pages that
take no argument, following the links and forms it is shown, so that each page that needs an
object is opened with an object that account can see. No page may answer with a server error,
and no page may show a phrase of the platform's own in the other language: an English page
holding a text that is one of the catalogue's Chinese translations, or a Chinese page holding
one of its English phrases, has left something untranslated or shown a stored text in the
wrong language.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.translation import trans_real

from cloudpark.demo.data import ACCOUNTS, DEMO_PASSWORD

SITE_NAMESPACES = ("public", "portals", "individual", "enterprise", "park", "government")
LANGUAGES = ("en", "zh-hans")
LINK = re.compile(r'(?:href|action|src)="([^"#]+)"')
PER_ROUTE = 4

# Pages no demo account is shown a link to, so the walk cannot fill their arguments, each with
# the reason. Keep it short: a page that drops out of every menu and list is noticed here.
NOT_REACHED = {
    # The demo uploads no spreadsheet imports.
    "government:import_detail",
    "park:import_detail",
    # Nobody has objected to the demo's public notices, and none of them is still a draft
    # (only a draft links to its edit page).
    "government:objection_answer",
    "government:notice_edit",
    # An invitation's page is reached from the link in its e-mail only.
    "individual:invitation_accept",
    # The demo's lists are short enough to download at once: nobody has a background export.
    "individual:export_detail",
    "individual:export_download",
    # The demo's declarations are all submitted or decided, and no round is open to the park.
    "park:base_declare",
    "park:base_declaration_edit",
    "park:base_declaration_submit",
    "park:base_declaration_withdraw",
    "park:base_material_upload",
    # The park's own events are over: nothing left to edit, and they show no films or
    # exhibitors; the bureau's film week is over too, and its exhibition part is not among
    # the PER_ROUTE event pages the walk opens.
    "park:event_edit",
    "park:part_create",
    "park:session_edit",
    "park:event_films",
    "park:film_edit",
    "park:event_exhibitors",
    "government:film_edit",
    "government:event_exhibitors",
    # The demo's award scheme is final: no scheme takes entries, no entry can change, the
    # jury is fixed, its one objection is answered, and its round is tallied (no ballot,
    # recusal or chair's progress to follow).
    "enterprise:award_entry_create",
    "enterprise:award_entry_edit",
    "enterprise:award_entry_submit",
    "enterprise:award_entry_withdraw",
    "government:award_juror_create",
    "government:award_category_create",
    "government:award_criterion_create",
    "government:award_round_create",
    "government:award_organizer_create",
    "government:award_objection_create",
    "government:award_objection_answer",
    "government:award_round_step",
    "individual:jury_recuse",
    "individual:jury_ballot",
    "individual:jury_progress",
    # No exhibition of the demo takes applications, and no event has a cover picture.
    "enterprise:exhibition_apply",
    "public:event_cover",
    # A request's tracking number is shown once, right after the request is sent.
    "public:news_request_filed",
    # No demo article has a cover image.
    "public:news_cover",
    # The demo's clarifications are published or in review and its disclosure items are
    # published: none is changed any more. The base keeps no disclosure catalogue.
    "government:news_clarification_edit",
    "park:news_clarification_edit",
    "government:news_disclosure_edit",
    "park:news_disclosure_detail",
    "park:news_disclosure_edit",
    # The demo's award scheme is final, so no result takes objections any more; an
    # objection's reference is shown once, right after it is sent.
    "public:award_objection_create",
    "public:award_objection_filed",
    # Nor can its set-up change any more.
    "government:award_scheme_edit",
    "government:award_category_edit",
    "government:award_criterion_edit",
    # The demo's supply and demand posts are all published; its one open introduction waits
    # for the service company, which has no demo account, and its other one is closed.
    "enterprise:market_post_publish",
    "enterprise:market_introduction_accept",
    "enterprise:market_introduction_decline",
    "enterprise:market_introduction_close",
    # The demo's release filings are licensed or with the bureau: none is being prepared, and
    # the film streams only within a viewing session a reviewer opens.
    "enterprise:release_cut",
    "enterprise:release_edit",
    "enterprise:release_material",
    "enterprise:release_submit",
    "government:screening_film",
}


CJK = re.compile(r"[\u3400-\u9fff]")
# An English phrase has a word in lower case; an abbreviation (PDF, JSON) reads the same in both.
WORD = re.compile(r"[A-Za-z][a-z]{2}")


class _Texts(HTMLParser):
    """The texts a reader sees in the page's language: text between tags and the attributes
    read out or shown, leaving out what is hidden and what an element's ``lang`` marks as
    another language (the language menu, a stored keyword)."""

    SHOWN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
    UNSHOWN = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = set()
        self.hidden = 0
        # The element marked as another language, and how deep its own tag is nested.
        self.other = None
        self.depth = 0

    def add(self, text):
        text = " ".join(text.split())
        if text and not self.hidden and self.other is None:
            self.texts.add(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = attrs.get("lang") not in (None, self.page_lang)
        if self.other == tag:
            self.depth += 1
        elif self.other is None and foreign and tag not in self.VOID:
            self.other, self.depth = tag, 1
        self.hidden += tag in self.UNSHOWN
        if not foreign:
            for name in self.SHOWN_ATTRIBUTES & attrs.keys():
                self.add(attrs[name] or "")

    def handle_endtag(self, tag):
        if tag in self.UNSHOWN:
            self.hidden = max(0, self.hidden - 1)
        if self.other == tag:
            self.depth -= 1
            if self.depth == 0:
                self.other = None

    def handle_data(self, data):
        self.add(data)


def texts_of(html, language):
    parser = _Texts()
    parser.page_lang = "zh-Hans" if language == "zh-hans" else language
    parser.feed(html)
    return parser.texts


def catalogue_phrases():
    """{language: the catalogue's phrases that belong to the other language}: the Chinese
    translations for English pages, the English phrases for Chinese ones. Phrases that read
    the same in both, or carry placeholders, are left out."""
    chinese, english = set(), set()
    for key, translated in trans_real.translation("zh-hans")._catalog.items():
        if isinstance(key, tuple) or not translated:
            continue
        phrase = key.split("\x04")[-1]
        if phrase == translated or "%" in phrase or "{" in phrase:
            continue
        chinese.add(" ".join(translated.split()))
        if WORD.search(phrase) and not CJK.search(phrase):
            english.add(" ".join(phrase.split()))
    return {"en": {text for text in chinese if CJK.search(text)}, "zh-hans": english}


def site_routes():
    """{route name: needs arguments?} of every page in the public site and the portals."""
    routes = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in SITE_NAMESPACES:
                routes[f"{namespace}:{pattern.name}"] = bool(pattern.pattern.converters)

    walk(get_resolver().url_patterns, None)
    return routes


def signed_in(email, language):
    """A client speaking ``language``, signed in as ``email`` (a visitor for ``None``)."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if email:
        assert client.login(email=email, password=DEMO_PASSWORD)
    return client


def route_of(url):
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def walk_site(client, routes):
    """GET every page reachable from the argument-free ones, up to ``PER_ROUTE`` addresses of
    each route (what a page links to depends on its object's state); yield each address with
    its response."""
    queue = [reverse(name) for name, has_arguments in routes.items() if not has_arguments]
    visited = {}
    seen = set(queue)
    while queue:
        url = queue.pop(0)
        name = route_of(url)
        if len(visited.setdefault(name, [])) >= PER_ROUTE:
            continue
        visited[name].append(url)
        response = client.get(url)
        yield url, response
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in LINK.findall(response.content.decode()):
            path = urlsplit(link.replace("&amp;", "&")).path
            if path not in seen and route_of(path) in routes:
                seen.add(path)
                queue.append(path)


@pytest.mark.django_db
def test_no_page_fails_for_any_account_in_either_language(demo):
    routes = site_routes()
    reached = set()
    failures = []
    foreign = catalogue_phrases()
    mixed = set()

    for email in [None, *(account.email for account in ACCOUNTS)]:
        english, chinese = (signed_in(email, language) for language in LANGUAGES)
        for url, response in walk_site(english, routes):
            reached.add(route_of(url))
            again = chinese.get(url)
            failures += [
                (email, url, language, status)
                for language, status in (
                    ("en", response.status_code),
                    ("zh-hans", again.status_code),
                )
                if status >= 500
            ]
            for language, page in (("en", response), ("zh-hans", again)):
                if page.get("Content-Type", "").startswith("text/html"):
                    shown = texts_of(page.content.decode(), language)
                    mixed |= {(route_of(url), language, text) for text in shown & foreign[language]}

    assert failures == []
    assert sorted(mixed) == []
    assert sorted(set(routes) - reached) == sorted(NOT_REACHED)


def test_the_language_check_sees_a_stray_phrase_and_spares_marked_ones():
    phrases = catalogue_phrases()
    page = (
        '<p>Your opinion has been recorded.</p><p lang="en"><b>English</b> only</p>'
        '<input placeholder="Search" lang="en"><script>var x = "Reviews";</script>'
    )
    assert "Your opinion has been recorded." in phrases["zh-hans"]
    assert texts_of(page, "zh-hans") == {"Your opinion has been recorded."}
    assert "您的意见已记录。" in phrases["en"]
