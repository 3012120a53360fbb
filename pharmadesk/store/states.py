"""The life of a queued item (the outbox states), in one place so that the store, the
sync engine, the CLI and the UI all speak of the same states.

    waiting ──the header is complete──▶ queued   (or removed, when the box may no longer go)
    queued ──claim──▶ sending ──response──▶ accepted | rejected | needs-attention
      ▲  │                │
      │  └─remove─▶ removed   (only before it was ever sent)
      └──────────────────┘  outcome unknown (timeout, reset, lost response): back to
                            queued with `in_doubt` set, so the next send reconciles

- waiting: scanned before the notification details (supplier, reason, ...) were complete;
  committed and counted as scanned, queued with every check once the details are there.
- queued: committed, waiting to be sent.
- sending: part of a chunk handed to ITS under a request id; a crash leaves it here and
  the next sync reconciles it (see pharmadesk/reconcile.py).
- accepted: ITS says the notification took effect for this box (UC 00000, or a resend
  answered "already done by you").
- rejected: ITS refused this box (a business UC such as 10201); nothing was notified.
- needs-attention: ITS refused the whole notification (FC 11xxx, wrong header), or the
  outcome could not be settled; the pharmacist must look at it.
- removed: taken off the queue by the pharmacist before it was sent.
"""

from __future__ import annotations

QUEUED = "queued"
SENDING = "sending"
ACCEPTED = "accepted"
REJECTED = "rejected"
NEEDS_ATTENTION = "needs-attention"
REMOVED = "removed"
WAITING = "waiting"  # for the notification details

ALL = (QUEUED, SENDING, ACCEPTED, REJECTED, NEEDS_ATTENTION, REMOVED, WAITING)

# States in which a box still counts as "in this queue": a second scan of the same box
# for the same operation is a duplicate (the UNIQUE index on items enforces it).
ACTIVE = (QUEUED, SENDING, NEEDS_ATTENTION, WAITING)

# States after which sync will not touch the item again.
FINAL = (ACCEPTED, REJECTED, REMOVED)

# Notification (one header, many items) states.
NOTIFICATION_OPEN = "open"  # still takes new scans with the same header
NOTIFICATION_CLOSED = "closed"  # sync has started on it; new scans open a new notification
NOTIFICATION_WAITING = "waiting"  # holds boxes scanned before its details were complete; never sent
