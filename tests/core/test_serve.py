"""``cloudpark serve``: the gunicorn command it hands over to."""

import io

from django.core.management import call_command

from cloudpark.core.management.commands import serve


def gunicorn_arguments(monkeypatch, *arguments):
    started = []
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(serve.os, "execv", lambda _path, command: started.append(command))
    call_command("serve", *arguments, stdout=io.StringIO())
    (command,) = started
    return " ".join(command[command.index("--workers") : command.index("--timeout")])


def test_serve_starts_a_threaded_worker_per_core(monkeypatch):
    assert gunicorn_arguments(monkeypatch) == "--workers 2 --worker-class gthread --threads 4"


def test_serve_starts_sync_workers_with_one_thread(monkeypatch):
    assert (
        gunicorn_arguments(monkeypatch, "--workers", "5", "--threads", "1")
        == "--workers 5 --worker-class sync --threads 1"
    )
