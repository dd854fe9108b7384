from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "cloudpark.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        # Models and the modules that use them load only once the app registry is ready.
        from cloudpark.core import search
        from cloudpark.events import models, services  # noqa: F401  (audit labels)
        from cloudpark.orgs import choices

        search.register(models.Event)
        # The public list's city and organiser filters are kept with the cached choices.
        choices.watch(models.Event)
        choices.watch(models.EventOrganizer)
        # A person's account deleted takes their registrations with it: their seats are free.
        post_delete.connect(
            release_seat, sender=models.Registration, dispatch_uid="events.release_seat"
        )


def release_seat(sender, instance, **kwargs):
    # The services import the models, which are not loaded when this module is.
    from cloudpark.events.services.registrations import release_seat_of

    release_seat_of(instance)
