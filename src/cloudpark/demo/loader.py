"""Writing the demo into the database.

Everything is written in one transaction, so a demo is either all there or not there at all,
and through the directory's services wherever one exists, so that the audit log tells the same
story as the data. Government bodies and parks have no creation service yet and are made here
with their models.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cloudpark.accounts import services as account_services
from cloudpark.dashboards import services as dashboards
from cloudpark.demo import (
    awards,
    bases,
    copyright,
    data,
    events,
    filings,
    finance,
    jobs,
    market,
    news,
    programs,
)
from cloudpark.demo import benefits as demo_benefits
from cloudpark.demo.enterprises import credit_code, last_completed_years, plan_enterprises
from cloudpark.orgs import enums, services
from cloudpark.orgs.models import (
    EnterpriseYear,
    GovernmentBody,
    IndustryCategory,
    Membership,
    Park,
    QualificationTag,
    Region,
)
from cloudpark.search import services as search_services


def is_loaded():
    """The zone's park anchors the demo: it is written in the same transaction as the rest."""
    return Park.objects.filter(name=data.ANCHOR_PARK_NAME).exists()


@transaction.atomic
def load_demo(*, today=None):
    """Load the demo organisations, enterprises and accounts, dated up to ``today``.

    Returns ``False`` and changes nothing when the demo is already there, so that running the
    demo twice neither duplicates nor fails.
    """
    if is_loaded():
        return False
    DemoLoader(today or timezone.localdate()).load()
    return True


def _created(model, **values):
    """A new row of ``model``, checked like a form would check it."""
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


