"""Names of the shared vocabulary as people read them, marked for translation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_STATUS = {
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "pending": QT_TRANSLATE_NOOP("Labels", "Pending"),
    "snoozed": QT_TRANSLATE_NOOP("Labels", "Snoozed"),
    "resolved": QT_TRANSLATE_NOOP("Labels", "Resolved"),
}
_CHANNEL = {
    "email": QT_TRANSLATE_NOOP("Labels", "Email"),
    "whatsapp": QT_TRANSLATE_NOOP("Labels", "WhatsApp"),
    "webchat": QT_TRANSLATE_NOOP("Labels", "Web chat"),
}
_DELIVERY = {
    "received": QT_TRANSLATE_NOOP("Labels", "Received"),
    "queued": QT_TRANSLATE_NOOP("Labels", "Waiting to be sent"),
    "sent": QT_TRANSLATE_NOOP("Labels", "Sent"),
    "delivered": QT_TRANSLATE_NOOP("Labels", "Delivered"),
    "read": QT_TRANSLATE_NOOP("Labels", "Read"),
    "failed": QT_TRANSLATE_NOOP("Labels", "Not delivered"),
}

_PRESENCE = {
    "available": QT_TRANSLATE_NOOP("Labels", "Available"),
    "busy": QT_TRANSLATE_NOOP("Labels", "Busy"),
    "away": QT_TRANSLATE_NOOP("Labels", "Away"),
    "offline": QT_TRANSLATE_NOOP("Labels", "Offline"),
}


def _label(table: dict[str, str], key: object) -> str:
    text = table.get(str(key))
    return QCoreApplication.translate("Labels", text) if text else str(key)


def status(key: object) -> str:
    return _label(_STATUS, key)


def channel(key: object) -> str:
    return _label(_CHANNEL, key)


def delivery(key: object) -> str:
    return _label(_DELIVERY, key)


def presence(key: object) -> str:
    return _label(_PRESENCE, key)
