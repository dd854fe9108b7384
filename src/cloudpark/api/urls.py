from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from cloudpark.accounts.api import TokenView
from cloudpark.api.awards import views as awards
from cloudpark.api.bases import views as bases
from cloudpark.api.benefits import views as benefits
from cloudpark.api.copyright import views as copyright_views
from cloudpark.api.dashboards import views as dashboards
from cloudpark.api.directory import views
from cloudpark.api.events import views as events
from cloudpark.api.filings import views as filings
from cloudpark.api.finance import views as finance
from cloudpark.api.jobs import views as jobs
from cloudpark.api.market import views as market
from cloudpark.api.news import views as news
from cloudpark.api.programs import views as programs
from cloudpark.api.reviews import views as reviews
from cloudpark.api.search import views as search

router = DefaultRouter()
router.register("parks", views.ParkViewSet, basename="park")
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("events", events.EventViewSet, basename="event")
router.register("registrations", events.RegistrationViewSet, basename="registration")
router.register("base-rounds", bases.RoundViewSet, basename="base-round")
router.register("base-declarations", bases.DeclarationViewSet, basename="base-declaration")
router.register("bases", bases.AccreditedBaseViewSet, basename="base")
router.register("base-annual-reviews", bases.AnnualReviewViewSet, basename="base-annual-review")
router.register(
    "government/base-rounds", bases.GovernmentRoundViewSet, basename="government-base-round"
)
router.register(
    "government/base-annual-reviews",
    bases.GovernmentAnnualReviewViewSet,
    basename="government-base-annual-review",
)
router.register("government/bases", bases.GovernmentBaseViewSet, basename="government-base")
router.register("policies", programs.PolicyViewSet, basename="policy")
router.register("programmes", programs.ProgrammeViewSet, basename="programme")
router.register("applications", programs.ApplicationViewSet, basename="application")
router.register("notices", programs.NoticeViewSet, basename="notice")
router.register("objections", programs.ObjectionViewSet, basename="objection")
router.register("review-cases", reviews.ReviewCaseViewSet, basename="review-case")
router.register("jobs", jobs.JobViewSet, basename="job")
router.register("enterprise/jobs", jobs.EnterprisePostingViewSet, basename="enterprise-job")
router.register(
    "enterprise/job-applications",
    jobs.EnterpriseApplicationViewSet,
    basename="enterprise-job-application",
)
router.register("job-profile", jobs.ResumeViewSet, basename="job-profile")
router.register("my/job-applications", jobs.MyApplicationViewSet, basename="my-job-application")
router.register("follows", jobs.FollowViewSet, basename="follow")
router.register("park/jobs", jobs.ParkPostingViewSet, basename="park-job")
router.register("park/talent", jobs.ParkTalentFiguresViewSet, basename="park-talent")
router.register(
    "government/talent", jobs.GovernmentTalentFiguresViewSet, basename="government-talent"
)
router.register("park/charts", dashboards.ParkChartViewSet, basename="park-charts")
router.register(
    "government/charts", dashboards.GovernmentChartViewSet, basename="government-charts"
)
router.register("park/figures", dashboards.ParkFigureViewSet, basename="park-figures")
router.register(
    "government/figures", dashboards.GovernmentFigureViewSet, basename="government-figures"
)
router.register("finance/products", finance.ProductViewSet, basename="finance-product")
router.register(
    "enterprise/financing-needs", finance.NeedViewSet, basename="enterprise-financing-need"
)
router.register(
    "enterprise/introductions",
    finance.EnterpriseIntroductionViewSet,
    basename="enterprise-introduction",
)
router.register(
    "institution/introductions",
    finance.InstitutionIntroductionViewSet,
    basename="institution-introduction",
)
router.register("news/channels", news.ChannelViewSet, basename="news-channel")
router.register("news/articles", news.ArticleViewSet, basename="news-article")
router.register("news/corrections", news.CorrectionViewSet, basename="news-correction")
router.register("news/clarifications", news.ClarificationViewSet, basename="news-clarification")
router.register("news/disclosure", news.DisclosureViewSet, basename="news-disclosure")
router.register("news/requests", news.RequestViewSet, basename="news-request")
router.register("news/editor/articles", news.EditorArticleViewSet, basename="news-editor-article")
router.register("news/editor/requests", news.EditorRequestViewSet, basename="news-editor-request")
router.register(
    "news/editor/clarifications",
    news.EditorClarificationViewSet,
    basename="news-editor-clarification",
)
router.register(
    "news/editor/disclosure", news.EditorDisclosureViewSet, basename="news-editor-disclosure"
)
router.register("filings", filings.PlanningFilingViewSet, basename="filing")
router.register("filing-releases", filings.ReleaseFilingViewSet, basename="filing-release")
router.register("filing-archive", filings.ArchiveViewSet, basename="filing-archive")
router.register("filing-numbers", filings.NumberViewSet, basename="filing-number")
router.register(
    "government/filing-numbers",
    filings.GovernmentNumberViewSet,
    basename="government-filing-number",
)
router.register("award-schemes", awards.SchemeViewSet, basename="award-scheme")
router.register("award-entries", awards.EntryViewSet, basename="award-entry")
router.register("jury-assignments", awards.AssignmentViewSet, basename="jury-assignment")
router.register("award-certificates", awards.CertificateViewSet, basename="award-certificate")
router.register(
    "government/award-schemes", awards.GovernmentSchemeViewSet, basename="government-award-scheme"
)
router.register(
    "government/award-rounds", awards.GovernmentRoundViewSet, basename="government-award-round"
)
router.register("jury-rounds", awards.JuryRoundViewSet, basename="jury-round")

router.register(
    "enterprise/data-rooms", finance.EnterpriseDataRoomViewSet, basename="enterprise-data-room"
)
router.register(
    "institution/data-rooms", finance.InstitutionDataRoomViewSet, basename="institution-data-room"
)
router.register("benefits/offers", benefits.OfferViewSet, basename="benefit-offer")
router.register("individual/benefit-claims", benefits.ClaimViewSet, basename="benefit-claim")
router.register("park/benefit-offers", benefits.ParkOfferViewSet, basename="park-benefit-offer")
router.register(
    "park/benefit-partners", benefits.ParkPartnerViewSet, basename="park-benefit-partner"
)
router.register(
    "partner/benefit-offers", benefits.PartnerOfferViewSet, basename="partner-benefit-offer"
)
router.register("search", search.SearchViewSet, basename="search")
router.register("market/posts", market.PublicPostViewSet, basename="market-post")
router.register("enterprise/market-posts", market.PostViewSet, basename="enterprise-market-post")
router.register(
    "enterprise/market-introductions",
    market.IntroductionViewSet,
    basename="enterprise-market-introduction",
)

router.register("enterprise/works", copyright_views.WorkViewSet, basename="enterprise-work")
router.register(
    "enterprise/licences", copyright_views.LicenceViewSet, basename="enterprise-licence"
)
router.register("enterprise/pledges", copyright_views.PledgeViewSet, basename="enterprise-pledge")
router.register(
    "enterprise/licensing-requests",
    copyright_views.LicensingRequestViewSet,
    basename="enterprise-licensing-request",
)
router.register(
    "institution/pledges",
    copyright_views.PledgeVerificationViewSet,
    basename="institution-pledge",
)
router.register(
    "government/filing-screenings",
    filings.GovernmentScreeningViewSet,
    basename="government-filing-screening",
)

app_name = "api"
urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("auth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
