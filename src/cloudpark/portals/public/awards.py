"""The public side of the awards: each scheme's entries on notice, its results with the
answered objections, and the verify page of every certificate (with its JSON)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cloudpark.awards import certificates, forms, selectors, services
from cloudpark.portals.base import ListMixin, ServiceFormMixin


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
            objectable=selectors.objectable_entries(scheme),
        )
        return context


class ObjectionCreateView(ServiceFormMixin, FormView):
    """The public objection form of a judged work while its scheme's results are on notice:
    signed and specific, answered by the organisers; the objector gets a tracking reference."""

    template_name = "awards/public/objection_form.html"
    form_class = forms.PublicObjectionForm

    def get_entry(self):
        if not hasattr(self, "entry"):
            self.entry = selectors.get_objectable_entry(self.kwargs["pk"])
        return self.entry

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.get_entry()
        context.update(entry=entry, scheme=entry.scheme, title=_("Object to a result"))
        return context

    def perform(self, form):
        return services.raise_objection(
            self.get_entry(),
            actor=self.request.user,
            public=True,
            **form.cleaned_data,
        )

    def get_success_url(self, result):
        self.request.session["award_objection_filed"] = result.reference
        return reverse("public:award_objection_filed", args=[result.reference])


class ObjectionFiledView(TemplateView):
    """Shows the tracking reference once, to whoever has just sent the objection."""

    template_name = "awards/public/objection_filed.html"

    def get(self, request, *args, **kwargs):
        if request.session.get("award_objection_filed") != self.kwargs["reference"]:
            return redirect(reverse("public:award_objection_status"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reference=self.kwargs["reference"], title=_("Objection received"))
        return context


class ObjectionStatusView(FormView):
    """An objection followed by its reference and the contact given with it; the contact
    shows masked."""

    template_name = "awards/public/objection_status.html"
    form_class = forms.ObjectionLookupForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        found = None
        if form.is_bound and form.is_valid():
            found = selectors.get_objection_status(
                form.cleaned_data["reference"], form.cleaned_data["contact"]
            )
        return self.render_to_response(
            self.get_context_data(form=form, found=found, title=_("Follow an objection"))
        )


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
    path(
        "awards/entries/<int:pk>/objection/",
        ObjectionCreateView.as_view(),
        name="award_objection_create",
    ),
    path(
        "awards/objections/<str:reference>/received/",
        ObjectionFiledView.as_view(),
        name="award_objection_filed",
    ),
    path("awards/objections/", ObjectionStatusView.as_view(), name="award_objection_status"),
]
