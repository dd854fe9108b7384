"""Scale-out on one machine: two web processes (``cloudpark serve``, gunicorn) and a task worker
(``cloudpark worker``) sharing PostgreSQL and Redis, as docs/operations.md lays them out.

A person signs in on one web process and goes on on the other; a password reset asked for on
one is queued in the database and sent by the worker. Runs where the test database is
PostgreSQL and Redis answers on 127.0.0.1:6379 (CI's PostgreSQL step); skipped elsewhere.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory
from tests.programs.test_races import _reference_data_restored  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REDIS = ("127.0.0.1", 6379)
PASSWORD = "a-long-Test-passphrase-7"
READY_SECONDS = 60
SERVE = [sys.executable, "-m", "cloudpark", "serve"]


def _redis_answers():
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def environment(django_db_setup, tmp_path_factory):
    if connection.vendor != "postgresql" or not _redis_answers():
        pytest.skip("needs the test database on PostgreSQL and Redis on 127.0.0.1:6379")
    database = connection.settings_dict
    user = urllib.parse.quote(database["USER"] or "")
    password = f":{urllib.parse.quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    return {
        **os.environ,
        "CLOUDPARK_ENV": "demo",
        "CLOUDPARK_VAR": str(tmp_path_factory.mktemp("var")),
        "DATABASE_URL": f"postgres://{user}{password}@{host}/{database['NAME']}",
        # A database of Redis that nothing else here uses; emptied by the test.
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/13",
        "CLOUDPARK_TASK_WORKER": "1",
        "SECRET_KEY": "scale-out-" + "k" * 50,
        "PYTHONUNBUFFERED": "1",
    }


def _wait_until_up(url, process):
    """Poll ``/health/`` until the process answers; fail if it exits or takes too long."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the web process exited: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/health/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {READY_SECONDS} s")


@pytest.fixture(scope="module")
def web_processes(environment):
    """The base addresses of two web processes, each of one gunicorn worker, for the module."""
    started, urls = [], []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [*SERVE, "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            started.append(process)
            urls.append(f"http://127.0.0.1:{port}")
            _wait_until_up(urls[-1], process)
        yield urls
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        subprocess.run(
            [sys.executable, "-c", _FLUSH_REDIS], env=environment, check=False, timeout=30
        )


_FLUSH_REDIS = "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"


def _person():
    """Someone whose password the web processes can check: they hash with Django's default
    hashers, not the test settings' quick one."""
    hasher = PBKDF2PasswordHasher()
    person = UserFactory()
    person.password = hasher.encode(PASSWORD, hasher.salt())
    person.save(update_fields=["password"])
    return person


class Browser:
    """Cookies shared across both processes (they differ only by port), as a browser behind
    a load balancer would send them."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post_form(self, page_url, form_url, fields):
        """Post ``fields`` with the CSRF token of the form on ``page_url``."""
        page = self.get(page_url).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        return self._open(
            urllib.request.Request(form_url, data=body, headers={"Referer": page_url})
        )

    def _open(self, request):
        try:
            return self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as response:
            return response


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_person_signed_in_on_one_web_process_goes_on_on_the_other(web_processes):
    first, second = web_processes
    person = _person()
    browser = Browser()

    signed_in = browser.post_form(
        f"{first}/accounts/login/",
        f"{first}/accounts/login/",
        {"login": person.email, "password": PASSWORD},
    )
    on_the_other = browser.get(f"{second}/me/")

    assert signed_in.status == 302
    assert on_the_other.status == 200
    assert person.email in on_the_other.read().decode()


def test_a_task_queued_by_a_web_process_is_run_by_the_worker(web_processes, environment):
    first, _second = web_processes
    person = _person()

    asked = Browser().post_form(
        f"{first}/accounts/password/reset/",
        f"{first}/accounts/password/reset/",
        {"email": person.email},
    )
    queued = list(DBTaskResult.objects.values_list("task_path", "status"))
    subprocess.run(
        [sys.executable, "-m", "cloudpark", "worker", "--batch"],
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    # The worker also starts the daily purge of expired exports when it is due.
    done = list(
        DBTaskResult.objects.exclude(
            task_path="cloudpark.core.tasks.purge_expired_exports"
        ).values_list("task_path", "status")
    )

    assert asked.status == 302
    assert queued == [("cloudpark.accounts.tasks.send_account_email", "READY")]
    assert done == [("cloudpark.accounts.tasks.send_account_email", "SUCCESSFUL")]
