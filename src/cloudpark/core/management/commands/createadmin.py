"""``cloudpark createadmin``: make a platform superuser, or reset the password of one."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

PASSWORD_VARIABLE = "CLOUDPARK_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a superuser with the given e-mail address, or make an existing account a "
        f"superuser with a new password. The password comes from --password, from "
        f"{PASSWORD_VARIABLE}, or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The administrator's e-mail address.")
        parser.add_argument(
            "--password",
            help=f"The password. Other users of this machine can read it in the process list; "
            f"prefer {PASSWORD_VARIABLE} or the prompt.",
        )
        parser.add_argument(
            "--name", default="", help="The administrator's name, for a new account."
        )

    def handle(self, *args, email, password, name, **options):
        email = get_user_model().objects.normalize_email(email.strip()).lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid e-mail address.") from None
        password = password or os.environ.get(PASSWORD_VARIABLE) or self.ask_password()
        users = get_user_model().objects
        with transaction.atomic():
            user = users.select_for_update().filter(email=email).first()
            candidate = user or users.model(email=email, name=name)
            try:
                validate_password(password, user=candidate)
            except ValidationError as error:
                raise CommandError("Password refused: " + " ".join(error.messages)) from None
            if user is None:
                users.create_superuser(email, password, name=name)
                self.stdout.write(self.style.SUCCESS(f"Superuser {email} created."))
                return
            user.set_password(password)
            user.is_staff = True
            user.is_superuser = True
            user.is_active = True
            user.save(update_fields=["password", "is_staff", "is_superuser", "is_active"])
        self.stdout.write(self.style.SUCCESS(f"{email} is a superuser with the new password."))

    def ask_password(self):
        if not sys.stdin.isatty():
            raise CommandError(
                f"No password given: pass --password, set {PASSWORD_VARIABLE}, or run this "
                "command in a terminal to be asked."
            )
        password = getpass.getpass("Password: ")
        if not password:
            raise CommandError("The password cannot be empty.")
        if getpass.getpass("Password (again): ") != password:
            raise CommandError("The two passwords differ.")
        return password
