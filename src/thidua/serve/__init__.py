"""The reference web service: campaigns in memory, evaluated, explained and updated over HTTP.

``thidua serve`` (the ``serve`` extra: Starlette and uvicorn) loads one or
more campaigns with their results and answers in JSON: validate a results
row, read the evaluation, a unit's verdicts with their explanation (in
Vietnamese or English), update a unit, read a cluster's ranking, fetch the
report. Problems come back as HTTP 422 with every problem located; every
response carries the evaluation's fingerprint. ``GET /openapi.json`` is the
OpenAPI document, built from the JSON Schemas thidua generates.

The pieces serve other apps too: :class:`Service` does the work on plain
data without any web framework, :func:`exception_handlers` answers thidua's
errors in a Starlette app, :func:`error_response` gives the status and body
of an error for any framework.

>>> service = Service.load(examples=["an-minh-2022"])
>>> body = service.unit("an-minh-2022", "xa-van-khanh-tay", "en")
>>> body["unit"]["rating"]["grade"], body["unit"]["score"]["total"]
('htt', '89.9999999')
>>> body["explanation"][1].startswith("Xã Vân Khánh Tây")
True

.. versionadded:: 0.1.0
"""

from thidua.serve._app import FINGERPRINT_HEADER, exception_handlers, make_app, serve
from thidua.serve._openapi import openapi_document
from thidua.serve._service import NotFoundError, Service, error_response

__all__ = [
    "FINGERPRINT_HEADER",
    "NotFoundError",
    "Service",
    "error_response",
    "exception_handlers",
    "make_app",
    "openapi_document",
    "serve",
]
