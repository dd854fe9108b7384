"""Pages that belong to no capability."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def health(request):
    """For load balancers and the benchmarks' reference: the process answers. It reads
    nothing from the database or the session, so it stays up while either is slow."""
    return HttpResponse(b"ok\n", content_type="text/plain")
