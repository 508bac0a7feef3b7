"""What Llum & Casa is: the languages it serves, what it sells, its help centre and WhatsApp templates."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("es", "ca", "en")
COMPANY = "Llum & Casa"
HELP_CENTRE = "https://ajuda.llumicasa.example"

# The WhatsApp number's approved message templates, in the shape of a WhatsApp queue's
# `settings["templates"]` (see agentdesk.assist.rules): `purpose` says when the assistant
# offers one, `parameters` where each {{n}} value comes from.
WHATSAPP_TEMPLATES = (
    *(
        {
            "name": "follow_up",
            "language": language,
            "purpose": "window_closed",
            "parameters": ["contact.name"],
            "body": body,
        }
        for language, body in (
            ("es", "Hola {{1}}, seguimos con tu consulta. ¿Nos respondes a este mensaje para continuar?"),
            ("ca", "Hola {{1}}, continuem amb la teva consulta. Ens respons aquest missatge per continuar?"),
            ("en", "Hi {{1}}, we are following up on your request. Reply to this message to continue."),
        )
    ),
    *(
        {
            "name": "appointment_reminder",
            "language": language,
            "purpose": "reminder",
            "parameters": ["contact.name", "appointment.date", "appointment.time"],
            "body": body,
        }
        for language, body in (
            ("es", "Hola {{1}}, te recordamos tu cita del {{2}} a las {{3}}. Si no puedes venir, responde aquí."),
            ("ca", "Hola {{1}}, et recordem la cita del {{2}} a les {{3}}. Si no pots venir, respon aquí."),
            ("en", "Hi {{1}}, a reminder of your appointment on {{2}} at {{3}}. If you cannot make it, reply here."),
        )
    ),
)
# The help-centre article an agent links for a matter, by slug (see KB_ARTICLES).
MATTER_ARTICLE = {
    "order": "tracking",
    "delivery": "tracking",
    "invoice": "invoices",
    "appointment": "appointments",
    "password": "password",
    "return": "returns",
}

PRODUCTS = {
    "es": (
        "la lavadora Aqualia 8 kg",
        "el frigorífico combi NordFrost",
        "la freidora de aire CrispAir",
        "el robot aspirador Roomo S5",
        "la cafetera Barista Pro",
        "el lavavajillas Brillo 45",
    ),
    "ca": (
        "la rentadora Aqualia 8 kg",
        "la nevera combi NordFrost",
        "la fregidora d'aire CrispAir",
        "el robot aspirador Roomo S5",
        "la cafetera Barista Pro",
        "el rentaplats Brillo 45",
    ),
    "en": (
        "the Aqualia 8 kg washing machine",
        "the NordFrost fridge freezer",
        "the CrispAir air fryer",
        "the Roomo S5 robot vacuum",
        "the Barista Pro coffee machine",
        "the Brillo 45 dishwasher",
    ),
}


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    language: str
    title: str
    body: str
    tags: tuple[str, ...]
    # What an agent pastes: the email one may be long, WhatsApp and web chat want a line or two.
    email: str
    short: str

    @property
    def url(self) -> str:
        return f"{HELP_CENTRE}/{self.language}/{self.slug}"


KB_ARTICLES = (
    Article(
        "password",
        "es",
        "Cómo restablecer la contraseña",
        "1. Ve a «Iniciar sesión» y pulsa «¿Has olvidado la contraseña?».\n2. Escribe el correo de tu cuenta.\n"
        "3. Abre el enlace que te enviamos (caduca en 30 minutos) y elige una contraseña nueva.\n\n"
        "Si el correo no llega en 5 minutos, revisa la carpeta de correo no deseado. Tras cinco intentos "
        "fallidos la cuenta se bloquea 15 minutos.",
        ("cuenta", "contraseña", "acceso"),
        "Puedes restablecer la contraseña desde «Iniciar sesión › ¿Has olvidado la contraseña?». El enlace "
        "caduca en 30 minutos.",
        "Para cambiar la contraseña: «Iniciar sesión › ¿Has olvidado la contraseña?»",
    ),
    Article(
        "password",
        "ca",
        "Com restablir la contrasenya",
        "1. Ves a «Inicia la sessió» i prem «Has oblidat la contrasenya?».\n2. Escriu el correu del teu compte.\n"
        "3. Obre l'enllaç que t'enviem (caduca d'aquí a 30 minuts) i tria una contrasenya nova.\n\n"
        "Si el correu no arriba en 5 minuts, mira a la carpeta de correu brossa. Després de cinc intents "
        "fallits el compte es bloqueja 15 minuts.",
        ("compte", "contrasenya", "accés"),
        "Pots restablir la contrasenya des de «Inicia la sessió › Has oblidat la contrasenya?». L'enllaç "
        "caduca d'aquí a 30 minuts.",
        "Per canviar la contrasenya: «Inicia la sessió › Has oblidat la contrasenya?»",
    ),
    Article(
        "password",
        "en",
        "How to reset your password",
        "1. Go to \u201cSign in\u201d and choose \u201cForgot your password?\u201d.\n2. Enter your account's email.\n"
        "3. Open the link we send you (it expires after 30 minutes) and choose a new password.\n\n"
        "If the email hasn't arrived within 5 minutes, check your spam folder. After five failed attempts "
        "the account is locked for 15 minutes.",
        ("account", "password", "sign-in"),
        "You can reset your password from \u201cSign in \u203a Forgot your password?\u201d. The link expires "
        "after 30 minutes.",
        "To reset your password: \u201cSign in \u203a Forgot your password?\u201d",
    ),
    Article(
        "returns",
        "es",
        "Devoluciones y cambios",
        "Tienes 30 días desde la entrega para devolver cualquier producto. Pide la devolución en «Mi cuenta › "
        "Pedidos»; te enviamos la etiqueta y un mensajero lo recoge gratis. El reembolso llega en 5-7 días "
        "desde que el producto entra en el almacén. Si llegó dañado, envíanos fotos en las primeras 48 horas.",
        ("devolución", "reembolso", "cambio"),
        "Tienes 30 días para devolver el producto; la recogida es gratuita y el reembolso llega en 5-7 días.",
        "Devoluciones: 30 días, recogida gratis, reembolso en 5-7 días.",
    ),
    Article(
        "returns",
        "ca",
        "Devolucions i canvis",
        "Tens 30 dies des de l'entrega per tornar qualsevol producte. Demana la devolució a «El meu compte › "
        "Comandes»; t'enviem l'etiqueta i un missatger el recull de franc. El reemborsament arriba en 5-7 dies "
        "des que el producte entra al magatzem. Si va arribar malmès, envia'ns fotos en les primeres 48 hores.",
        ("devolució", "reemborsament", "canvi"),
        "Tens 30 dies per tornar el producte; la recollida és gratuïta i el reemborsament arriba en 5-7 dies.",
        "Devolucions: 30 dies, recollida gratuïta, reemborsament en 5-7 dies.",
    ),
    Article(
        "returns",
        "en",
        "Returns and exchanges",
        "You have 30 days from delivery to return any product. Request the return under \u201cMy account \u203a "
        "Orders\u201d; we email a label and a courier collects it for free. Refunds arrive 5-7 days after the "
        "item reaches our warehouse. If it arrived damaged, send us photos within 48 hours.",
        ("returns", "refund", "exchange"),
        "You have 30 days to return a product; collection is free and the refund arrives within 5-7 days.",
        "Returns: 30 days, free collection, refund in 5-7 days.",
    ),
    Article(
        "tracking",
        "es",
        "Seguimiento de pedidos y plazos de entrega",
        "Los pedidos salen del almacén en 24-48 horas laborables y se entregan en 2-4 días en la península. "
        "Cuando sale, te enviamos el número de seguimiento por correo y SMS. Los grandes electrodomésticos se "
        "entregan con cita: el transportista te llama el día antes.",
        ("pedido", "entrega", "envío", "retraso"),
        "Los pedidos salen en 24-48 h y llegan en 2-4 días; el número de seguimiento te llega por correo y SMS.",
        "Envío en 24-48 h, entrega en 2-4 días. Seguimiento en «Mi cuenta › Pedidos».",
    ),
    Article(
        "tracking",
        "ca",
        "Seguiment de comandes i terminis d'entrega",
        "Les comandes surten del magatzem en 24-48 hores laborables i s'entreguen en 2-4 dies a la península. "
        "Quan surt, t'enviem el número de seguiment per correu i SMS. Els electrodomèstics grans s'entreguen "
        "amb cita: el transportista et truca el dia abans.",
        ("comanda", "entrega", "enviament", "retard"),
        "Les comandes surten en 24-48 h i arriben en 2-4 dies; el número de seguiment t'arriba per correu i SMS.",
        "Enviament en 24-48 h, entrega en 2-4 dies. Seguiment a «El meu compte › Comandes».",
    ),
    Article(
        "tracking",
        "en",
        "Order tracking and delivery times",
        "Orders leave our warehouse within 24-48 working hours and are delivered in 2-4 days on the mainland. "
        "When it ships we email and text you the tracking number. Large appliances are delivered by "
        "appointment: the courier calls you the day before.",
        ("order", "delivery", "shipping", "delay"),
        "Orders ship within 24-48 h and arrive in 2-4 days; the tracking number comes by email and text.",
        "Ships in 24-48 h, arrives in 2-4 days. Track it under \u201cMy account \u203a Orders\u201d.",
    ),
    Article(
        "invoices",
        "es",
        "Facturas: descarga y datos de empresa",
        "Todas las facturas están en «Mi cuenta › Pedidos › Factura». Para facturar a una empresa, añade el "
        "NIF y la razón social antes de pagar; si ya has pagado, escríbenos a facturacion@llumicasa.example y "
        "emitimos una factura rectificativa en 48 horas.",
        ("factura", "facturación", "empresa"),
        "Descarga las facturas en «Mi cuenta › Pedidos › Factura». Para una factura de empresa, escríbenos "
        "con el NIF y la razón social.",
        "Facturas: «Mi cuenta › Pedidos › Factura».",
    ),
    Article(
        "invoices",
        "ca",
        "Factures: descàrrega i dades d'empresa",
        "Totes les factures són a «El meu compte › Comandes › Factura». Per facturar a una empresa, afegeix el "
        "NIF i la raó social abans de pagar; si ja has pagat, escriu-nos a facturacio@llumicasa.example i "
        "emetem una factura rectificativa en 48 hores.",
        ("factura", "facturació", "empresa"),
        "Descarrega les factures a «El meu compte › Comandes › Factura». Per a una factura d'empresa, "
        "escriu-nos amb el NIF i la raó social.",
        "Factures: «El meu compte › Comandes › Factura».",
    ),
    Article(
        "appointments",
        "ca",
        "Cites d'instal·lació: reservar, canviar o anul·lar",
        "Pots reservar la instal·lació quan reps l'aparell. Per canviar o anul·lar una cita, avisa'ns amb "
        "24 hores d'antelació per WhatsApp o al xat. El dia abans t'enviem un recordatori; el tècnic et truca "
        "30 minuts abans d'arribar.",
        ("cita", "instal·lació", "tècnic"),
        "Per canviar o anul·lar la cita de la instal·lació, avisa'ns amb 24 hores d'antelació. El dia abans "
        "t'enviem un recordatori.",
        "Canvis de cita: avisa'ns amb 24 h d'antelació.",
    ),
    Article(
        "appointments",
        "es",
        "Citas de instalación: reservar, cambiar o anular",
        "Puedes reservar la instalación cuando recibes el aparato. Para cambiar o anular una cita, avísanos "
        "con 24 horas de antelación por WhatsApp o en el chat. El día antes te enviamos un recordatorio; el "
        "técnico te llama 30 minutos antes de llegar.",
        ("cita", "instalación", "técnico"),
        "Para cambiar o anular la cita de instalación, avísanos con 24 horas de antelación. El día antes te "
        "enviamos un recordatorio.",
        "Cambios de cita: avísanos con 24 h de antelación.",
    ),
)
