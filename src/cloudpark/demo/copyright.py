"""The demo's copyright register, written through the services.

The base's film company holds the online series it produced, registered and licensed
exclusively to a streaming platform for the mainland, and pledged to the zone's culture bank
for the loan it is asking about in finance; a documentary registered and offered for
licensing, for which the base's service company asks a licence; and an animated short still
a drafted application, its work statement half written. The service company holds the
software that runs its virtual production stage.

Every title, number and figure is illustrative, written for the demo. Terms count from the
day the demo is loaded.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from cloudpark.copyright import enums, services
from cloudpark.copyright.enums import Medium as M
from cloudpark.copyright.enums import Territory as T
from cloudpark.demo import data
from cloudpark.orgs import enums as org_enums

FILM_COMPANY_OWNER = "杭州之江光影文化传媒有限公司"
SERVICE_COMPANY_OWNER = "杭州艺创视听公共服务有限公司"

SERIES = {
    "title": "转塘夜话",
    "title_en": "Night Talks in Zhuantang",
    "category": enums.WorkCategory.AUDIOVISUAL,
    "audiovisual_kind": enums.AudiovisualKind.TV_SERIES,
    "length_minutes": 25,
    "episodes": 24,
    "owner_name": FILM_COMPANY_OWNER,
    "authors": "沈若溪、陆一鸣",
    "creation_nature": enums.CreationNature.ORIGINAL,
    "completed_on": date(2024, 8, 30),
    "first_published_on": date(2024, 11, 12),
    "first_published_place": "杭州",
    "first_published_form": "网络首播",
    "attribution": enums.Attribution.LEGAL_PERSON,
    "purpose": "以艺创小镇的夜晚为背景，记录青年创作者的日常与选择。",
    "process": "2023年立项，完成剧本开发后于2024年春季拍摄，同年8月完成后期。",
    "originality": "本剧剧本、摄制与剪辑均由本公司团队独立完成，不存在抄袭。",
    "registration_number": "国作登字-2025-L-00418236",
    "registered_on": date(2025, 1, 20),
}
DOCUMENTARY = {
    "title": "钱塘江上的光",
    "title_en": "Light on the Qiantang",
    "category": enums.WorkCategory.AUDIOVISUAL,
    "audiovisual_kind": enums.AudiovisualKind.DOCUMENTARY,
    "length_minutes": 52,
    "owner_name": FILM_COMPANY_OWNER,
    "authors": "陆一鸣",
    "creation_nature": enums.CreationNature.ORIGINAL,
    "completed_on": date(2023, 10, 8),
    "first_published_on": date(2023, 12, 1),
    "first_published_place": "杭州",
    "first_published_form": "电视播出",
    "attribution": enums.Attribution.EMPLOYMENT,
    "purpose": "记录钱塘江两岸渔民与船工的四季。",
    "process": "历时一年跟拍，2023年秋季完成剪辑。",
    "originality": "本片素材均为本公司摄制组原创拍摄。",
    "registration_number": "国作登字-2024-L-00093517",
    "registered_on": date(2024, 3, 6),
}
ANIMATION = {
    "title": "小镇里的纸鸢",
    "title_en": "Kites over the Town",
    "category": enums.WorkCategory.AUDIOVISUAL,
    "audiovisual_kind": enums.AudiovisualKind.ANIMATION,
    "length_minutes": 12,
    "owner_name": FILM_COMPANY_OWNER,
    "authors": "许青",
    "creation_nature": enums.CreationNature.ORIGINAL,
    "completed_on": date(2025, 12, 15),
    "attribution": enums.Attribution.LEGAL_PERSON,
    "purpose": "为少年儿童讲述一只纸鸢寻找春天的故事。",
    "process": "",
    "originality": "",
}
SOFTWARE = {
    "title": "艺创虚拟拍摄调度系统V2.0",
    "title_en": "Yichuang Virtual Production Scheduler V2.0",
    "category": enums.WorkCategory.SOFTWARE,
    "owner_name": SERVICE_COMPANY_OWNER,
    "authors": "杭州艺创视听公共服务有限公司",
    "creation_nature": enums.CreationNature.ORIGINAL,
    "completed_on": date(2023, 4, 1),
    "first_published_on": date(2023, 5, 10),
    "first_published_place": "杭州",
    "attribution": enums.Attribution.LEGAL_PERSON,
    "software_registration_number": "2023SR0715264",
    "software_certificate_number": "软著登字第1102347号",
    "registered_on": date(2023, 6, 28),
}
PLEDGE_NUMBER = "ZQ-2026-330106-0012"


class CopyrightLoader:
    def __init__(self, *, organizations, users, platform_admin):
        self.platform_admin = platform_admin
        self.today = timezone.localdate()
        self.organizations = organizations
        self.users = users

    def admin_of(self, organization):
        """Its demo administrator, or the platform's for a company without one."""
        membership = (
            organization.memberships.filter(role=org_enums.Role.ADMIN, is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user if membership else self.platform_admin

    def load(self):
        film_company = self.organizations[data.DEMO_ENTERPRISE]
        service_company = self.organizations[data.SERVICE_ENTERPRISE]
        bank = self.organizations[data.FINANCE_BANK].financial_institution
        film_admin = self.admin_of(film_company)
        service_admin = self.admin_of(service_company)

        series = services.record_work(film_company, actor=film_admin, values=SERIES)
        services.grant_licence(
            series,
            actor=film_admin,
            values={
                "licensee_name": "鲸影视频科技有限公司",
                "exclusive": True,
                "media": [M.ONLINE],
                "territory": [T.MAINLAND],
                "starts_on": self.today - timedelta(days=120),
                "ends_on": self.today + timedelta(days=610),
                "fee": Decimal("180"),
            },
        )
        services.grant_licence(
            series,
            actor=film_admin,
            values={
                "licensee_name": "港澳星河传播有限公司",
                "exclusive": False,
                "media": [M.TELEVISION],
                "territory": [T.HONG_KONG, T.MACAO],
                "starts_on": self.today - timedelta(days=30),
                "ends_on": self.today + timedelta(days=335),
                "fee": Decimal("25"),
            },
        )
        services.pledge_work(
            series,
            actor=film_admin,
            values={
                "pledgee": bank,
                "number": PLEDGE_NUMBER,
                "amount": Decimal("600"),
                "starts_on": self.today - timedelta(days=14),
                "ends_on": self.today + timedelta(days=530),
            },
        )

        documentary = services.record_work(film_company, actor=film_admin, values=DOCUMENTARY)
        services.set_offered(documentary, actor=film_admin, offered=True)
        request = services.request_licence(
            documentary,
            service_company,
            actor=service_admin,
            values={
                "exclusive": False,
                "media": [M.STAGE],
                "territory": [T.MAINLAND],
                "starts_on": self.today + timedelta(days=30),
                "ends_on": self.today + timedelta(days=395),
                "fee": Decimal("8"),
                "message": "希望在基地展厅的沉浸式放映中循环播放本片。",
            },
        )
        services.move_request(request, enums.RequestState.NEGOTIATING, actor=film_admin)

        services.record_work(film_company, actor=film_admin, values=ANIMATION)
        services.record_work(service_company, actor=service_admin, values=SOFTWARE)
