"""The demo contact centre: its teams, queues and the people who sign in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agentdesk.domain.enums import ChannelKind, Role
from agentdesk.server.seed.texts.company import WHATSAPP_TEMPLATES

SUPPORT = "Atenció al client"
BILLING = "Facturació"
INTERNATIONAL = "International"
TEAMS = (SUPPORT, BILLING, INTERNATIONAL)


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    password: str
    role: Role
    display_name: str
    language: str
    teams: tuple[str, ...]


DEMO_USERS = (
    DemoUser("admin", "demo-admin", Role.ADMIN, "Administració", "ca", ()),
    DemoUser("marta", "demo-supervisor", Role.SUPERVISOR, "Marta Roca", "ca", ()),
    DemoUser("jordi", "demo-teamlead", Role.TEAM_LEAD, "Jordi Vidal", "ca", (SUPPORT,)),
    DemoUser("laia", "demo-agent", Role.AGENT, "Laia Puig", "ca", (SUPPORT,)),
    DemoUser("pau", "demo-agent", Role.AGENT, "Pau Ferrer", "ca", (SUPPORT, BILLING)),
    DemoUser("lucia", "demo-agent", Role.AGENT, "Lucía Romero", "es", (SUPPORT,)),
    DemoUser("carlos", "demo-agent", Role.AGENT, "Carlos Medina", "es", (BILLING,)),
    DemoUser("emma", "demo-agent", Role.AGENT, "Emma Walsh", "en", (INTERNATIONAL, SUPPORT)),
    DemoUser("nuria", "demo-agent", Role.AGENT, "Núria Soler", "ca", (BILLING, INTERNATIONAL)),
)


@dataclass(frozen=True, slots=True)
class QueueSpec:
    key: str
    name: str
    channel: ChannelKind
    teams: tuple[str, ...]
    settings: dict[str, Any]
    sla_first_response_s: int
    sla_resolution_s: int


HOUR = 3600
QUEUES = (
    QueueSpec(
        "mail_es",
        "Correo · Soporte (ES)",
        ChannelKind.EMAIL,
        (SUPPORT,),
        {"address": "soporte@llumicasa.example", "language": "es"},
        4 * HOUR,
        48 * HOUR,
    ),
    QueueSpec(
        "mail_ca",
        "Correu · Suport (CA)",
        ChannelKind.EMAIL,
        (SUPPORT,),
        {"address": "suport@llumicasa.example", "language": "ca"},
        4 * HOUR,
        48 * HOUR,
    ),
    QueueSpec(
        "mail_en",
        "Email · Support (EN)",
        ChannelKind.EMAIL,
        (INTERNATIONAL,),
        {"address": "support@llumicasa.example", "language": "en"},
        8 * HOUR,
        72 * HOUR,
    ),
    QueueSpec(
        "billing",
        "Correu · Facturació",
        ChannelKind.EMAIL,
        (BILLING,),
        {"address": "facturacio@llumicasa.example"},
        8 * HOUR,
        72 * HOUR,
    ),
    QueueSpec(
        "whatsapp",
        "WhatsApp · Llum & Casa",
        ChannelKind.WHATSAPP,
        (SUPPORT, INTERNATIONAL),
        {
            "display_phone_number": "+34 600 000 000",
            "phone_number_id": "100000000000001",
            "templates": [dict(t) for t in WHATSAPP_TEMPLATES],
        },
        15 * 60,
        24 * HOUR,
    ),
    QueueSpec(
        "webchat",
        "Xat web · llumicasa.example",
        ChannelKind.WEBCHAT,
        (SUPPORT, INTERNATIONAL),
        {"origins": ["https://www.llumicasa.example"], "greeting": "Hola! En què et podem ajudar?"},
        2 * 60,
        2 * HOUR,
    ),
)
