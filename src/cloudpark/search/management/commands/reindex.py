"""``cloudpark reindex [kind ...]``: rebuild the platform search's documents from the records
(after a bulk import, or a change of what a kind shows)."""

from django.core.management.base import BaseCommand, CommandError

from cloudpark.search import registry, services


class Command(BaseCommand):
    help = "Rebuild the search documents of every kind, or of the kinds named."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="kinds to rebuild (default: all)")

    def handle(self, *args, **options):
        known = registry.kinds()
        unknown = [key for key in options["kinds"] if key not in known]
        if unknown:
            raise CommandError(f"Unknown kinds: {', '.join(unknown)}; known: {', '.join(known)}")
        kinds = [known[key] for key in options["kinds"]] or None
        for key, total in services.reindex(kinds).items():
            self.stdout.write(f"{key}: {total} documents")
