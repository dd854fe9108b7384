"""The public archive of drama filings: a page per monthly notice and per title, kept for
ever; look-up by number or title; and the JSON answer platforms ask to verify a number."""

from datetime import date

from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from cloudpark.filings import enums, exports, reference, selectors
from cloudpark.filings.forms import LookUpForm
from cloudpark.filings.verification import verification_of
from cloudpark.portals.base import ListMixin


def _month(year, month):
    try:
        return date(int(year), int(month), 1)
    except ValueError:
        raise Http404 from None


class NoticeListView(TemplateView):
    template_name = "filings/public/notice_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("Drama filing notices"), months=selectors.notice_months())
        return context


class NoticeDetailView(ListMixin, TemplateView):
    """One month's notice: the works, and the month counted the regulator's way."""

    template_name = "filings/public/notice_detail.html"
    rows_template_name = "filings/public/_notice_rows.html"
    paginate_by = 200

    def get_month(self):
        return _month(self.kwargs["year"], self.kwargs["month"])

    def get_queryset(self):
        return selectors.filings_in_notice(self.get_month())

    def export(self, queryset):
        return exports.export_notice(self.get_month(), queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = self.get_month()
        statistics = [
            (
                enums.DramaKind(kind).label,
                [
                    (
                        reference.ERAS[era][0] if era else "",
                        (reference.SUBJECTS | reference.ANIMATION_SUBJECTS).get(
                            subject, (subject,)
                        )[0],
                        works,
                        episodes,
                        percent,
                    )
                    for era, subject, works, episodes, percent in rows
                ],
            )
            for kind, rows in selectors.monthly_statistics(month).items()
        ]
        context.update(
            month=month,
            title=_t("Drama filing notice, %(month)s") % {"month": f"{month:%Y-%m}"},
            statistics=statistics,
        )
        return context


class TitleDetailView(TemplateView):
    template_name = "filings/public/title_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filing = selectors.get_public_filing(self.kwargs["pk"])
        context.update(filing=filing, title=str(filing))
        return context


class LookUpView(ListMixin, TemplateView):
    template_name = "filings/public/look_up.html"
    rows_template_name = "filings/public/_notice_rows.html"
    filter_form_class = LookUpForm
    title = _("Look up a number or a title")

    def get_queryset(self):
        return selectors.look_up(self.filters().get("query", ""))


class VerifyView(View):
    """``?number=``: 200 with what it covers while valid, 410 once revoked, 404 when no such
    number was ever issued. Superseded numbers answer 200 with ``valid: false``."""

    def get(self, request):
        number = selectors.find_number(request.GET.get("number", ""))
        if number is None:
            return JsonResponse(
                {"number": request.GET.get("number", ""), "real": False}, status=404
            )
        status = 410 if number.status == enums.NumberStatus.REVOKED else 200
        return JsonResponse(
            verification_of(number), status=status, json_dumps_params={"ensure_ascii": False}
        )


urlpatterns = [
    path("filings/notices/", NoticeListView.as_view(), name="filing_notice_list"),
    path(
        "filings/notices/<int:year>/<int:month>/",
        NoticeDetailView.as_view(),
        name="filing_notice_detail",
    ),
    path("filings/titles/<int:pk>/", TitleDetailView.as_view(), name="filing_title"),
    path("filings/look-up/", LookUpView.as_view(), name="filing_look_up"),
    path("filings/verify/", VerifyView.as_view(), name="filing_verify"),
]
