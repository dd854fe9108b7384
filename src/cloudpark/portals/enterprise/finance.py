"""The enterprise portal's financing: its needs with the products that fit them and for which
it qualifies (with the reasons), its introductions, and the data rooms it opens to one
institution for a limited time."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.finance import exports, selectors, services
from cloudpark.finance.forms import DataRoomForm, IntroductionRequestForm, NeedForm
from cloudpark.portals.base import EnterpriseMixin, ListMixin, ServiceFormMixin
from cloudpark.portals.shared.finance import IntroductionFilterForm


class NeedListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "finance.view_financing"
    template_name = "finance/enterprise/need_list.html"
    rows_template_name = "finance/enterprise/_need_rows.html"
    title = _("Financing")

    def get_queryset(self):
        return selectors.needs_of(self.organization).order_by("-created_at", "-id")


class NeedCreateView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "finance.manage_financing"
    template_name = "finance/enterprise/need_form.html"
    form_class = NeedForm
    title = _("Publish a financing need")
    success_message = _("The need is published. The products that fit it are listed below.")

    def perform(self, form):
        return services.publish_need(
            self.organization, actor=self.request.user, values=form.values()
        )

    def get_success_url(self, result):
        return reverse("enterprise:finance_need_detail", args=[result.pk])


class NeedDetailView(EnterpriseMixin, TemplateView):
    permission_required = "finance.view_financing"
    template_name = "finance/enterprise/need_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        need = selectors.get_need_for(self.organization, self.kwargs["pk"])
        context.update(
            need=need,
            title=_("Financing need"),
            matches=selectors.products_for_need(need) if need.is_live else [],
            introductions=list(selectors.introductions_of(self.organization).filter(need=need)),
            can_manage=self.request.user.has_perm("finance.manage_financing", self.organization),
            request_form=IntroductionRequestForm(),
            history=audit.history_of(need),
        )
        return context


class NeedCloseView(EnterpriseMixin, View):
    permission_required = "finance.manage_financing"
    http_method_names = ["post"]

    def post(self, request, pk):
        need = selectors.get_need_for(self.organization, pk)
        services.close_need(need, actor=request.user)
        messages.success(request, _("The need is closed."))
        return redirect("enterprise:finance_need_detail", pk=need.pk)


class IntroductionRequestView(EnterpriseMixin, View):
    permission_required = "finance.manage_financing"
    http_method_names = ["post"]

    def post(self, request, pk, product_pk):
        need = selectors.get_need_for(self.organization, pk)
        product = selectors.get_public_product(product_pk)
        form = IntroductionRequestForm(request.POST)
        message = form.cleaned_data["message"] if form.is_valid() else ""
        try:
            introduction = services.request_introduction(
                need, product, actor=request.user, message=message
            )
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("enterprise:finance_need_detail", pk=need.pk)
        messages.success(request, _("The introduction is sent to the institution."))
        return redirect("enterprise:finance_introduction_detail", pk=introduction.pk)


class IntroductionListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "finance.view_financing"
    template_name = "finance/enterprise/introduction_list.html"
    rows_template_name = "finance/enterprise/_introduction_rows.html"
    filter_form_class = IntroductionFilterForm
    title = _("Introductions")

    def get_queryset(self):
        return selectors.filter_introductions(
            selectors.introductions_of(self.organization), **self.filters()
        ).order_by("-created_at", "-id")

    def export(self, queryset):
        return exports.export_introductions(queryset)


class IntroductionDetailView(EnterpriseMixin, TemplateView):
    permission_required = "finance.view_financing"
    template_name = "finance/enterprise/introduction_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        introduction = selectors.get_introduction_for_enterprise(
            self.organization, self.kwargs["pk"]
        )
        context.update(
            introduction=introduction,
            title=introduction.product.display_name,
            can_manage=self.request.user.has_perm("finance.manage_financing", self.organization),
            history=audit.history_of(introduction),
        )
        return context


class IntroductionWithdrawView(EnterpriseMixin, View):
    permission_required = "finance.manage_financing"
    http_method_names = ["post"]

    def post(self, request, pk):
        introduction = selectors.get_introduction_for_enterprise(self.organization, pk)
        try:
            services.withdraw_introduction(introduction, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The introduction is withdrawn."))
        return redirect("enterprise:finance_introduction_detail", pk=introduction.pk)


class DataRoomListView(EnterpriseMixin, ListMixin, TemplateView):
    permission_required = "finance.view_financing"
    template_name = "finance/enterprise/data_room_list.html"
    rows_template_name = "finance/enterprise/_data_room_rows.html"
    title = _("Data rooms")

    def get_queryset(self):
        return selectors.data_rooms_of(self.organization)


class DataRoomCreateView(EnterpriseMixin, ServiceFormMixin, FormView):
    permission_required = "finance.manage_financing"
    template_name = "finance/enterprise/data_room_form.html"
    form_class = DataRoomForm
    title = _("Share figures with an institution")
    success_message = _("The institution can see the chosen figures until the room closes.")

    def get_initial(self):
        return {"institution": self.request.GET.get("institution"), "days": 14}

    def perform(self, form):
        data = form.cleaned_data
        return services.open_data_room(
            self.organization,
            data["institution"],
            actor=self.request.user,
            figures=data["figures"],
            days=data["days"],
        )

    def get_success_url(self, result):
        return reverse("enterprise:finance_data_room_list")


class DataRoomEndView(EnterpriseMixin, View):
    permission_required = "finance.manage_financing"
    http_method_names = ["post"]

    def post(self, request, pk):
        room = selectors.get_data_room_for_enterprise(self.organization, pk)
        services.end_data_room(room, actor=request.user)
        messages.success(request, _("The data room is closed to the institution."))
        return redirect("enterprise:finance_data_room_list")


urlpatterns = [
    path("finance/", NeedListView.as_view(), name="finance_need_list"),
    path("finance/needs/new/", NeedCreateView.as_view(), name="finance_need_create"),
    path("finance/needs/<int:pk>/", NeedDetailView.as_view(), name="finance_need_detail"),
    path("finance/needs/<int:pk>/close/", NeedCloseView.as_view(), name="finance_need_close"),
    path(
        "finance/needs/<int:pk>/introduce/<int:product_pk>/",
        IntroductionRequestView.as_view(),
        name="finance_introduction_request",
    ),
    path(
        "finance/introductions/",
        IntroductionListView.as_view(),
        name="finance_introduction_list",
    ),
    path(
        "finance/introductions/<int:pk>/",
        IntroductionDetailView.as_view(),
        name="finance_introduction_detail",
    ),
    path(
        "finance/introductions/<int:pk>/withdraw/",
        IntroductionWithdrawView.as_view(),
        name="finance_introduction_withdraw",
    ),
    path("finance/data-rooms/", DataRoomListView.as_view(), name="finance_data_room_list"),
    path("finance/data-rooms/new/", DataRoomCreateView.as_view(), name="finance_data_room_create"),
    path(
        "finance/data-rooms/<int:pk>/end/",
        DataRoomEndView.as_view(),
        name="finance_data_room_end",
    ),
]
