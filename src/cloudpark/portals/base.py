"""What every portal page shares: who is signed in, for which organisation, with which rights.

A portal page belongs to one portal (government, park, enterprise or the individual's own).
The organisation a user acts for is the active membership kept in the session; a user who
belongs to several organisations of a kind switches between them from the menu.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from django_htmx.http import HttpResponseClientRefresh

from cloudpark.core import exports as queued_exports
from cloudpark.core import search
from cloudpark.core.errors import DomainError
from cloudpark.orgs import enums, selectors
from cloudpark.portals.forms import valid_filters

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


# A list counts its rows up to this many; beyond, it says "more than" this.
COUNT_CAP = 10000


class CappedCount:
    """How many rows a list holds, counted no further than ``cap`` so that a list of a
    million rows costs no more to count than one of ten thousand."""

    def __init__(self, queryset, cap=None):
        cap = COUNT_CAP if cap is None else cap
        self.count = queryset.order_by().values("pk")[: cap + 1].count()
        self.more = self.count > cap
        if self.more:
            self.count = cap

    @classmethod
    def known(cls, count, more=False):
        """A count already known (a stored total), not read from the list's rows."""
        counted = cls.__new__(cls)
        counted.count, counted.more = count, more
        return counted


def _cursor_of(row):
    """``name~pk`` of a row, in the address of the next or previous page."""
    return urlsafe_base64_encode(json.dumps([row.name, row.pk], ensure_ascii=False).encode())


def _read_cursor(cursor):
    try:
        name, pk = json.loads(urlsafe_base64_decode(cursor))
    except (ValueError, TypeError):
        return None
    if not isinstance(name, str) or not isinstance(pk, int) or not 0 < pk < 2**63:
        return None
    return name, pk


class KeysetPage:
    """A page of a list in (name, pk) order read from where the previous page ended
    (``?after=``) or before where the next one began (``?before=``), never by skipping
    rows (``OFFSET``): the thousandth page costs what the first does. It offers what the
    pagination and the rows templates read of Django's page: ``object_list``,
    ``has_next``/``has_previous``, and ``paginator.count`` (capped: ``paginator.more``).
    A list whose total is known without counting its rows gives it as ``total``, a
    ``(count, more)`` pair."""

    keyset = True

    def __init__(self, queryset, per_page, *, after=None, before=None, total=None):
        self._whole = queryset
        self._counted = None if total is None else CappedCount.known(*total)
        after, before = _read_cursor(after or ""), _read_cursor(before or "")
        if before is not None:
            name, pk = before
            rows = list(
                queryset.filter(
                    Q(name__lt=name) | Q(name=name, pk__lt=pk), name__lte=name
                ).order_by("-name", "-pk")[: per_page + 1]
            )
            self._has_previous = len(rows) > per_page
            self._has_next = True
            self.object_list = rows[:per_page][::-1]
        else:
            if after is not None:
                name, pk = after
                # The plain bound lets any database start the name index at the cursor.
                queryset = queryset.filter(
                    Q(name__gt=name) | Q(name=name, pk__gt=pk), name__gte=name
                )
            rows = list(queryset.order_by("name", "pk")[: per_page + 1])
            self._has_previous = after is not None
            self._has_next = len(rows) > per_page
            self.object_list = rows[:per_page]
        self.paginator = self

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self._has_previous

    def has_other_pages(self):
        return self._has_next or self._has_previous

    @property
    def next_cursor(self):
        return _cursor_of(self.object_list[-1]) if self._has_next and self.object_list else ""

    @property
    def previous_cursor(self):
        return _cursor_of(self.object_list[0]) if self._has_previous and self.object_list else ""

    def _count(self):
        if self._counted is None:
            self._counted = CappedCount(self._whole)
        return self._counted

    @property
    def count(self):
        return self._count().count

    @property
    def more(self):
        return self._count().more

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


