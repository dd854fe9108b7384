"""The demo's supply and demand, written through the services.

The base's audiovisual service company lets a studio and rents out camera kit; the base's
film company, which is shooting an approved drama, needs lights and cameras for a few weeks.
The studio's dates are set to meet the drama's remaining shooting days, so that the film
company finds the studio among its matches with that reason. An earlier introduction between
the two, about colour grading and sound mixing, was accepted and closed with a deal; a newer
one, about the studio, waits for the service company's answer.

Every post, price and deal is illustrative, written for the demo. Dates count from the day
the demo is loaded.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cloudpark.demo import data
from cloudpark.filings.enums import PlanningState
from cloudpark.filings.models import PlanningFiling
from cloudpark.market import enums, services
from cloudpark.orgs import enums as org_enums
from cloudpark.orgs.models import Enterprise


class MarketLoader:
    def __init__(self, *, organizations, platform_admin):
        self.today = timezone.localdate()
        self.organizations = organizations
        self.platform_admin = platform_admin

    def admin_of(self, organization):
        membership = (
            organization.memberships.filter(role=org_enums.Role.ADMIN, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user if membership else self.platform_admin

    def post(self, enterprise, *, publish=True, **values):
        actor = self.admin_of(enterprise)
        values.setdefault("park", enterprise.park)
        values.setdefault("valid_until", self.today + timedelta(days=60))
        post = services.save_post(enterprise, actor=actor, values=values)
        return services.publish_post(post, actor=actor) if publish else post

    def studio_window(self, film_company):
        """From today to a week past the end of the film company's current shoot, or the
        coming month when it has none."""
        shoot = (
            PlanningFiling.objects.filter(
                project__enterprise=film_company,
                state=PlanningState.APPROVED,
                shoot_ends_on__gte=self.today,
            )
            .order_by("shoot_ends_on")
            .first()
        )
        if shoot is None:
            return self.today + timedelta(days=3), self.today + timedelta(days=33)
        return self.today, shoot.shoot_ends_on + timedelta(days=7)

    def load(self):
        # Read afresh: the loader's copies predate their admission to the park.
        film_company, service_company = (
            Enterprise.objects.select_related("park").get(pk=self.organizations[key].pk)
            for key in (data.DEMO_ENTERPRISE, data.SERVICE_ENTERPRISE)
        )
        studio_from, studio_until = self.studio_window(film_company)
        studio = self.post(
            service_company,
            direction=enums.Direction.OFFER,
            kind=enums.PostKind.VENUE,
            title="之江影视基地二号摄影棚出租",
            title_en="Studio 2 at the Zhijiang film base to let",
            description="一千二百平方米，层高十二米，可搭内景，配化妆间和道具库，按天计价。",
            description_en=(
                "1,200 m², 12 m high, for interior sets, with make-up rooms and a props "
                "store; let by the day."
            ),
            price_min=Decimal("9000"),
            price_max=Decimal("15000"),
            available_from=studio_from,
            available_until=studio_until,
            contact_name="周晓岚",
            contact_phone="13957100211",
            contact_email="studio@yichuang.example.cn",
        )
        self.post(
            service_company,
            direction=enums.Direction.OFFER,
            kind=enums.PostKind.EQUIPMENT,
            title="电影摄影机与灯光器材短租",
            title_en="Cinema cameras and lights for short hire",
            description="两套电影摄影机及镜头组，二十千瓦灯光套组，含一名跟机技术员。",
            description_en=(
                "Two cinema camera kits with lens sets and a 20 kW lighting package, with a "
                "technician on set."
            ),
            price_min=Decimal("3000"),
            price_max=Decimal("6000"),
            available_from=self.today + timedelta(days=5),
            available_until=self.today + timedelta(days=90),
            contact_name="周晓岚",
            contact_phone="13957100211",
        )
        grading = self.post(
            service_company,
            direction=enums.Direction.OFFER,
            kind=enums.PostKind.PRODUCTION,
            title="后期调色与混音服务",
            title_en="Colour grading and sound mixing",
            description="杜比全景声混音棚和调色间，按集报价。",
            description_en="A Dolby Atmos mixing stage and a grading suite, priced by episode.",
            price_min=Decimal("20000"),
            price_max=Decimal("120000"),
            contact_name="陈一帆",
            contact_phone="13957100388",
        )
        self.post(
            film_company,
            direction=enums.Direction.NEED,
            kind=enums.PostKind.EQUIPMENT,
            title="求租摄影机和灯光器材四周",
            title_en="Cameras and lights wanted for four weeks",
            description="补拍外景需要一套电影摄影机和灯光，希望含技术员。",
            description_en=(
                "Extra location days need one cinema camera kit and lights, ideally with a "
                "technician."
            ),
            price_min=Decimal("2000"),
            price_max=Decimal("5000"),
            available_from=self.today + timedelta(days=10),
            available_until=self.today + timedelta(days=38),
            contact_name="林思远",
            contact_phone="13806712345",
        )
        film_admin = self.admin_of(film_company)
        service_admin = self.admin_of(service_company)
        deal = services.propose_introduction(
            grading,
            film_company,
            actor=film_admin,
            values={"message": "新剧后期十二集，想了解排期和报价。", "contact_name": "林思远"},
        )
        services.accept_introduction(deal, service_company, actor=service_admin)
        services.close_introduction(
            deal,
            film_company,
            actor=film_admin,
            deal_value=Decimal("86000"),
            reason="十二集调色和混音，分两期付款。",
        )
        services.propose_introduction(
            studio,
            film_company,
            actor=film_admin,
            values={"message": "剧组需要一周内景，想看棚。", "contact_name": "林思远"},
        )
