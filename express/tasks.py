"""The import's Celery task: a thin shell around ``services.import_process``."""
from celery import shared_task

from .models import ShipmentImport
from .services import import_process


@shared_task(acks_late=True, ignore_result=True)  # the outcome lives on ShipmentImport
def process_import(import_id: int) -> None:
    # Only a queued import is processed, so a redelivered message cannot run one twice.
    shipment_import = ShipmentImport.objects.filter(pk=import_id, status=ShipmentImport.Status.QUEUED).first()
    if shipment_import is not None:
        import_process(shipment_import)
