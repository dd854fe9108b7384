"""A small zone with reported figures, shared by the store, page and API tests: two parks in
one government body's care, enterprises in a core and a related category, one of which
reported only the last year (so that growth on a comparable basis differs from the ratio of
the totals), one that never reported, and one in a park outside the body's care."""

from dataclasses import dataclass

from cloudpark.dashboards import services
from cloudpark.orgs.models import IndustryCategory
from tests.factories import EnterpriseFactory, GovernmentBodyFactory, ParkFactory
from tests.factories.programs import admin_of

LAST = services.last_reportable_year()


@dataclass
class Zone:
    park: object
    second_park: object
    outside_park: object
    government: object
    film: object
    studio: object
    newcomer: object
    silent: object
    equipment: object
    outsider: object


def category(code):
    return IndustryCategory.objects.get(code=code)


def report(enterprise, year, revenue, taxes, staff, output=None):
    return services.report_figures(
        enterprise,
        year=year,
        actor=admin_of(enterprise),
        revenue=revenue,
        taxes=taxes,
        staff_count=staff,
        output=output if output is not None else revenue * 11 // 10,
    )


def build_zone():
    park = ParkFactory(name="之江文化产业园", name_en="Zhijiang Cultural Industry Park")
    second = ParkFactory(name="滨江数字文化基地", name_en="Binjiang Digital Culture Base")
    outside = ParkFactory(name="远方园区", name_en="Faraway Park")
    government = GovernmentBodyFactory(jurisdiction=[park, second])
    zone = Zone(
        park=park,
        second_park=second,
        outside_park=outside,
        government=government,
        film=EnterpriseFactory(park=park, category=category("022")),
        studio=EnterpriseFactory(park=park, category=category("024")),
        newcomer=EnterpriseFactory(park=park, category=category("022")),
        silent=EnterpriseFactory(park=second, category=category("024")),
        equipment=EnterpriseFactory(park=second, category=category("081")),
        outsider=EnterpriseFactory(park=outside, category=category("022")),
    )
    report(zone.film, LAST - 1, 1000, 50, 40)
    report(zone.film, LAST, 1200, 66, 45)
    report(zone.studio, LAST - 1, 400, 20, 12)
    report(zone.studio, LAST, 380, 18, 12)
    report(zone.newcomer, LAST, 5000, 200, 60)
    report(zone.equipment, LAST - 1, 2500, 100, 30)
    report(zone.equipment, LAST, 3000, 150, 35)
    report(zone.outsider, LAST, 9999, 999, 99)
    services.refresh_figures()
    return zone
