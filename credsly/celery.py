"""The Celery application, configured from Django settings (``CELERY_*`` names)."""
import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credsly.settings")

app = Celery("credsly")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The transport options that name folders of kombu's filesystem transport.
FILESYSTEM_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@app.on_after_configure.connect
def make_filesystem_folders(sender: Celery, **kwargs: object) -> None:
    """kombu's filesystem transport and Celery's file result backend fail without their
    folders. They are made here, when a worker or a process sending a task first reads
    Celery's configuration, rather than as a side effect of importing the settings."""
    options = sender.conf.broker_transport_options or {}
    folders = [options[key] for key in FILESYSTEM_FOLDERS if key in options]
    backend = str(sender.conf.result_backend or "")
    if backend.startswith("file://"):
        folders.append(backend.removeprefix("file://"))
    for folder in folders:
        Path(folder).mkdir(parents=True, exist_ok=True)
