"""A person's API tokens: made, listed and revoked under their own profile."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from cloudpark.accounts import forms, selectors, services
from cloudpark.core.errors import DomainError
from cloudpark.portals.base import IndividualMixin, add_domain_error

# Where a new token's secret waits for the one page that shows it.
NEW_SECRET_KEY = "cloudpark.new_api_token"


class ApiTokenListView(IndividualMixin, FormView):
    """The person's tokens, and a form for a new one. A new secret waits in the session for
    the page the form redirects to, which shows it once and forgets it: reloading that page
    neither shows it again nor makes another token."""

    template_name = "portals/individual/api_tokens.html"
    form_class = forms.ApiTokenForm
    title = _("API tokens")

    def get(self, request, *args, **kwargs):
        created = request.session.pop(NEW_SECRET_KEY, None)
        response = self.render_to_response(self.get_context_data(**self._created(created)))
        if created:
            add_never_cache_headers(response)
        return response

    def _created(self, created):
        if not created:
            return {}
        token = selectors.api_tokens_of(self.request.user).filter(pk=created["token"]).first()
        return {"created": token, "secret": created["secret"]} if token else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tokens"] = selectors.api_tokens_of(self.request.user)
        context["token_days"] = settings.API_TOKEN_DAYS
        return context

    def form_valid(self, form):
        try:
            token, secret = services.create_api_token(
                self.request.user, actor=self.request.user, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        self.request.session[NEW_SECRET_KEY] = {"token": token.pk, "secret": secret}
        return redirect("individual:api_tokens")


class ApiTokenRevokeView(IndividualMixin, View):
    """Ends one of the person's own tokens; another person's is not found."""

    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(selectors.api_tokens_of(request.user), pk=pk)
        services.revoke_api_token(token, actor=request.user)
        messages.success(request, _("The token is revoked: it no longer opens the API."))
        return redirect("individual:api_tokens")


urlpatterns = [
    path("tokens/", ApiTokenListView.as_view(), name="api_tokens"),
    path("tokens/<int:pk>/revoke/", ApiTokenRevokeView.as_view(), name="api_token_revoke"),
]