class DemoLoader:
    def __init__(self, today):
        self.today = today
        self.regions = {region.code: region for region in Region.objects.all()}
        self.categories = {
            category.code: category
            for category in IndustryCategory.objects.filter(level=enums.CategoryLevel.MID)
        }
        self.tags = {tag.slug: tag for tag in QualificationTag.objects.all()}
        self.organizations = {}
        self.users = {}
        self.years = []

    def load(self):
        self.create_governments()
        self.create_parks()
        self.create_accounts()
        self.add_memberships()
        self.register_fixed_enterprises()
        self.register_generated_enterprises()
        self.add_memberships()
        EnterpriseYear.objects.bulk_create(self.years)
        self.load_events()
        self.load_bases()
        self.load_programmes()
        self.load_jobs()
        self.load_news()
        self.load_filings()
        self.load_awards()
        self.load_figures()
        self.load_finance()
        self.load_api_tokens()
        self.load_benefits()
        self.load_market()
        self.load_copyright()
        self.load_search_index()

    def load_search_index(self):
        """Everything above was indexed as it was saved; written again oldest first, so that
        the search's newest matches are the newest items."""
        search_services.reindex()

    # Government bodies and parks --------------------------------------------------------------

    def create_governments(self):
        for spec in data.GOVERNMENTS:
            self.organizations[spec["key"]] = _created(
                GovernmentBody,
                kind=enums.OrganizationKind.GOVERNMENT,
                name=spec["name"],
                name_en=spec["name_en"],
                level=spec["level"],
                parent=self.organizations.get(spec["parent"]),
                region=self.regions.get(spec["region"]),
                address=spec["address"],
                description=spec["description"],
                description_en=spec["description_en"],
            )

    def create_parks(self):
        for plan in data.PARKS:
            self.organizations[plan.key] = _created(
                Park,
                kind=enums.OrganizationKind.PARK,
                name=plan.name,
                name_en=plan.name_en,
                region=self.regions[plan.region],
                address=plan.address,
                description=plan.description,
                description_en=plan.description_en,
                # The accreditation story (``demo.bases``) gives most parks their level.
                **bases.standing_before_accreditation(plan),
                operator=plan.operator,
                area=None if plan.area is None else Decimal(plan.area),
                focus=plan.focus,
                focus_en=plan.focus_en,
            )
        for government, parks in data.JURISDICTION.items():
            self.organizations[government].jurisdiction.set(
                [self.organizations[park] for park in parks]
            )

    # Accounts -------------------------------------------------------------------------------

    def create_accounts(self):
        """The demo's people. An account that exists already (an administrator made with
        ``createadmin`` under a demo address, say) is kept as it is, password included."""
        users = get_user_model().objects
        existing = {user.email: user for user in users.filter(email__in=self.account_emails())}
        # One hash for the one shared password: hashing is slow on purpose, nine times over
        # it would be most of the loading time.
        password_hash = make_password(data.DEMO_PASSWORD)
        for account in data.ACCOUNTS:
            user = existing.get(account.email)
            if user is None:
                create = users.create_superuser if account.is_superuser else users.create_user
                user = create(account.email, None, name=account.name, mobile=account.mobile)
                user.password = password_hash
                user.save(update_fields=["password"])
            self.users[account.email] = user

    @staticmethod
    def account_emails():
        return [account.email for account in data.ACCOUNTS]

    @property
    def platform_admin(self):
        return self.users[data.SUPERUSER_EMAIL]

    def add_memberships(self):
        """Add every demo membership whose organisation exists by now; adding one twice
        changes nothing."""
        for account in data.ACCOUNTS:
            for key, role in account.memberships:
                organization = self.organizations.get(key)
                if organization is not None:
                    services.add_member(
                        organization,
                        self.users[account.email],
                        role=role,
                        actor=self.platform_admin,
                    )

    def actor_for(self, park_key):
        """Who admits enterprises into a park: its demo administrator, or the platform's."""
        for account in data.ACCOUNTS:
            if (park_key, enums.Role.ADMIN) in account.memberships:
                return self.users[account.email]
        return self.platform_admin

    # Accreditation --------------------------------------------------------------------------

    def load_bases(self):
        """Rounds, declarations and their review, accreditations and an annual review."""
        bases.BasesLoader(
            today=self.today,
            organizations=self.organizations,
            users=self.users,
            actor_for=self.actor_for,
        ).load()

    # Awards ---------------------------------------------------------------------------------

    def load_awards(self):
        """The 2022 industry TV excellent-works selection, judged and awarded."""
        awards.AwardsLoader(
            organizations=self.organizations, users=self.users, platform_admin=self.platform_admin
        ).load()

    def load_figures(self):
        """The dashboards' figures store, computed from the enterprises' yearly figures (the
        last three completed years, planned with their parks and categories)."""
        dashboards.refresh_figures(last_year=last_completed_years(self.today, 1)[-1])

    # Support programmes ---------------------------------------------------------------------

    def load_programmes(self):
        """A provincial policy, three programmes and applications in every state."""
        programs.ProgrammesLoader(
            organizations=self.organizations, users=self.users, platform_admin=self.platform_admin
        ).load()

    # Talent and jobs --------------------------------------------------------------------------

    def load_jobs(self):
        """Postings of the base's companies, résumés and applications in every state."""
        jobs.JobsLoader(
            organizations=self.organizations, users=self.users, platform_admin=self.platform_admin
        ).load()

    # Culture finance --------------------------------------------------------------------------

    def load_finance(self):
        """Banks, a guarantor and a lessor with their products; the base's companies' needs,
        an introduction in the bank's review, one granted, and a data room open to the bank."""
        loader = finance.FinanceLoader(
            organizations=self.organizations,
            users=self.users,
            platform_admin=self.platform_admin,
        )
        loader.load()
        self.add_memberships()
        loader.publish_needs()

    # Enterprise benefits -----------------------------------------------------------------------

    def load_benefits(self):
        """Two service partners the base admits, their offers and the base's own to the
        people of the zone, three claims and one redemption at a partner's own desk."""
        loader = demo_benefits.BenefitsLoader(
            today=self.today,
            organizations=self.organizations,
            users=self.users,
            platform_admin=self.platform_admin,
        )
        loader.create_partners()
        self.add_memberships()
        loader.load()

    # Supply and demand ------------------------------------------------------------------------

    def load_market(self):
        """The service company's studio, equipment and post-production offers, the film
        company's equipment need, a deal closed between them and an introduction waiting."""
        market.MarketLoader(
            organizations=self.organizations, platform_admin=self.platform_admin
        ).load()

    # Copyright ------------------------------------------------------------------------------

    def load_copyright(self):
        """The film company's works: a series licensed exclusively and pledged to the bank, a
        documentary offered for licensing and asked for, an animation still a draft; and the
        service company's registered software."""
        copyright.CopyrightLoader(
            organizations=self.organizations,
            users=self.users,
            platform_admin=self.platform_admin,
        ).load()

    # API tokens -----------------------------------------------------------------------------

    def load_api_tokens(self):
        """The individual syncs her tickets to a calendar with a token, and has revoked the
        one an old laptop held. Their secrets are shown to no one: make a new token to try
        the API."""
        person = self.users[data.API_TOKEN_OWNER]
        for name, revoked in data.API_TOKENS:
            token, _secret = account_services.create_api_token(person, actor=person, name=name)
            if revoked:
                account_services.revoke_api_token(token, actor=person)

    # News -----------------------------------------------------------------------------------

    def load_news(self):
        """Channels, articles about the demo's events and bases, a corrected article with the
        request behind it, a clarification and disclosure items."""
        news.NewsLoader(organizations=self.organizations, users=self.users).load()

    # Drama filings --------------------------------------------------------------------------

    def load_filings(self):
        """Works of the demo enterprise in every state of their filings and reviews."""
        filings.FilingsLoader(
            today=self.today, organizations=self.organizations, users=self.users
        ).load()

    # Events ---------------------------------------------------------------------------------

    def load_events(self):
        """The industry events of ``demo.events``, written once."""
        if events.is_loaded():
            return
        owners = (data.ZHEJIANG_BUREAU, data.ZHIJIANG, data.ZONE_OFFICE)
        events.EventsLoader(today=self.today, owners=self.organizations, people=self.users).load(
            internet_media_owner=data.ZHEJIANG_BUREAU,
            film_week_owner=data.ZHEJIANG_BUREAU,
            ceremony_owner=data.ZHIJIANG,
            zone_owner=data.ZONE_OFFICE,
            actors={key: self.actor_for(key) for key in owners},
        )

    # Enterprises ----------------------------------------------------------------------------

    def resolved(self, values):
        return {
            **values,
            "category": self.categories[values["category"]],
            "region": self.regions[values["region"]],
        }

    def register(self, values, *, park_key, admitted_on, tags):
        return services.register_enterprise(
            actor=self.actor_for(park_key),
            park=self.organizations[park_key] if park_key else None,
            admitted_on=admitted_on,
            tags=[self.tags[slug] for slug in tags],
            **self.resolved(values),
        )

    def register_fixed_enterprises(self):
        for spec in data.FIXED_ENTERPRISES:
            values = dict(spec["values"])
            values["credit_code"] = credit_code(values.pop("credit_code_base"))
            values["registered_capital"] = Decimal(values["registered_capital"])
            enterprise = self.register(
                values, park_key=spec["park"], admitted_on=spec["admitted_on"], tags=spec["tags"]
            )
            self.organizations[spec["key"]] = enterprise
            years = last_completed_years(self.today, len(spec["years"]))
            self.years.extend(
                EnterpriseYear(
                    enterprise=enterprise,
                    year=year,
                    revenue=Decimal(revenue),
                    output=Decimal(output),
                    taxes=Decimal(taxes),
                    staff_count=values["staff_count"],
                )
                for year, (revenue, output, taxes) in zip(years, spec["years"], strict=True)
            )

    def register_generated_enterprises(self):
        fixed = [spec["values"] for spec in data.FIXED_ENTERPRISES]
        plans = plan_enterprises(
            categories={code: (c.name, c.name_en) for code, c in self.categories.items()},
            parks=data.PARKS,
            today=self.today,
            seed=data.SEED,
            taken_names=[values["name"] for values in fixed],
            taken_codes=[credit_code(values["credit_code_base"]) for values in fixed],
        )
        for plan in plans:
            enterprise = self.register(
                plan.values, park_key=plan.park, admitted_on=plan.admitted_on, tags=plan.tags
            )
            if plan.move is not None:
                move = plan.move
                enterprise = services.release_enterprise(
                    enterprise,
                    actor=self.actor_for(plan.park),
                    on=move.released_on,
                    note=move.release_note,
                )
                enterprise = services.admit_enterprise(
                    self.organizations[move.to_park],
                    enterprise,
                    actor=self.actor_for(move.to_park),
                    on=move.admitted_on,
                    note=move.admission_note,
                )
            self.years.extend(
                EnterpriseYear(
                    enterprise=enterprise,
                    year=figures.year,
                    revenue=figures.revenue,
                    output=figures.output,
                    taxes=figures.taxes,
                    staff_count=figures.staff_count,
                )
                for figures in plan.years
            )


# Reading the demo back ----------------------------------------------------------------------


def account_rows():
    """(e-mail, portal and role, organisation) of every demo account present, one row per
    membership, for the demo command to print."""
    users = get_user_model().objects.filter(email__in=DemoLoader.account_emails())
    by_email = {user.email: user for user in users}
    memberships = {}
    for membership in Membership.objects.filter(user__in=users, is_active=True).select_related(
        "organization"
    ):
        memberships.setdefault(membership.user_id, []).append(membership)
    rows = []
    for account in data.ACCOUNTS:
        user = by_email.get(account.email)
        if user is None:
            continue
        if user.is_superuser:
            rows.append((user.email, "platform / superuser (/admin/)", ""))
        held = memberships.get(user.pk, [])
        rows.extend(
            (user.email, f"{m.organization.kind} / {m.role}", m.organization.name) for m in held
        )
        if not held and not user.is_superuser:
            rows.append((user.email, "individual", ""))
    return rows
