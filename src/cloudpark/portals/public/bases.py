"""The public list of accredited bases, by level and batch, as the provinces publish them."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cloudpark.bases import enums, selectors
from cloudpark.core.i18n import localized
from cloudpark.orgs.forms import RegionChoiceField, regions_in_use
from cloudpark.portals.base import ListMixin
from cloudpark.portals.forms import FilterForm, SearchField, use_choices
from cloudpark.portals.shared.directory import region_choices


class BaseFilterForm(FilterForm):
    q = SearchField()
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *enums.RoundLevel.choices], required=False, label=_("Level")
    )
    batch = forms.ChoiceField(required=False, label=_("Batch"))
    region = RegionChoiceField(
        queryset=regions_in_use().none(),
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].choices = [
            ("", _("All batches")),
            *(
                (batch, localized(batch, batch_en))
                for batch, batch_en in selectors.current_batches()
            ),
        ]
        self.fields["region"].queryset = regions_in_use()
        use_choices(self.fields["region"], region_choices())


class BaseListView(ListMixin, TemplateView):
    template_name = "bases/public/base_list.html"
    rows_template_name = "bases/public/_base_rows.html"
    filter_form_class = BaseFilterForm
    # A batch is read whole: one page holds every base of the province's lists.
    paginate_by = 200

    def get_queryset(self):
        return selectors.filter_accreditations(selectors.current_accreditations(), **self.filters())


urlpatterns = [path("bases/", BaseListView.as_view(), name="base_list")]
