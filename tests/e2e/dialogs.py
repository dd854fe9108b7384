"""Answering the questions the pages ask before a step that cannot be undone."""

from playwright.sync_api import expect


def answer_confirmation(page, *, yes=True):
    """Answer the dialog a ``data-confirm`` form opens in the page; returns its question."""
    dialog = page.locator("dialog.cp-confirm-dialog[open]")
    expect(dialog).to_be_visible()
    question = dialog.locator("[data-question]").inner_text()
    dialog.locator(f"button[value={'yes' if yes else 'no'}]").click()
    expect(dialog).to_have_count(0)
    return question


def confirm_decision(page):
    """Confirm a review decision whose checks have passed; returns what the dialog asked."""
    dialog = page.locator("#decision-confirm")
    expect(dialog).to_be_visible()
    question = dialog.locator("h3").inner_text()
    dialog.locator("input[name=confirmed] ~ button[type=submit]").click()
    return question
