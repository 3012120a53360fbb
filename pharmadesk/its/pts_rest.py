"""The PTS client over ITS2 REST (`its.protocol = its2`): the same face as PtsClient (the
transfer list in windows of at most 31 days, the package download checked by its MD5 when
one is given, the same package reader and errors), through the its2 login token of
RestClient, renewed once on a 401. Paths and fields: ../shared/its-protocol.md §8.3 and §9."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pharmadesk.its.errors import ItsFault, ItsResponseError
from pharmadesk.its.pts import MAX_WINDOW_DAYS, PtsFault, Transfer, package_from, transfer_of, windows
from pharmadesk.its.pts_package import Package
from pharmadesk.its.rest import RestClient
from pharmadesk.its.rest_services import PTS_PACKAGE_PATH, PTS_SEARCH_PATH

SEARCH_KEY, PACKAGE_KEY = "pts.search", "pts.get-package"


class RestPtsClient:
    def __init__(self, rest: RestClient) -> None:
        self.rest = rest
        self.gln = rest.gln

    def transfers(self, days: int = MAX_WINDOW_DAYS, *, today: date | None = None) -> list[Transfer]:
        """The transfers addressed to this station in the last `days` days, newest window first, each once."""
        found: dict[int, Transfer] = {}
        for start, end in windows(days, today):
            answer = self._post(SEARCH_KEY, PTS_SEARCH_PATH, {
                "sourceGln": "", "destinationGln": self.gln, "bringNotReceivedTransferInfo": 0,
                "startDate": start.isoformat(), "endDate": end.isoformat()})
            details = answer.get("transferDetails") if isinstance(answer, dict) else None
            if not isinstance(details, list) or not all(isinstance(detail, dict) for detail in details):
                raise ItsResponseError("PTS cevabında transfer listesi yok.", "The PTS answer has no transfer list.")
            for detail in details:
                transfer = transfer_of(detail.get("transferId"), str(detail.get("sourceGln") or ""),
                                       str(detail.get("destinationGln") or ""), str(detail.get("transferDate") or ""))
                found.setdefault(transfer.transfer_id, transfer)
        return sorted(found.values(), key=lambda transfer: transfer.transfer_id)

    def download(self, transfer_id: int, source_gln: str = "") -> Package:
        """The package of one transfer, its MD5 and ZIP checked (PackageError if it is damaged)
        and opened, to be streamed by `Package.items()`."""
        answer = self._post(PACKAGE_KEY, PTS_PACKAGE_PATH, {"transferId": int(transfer_id)})
        answer = answer if isinstance(answer, dict) else {}
        stream, md5 = answer.get("fileStream"), answer.get("streamMD5checksum")
        return package_from(stream if isinstance(stream, str) else None,
                            str(md5).strip() or None if md5 is not None else None)

    def close(self) -> None:
        self.rest.close()

    def __enter__(self) -> RestPtsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _post(self, key: str, path: str, request: dict) -> Any:
        body = json.dumps(request).encode("utf-8")
        try:
            return self.rest._call(key, "pts", path, body, lambda answer: answer)
        except ItsFault as fault:  # a JSON {fc, fm}: PTS refused, said with what to do about it
            raise PtsFault(fault.fc, fault.fm, key) from None


__all__ = ["RestPtsClient"]
