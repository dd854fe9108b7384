"""The public side of the awards: each scheme's entries on notice, its results with the
answered objections, and the verify page of every certificate (with its JSON)."""

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.awards import certificates, selectors
from cloudpark.portals.base import ListMixin


class SchemeListView(ListMixin, TemplateView):
    template_name = "awards/public/scheme_list.html"
    rows_template_name = "awards/public/_scheme_rows.html"

    def get_queryset(self):
        return selectors.public_schemes()


class SchemeMixin:
    def get_scheme(self):
        if not hasattr(self, "scheme"):
            self.scheme = selectors.get_public_scheme(self.kwargs["pk"])
        return self.scheme


class EntryNoticeView(SchemeMixin, ListMixin, TemplateView):
    """The entries shown publicly before they go to the jury."""

    template_name = "awards/public/entry_notice.html"
    rows_template_name = "awards/public/_notice_rows.html"
    paginate_by = 100

    def get_queryset(self):
        return selectors.entries_on_notice(self.get_scheme())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(scheme=self.get_scheme(), title=_("Entries on public notice"))
        return context


class ResultsView(SchemeMixin, TemplateView):
    """The honour list, on notice with the objection channel, then final and kept."""

    template_name = "awards/public/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scheme = self.get_scheme()
        context.update(
            scheme=scheme,
            title=scheme.display_title,
            honours=selectors.honour_list(scheme),
            objections=selectors.answered_objections(scheme),
        )
        return context


class CertificateView(TemplateView):
    """What a verifier needs: the work, the holder, the level, the issuer, the date and the
    status. A revoked certificate answers 410 Gone."""

    template_name = "awards/public/certificate.html"

    def get(self, request, *args, **kwargs):
        certificate = selectors.get_certificate(self.kwargs["number"])
        context = self.get_context_data(
            certificate=certificate,
            title=certificate.number,
            seal_checks=certificates.seal_matches(certificate, request.GET.get("seal", "")),
        )
        return self.render_to_response(context, status=410 if certificate.is_revoked else 200)


def certificate_pdf(request, number):
    """The printable certificate; a revoked one is gone."""
    certificate = selectors.get_certificate(number)
    if certificate.is_revoked:
        return HttpResponse(status=410)
    try:
        content = certificates.certificate_pdf(certificate)
    except certificates.FontMissing as error:
        # The verify page and its JSON still answer; only the printable copy waits.
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    return response


def certificate_json(request, number):
    certificate = selectors.get_certificate(number)
    return JsonResponse(
        certificates.as_json(certificate), status=410 if certificate.is_revoked else 200
    )


urlpatterns = [
    path("awards/", SchemeListView.as_view(), name="award_scheme_list"),
    path("awards/<int:pk>/entries/", EntryNoticeView.as_view(), name="award_entry_notice"),
    path("awards/<int:pk>/results/", ResultsView.as_view(), name="award_results"),
    path("verify/awards/<str:number>/", CertificateView.as_view(), name="award_certificate"),
    path("verify/awards/<str:number>.json", certificate_json, name="award_certificate_json"),
    path("verify/awards/<str:number>.pdf", certificate_pdf, name="award_certificate_pdf"),
]
