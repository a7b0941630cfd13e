"""Response formats beside JSON that more than one app serves."""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer


class CsvRenderer(BaseRenderer):
    """`Accept: text/csv`: the view hands over the CSV text it made (exports, the register for the AP)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode("utf-8") if isinstance(data, str) else data
