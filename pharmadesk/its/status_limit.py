"""How often a station may ask ITS's status query (Durum sorgulama). ITS has restricted
the service since 20.03.2017 because stakeholders swept their whole stock with it
(../shared/its-protocol.md §12): PharmaDesk asks it for a few boxes on demand, and bulk
checks go through Ürün Doğrulama."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import ClassVar

from pharmadesk.its.errors import ItsConfigError

PER_QUERY = 20  # boxes in one query
PER_WINDOW = 100  # boxes in WINDOW seconds
WINDOW = 600.0


class StatusLimitError(ItsConfigError):
    """Refused before sending: the status query's budget is spent (or one query is too big)."""


class StatusLimiter:
    """A sliding window of boxes asked; one per ITS user in a process (`shared`)."""

    _shared: ClassVar[dict[str, StatusLimiter]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, per_query: int = PER_QUERY, per_window: int = PER_WINDOW, window: float = WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_query, self.per_window, self.window = per_query, per_window, window
        self.clock = clock
        self._asked: deque[tuple[float, int]] = deque()
        self._lock = threading.Lock()

    @classmethod
    def shared(cls, username: str) -> StatusLimiter:
        with cls._shared_lock:
            return cls._shared.setdefault(username, cls())

    def take(self, boxes: int) -> None:
        """Count `boxes` against the budget, or raise StatusLimitError and count nothing."""
        if boxes > self.per_query:
            raise StatusLimitError(
                f"Durum sorgulama tek seferde en fazla {self.per_query} kutu içindir; çok kutuyu "
                f"Ürün Doğrulama ile kontrol edin.",
                f"A status query is for at most {self.per_query} boxes at a time; check many boxes "
                f"with Product Verification.")
        with self._lock:
            now = self.clock()
            while self._asked and self._asked[0][0] <= now - self.window:
                self._asked.popleft()
            used = sum(count for _, count in self._asked)
            if used + boxes > self.per_window:
                wait = max(1, round(self._asked[0][0] + self.window - now))
                raise StatusLimitError(
                    f"ITS durum sorgulamayı aşırı kullanıma karşı kısıtlıyor: son {self.window / 60:g} "
                    f"dakikada {used} kutu soruldu (sınır {self.per_window}). {wait} sn sonra yeniden "
                    f"deneyin ya da Ürün Doğrulama kullanın.",
                    f"ITS restricts the status query against over-use: {used} boxes were asked in the "
                    f"last {self.window / 60:g} minutes (limit {self.per_window}). Try again in {wait} s "
                    f"or use Product Verification.")
            self._asked.append((now, boxes))
