"""What agents and customers write besides the matter itself, and how dates and amounts read."""

from __future__ import annotations

MONTHS = {
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "ca": [
        "gener",
        "febrer",
        "març",
        "abril",
        "maig",
        "juny",
        "juliol",
        "agost",
        "setembre",
        "octubre",
        "novembre",
        "desembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def format_date(language: str, day: int, month: int) -> str:
    name = MONTHS[language][month - 1]
    if language == "en":
        return f"{day} {name}"
    if language == "ca":
        # "d'abril", "d'agost", "d'octubre": Catalan elides the preposition before a vowel.
        return f"{day} d'{name}" if name[0] in "ao" else f"{day} de {name}"
    return f"{day} de {name}"


def format_amount(language: str, cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"€{euros}.{rest:02d}" if language == "en" else f"{euros},{rest:02d} €"


# What an agent writes besides the matter itself.
CHAT_GREETINGS = {
    "es": ("¡Hola {name}! Soy {agent}, ahora lo miro.", "Hola {name}, un momento, que lo compruebo."),
    "ca": ("Hola {name}! Soc {agent}, ara ho miro.", "Hola {name}, un moment, que ho comprovo."),
    "en": ("Hi {name}! {agent} here, let me check.", "Hi {name}, one moment while I look into it."),
}
SIGNATURES = {
    "es": "\n\nUn saludo,\n{agent}\nAtención al cliente · Llum & Casa",
    "ca": "\n\nSalutacions,\n{agent}\nAtenció al client · Llum & Casa",
    "en": "\n\nKind regards,\n{agent}\nCustomer Care · Llum & Casa",
}
# Asked when the agent needs something from the customer: the conversation then waits (pending).
INFO_REQUESTS = {
    "es": (
        "¿Me puedes confirmar el número de pedido y el código postal de entrega?",
        "Para continuar necesito una foto de la etiqueta del aparato. ¿Me la puedes enviar?",
    ),
    "ca": (
        "Em pots confirmar el número de comanda i el codi postal d'entrega, si us plau?",
        "Per continuar necessito una foto de l'etiqueta de l'aparell. Me la pots enviar?",
    ),
    "en": (
        "Could you confirm the order number and the delivery postcode?",
        "To go on I need a photo of the appliance's rating label. Could you send it?",
    ),
}
THANKS = {
    "es": ("¡Muchas gracias!", "Perfecto, gracias por la ayuda.", "Genial, gracias 🙂"),
    "ca": ("Moltes gràcies!", "Perfecte, gràcies per l'ajuda.", "D'acord, gràcies 🙂"),
    "en": ("Thanks a lot!", "Great, thanks for your help.", "Perfect, cheers 🙂"),
}
# A web-chat visitor who gives up before anyone answers.
HELLO_ANYONE = {
    "es": ("¿Hola? ¿Hay alguien?", "Bueno, ya volveré más tarde."),
    "ca": ("Hola? Hi ha algú?", "Bé, ja tornaré més tard."),
    "en": ("Hello? Anyone there?", "Never mind, I'll come back later."),
}
# Private notes, in the language of the agent who writes them.
NOTES = {
    "es": (
        "Cliente habitual: darle prioridad.",
        "He pedido al almacén que revisen el stock.",
        "Segunda incidencia este mes; ofrecerle un cupón de 10 €.",
        "He llamado al transportista: dicen que mañana por la mañana.",
        "Ojo: el pedido se pagó con transferencia, el abono va por ahí.",
    ),
    "ca": (
        "Client habitual: donar-li prioritat.",
        "He demanat al magatzem que revisin l'estoc.",
        "Segona incidència aquest mes; oferir-li un cupó de 10 €.",
        "He trucat al transportista: diuen que demà al matí.",
        "Compte: la comanda es va pagar per transferència, l'abonament va per aquí.",
    ),
    "en": (
        "Regular customer: give priority.",
        "Asked the warehouse to double-check stock.",
        "Second issue this month; offer a €10 voucher.",
        "Called the courier: they say tomorrow morning.",
        "Note: paid by bank transfer, so the refund goes back that way.",
    ),
}
SURVEY_COMMENTS = {
    "es": {
        "good": ("Muy rápidos y amables.", "Me lo solucionaron a la primera.", ""),
        "bad": ("Tardaron demasiado en contestar.", "Tuve que explicarlo dos veces.", ""),
    },
    "ca": {
        "good": ("Molt ràpids i amables.", "M'ho van resoldre a la primera.", ""),
        "bad": ("Van trigar massa a respondre.", "Ho vaig haver d'explicar dues vegades.", ""),
    },
    "en": {
        "good": ("Quick and friendly.", "Sorted out first time.", ""),
        "bad": ("Took too long to reply.", "I had to explain it twice.", ""),
    },
}
APPOINTMENT_TITLES = {
    "es": ("Instalación de {product}", "Revisión técnica de {product}"),
    "ca": ("Instal·lació de {product}", "Revisió tècnica de {product}"),
    "en": ("Installing {product}", "Technician check of {product}"),
}
