"""Jobs over REST: the public job list and applying with consent; an enterprise's postings,
its applications (contact masked; shown, audited, once the candidate accepted an interview),
suggested candidates and the Excel export; a person's résumé, applications and follows; and
the talent figures of a park or government body.

The same selectors, services and named rules as the pages: another organisation's or
person's object is a 404, a member without the right a 403, a refused business rule a 400
with its message and field.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from cloudpark.api import base
from cloudpark.api.base import PUBLIC, SIGNED_IN, RuleViewSet, acting
from cloudpark.api.jobs import filters
from cloudpark.api.jobs.serializers import (
    ApplyRequestSerializer,
    EducationSerializer,
    EmployerApplicationSerializer,
    ExperienceSerializer,
    FollowChangeSerializer,
    FollowRequestSerializer,
    FollowSerializer,
    JobPostingSerializer,
    ManagedPostingSerializer,
    MaskedContactSerializer,
    MoveRequestSerializer,
    MyApplicationSerializer,
    ParkJobSettingsSerializer,
    PostingWriteSerializer,
    ProfileSerializer,
    SuggestedCandidateSerializer,
    SuggestedJobSerializer,
    TalentFigureSerializer,
    WorkSerializer,
)
from cloudpark.jobs import exports, selectors, services
from cloudpark.jobs.models import JobPosting, Profile
from cloudpark.orgs.models import Organization


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Open postings: published and still valid. ``apply/`` sends the caller's résumé with
    their separate consent."""

    serializer_class = JobPostingSerializer
    filterset_class = filters.JobFilter
    permission_rules = {"list": PUBLIC, "retrieve": PUBLIC, "apply": SIGNED_IN}

    def get_queryset(self):
        return selectors.open_postings().order_by("-published_at", "-id")

    @extend_schema(request=ApplyRequestSerializer, responses={201: MyApplicationSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def apply(self, request, pk=None):
        posting = self.get_object()
        data = self.validated(ApplyRequestSerializer, request.data)
        application = services.apply_for(
            posting,
            applicant=request.user,
            consent=data["consent"],
            cover_letter=data["cover_letter"],
        )
        return Response(MyApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


VIEWING_POSTINGS = acting("jobs.view_postings")
MANAGING_POSTINGS = acting("jobs.manage_postings")


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class EnterprisePostingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """The postings of the enterprise the caller acts for. Administrators draft, change
    (drafts only), ``publish/`` (to the park's review first when it asks for it) and
    ``close/``; ``candidates/`` suggests open résumés with the reasons."""

    serializer_class = ManagedPostingSerializer
    filterset_class = filters.ManagedPostingFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": VIEWING_POSTINGS,
        "retrieve": VIEWING_POSTINGS,
        "create": MANAGING_POSTINGS,
        "partial_update": MANAGING_POSTINGS,
        "update": MANAGING_POSTINGS,
        "publish": MANAGING_POSTINGS,
        "close": MANAGING_POSTINGS,
        "candidates": MANAGING_POSTINGS,
    }

    def get_queryset(self):
        return selectors.postings_of(self.acting_for).order_by("-created_at", "-id")

    def _read(self, posting, status_code=status.HTTP_200_OK):
        return Response(
            ManagedPostingSerializer(self.get_queryset().get(pk=posting.pk)).data,
            status=status_code,
        )

    @extend_schema(request=PostingWriteSerializer, responses={201: ManagedPostingSerializer})
    def create(self, request, *args, **kwargs):
        values = self.validated(PostingWriteSerializer, request.data)
        posting = services.create_posting(self.acting_for, actor=request.user, values=values)
        return self._read(posting, status.HTTP_201_CREATED)

    @extend_schema(request=PostingWriteSerializer, responses=ManagedPostingSerializer)
    def partial_update(self, request, *args, **kwargs):
        posting = self.get_object()
        values = self.validated(PostingWriteSerializer, request.data, partial=True)
        posting = services.update_posting(posting, actor=request.user, values=values)
        return self._read(posting)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=ManagedPostingSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def publish(self, request, pk=None):
        return self._read(services.publish_posting(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=ManagedPostingSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        return self._read(services.close_posting(self.get_object(), actor=request.user))

    @extend_schema(responses=SuggestedCandidateSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def candidates(self, request, pk=None):
        """Open résumés of people who accept automated matching, best first, with the
        reasons; names masked."""
        posting = self.get_object()
        rows = [
            {
                "name": selectors.masked_name(profile.user.name),
                "headline": profile.headline,
                "experience": profile.experience,
                "education": profile.education,
                "reasons": match.reasons,
            }
            for profile, match in selectors.suggested_candidates(posting)
        ]
        return Response(SuggestedCandidateSerializer(rows, many=True).data)


MANAGING_APPLICATIONS = acting("jobs.manage_applications")


@extend_schema(parameters=[base.ENTERPRISE_PARAMETER])
class EnterpriseApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Applications to the enterprise's postings. Reading one marks it viewed; ``move/``
    takes the employer's next step; ``contact/`` shows the contact, once the candidate
    accepted an interview, and records each showing; ``export/`` is the Excel workbook."""

    serializer_class = EmployerApplicationSerializer
    filterset_class = filters.ApplicationFilter
    acting_kinds = base.ENTERPRISE
    acting_query_parameter = "enterprise"
    permission_rules = {
        "list": MANAGING_APPLICATIONS,
        "retrieve": MANAGING_APPLICATIONS,
        "move": MANAGING_APPLICATIONS,
        "contact": MANAGING_APPLICATIONS,
        "export": MANAGING_APPLICATIONS,
    }

    def get_queryset(self):
        return selectors.applications_to(self.acting_for)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = EmployerApplicationSerializer(
            page, many=True, context={"profiles": selectors.profiles_by_user(page)}
        )
        return self.get_paginated_response(serializer.data)

    def _read(self, application):
        application = self.get_queryset().get(pk=application.pk)
        context = {"profiles": selectors.profiles_by_user([application])}
        return Response(EmployerApplicationSerializer(application, context=context).data)

    def retrieve(self, request, *args, **kwargs):
        return self._read(services.mark_viewed(self.get_object(), actor=request.user))

    @extend_schema(request=MoveRequestSerializer, responses=EmployerApplicationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def move(self, request, pk=None):
        application = self.get_object()
        data = self.validated(MoveRequestSerializer, request.data)
        application = services.move_application(
            application, data["target"], actor=request.user, note=data["note"]
        )
        return self._read(application)

    @extend_schema(responses=MaskedContactSerializer)
    @action(detail=True, methods=["get"], filter_backends=[])
    def contact(self, request, pk=None):
        contact = services.reveal_contact(self.get_object(), actor=request.user)
        return Response(MaskedContactSerializer(contact).data)

    @extend_schema(
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY
        }
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        return exports.export_applications(self.filter_queryset(self.get_queryset()))


ROW_SERIALIZERS = {
    "education": EducationSerializer,
    "experience": ExperienceSerializer,
    "work": WorkSerializer,
}


class ResumeViewSet(RuleViewSet):
    """The caller's own résumé: read and save it (``mine/``), add education, experience
    and works, export everything held (``export/``), delete it with every copy given to
    employers (``erase/``), and the jobs suggested for it (``suggested-jobs/``)."""

    serializer_class = ProfileSerializer
    # Every action reads the caller's own résumé; this names the model for the schema.
    queryset = Profile.objects.none()
    permission_rules = {
        "mine": SIGNED_IN,
        "education": SIGNED_IN,
        "experience": SIGNED_IN,
        "works": SIGNED_IN,
        "export": SIGNED_IN,
        "erase": SIGNED_IN,
        "suggested_jobs": SIGNED_IN,
    }

    def _profile(self):
        profile = selectors.profile_of(self.request.user)
        if profile is None:
            raise Http404
        return profile

    @extend_schema(methods=["GET"], responses=ProfileSerializer)
    @extend_schema(methods=["PUT"], request=ProfileSerializer, responses=ProfileSerializer)
    @action(detail=False, methods=["get", "put"])
    def mine(self, request):
        if request.method == "PUT":
            values = self.validated(ProfileSerializer, request.data, partial=True)
            services.save_profile(request.user, actor=request.user, values=values)
        return Response(ProfileSerializer(self._profile()).data)

    def _add(self, request, kind):
        values = self.validated(ROW_SERIALIZERS[kind], request.data)
        services.add_profile_row(self._profile(), kind, actor=request.user, values=values)
        return Response(ProfileSerializer(self._profile()).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EducationSerializer, responses={201: ProfileSerializer})
    @action(detail=False, methods=["post"])
    def education(self, request):
        return self._add(request, "education")

    @extend_schema(request=ExperienceSerializer, responses={201: ProfileSerializer})
    @action(detail=False, methods=["post"])
    def experience(self, request):
        return self._add(request, "experience")

    @extend_schema(request=WorkSerializer, responses={201: ProfileSerializer})
    @action(detail=False, methods=["post"])
    def works(self, request):
        return self._add(request, "work")

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"])
    def export(self, request):
        return Response(services.export_profile(request.user, actor=request.user))

    @extend_schema(request=None, responses={204: None})
    @action(detail=False, methods=["post"])
    def erase(self, request):
        services.delete_profile(request.user, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=SuggestedJobSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, url_path="suggested-jobs")
    def suggested_jobs(self, request):
        rows = [
            {"posting": posting, "reasons": match.reasons}
            for posting, match in selectors.suggested_postings(request.user)
        ]
        return Response(SuggestedJobSerializer(rows, many=True).data)


class MyApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """The caller's applications, with the day their résumé copy is erased; the candidate's
    steps: accept an interview, accept or decline an offer, withdraw."""

    serializer_class = MyApplicationSerializer
    permission_rules = {
        "list": SIGNED_IN,
        "retrieve": SIGNED_IN,
        "accept_interview": SIGNED_IN,
        "accept_offer": SIGNED_IN,
        "decline_offer": SIGNED_IN,
        "withdraw": SIGNED_IN,
    }

    def get_queryset(self):
        return selectors.applications_of(self.request.user)

    def _step(self, service):
        application = service(self.get_object())
        return Response(MyApplicationSerializer(self.get_queryset().get(pk=application.pk)).data)

    @extend_schema(request=None, responses=MyApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="accept-interview")
    def accept_interview(self, request, pk=None):
        return self._step(lambda a: services.accept_interview(a, actor=request.user))

    @extend_schema(request=None, responses=MyApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="accept-offer")
    def accept_offer(self, request, pk=None):
        return self._step(lambda a: services.answer_offer(a, actor=request.user, accept=True))

    @extend_schema(request=None, responses=MyApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="decline-offer")
    def decline_offer(self, request, pk=None):
        return self._step(lambda a: services.answer_offer(a, actor=request.user, accept=False))

    @extend_schema(request=None, responses=MyApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step(lambda a: services.withdraw_application(a, actor=request.user))


class FollowViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    RuleViewSet,
):
    """The enterprises, parks and events the caller follows, each with its notification
    setting."""

    serializer_class = FollowSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    permission_rules = {
        "list": SIGNED_IN,
        "create": SIGNED_IN,
        "partial_update": SIGNED_IN,
        "update": SIGNED_IN,
        "destroy": SIGNED_IN,
    }

    def get_queryset(self):
        return selectors.follows_of(self.request.user)

    @extend_schema(request=FollowRequestSerializer, responses={201: FollowSerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(FollowRequestSerializer, request.data)
        target = data.get("event") or Organization.objects.get(pk=data["organization"].pk)
        follow = services.follow(request.user, target, notify=data["notify"])
        return Response(FollowSerializer(follow).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FollowChangeSerializer, responses=FollowSerializer)
    def partial_update(self, request, *args, **kwargs):
        follow = self.get_object()
        data = self.validated(FollowChangeSerializer, request.data)
        follow = services.set_follow_notify(follow, actor=request.user, notify=data["notify"])
        return Response(FollowSerializer(follow).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.unfollow(self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


REVIEWING_POSTINGS = acting("jobs.review_postings")


@extend_schema(parameters=[base.PARK_PARAMETER])
class ParkPostingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    """Postings of the park's enterprises sent for its review or past it; ``settings/`` reads
    and switches whether the park reviews postings, and in how many stages. The review itself
    is a case of the review engine (``review_case``), decided under /api/reviews/cases/."""

    serializer_class = ManagedPostingSerializer
    filterset_class = filters.ManagedPostingFilter
    acting_kinds = base.PARK
    acting_query_parameter = "park"
    permission_rules = {
        "list": REVIEWING_POSTINGS,
        "retrieve": REVIEWING_POSTINGS,
        "review_settings": acting("jobs.manage_park_settings"),
    }

    def get_queryset(self):
        return selectors.postings_for_park(self.acting_for).order_by("-updated_at", "-id")

    @extend_schema(methods=["GET"], responses=ParkJobSettingsSerializer)
    @extend_schema(
        methods=["PUT"], request=ParkJobSettingsSerializer, responses=ParkJobSettingsSerializer
    )
    @action(detail=False, methods=["get", "put"], url_path="settings", filter_backends=[])
    def review_settings(self, request):
        park = self.acting_for
        if request.method == "PUT":
            data = self.validated(ParkJobSettingsSerializer, request.data)
            services.set_park_review(
                park,
                actor=request.user,
                required=data["review_postings"],
                stages=data.get("review_stages"),
            )
        return Response(
            {
                "review_postings": services.park_reviews_postings(park),
                "review_stages": services.park_review_stages(park),
            }
        )


class TalentFiguresViewSet(RuleViewSet):
    """Counts by category of postings, applications and hires of the enterprises in the
    caller's care. Counts only."""

    permission_rules = {"figures": acting("jobs.view_talent_figures")}
    # The figures are counts of postings; this names the model for the schema.
    queryset = JobPosting.objects.none()

    @extend_schema(responses=TalentFigureSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, url_path="by-category")
    def figures(self, request):
        rows = selectors.talent_figures(self.acting_for)
        return Response(TalentFigureSerializer(rows, many=True).data)


@extend_schema(parameters=[base.PARK_PARAMETER])
class ParkTalentFiguresViewSet(TalentFiguresViewSet):
    acting_kinds = base.PARK
    acting_query_parameter = "park"


@extend_schema(parameters=[base.GOVERNMENT_PARAMETER])
class GovernmentTalentFiguresViewSet(TalentFiguresViewSet):
    acting_kinds = base.GOVERNMENT
    acting_query_parameter = "government"
