"""Forms that change supply and demand data. Each gives its service the values it takes; the
service refuses what breaks a rule, at the field it names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cloudpark.market.models import Post
from cloudpark.orgs import selectors as org_selectors
from cloudpark.orgs.enums import RegionLevel
from cloudpark.orgs.models import Region

POST_FORM_FIELDS = [
    "direction",
    "kind",
    "title",
    "title_en",
    "description",
    "description_en",
    "price_min",
    "price_max",
    "park",
    "district",
    "available_from",
    "available_until",
    "valid_until",
    "contact_name",
    "contact_phone",
    "contact_email",
]
DATE = forms.DateInput(attrs={"type": "date"})


def districts():
    return Region.objects.filter(level=RegionLevel.DISTRICT).order_by("code")


class PostForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = forms.fields_for_model(
            Post,
            fields=POST_FORM_FIELDS,
            widgets={
                "available_from": DATE,
                "available_until": DATE,
                "valid_until": DATE,
                "description": forms.Textarea(attrs={"rows": 3}),
                "description_en": forms.Textarea(attrs={"rows": 3}),
            },
        )
        # The service says what is missing, at the field, in the words of the rule.
        for name in ("price_min", "price_max", "valid_until", "contact_name"):
            self.fields[name].required = False
        self.fields["park"].queryset = org_selectors.parks_by_name()
        self.fields["district"].queryset = districts()
        self.fields["contact_name"].help_text = _(
            "Shown masked until both sides accept an introduction."
        )

    @classmethod
    def initial_for(cls, post):
        initial = {name: getattr(post, name) for name in POST_FORM_FIELDS}
        initial.update(park=post.park_id, district=post.district_id)
        return initial

    def values(self):
        return dict(self.cleaned_data)


class IntroductionForm(forms.Form):
    """What the proposer sends with an introduction: a message, its own contact for the
    other side (shown once accepted) and, if it has one, its matching post."""

    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )
    contact_name = forms.CharField(label=_("Your contact name"), required=False, max_length=50)
    contact_phone = forms.CharField(label=_("Your contact phone"), required=False, max_length=30)
    contact_email = forms.EmailField(label=_("Your contact e-mail"), required=False)
    proposer_post = forms.ModelChoiceField(
        label=_("Your matching post"), queryset=Post.objects.none(), required=False
    )

    def __init__(self, *args, own_posts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if own_posts is not None:
            self.fields["proposer_post"].queryset = own_posts

    def values(self):
        return dict(self.cleaned_data)


class CloseForm(forms.Form):
    deal_value = forms.DecimalField(
        label=_("Deal value (yuan)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty to close without a deal."),
    )
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
