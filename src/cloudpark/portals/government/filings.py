"""The government portal's drama filings: the filings a bureau reviews (the review itself
happens in the review room) and the numbers it issued, which its chief may revoke."""

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.core.ranges import ranged_file_response
from cloudpark.filings import forms, reference, screening, selectors, services
from cloudpark.portals.base import (
    FileDownloadView,
    GovernmentMixin,
    ListMixin,
    PortalPage,
    ServiceFormMixin,
)
from cloudpark.portals.forms import FilterForm


class FilingsMixin(GovernmentMixin):
    permission_required = "filings.view_reviewed"


class FilingFilterForm(FilterForm):
    """The month a filing was submitted in, as a dashboard's bar gives it."""

    month = django_forms.RegexField(
        label=_("Submitted in (year-month)"), regex=r"^\d{4}-\d{2}$", required=False
    )


class FilingListView(FilingsMixin, ListMixin, TemplateView):
    template_name = "filings/government/filing_list.html"
    rows_template_name = "filings/_filing_rows.html"
    title = _("Drama filings reviewed")
    filter_form_class = FilingFilterForm

    def get_queryset(self):
        filings = selectors.planning_filings_reviewed_by(self.organization)
        month = self.filters().get("month")
        if month:
            year, number = (int(part) for part in month.split("-"))
            filings = filings.filter(submitted_on__year=year, submitted_on__month=number)
        return filings.order_by("-submitted_on", "-pk")


class FilingDetailView(FilingsMixin, PortalPage):
    template_name = "filings/government/filing_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing = selectors.get_planning_for_government(self.organization, self.kwargs["pk"])
        context.update(
            filing=filing,
            title=str(filing),
            case=filing.review_case,
            history=audit.history_of(filing)[:50],
        )
        return context


class MaterialDownloadView(FilingsMixin, FileDownloadView):
    def get_file_object(self):
        return selectors.get_material_for_government(self.organization, self.kwargs["pk"])


class NumberListView(FilingsMixin, ListMixin, TemplateView):
    template_name = "filings/government/number_list.html"
    rows_template_name = "filings/government/_number_rows.html"
    title = _("Numbers issued")

    def get_queryset(self):
        return selectors.numbers_issued_by(self.organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_revoke"] = self.request.user.has_perm(
            "filings.revoke_number", self.organization
        )
        return context


class RevokeNumberView(FilingsMixin, ServiceFormMixin, FormView):
    permission_required = "filings.revoke_number"
    template_name = "filings/government/number_revoke.html"
    form_class = forms.RevokeForm
    success_message = _("The number is revoked; the public archive shows it so.")

    def get_number(self):
        return selectors.get_number_for_government(self.organization, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = self.get_number()
        context.update(number=number, title=_("Revoke %(number)s") % {"number": number.number})
        return context

    def perform(self, form):
        return services.revoke_number(
            self.get_number(),
            actor=self.request.user,
            government=self.organization,
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self, result):
        return reverse("government:filing_number_list")


class ScreeningMixin(FilingsMixin, ServiceFormMixin):
    """The screening room of a release filing: the film with the viewer's watermark, the
    checklist, the time-coded comments and what changed since the last cut."""

    template_name = "filings/government/screening.html"

    def get_release(self):
        if getattr(self, "release", None) is None:
            self.release = selectors.get_release_for_government(
                self.organization, self.kwargs["pk"]
            )
        return self.release

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.get_release()
        user = self.request.user
        now = timezone.now()
        excluded = screening.exclusion_of(user, release)
        may_review = not excluded and screening.reviews_now(user, release, self.organization)
        session = None if excluded else selectors.active_session(user, release, now=now)
        form = context.get("form")
        comments = screening.comments_for(user, release) if not excluded else None
        context.update(
            release=release,
            title=_("Screening room: %(title)s") % {"title": release},
            case=release.review_case,
            excluded=excluded,
            may_review=may_review,
            session=session,
            ended=(
                None if excluded or session is not None else selectors.last_session(user, release)
            ),
            cut=selectors.latest_cut(release),
            changes=screening.cut_changes(release) if not excluded else None,
            comments=comments,
            checklist=[
                (key, name, label) for key, (name, label) in reference.PROHIBITED_CONTENT.items()
            ],
            session_minutes=int(screening.session_length().total_seconds() // 60),
            comment_form=form
            if isinstance(form, forms.TimedCommentForm)
            else forms.TimedCommentForm(),
            open_form=form if isinstance(form, forms.ConfirmForm) else forms.ConfirmForm(),
        )
        if session is not None:
            context["watermark"] = {
                "name": user.name or user.email,
                "organization": str(self.organization),
                "until": session.expires_at.isoformat(),
            }
        return context

    def get_success_url(self, result):
        return reverse("government:release_screening", args=[self.get_release().pk])


class ScreeningView(ScreeningMixin, FormView):
    """The page, and a comment posted from it."""

    form_class = forms.TimedCommentForm
    success_message = _("Your comment is recorded.")

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("filings.screen", self.organization):
            raise PermissionDenied(_("Your role in this organisation does not allow this."))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return screening.add_timed_comment(
            self.get_release(),
            author=self.request.user,
            organization=self.organization,
            **form.cleaned_data,
        )


class OpenViewingView(ScreeningMixin, FormView):
    permission_required = "filings.screen"
    form_class = forms.ConfirmForm
    success_message = _("The viewing session is open.")
    http_method_names = ["post"]

    def perform(self, form):
        return screening.open_viewing_session(
            self.get_release(), viewer=self.request.user, organization=self.organization
        )


class FilmStreamView(FilingsMixin, View):
    """The film of the user's own viewing session, in byte ranges, while the session lasts:
    410 after it, 403 to an excluded reviewer."""

    def get(self, request, *args, **kwargs):
        session = selectors.get_viewing_session(request.user, self.kwargs["pk"])
        if session.organization_id != self.organization.pk:
            return HttpResponse(status=404)
        try:
            cut = screening.stream_session(
                session, viewer=request.user, byte_range=request.headers.get("Range", "")
            )
        except screening.ViewingExpired as error:
            return HttpResponse(str(error), status=410, content_type="text/plain; charset=utf-8")
        except DomainError as error:
            return HttpResponse(str(error), status=403, content_type="text/plain; charset=utf-8")
        return ranged_file_response(request, cut.file, content_type=cut.content_type)


urlpatterns = [
    path("filings/", FilingListView.as_view(), name="filing_list"),
    path("filings/<int:pk>/", FilingDetailView.as_view(), name="filing_detail"),
    path(
        "filings/materials/<int:pk>/",
        MaterialDownloadView.as_view(),
        name="filing_material_download",
    ),
    path("filings/numbers/", NumberListView.as_view(), name="filing_number_list"),
    path(
        "filings/numbers/<int:pk>/revoke/", RevokeNumberView.as_view(), name="filing_number_revoke"
    ),
    path("filings/releases/<int:pk>/screening/", ScreeningView.as_view(), name="release_screening"),
    path(
        "filings/releases/<int:pk>/screening/open/",
        OpenViewingView.as_view(),
        name="release_screening_open",
    ),
    path("filings/screenings/<int:pk>/film/", FilmStreamView.as_view(), name="screening_film"),
]
