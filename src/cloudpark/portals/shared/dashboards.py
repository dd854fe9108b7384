"""The dashboards mounted in the park and government portals: the charts of the parks in the
organisation's care, filtered by year, park and category in the address, with a drill-through
to the enterprise list and the whole board as one Excel workbook (``?format=xlsx``)."""

from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.core.excel import XLSX_CONTENT_TYPE
from cloudpark.core.forms import IdChoiceField
from cloudpark.dashboards import boards, cache, drill, exports, services
from cloudpark.orgs import choices
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.models import IndustryCategory, Park
from cloudpark.portals.base import Portal, PortalMixin
from cloudpark.portals.forms import FilterForm, use_choices


class DashboardFilterForm(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    park = IdChoiceField(
        queryset=Park.objects.none(), required=False, label=_("Park"), empty_label=_("All parks")
    )
    category = IdChoiceField(
        queryset=IndustryCategory.objects.filter(level=org_enums.CategoryLevel.MAJOR),
        required=False,
        label=_("Industry category"),
        empty_label=_("All categories"),
    )

    def __init__(self, *args, parks=None, years=(), by_category=True, shown_to=None, **kwargs):
        """``parks``: the parks to choose from, or a function giving them, called only when
        the address names a park or the kept choices are stale (``government_subtree``
        costs a query). ``shown_to``: the organisation whose page shows the form, its
        choices kept in the cache; without it the form only checks what the address holds."""
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
        self._parks = parks if callable(parks) else (lambda: parks)
        if parks is None:
            del self.fields["park"]
        elif not callable(parks) or (self.is_bound and self.data.get("park")):
            self.fields["park"].queryset = self._parks()
        if not by_category:
            del self.fields["category"]
        if shown_to is not None:
            self._use_cached_choices(shown_to)

    def _use_cached_choices(self, organization):
        if "park" in self.fields:
            field = self.fields["park"]
            use_choices(
                field,
                choices.cached_choices(
                    "dashboard-parks",
                    lambda: (
                        self._parks().only("pk", "kind", "name", "name_en").order_by("name", "pk")
                    ),
                    str,
                    scope=organization.pk,
                ),
            )
        if "category" in self.fields:
            field = self.fields["category"]
            use_choices(
                field,
                choices.cached_choices(
                    "major-categories", field.queryset, field.label_from_instance
                ),
            )


def board_response(view, request, board):
    """The board's page, or with ``?format=xlsx`` the board as one workbook; with
    ``&chart=<key>`` too, that chart alone (an unknown chart is a 404)."""
    view.board = board
    if request.GET.get("format") == "xlsx":
        charts, filename = board.charts, f"dashboard-{board.filters.year}.xlsx"
        key = request.GET.get("chart")
        if key:
            charts = [chart for chart in board.charts if chart.key == key]
            if not charts:
                raise Http404
            filename = f"dashboard-{board.filters.year}-{key}.xlsx"
        response = HttpResponse(
            exports.board_workbook(board, title=view.get_title(), charts=charts),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return TemplateView.get(view, request)


def filters_from(form, default_year):
    """The board's filters from a bound ``DashboardFilterForm``. A park outside the
    organisation's care is a 404, as its pages are."""
    if form.is_bound and not form.is_valid():
        if "park" in form.errors:
            raise Http404
        form.cleaned_data = {
            name: value for name, value in form.cleaned_data.items() if name not in form.errors
        }
    data = getattr(form, "cleaned_data", {})
    return boards.Filters(
        year=data.get("year") or default_year,
        park=data.get("park"),
        category=data.get("category"),
    )


class BoardView(PortalMixin, TemplateView):
    """A page showing the board ``board_response`` set, with its filters. Its key in the
    cache (``board_key``) keeps the rendered charts too: rendering them took most of a page
    whose board was kept."""

    template_name = "dashboards/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.get_title(),
            board=self.board,
            board_key=self.board_key,
            board_seconds=cache.BOARD_SECONDS,
            filter_form=self.filter_form,
        )
        return context


class DashboardView(BoardView):
    permission_required = "dashboards.view_dashboard"

    def get_title(self):
        if self.portal == Portal.PARK:
            return _("Park dashboard")
        return _("Zone dashboard")

    def drill(self, park=None, category=None):
        query = {}
        if park is not None and self.portal == Portal.GOVERNMENT:
            query["park"] = park.pk
        if category is not None:
            query["category"] = category.pk
        address = reverse(f"{self.portal}:enterprise_list")
        return f"{address}?{urlencode(query)}" if query else address

    def records(self, key, value):
        """The list of the records behind one bar of a live chart, under the board's filters;
        it shows only what the organisation may see."""
        if key not in drill.BAR_PARAMETERS:
            return ""
        return records_address(self.portal, key, value, self.filters)

    def get(self, request, *args, **kwargs):
        years = cache.cached_value("years", boards.stored_years) or [
            services.last_reportable_year()
        ]
        parks = (
            (lambda: org_selectors.parks_in_care_of(self.organization).order_by("name"))
            if self.portal == Portal.GOVERNMENT
            else None
        )
        self.filter_form = DashboardFilterForm(
            request.GET or None, parks=parks, years=years, shown_to=self.organization
        )
        self.filters = filters_from(self.filter_form, years[0])
        self.board_key = cache.board_key(
            "board", f"{self.portal}:{self.organization.pk}", self.filters
        )
        board = cache.cached(
            self.board_key,
            lambda: boards.build(
                self.organization, self.filters, drill=self.drill, records=self.records
            ),
        )
        return board_response(self, request, board)


def records_address(portal, key, value, filters):
    """The address of the records behind the bar ``value`` of the live chart ``key``, with
    the board's year, park and category: the list counts what the bar shows."""
    query = {"year": filters.year}
    if filters.park is not None and portal == Portal.GOVERNMENT:
        query["park"] = filters.park.pk
    if filters.category is not None:
        query["category"] = filters.category.pk
    # The bar's own parameter last: the events' bar is a year and replaces the board's.
    query[drill.BAR_PARAMETERS[key]] = value
    address = reverse(f"{portal}:dashboard_records", kwargs={"chart": key})
    return f"{address}?{urlencode(query)}"


class RecordsView(PortalMixin, TemplateView):
    """The records behind one bar of a live chart of the dashboard, read as the chart reads
    them, under the same filters. An unknown chart or a bar the chart cannot have is a 404,
    as is a park outside the organisation's care."""

    permission_required = "dashboards.view_dashboard"
    template_name = "dashboards/records.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.kwargs["chart"]
        if key not in drill.BAR_PARAMETERS:
            raise Http404
        parks = (
            org_selectors.parks_in_care_of(self.organization)
            if self.portal == Portal.GOVERNMENT
            else None
        )
        data = self.request.GET.copy()
        if key == "attendance":
            # The events' bar is a year of its own; the board's year does not narrow it.
            data.pop("year", None)
        form = DashboardFilterForm(data, parks=parks, years=_years(self.request))
        filters = filters_from(form, services.last_reportable_year())
        try:
            found = drill.records(
                self.organization, filters, key, self.request.GET.get(drill.BAR_PARAMETERS[key])
            )
        except drill.BadBar:
            raise Http404 from None
        back = reverse(f"{self.portal}:dashboard")
        query = {"year": self.request.GET.get("year", "")} if key != "attendance" else {}
        if filters.park is not None and parks is not None:
            query["park"] = filters.park.pk
        if filters.category is not None:
            query["category"] = filters.category.pk
        query = {name: value for name, value in query.items() if value}
        context.update(
            title=_("%(chart)s: %(bar)s") % {"chart": found.title, "bar": found.bar},
            records=found,
            filters=filters,
            back=f"{back}?{urlencode(query)}",
        )
        return context


def _years(request):
    """The board's year from the address as the filter form's one choice, when it is a year:
    a bar's list is not limited to the years in the figures store."""
    value = request.GET.get("year", "")
    return [int(value)] if value.isdigit() and 1900 <= int(value) <= 9999 else []


def urlpatterns_for(portal):
    assert portal in (Portal.PARK, Portal.GOVERNMENT)
    return [
        path("dashboard/", DashboardView.as_view(portal=portal), name="dashboard"),
        path(
            "dashboard/<slug:chart>/records/",
            RecordsView.as_view(portal=portal),
            name="dashboard_records",
        ),
    ]
