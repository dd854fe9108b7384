"""What every portal page shares: who is signed in, for which organisation, with which rights.

A portal page belongs to one portal (government, park, enterprise or the individual's own).
The organisation a user acts for is the active membership kept in the session; a user who
belongs to several organisations of a kind switches between them from the menu.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from cloudpark.core.errors import DomainError
from cloudpark.orgs import enums, selectors

ACTIVE_MEMBERSHIP_SESSION_KEY = "cloudpark_membership"


class Portal(models.TextChoices):
    GOVERNMENT = "government", _("Government portal")
    PARK = "park", _("Park portal")
    ENTERPRISE = "enterprise", _("Enterprise portal")
    INDIVIDUAL = "individual", _("My Cloud Park")


PORTAL_HOME = {
    Portal.GOVERNMENT: "government:home",
    Portal.PARK: "park:home",
    Portal.ENTERPRISE: "enterprise:home",
    Portal.INDIVIDUAL: "individual:home",
}
PORTAL_OF_KIND = {
    enums.OrganizationKind.GOVERNMENT: Portal.GOVERNMENT,
    enums.OrganizationKind.PARK: Portal.PARK,
    enums.OrganizationKind.ENTERPRISE: Portal.ENTERPRISE,
}


def portal_of(membership):
    return PORTAL_OF_KIND.get(membership.organization.kind, Portal.INDIVIDUAL)


def active_membership(request, portal):
    """The membership the user acts through in ``portal``: the one chosen in the menu if it
    belongs to that portal, else the first one that does (which then becomes the choice)."""
    kinds = [
        kind
        for kind in enums.OrganizationKind
        if PORTAL_OF_KIND.get(kind, Portal.INDIVIDUAL) == portal
    ]
    chosen = request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY)
    chosen_organization_id = next(
        (m.organization_id for m in selectors.memberships_of(request.user) if m.pk == chosen), None
    )
    membership = selectors.acting_membership(request.user, kinds, chosen_organization_id)
    if membership is not None and membership.pk != chosen:
        request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
    return membership


class PortalMixin:
    """Sign-in, the active organisation, and one named permission checked against it.

    Anonymous visitors are sent to sign in; a user without a membership in this portal, or
    without ``permission_required`` in the active organisation, gets a 403. Objects are fetched
    through selectors that start from the organisation, so another organisation's object is a
    404 before any permission is asked.
    """

    portal = None
    permission_required = "orgs.act_for_organization"
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.membership = None
        self.organization = None
        if self.portal != Portal.INDIVIDUAL:
            self.membership = active_membership(request, self.portal)
            if self.membership is None:
                raise PermissionDenied(_("You do not belong to an organisation of this portal."))
            self.organization = selectors.organization_as_kind(self.membership.organization)
            request.cloudpark_membership = self.membership
        if self.permission_required and not request.user.has_perm(
            self.permission_required, self.get_permission_object()
        ):
            raise PermissionDenied(_("Your role in this organisation does not allow this."))
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.organization

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            portal=self.portal,
            organization=self.organization,
            membership=self.membership,
            title=self.title,
        )
        return context


class GovernmentMixin(PortalMixin):
    portal = Portal.GOVERNMENT


class ParkMixin(PortalMixin):
    portal = Portal.PARK


class EnterpriseMixin(PortalMixin):
    portal = Portal.ENTERPRISE


class IndividualMixin(PortalMixin):
    portal = Portal.INDIVIDUAL
    permission_required = None


class PortalPage(PortalMixin, TemplateView):
    pass


def add_domain_error(form, error):
    """Show a service's refusal on ``form``: at the field the error names when the form has
    it, else above the form. A form whose fields are named apart from the service's keys
    (the programme's questions) maps them with ``field_for(key)``."""
    field_for = getattr(form, "field_for", None)
    name = field_for(error.field) if field_for is not None else error.field
    form.add_error(name if name in form.fields else None, str(error))


class ServiceFormMixin:
    """``form_valid`` calls one service through ``perform``; a ``DomainError`` becomes a
    message on the form (at its field when it names one) and nothing is changed."""

    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                result = self.perform(form)
        except DomainError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))

    def get_success_url(self, result):
        raise NotImplementedError


class RowsMixin:
    """A list whose filters re-render only its rows: an htmx request aimed at ``list-rows``
    gets ``rows_template_name`` instead of the whole page."""

    rows_template_name = None

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.htmx.target == "list-rows":
            return [self.rows_template_name]
        return super().get_template_names()


class ListMixin(RowsMixin):
    """Pagination and filters for list pages; ``?format=xlsx`` exports what the list shows."""

    paginate_by = 25
    filter_form_class = None
    export_filename = "export.xlsx"

    def get_filter_form(self):
        if self.filter_form_class is None:
            return None
        return self.filter_form_class(self.request.GET or None, **self.get_filter_form_kwargs())

    def get_filter_form_kwargs(self):
        return {}

    def filters(self):
        form = self.filter_form
        if form is None or not form.is_bound or not form.is_valid():
            return {}
        # The search box is ``q`` in the address; the selectors call it ``query``.
        return {
            ("query" if key == "q" else key): value
            for key, value in form.cleaned_data.items()
            if value
        }

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        queryset = self.get_queryset()
        if request.GET.get("format") == "xlsx":
            return self.export(queryset)
        self.page = Paginator(queryset, self.paginate_by).get_page(request.GET.get("page"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, page=self.page, rows=self.page.object_list)
        return context

    def export(self, queryset):
        """Lists without an Excel form have none."""
        raise Http404


def file_response(field_file, *, filename=None, content_type=None, as_attachment=True):
    """An uploaded file streamed back: saved as ``filename`` (the name it was uploaded
    under) or, with ``as_attachment=False``, shown in the browser."""
    kwargs = {"content_type": content_type} if content_type else {}
    return FileResponse(
        field_file.open("rb"), as_attachment=as_attachment, filename=filename or "", **kwargs
    )


class FileDownloadView(View):
    """Streams the uploaded file that ``get_file_object`` fetches through a selector (so
    another organisation's file is a 404). The object keeps the file in ``file`` and its
    name in ``original_name``; ``content_type`` is sent when the object records one."""

    def get_file_object(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        stored = self.get_file_object()
        return file_response(
            stored.file,
            filename=stored.original_name,
            content_type=getattr(stored, "content_type", None),
        )
