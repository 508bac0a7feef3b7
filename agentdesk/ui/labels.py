"""Names of the shared vocabulary as people read them, marked for translation."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

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


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def _fill(text: str, *values: object) -> str:
    for i, value in enumerate(values, 1):
        text = text.replace(f"%{i}", str(value))
    return text


def duration(seconds: float, *, exact: bool = False) -> str:
    """A length of time as people read it: `12 min`, `3 h`, `2 d`; with `exact`, one more
    unit for a wall display that counts: `45 s`, `3 min 05 s`, `1 h 05 min`, `3 d 2 h`."""
    s = abs(round(seconds))
    if not exact:
        if s < 3600:
            return _fill(_tr("%1 min"), max(s // 60, 1))
        if s < 86400:
            return _fill(_tr("%1 h"), s // 3600)
        return _fill(_tr("%1 d"), s // 86400)
    if s < 60:
        return _fill(_tr("%1 s"), s)
    if s < 3600:
        return _fill(_tr("%1 min %2 s"), s // 60, f"{s % 60:02d}")
    if s < 86400:
        return _fill(_tr("%1 h %2 min"), s // 3600, f"{s % 3600 // 60:02d}")
    return _fill(_tr("%1 d %2 h"), s // 86400, s % 86400 // 3600)


def moment(value: datetime) -> str:
    """A point in time in the user's time zone, written the way their language writes dates."""
    return QLocale().toString(value.astimezone().replace(tzinfo=None), QLocale.FormatType.ShortFormat)
