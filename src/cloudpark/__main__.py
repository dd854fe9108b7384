"""The ``cloudpark`` command: Django's management commands, with Cloud Park's own first.

cloudpark demo       migrate, load the demo data and serve on http://127.0.0.1:8000
cloudpark serve      gunicorn with production settings
cloudpark worker     the background task worker
cloudpark migrate    apply database migrations
cloudpark createadmin
cloudpark check
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management import execute_from_command_line

DEFAULT_ENVIRONMENTS = {"serve": "production", "worker": "production"}


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command in DEFAULT_ENVIRONMENTS:
        os.environ.setdefault("CLOUDPARK_ENV", DEFAULT_ENVIRONMENTS[command])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cloudpark.settings")
    try:
        execute_from_command_line(["cloudpark", *argv[1:]])
    except ImproperlyConfigured as error:
        # A configuration mistake deserves one clear line, not a traceback.
        sys.stderr.write(f"cloudpark: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
