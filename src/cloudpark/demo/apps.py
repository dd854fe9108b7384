from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and the ``demo`` command: the top layer, free to use every capability.

    It has no models, so no page shows its name.
    """

    name = "cloudpark.demo"
    label = "demo"
