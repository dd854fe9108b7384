"""Works, licences, pledges and licensing requests as the API shows and takes them."""

from rest_framework import serializers

from cloudpark.api.base import ScopedRelatedField
from cloudpark.copyright import enums, selectors, services
from cloudpark.copyright.models import Licence, LicensingRequest, Pledge, Work
from cloudpark.finance.models import FinancialInstitution
from cloudpark.orgs.models import Enterprise


class CopyrightWorkSerializer(serializers.ModelSerializer):
    audiovisual_kind = serializers.ChoiceField(
        choices=enums.AudiovisualKind.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Work
        fields = [
            "id",
            "enterprise",
            *services.WORK_FIELDS,
            "registration_state",
            *services.NUMBER_FIELDS,
            "return_reason",
            "offered_for_licensing",
            "created_at",
        ]
        read_only_fields = fields


class CopyrightWorkWriteSerializer(serializers.ModelSerializer):
    """The numbers are checked by the service, each at its own field, with the form it
    expects."""

    class Meta:
        model = Work
        fields = [*services.WORK_FIELDS, *services.NUMBER_FIELDS]


class CopyrightOutcomeSerializer(serializers.Serializer):
    step = serializers.ChoiceField(
        choices=[
            (state.value, state.label)
            for state in enums.RegistrationState
            if state in enums.REGISTRATION_OUTCOMES
        ]
    )
    registration_number = serializers.CharField(required=False, allow_blank=True, default="")
    software_registration_number = serializers.CharField(
        required=False, allow_blank=True, default=""
    )
    software_certificate_number = serializers.CharField(
        required=False, allow_blank=True, default=""
    )
    registered_on = serializers.DateField(required=False, allow_null=True)
    return_reason = serializers.CharField(required=False, allow_blank=True, default="")


def _work_scope(user):
    return selectors.works_for_user(user)


class CopyrightTermsMixin(serializers.Serializer):
    """Media, territory, term and fee; the service refuses an empty list, a term ending
    before it starts and a negative fee, each at its field."""

    media = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.Medium.choices), allow_empty=True
    )
    territory = serializers.ListField(
        child=serializers.ChoiceField(choices=enums.Territory.choices), allow_empty=True
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    fee = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=0)
    exclusive = serializers.BooleanField(required=False, default=False)


class CopyrightLicenceSerializer(serializers.ModelSerializer):
    licensee_display = serializers.CharField(read_only=True)

    class Meta:
        model = Licence
        fields = [
            "id",
            "work",
            "licensee",
            "licensee_name",
            "licensee_display",
            "exclusive",
            "media",
            "territory",
            "starts_on",
            "ends_on",
            "fee",
            "created_at",
        ]
        read_only_fields = fields


class CopyrightLicenceWriteSerializer(CopyrightTermsMixin):
    work = ScopedRelatedField(Work, _work_scope)
    licensee = ScopedRelatedField(
        Enterprise, lambda user: Enterprise.objects.all(), required=False, allow_null=True
    )
    licensee_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class CopyrightPledgeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pledge
        fields = [
            "id",
            "work",
            "pledgee",
            "number",
            "amount",
            "starts_on",
            "ends_on",
            "state",
            "released_on",
            "created_at",
        ]
        read_only_fields = fields


class CopyrightPledgeWriteSerializer(serializers.Serializer):
    work = ScopedRelatedField(Work, _work_scope)
    pledgee = ScopedRelatedField(
        FinancialInstitution, lambda user: FinancialInstitution.objects.all()
    )
    number = serializers.CharField(max_length=40)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class CopyrightPledgeVerificationSerializer(serializers.Serializer):
    """What a financial institution learns of a pledge by its number."""

    number = serializers.CharField()
    state = serializers.ChoiceField(choices=enums.PledgeState.choices)
    holder = serializers.CharField(source="work.enterprise.name")
    holder_en = serializers.CharField(source="work.enterprise.name_en")
    work = serializers.CharField(source="work.title")
    work_en = serializers.CharField(source="work.title_en")
    work_category = serializers.ChoiceField(
        source="work.category", choices=enums.WorkCategory.choices
    )
    work_number = serializers.CharField(source="work.number")
    pledgee = serializers.CharField(source="pledgee.organization.name")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    released_on = serializers.DateField(allow_null=True)


class CopyrightLicensingRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = LicensingRequest
        fields = [
            "id",
            "work",
            "requester",
            "exclusive",
            "media",
            "territory",
            "starts_on",
            "ends_on",
            "fee",
            "message",
            "state",
            "decline_reason",
            "licence",
            "created_at",
        ]
        read_only_fields = fields


class CopyrightLicensingRequestWriteSerializer(CopyrightTermsMixin):
    work = ScopedRelatedField(Work, lambda user: selectors.offered_works())
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CopyrightRequestMoveSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=enums.HOLDER_MOVE_CHOICES)
    fee = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    decline_reason = serializers.CharField(required=False, allow_blank=True, default="")
