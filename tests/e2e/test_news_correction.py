"""An article goes out, is corrected on a reader's request, and the reader is told.

An editor of the bureau drafts an article and sends it for review; the chief editor approves
it in the review room and it appears in the feed. A reader asks for a correction from the
article's page and gets a tracking number; the editor takes the request in hand and publishes
a correction in both languages; the correction shows under the headline, in the corrections
ledger and in the feed with a new update date; the editor answers the request and the reader
finds the outcome with the tracking number (and in the e-mail sent to them).
"""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect

from cloudpark.news import enums
from cloudpark.news.models import Article, CorrectionRequest
from cloudpark.orgs import enums as org_enums
from tests.e2e.dialogs import confirm_decision
from tests.factories import ChannelFactory, GovernmentBodyFactory, MembershipFactory, UserFactory

PASSWORD = "Bureau-news-2026"
TITLE = "省局召开网络视听精品创作座谈会"
BODY = "<p>座谈会于周四召开，共有三十二家企业参加。</p>"
READER_EMAIL = "reader@example.cn"


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/gov/")


def feed_updated(page, live_server):
    xml = page.request.get(f"{live_server.url}/news/feed/atom/").text()
    return re.search(r"<entry>.*?<updated>(.*?)</updated>", xml, re.S).group(1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_gets_an_article_corrected(live_server, page, browser_errors, media_root):
    # Arrange: the bureau's one-stage news channel, its editor and its chief editor.
    bureau = GovernmentBodyFactory(name="浙江省广播电视局", name_en="Zhejiang Bureau")
    channel = ChannelFactory(organization=bureau, slug="bureau-news", name="工作动态")
    editor = UserFactory(email="editor@bureau.example.cn", password=PASSWORD)
    MembershipFactory(
        user=editor,
        organization=bureau,
        role=org_enums.Role.STAFF,
        extra_capabilities=[org_enums.Capability.EDIT_NEWS],
    )
    chief = UserFactory(email="chief@bureau.example.cn", password=PASSWORD)
    MembershipFactory(user=chief, organization=bureau, role=org_enums.Role.ADMIN)
    page.on("dialog", lambda dialog: dialog.accept())

    # Act 1: the editor drafts the article and sends it for review.
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/gov/news/new/")
    form = page.locator("form.cp-form")
    form.locator("select[name=channel]").select_option(str(channel.pk))
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=author]").fill("省局宣传处")
    form.locator("[name=editor]").fill("周文清")
    form.locator("[name=body]").fill(BODY + "<script>alert(1)</script>")
    form.locator("button[type=submit]").click()
    page.locator("button[name=step][value=submit]").click()

    # Assert 1: in review, its body cleaned of the script.
    article = Article.objects.get()
    assert (article.state, article.body) == (enums.PublicationState.IN_REVIEW, BODY)

    # Act 2: the chief editor approves it in the review room.
    sign_in(page, live_server, chief)
    page.goto(f"{live_server.url}/gov/reviews/")
    page.get_by_role("link", name=TITLE).first.click()
    decision = page.locator("form:has(input[name=decision])")
    decision.locator("input[name=decision][value=approve]").check()
    decision.locator("button[type=submit]").click()
    confirm_decision(page)
    expect(page.locator("#case-state")).to_have_attribute("class", re.compile("text-bg-success"))

    # Assert 2: published, and the feed shows it as a readable page in the browser.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/news/feed/atom/")
    expect(page.locator("#feed-address")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    published_update = feed_updated(page, live_server)

    # Act 3: a reader asks for a correction from the article's page.
    page.goto(f"{live_server.url}/news/{article.pk}/")
    page.locator("#request-correction").click()
    form = page.locator("form.cp-form")
    form.locator("select[name=remedy]").select_option("correction")
    form.locator("[name=passage]").fill("共有三十二家企业参加。")
    form.locator("[name=reason]").fill("参会企业是二十三家，不是三十二家。")
    form.locator("[name=requester_name]").fill("王梓涵")
    form.locator("[name=requester_email]").fill(READER_EMAIL)
    form.locator("button[type=submit]").click()

    # Assert 3: the reader is given the tracking number.
    request = CorrectionRequest.objects.get()
    expect(page.locator("#tracking-number")).to_have_text(request.tracking_number)

    # Act 4: the editor takes the request and publishes the correction in both languages.
    time.sleep(1)  # feeds date to the second: let the correction come a second later
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/gov/news/requests/")
    page.get_by_role("link", name=request.tracking_number).click()
    page.locator("button[name=step][value=take]").click()
    page.get_by_role("link", name=re.compile("发布更正|Publish a correction")).click()
    form = page.locator("form.cp-form")
    form.locator("[name=wrong]").fill("原文称共有三十二家企业参加。")
    form.locator("[name=wrong_en]").fill("The article said thirty-two enterprises took part.")
    form.locator("[name=right]").fill("共有二十三家企业参加。")
    form.locator("[name=right_en]").fill("Twenty-three enterprises took part.")
    form.locator("[name=body]").fill("<p>座谈会于周四召开，共有二十三家企业参加。</p>")
    form.locator("button[type=submit]").click()

    # Assert 4: under the headline, in the ledger, and in the feed with a new update date.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/news/{article.pk}/")
    box = page.locator("aside[data-correction-kind=correction]")
    expect(box).to_contain_text("共有二十三家企业参加。")
    headline_y = page.locator("h1").bounding_box()["y"]
    assert (
        headline_y < box.bounding_box()["y"] < page.locator(".cp-article-body").bounding_box()["y"]
    )
    page.goto(f"{live_server.url}/news/corrections/")
    expect(page.locator("#list-rows")).to_contain_text(TITLE)
    assert feed_updated(page, live_server) > published_update

    # Act 5: the editor answers the request.
    sign_in(page, live_server, editor)
    page.goto(f"{live_server.url}/gov/news/requests/{request.pk}/")
    page.locator("select[name=outcome]").select_option("corrected")
    page.locator("textarea[name=answer]").fill("感谢指正，文章已更正。")
    page.locator("button[name=step][value=answer]").click()

    # Assert 5: the reader finds the outcome with the number and was sent it by e-mail; no
    # page logged an error or broke the Content-Security-Policy.
    page.context.clear_cookies()
    page.goto(
        f"{live_server.url}/news/correction-request/status/"
        f"?number={request.tracking_number}&contact={READER_EMAIL}"
    )
    expect(page.locator("#request-status")).to_contain_text("感谢指正，文章已更正。")
    assert any(READER_EMAIL in message.to and "感谢指正" in message.body for message in mail.outbox)
    assert browser_errors == [], "\n".join(browser_errors)
