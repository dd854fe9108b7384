"""The finance desk of a bank, guarantor, lessor, insurer or fund. An institution is an
organisation of the directory that is neither a government, a park nor an enterprise, so its
people sign in to their own portal (My Cloud Park); these pages show them what the
institutions they act for (as administrator or staff) publish and receive: their products,
the live needs that fit them with the reasons, the introductions to move on, and the data
rooms enterprises have opened to them, every view of which is logged."""

from django import forms as django_forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cloudpark.core import audit
from cloudpark.core.errors import DomainError
from cloudpark.finance import exports, selectors, services
from cloudpark.finance.forms import IntroductionMoveForm, ProductForm
from cloudpark.portals.base import IndividualMixin, ListMixin, ServiceFormMixin
from cloudpark.portals.shared.finance import IntroductionFilterForm


class InstitutionMixin(IndividualMixin):
    permission_required = "finance.act_for_institution"

    def get_permission_object(self):
        return None


class ProductListView(InstitutionMixin, ListMixin, TemplateView):
    template_name = "finance/institution/product_list.html"
    rows_template_name = "finance/institution/_product_rows.html"
    title = _("Our financing products")

    def get_queryset(self):
        return selectors.products_of_user(self.request.user).order_by("name", "pk")

    def export(self, queryset):
        return exports.export_products(queryset)


class ProductFormView(InstitutionMixin, ServiceFormMixin, FormView):
    template_name = "finance/institution/product_form.html"
    form_class = ProductForm

    def get_success_url(self, result):
        return reverse("individual:finance_product_detail", args=[result.pk])


class ProductCreateView(ProductFormView):
    title = _("New financing product")
    success_message = _("The product is saved. Publish it when it is ready.")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        institutions = selectors.institutions_of_user(self.request.user)
        form.fields["institution"] = django_forms.ModelChoiceField(
            label=_("Institution"), queryset=institutions, initial=institutions.first()
        )
        return form

    def perform(self, form):
        values = form.values()
        institution = values.pop("institution")
        return services.save_product(institution, actor=self.request.user, values=values)


class ProductEditView(ProductFormView):
    title = _("Edit the financing product")
    success_message = _("The product is saved.")

    def get_product(self):
        return selectors.get_product_for_user(self.request.user, self.kwargs["pk"])

    def get_initial(self):
        return ProductForm.initial_for(self.get_product())

    def perform(self, form):
        product = self.get_product()
        return services.save_product(
            product.institution, actor=self.request.user, values=form.values(), product=product
        )


class ProductDetailView(InstitutionMixin, TemplateView):
    template_name = "finance/institution/product_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = selectors.get_product_for_user(self.request.user, self.kwargs["pk"])
        context.update(
            product=product,
            title=product.display_name,
            requirements=selectors.requirements_of(product),
            history=audit.history_of(product),
        )
        return context


class ProductPublishView(InstitutionMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        product = selectors.get_product_for_user(request.user, pk)
        services.set_product_published(product, actor=request.user, published=action == "publish")
        messages.success(request, _("The product list is updated."))
        return redirect("individual:finance_product_detail", pk=product.pk)


class NeedMatchesView(InstitutionMixin, TemplateView):
    template_name = "finance/institution/need_matches.html"
    title = _("Needs that fit our products")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["matches"] = selectors.needs_for_institution_user(self.request.user)
        return context


class IntroductionListView(InstitutionMixin, ListMixin, TemplateView):
    template_name = "finance/institution/introduction_list.html"
    rows_template_name = "finance/institution/_introduction_rows.html"
    filter_form_class = IntroductionFilterForm
    title = _("Introductions received")

    def get_queryset(self):
        return selectors.filter_introductions(
            selectors.introductions_for_user(self.request.user), **self.filters()
        ).order_by("-created_at", "-id")

    def export(self, queryset):
        return exports.export_introductions(queryset)


class IntroductionDetailView(InstitutionMixin, ServiceFormMixin, FormView):
    template_name = "finance/institution/introduction_detail.html"
    form_class = IntroductionMoveForm
    success_message = _("The enterprise has been told.")

    def get_introduction(self):
        return selectors.get_introduction_for_user(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        introduction = self.get_introduction()
        context.update(
            introduction=introduction,
            title=introduction.need.enterprise.display_name,
            history=audit.history_of(introduction),
        )
        return context

    def perform(self, form):
        return services.move_introduction(
            self.get_introduction(),
            form.cleaned_data["target"],
            actor=self.request.user,
            values=form.values(),
        )

    def get_success_url(self, result):
        return reverse("individual:finance_introduction_detail", args=[result.pk])


class DataRoomListView(InstitutionMixin, ListMixin, TemplateView):
    template_name = "finance/institution/data_room_list.html"
    rows_template_name = "finance/institution/_data_room_rows.html"
    title = _("Data rooms open to us")

    def get_queryset(self):
        return selectors.open_data_rooms_for_user(self.request.user)


class DataRoomDetailView(InstitutionMixin, TemplateView):
    """Every opening of the room is an audit entry; a room past its time is not found."""

    template_name = "finance/institution/data_room_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        room = selectors.get_open_data_room_for_user(self.request.user, self.kwargs["pk"])
        try:
            sections = services.view_data_room(room, actor=self.request.user)
        except DomainError:
            sections = []
        context.update(room=room, title=room.enterprise.display_name, sections=sections)
        return context


urlpatterns = [
    path("finance/products/", ProductListView.as_view(), name="finance_product_list"),
    path("finance/products/new/", ProductCreateView.as_view(), name="finance_product_create"),
    path("finance/products/<int:pk>/", ProductDetailView.as_view(), name="finance_product_detail"),
    path("finance/products/<int:pk>/edit/", ProductEditView.as_view(), name="finance_product_edit"),
    path(
        "finance/products/<int:pk>/<str:action>/",
        ProductPublishView.as_view(),
        name="finance_product_publish",
    ),
    path("finance/needs/", NeedMatchesView.as_view(), name="finance_need_matches"),
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
    path("finance/data-rooms/", DataRoomListView.as_view(), name="finance_data_room_list"),
    path(
        "finance/data-rooms/<int:pk>/",
        DataRoomDetailView.as_view(),
        name="finance_data_room_detail",
    ),
]