class ListMixin(RowsMixin):
    """Pagination and filters for list pages; ``?format=xlsx`` exports what the list shows.

    A list in (name, pk) order of rows that can run to millions sets ``keyset = True``: its
    pages are read by ``KeysetPage`` (``?after=``/``?before=``) and its total is capped.
    Searched (``ranked()`` gives an answer), such a list shows its matches most relevant
    first instead, by page number (``core.search.RankedPaginator``)."""

    paginate_by = 25
    filter_form_class = None
    export_filename = "export.xlsx"
    keyset = False

    def get_filter_form(self):
        if self.filter_form_class is None:
            return None
        return self.filter_form_class(self.request.GET or None, **self.get_filter_form_kwargs())

    def get_filter_form_kwargs(self):
        return {}

    def filters(self):
        form = self.filter_form
        if form is None:
            return {}
        # The search box is ``q`` in the address; the selectors call it ``query``.
        return {
            ("query" if key == "q" else key): value
            for key, value in valid_filters(form).items()
            if value
        }

    def get(self, request, *args, **kwargs):
        self.filter_form = self.get_filter_form()
        queryset = self.get_queryset()
        if request.GET.get("format") == "xlsx":
            return self.export(queryset)
        ranked = self.ranked() if self.keyset else None
        if ranked is not None:
            self.page = search.RankedPaginator(ranked, self.paginate_by, self.ranked_rows).get_page(
                request.GET.get("page")
            )
        elif self.keyset:
            self.page = KeysetPage(
                self.shown(queryset),
                self.paginate_by,
                after=request.GET.get("after"),
                before=request.GET.get("before"),
                total=self.stored_total(),
            )
        else:
            self.page = Paginator(self.shown(queryset), self.paginate_by).get_page(
                request.GET.get("page")
            )
        return super().get(request, *args, **kwargs)

    def stored_total(self):
        """A keyset list's ``(count, more)`` when it is known without counting the rows (a
        stored total); None to count them, capped at ``COUNT_CAP``."""
        return None

    def ranked(self):
        """A searched keyset list's matches, most relevant first (a selector's answer, see
        ``core.search.RankedPaginator``); None when the list is not searched."""
        return None

    def ranked_rows(self, ids):
        """The rows of ``ids``, as a page of the searched list shows them."""
        raise NotImplementedError

    def shown(self, queryset):
        """The list's rows as a page reads them (an export reads ``get_queryset()`` whole):
        a list of many rows narrows them to the columns it shows."""
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, page=self.page, rows=self.page.object_list)
        return context

    def export(self, queryset):
        """Lists without an Excel form have none."""
        raise Http404


class ProgressPollMixin:
    """The page of something the task worker is busy with: its progress partial asks again
    every two seconds with htmx, aimed at ``progress_target``, and gets the partial again
    while the work is in progress, then a reload of the whole page with the result."""

    progress_target = None
    progress_template_name = None
    progress_object_name = None

    def get_progress_object(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if getattr(request, "htmx", False) and request.htmx.target == self.progress_target:
            busy = self.get_progress_object()
            if not busy.in_progress:
                return HttpResponseClientRefresh()
            return render(request, self.progress_template_name, {self.progress_object_name: busy})
        return super().get(request, *args, **kwargs)


class QueuedExportMixin:
    """The Excel export of a list that can run to millions of rows, for a ``ListMixin``.

    Up to ``EXPORT_INLINE_ROWS`` rows (counted no further), the workbook comes in the
    response (``export_now``), which writes nothing and so may follow a link. Beyond, no
    request writes it: a POST (the list's export button, a form with the CSRF token and the
    list's filters in its address) from a signed-in person queues an export of kind
    ``export_kind`` for the task worker, with the organisation they act for, and takes them
    to its progress page. A GET past the threshold queues nothing: it asks the person to
    confirm with that POST, or asks an anonymous visitor to sign in or narrow the filters."""

    export_kind = None

    def export(self, queryset):
        response = self._export_without_queueing(queryset)
        if response is not None:
            return response
        return TemplateResponse(
            self.request,
            "portals/export_confirm.html",
            {"limit": settings.EXPORT_INLINE_ROWS, "list_path": self._list_path()},
        )

    def post(self, request, *args, **kwargs):
        if request.GET.get("format") != "xlsx":
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.filter_form = self.get_filter_form()
        queryset = self.get_queryset()
        response = self._export_without_queueing(queryset)
        if response is not None:
            return response
        export = queued_exports.request_export(
            self.export_kind,
            user=request.user,
            organization=getattr(self, "organization", None),
            filters=queued_exports.plain_filters(self.filters()),
        )
        return redirect("individual:export_detail", pk=export.pk)

    def _export_without_queueing(self, queryset):
        """The workbook itself for a short list, the page asking an anonymous visitor to sign
        in or narrow a long one; None when the export has to be queued."""
        if not CappedCount(queryset, cap=settings.EXPORT_INLINE_ROWS).more:
            return self.export_now(queryset)
        if not self.request.user.is_authenticated:
            return TemplateResponse(
                self.request,
                "portals/export_too_large.html",
                {"limit": settings.EXPORT_INLINE_ROWS, "list_path": self._list_path()},
            )
        return None

    def _list_path(self):
        """The list with the same filters, shown rather than exported."""
        query = self.request.GET.copy()
        query.pop("format", None)
        encoded = query.urlencode()
        return f"{self.request.path}?{encoded}" if encoded else self.request.path

    def export_now(self, queryset):
        raise NotImplementedError


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
