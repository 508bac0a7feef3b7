"""What each kind of matter sounds like, step by step, in each language (fields: see the package)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MatterText:
    """What one kind of matter sounds like in one language, step by step."""

    subjects: tuple[str, ...]
    # The customer's first message by email (longer, signed) and by chat or WhatsApp (short).
    openings: tuple[str, ...]
    chat_openings: tuple[str, ...]
    replies: tuple[str, ...]
    follow_ups: tuple[str, ...]
    closings: tuple[str, ...]


MATTERS = ("order", "delivery", "invoice", "appointment", "password", "return", "product")

TEXTS: dict[str, dict[str, MatterText]] = {
    "es": {
        "order": MatterText(
            subjects=("Estado de mi pedido {order}", "¿Dónde está mi pedido {order}?"),
            openings=(
                "Hola:\n\nHice el pedido {order} hace {days} días y todavía aparece como «en preparación». "
                "¿Me podéis decir cuándo lo enviaréis?\n\nGracias,\n{name}",
                "Buenas tardes:\n\nQuería saber el estado del pedido {order}. No he recibido ningún correo "
                "de envío.\n\nUn saludo,\n{name}",
            ),
            chat_openings=(
                "Hola, ¿me podéis decir cómo va el pedido {order}?",
                "Buenas, el pedido {order} sigue sin salir del almacén, ¿qué pasa?",
            ),
            replies=(
                "Hola {name}, he revisado el pedido {order}: salió ayer del almacén y te llegará en 24-48 "
                "horas. Puedes seguirlo aquí: {link}",
                "Hola {name}, gracias por escribirnos. El pedido {order} espera un artículo que entra "
                "mañana en stock; en cuanto llegue lo enviamos y te avisamos.",
            ),
            follow_ups=(
                "Vale. ¿Puedo cambiar la dirección de entrega? Esta semana estoy en el trabajo.",
                "Perfecto. ¿Me confirmáis que llega antes del {date}?",
            ),
            closings=(
                "Hecho: he cambiado la dirección de entrega del pedido {order}. Cualquier otra cosa, aquí estamos.",
                "Sí, la entrega está prevista para el {date}. Te llegará un SMS con la franja horaria.",
            ),
        ),
        "delivery": MatterText(
            subjects=("Retraso en la entrega del pedido {order}", "El pedido {order} no ha llegado"),
            openings=(
                "Hola:\n\nEl pedido {order} tenía que llegar el {date} y todavía no sé nada. El seguimiento "
                "no se actualiza desde hace {days} días. ¿Qué ha pasado?\n\n{name}",
                "Buenos días:\n\nLlevo toda la mañana esperando al transportista con {product} y no ha "
                "venido nadie, ni me han avisado. Estoy bastante molesto.\n\n{name}",
            ),
            chat_openings=(
                "Mi pedido {order} lleva {days} días de retraso, ¿me ayudáis?",
                "Hola, el transportista dice que no estaba en casa, pero sí que estaba 😠",
            ),
            replies=(
                "Hola {name}, siento mucho el retraso. He abierto una incidencia con la agencia de "
                "transporte: el paquete está en su delegación y lo reparten mañana por la mañana.",
                "Hola {name}, disculpa las molestias. He programado de nuevo la entrega para el {date} "
                "entre las 9:00 y las 14:00. ¿Te va bien?",
            ),
            follow_ups=(
                "Vale, pero si mañana no llega quiero anular el pedido.",
                "Me va bien, gracias. ¿Tengo que estar yo o lo puede recoger un vecino?",
            ),
            closings=(
                "Entendido. Lo dejo anotado: si mañana no se ha entregado, lo anulamos y te devolvemos "
                "el importe sin que tengas que hacer nada.",
                "Lo puede recoger cualquier persona mayor de edad con el número de pedido {order}. "
                "¡Gracias por tu paciencia!",
            ),
        ),
        "invoice": MatterText(
            subjects=("Factura del pedido {order}", "Error en la factura {invoice}"),
            openings=(
                "Hola:\n\nNecesito la factura del pedido {order} a nombre de mi empresa. Os paso los datos "
                "fiscales en cuanto me digáis.\n\nGracias,\n{name}",
                "Buenas:\n\nEn la factura {invoice} me habéis cobrado {amount}, pero el precio del carrito "
                "era menor. ¿Podéis revisarlo?\n\n{name}",
            ),
            chat_openings=(
                "Hola, ¿dónde descargo la factura de mi pedido?",
                "Me habéis cobrado dos veces el pedido {order}",
            ),
            replies=(
                "Hola {name}, puedes descargar la factura desde «Mi cuenta › Pedidos»: {link}. Si la "
                "necesitas a nombre de una empresa, envíanos el NIF y la razón social y la emitimos de nuevo.",
                "Hola {name}, tienes razón: el descuento no se aplicó en la factura {invoice}. He pedido "
                "el abono de la diferencia; lo verás en la tarjeta en 3-5 días laborables.",
            ),
            follow_ups=(
                "Os paso los datos: Reformas Levante SL, NIF B00000000, calle Mayor 12, Valencia.",
                "¿Me enviaréis la factura rectificativa por correo?",
            ),
            closings=(
                "Ya tienes la factura nueva en tu correo. Gracias por avisarnos.",
                "Sí, te la acabo de enviar. Si no la ves, revisa la carpeta de correo no deseado.",
            ),
        ),
        "appointment": MatterText(
            subjects=("Cita para la instalación", "Cambiar la cita del técnico"),
            openings=(
                "Hola:\n\nMe han traído {product} y quería pedir cita para la instalación. Me irían bien "
                "las mañanas.\n\nGracias,\n{name}",
                "Buenos días:\n\nTengo cita con el técnico el {date} a las {time}, pero no podré estar. "
                "¿La podemos cambiar?\n\n{name}",
            ),
            chat_openings=(
                "Hola, quiero pedir cita para que me instalen {product}",
                "¿Puedo cambiar la cita del técnico del {date}?",
            ),
            replies=(
                "Hola {name}, te he reservado la visita del técnico el {date} a las {time}. El día antes "
                "te enviaremos un recordatorio por WhatsApp.",
                "Hola {name}, sin problema. Tengo hueco el {date} a las {time}, ¿te lo reservo?",
            ),
            follow_ups=(
                "Perfecto. ¿Cuánto dura la instalación, más o menos?",
                "Sí, resérvamelo, gracias.",
            ),
            closings=(
                "Suele durar una hora, y el técnico se lleva el aparato viejo si quieres. ¡Hasta pronto!",
                "Reservado para el {date} a las {time}. Recibirás la confirmación por correo.",
            ),
        ),
        "password": MatterText(
            subjects=("No puedo entrar en mi cuenta", "Restablecer la contraseña"),
            openings=(
                "Hola:\n\nHe intentado restablecer la contraseña, pero no me llega el correo. Ya he mirado "
                "en spam.\n\n{name}",
                "Buenas:\n\nMi cuenta dice que está bloqueada después de varios intentos. ¿Me ayudáis?\n\n{name}",
            ),
            chat_openings=(
                "No me llega el correo para cambiar la contraseña",
                "Me sale «cuenta bloqueada», ¿qué hago?",
            ),
            replies=(
                "Hola {name}, te he enviado un enlace nuevo para restablecer la contraseña; caduca en 30 "
                "minutos. Aquí tienes los pasos: {link}",
                "Hola {name}, he desbloqueado tu cuenta. Por seguridad, cambia la contraseña al entrar: {link}",
            ),
            follow_ups=("Ahora sí, ya he podido entrar.", "Sigue sin llegarme el correo..."),
            closings=(
                "¡Genial! Si vuelve a pasar, escríbenos por aquí.",
                "Tu dirección tenía una errata en la cuenta; ya la he corregido y te he enviado el enlace de nuevo.",
            ),
        ),
        "return": MatterText(
            subjects=("Devolución del pedido {order}", "Quiero devolver un producto"),
            openings=(
                "Hola:\n\nQuiero devolver {product}: hace un ruido muy fuerte al funcionar. Lo compré hace "
                "{days} días.\n\nGracias,\n{name}",
                "Buenas:\n\nMe ha llegado {product} con un golpe en el lateral. Quiero devolverlo o que me "
                "lo cambiéis.\n\n{name}",
            ),
            chat_openings=("¿Cómo hago una devolución?", "Me ha llegado el producto roto, ¿qué hago?"),
            replies=(
                "Hola {name}, siento las molestias. Te he generado la etiqueta de devolución y un mensajero "
                "pasará a recogerlo; cuando llegue al almacén te devolvemos {amount}. Más información: {link}",
                "Hola {name}, lamentamos el golpe. ¿Nos puedes enviar una foto del embalaje y del aparato "
                "para tramitar el cambio?",
            ),
            follow_ups=("Os adjunto las fotos.", "¿Cuánto tarda en llegar el reembolso?"),
            closings=(
                "Gracias, ya está tramitado: te enviamos una unidad nueva y el transportista se llevará la dañada.",
                "El reembolso se hace en 5-7 días desde que recibimos el producto, con el mismo método de pago.",
            ),
        ),
        "product": MatterText(
            subjects=("Duda sobre un producto", "Consulta antes de comprar"),
            openings=(
                "Hola:\n\nEstoy pensando en comprar {product}. ¿Cuánto consume al año? ¿Tiene garantía "
                "ampliada?\n\n{name}",
                "Buenas tardes:\n\nUna pregunta: ¿se puede empotrar {product}? Tengo un hueco de 60 cm.\n\n{name}",
            ),
            chat_openings=("¿Tenéis stock de {product}?", "Una pregunta sobre {product}: ¿cuánto ocupa?"),
            replies=(
                "Hola {name}, {product} tiene clase energética A y 3 años de garantía; puedes ampliarla a "
                "5 años por 39 €.",
                "Hola {name}, sí, tenemos stock, y si lo pides hoy te llega el {date}.",
            ),
            follow_ups=("¿Y se puede pagar a plazos?", "Genial, entonces lo pido ahora."),
            closings=(
                "Sí, puedes pagarlo en 3 plazos sin intereses al finalizar la compra.",
                "¡Perfecto! Cualquier duda con el pedido, nos dices.",
            ),
        ),
    },
    "ca": {
        "order": MatterText(
            subjects=("Estat de la meva comanda {order}", "On és la comanda {order}?"),
            openings=(
                "Bon dia,\n\nVaig fer la comanda {order} fa {days} dies i encara surt com a «en preparació». "
                "Em podeu dir quan l'enviareu?\n\nGràcies,\n{name}",
                "Bona tarda,\n\nVoldria saber com està la comanda {order}. No he rebut cap correu "
                "d'enviament.\n\nSalutacions,\n{name}",
            ),
            chat_openings=(
                "Hola, em podeu dir com va la comanda {order}?",
                "Bones, la comanda {order} encara no ha sortit del magatzem, què passa?",
            ),
            replies=(
                "Hola {name}, he revisat la comanda {order}: va sortir ahir del magatzem i t'arribarà en "
                "24-48 hores. La pots seguir aquí: {link}",
                "Hola {name}, gràcies per escriure'ns. La comanda {order} espera un article que entra demà "
                "en estoc; quan arribi te l'enviem i t'avisem.",
            ),
            follow_ups=(
                "D'acord. Puc canviar l'adreça d'entrega? Aquesta setmana soc a la feina.",
                "Perfecte. Em confirmeu que arriba abans del {date}?",
            ),
            closings=(
                "Fet: he canviat l'adreça d'entrega de la comanda {order}. Qualsevol altra cosa, aquí ens tens.",
                "Sí, l'entrega està prevista per al {date}. Et farem arribar un SMS amb la franja horària.",
            ),
        ),
        "delivery": MatterText(
            subjects=("Retard en l'entrega de la comanda {order}", "La comanda {order} no ha arribat"),
            openings=(
                "Bon dia,\n\nLa comanda {order} havia d'arribar el {date} i encara no en sé res. El seguiment "
                "no s'actualitza des de fa {days} dies. Què ha passat?\n\n{name}",
                "Bon dia,\n\nFa tot el matí que espero el transportista amb {product} i no ha vingut ningú, "
                "ni m'han avisat. Estic força molesta.\n\n{name}",
            ),
            chat_openings=(
                "La meva comanda {order} porta {days} dies de retard, m'ajudeu?",
                "Hola, el transportista diu que no hi era, però sí que hi era 😠",
            ),
            replies=(
                "Hola {name}, sento molt el retard. He obert una incidència amb l'agència de transport: el "
                "paquet és a la seva delegació i el reparteixen demà al matí.",
                "Hola {name}, disculpa les molèsties. He tornat a programar l'entrega per al {date} entre "
                "les 9.00 i les 14.00. Et va bé?",
            ),
            follow_ups=(
                "D'acord, però si demà no arriba vull anul·lar la comanda.",
                "Em va bé, gràcies. Hi he de ser jo o la pot recollir un veí?",
            ),
            closings=(
                "Entesos. Ho deixo anotat: si demà no s'ha lliurat, l'anul·lem i et retornem l'import sense "
                "que hagis de fer res.",
                "La pot recollir qualsevol persona major d'edat amb el número de comanda {order}. Gràcies per "
                "la paciència!",
            ),
        ),
        "invoice": MatterText(
            subjects=("Factura de la comanda {order}", "Error a la factura {invoice}"),
            openings=(
                "Bon dia,\n\nNecessito la factura de la comanda {order} a nom de la meva empresa. Us passo "
                "les dades fiscals quan em digueu.\n\nGràcies,\n{name}",
                "Bones,\n\nA la factura {invoice} m'heu cobrat {amount}, però el preu del carretó era més "
                "baix. Ho podeu revisar?\n\n{name}",
            ),
            chat_openings=(
                "Hola, on puc descarregar la factura de la comanda?",
                "M'heu cobrat dues vegades la comanda {order}",
            ),
            replies=(
                "Hola {name}, pots descarregar la factura des de «El meu compte › Comandes»: {link}. Si la "
                "necessites a nom d'una empresa, envia'ns el NIF i la raó social i la tornem a emetre.",
                "Hola {name}, tens raó: el descompte no es va aplicar a la factura {invoice}. He demanat "
                "l'abonament de la diferència; el veuràs a la targeta en 3-5 dies laborables.",
            ),
            follow_ups=(
                "Us passo les dades: Fusteria Pirineu SL, NIF B00000000, carrer Major 12, Lleida.",
                "Em fareu arribar la factura rectificativa per correu?",
            ),
            closings=(
                "Ja tens la factura nova al correu. Gràcies per avisar-nos.",
                "Sí, te l'acabo d'enviar. Si no la veus, mira a la carpeta de correu brossa.",
            ),
        ),
        "appointment": MatterText(
            subjects=("Cita per a la instal·lació", "Canviar la cita del tècnic"),
            openings=(
                "Bon dia,\n\nM'han portat {product} i voldria demanar cita per a la instal·lació. Em van bé "
                "els matins.\n\nGràcies,\n{name}",
                "Bon dia,\n\nTinc cita amb el tècnic el {date} a les {time}, però no hi podré ser. La podem "
                "canviar?\n\n{name}",
            ),
            chat_openings=(
                "Hola, vull demanar cita perquè m'instal·lin {product}",
                "Puc canviar la cita del tècnic del {date}?",
            ),
            replies=(
                "Hola {name}, t'he reservat la visita del tècnic el {date} a les {time}. El dia abans t'enviarem "
                "un recordatori per WhatsApp.",
                "Hola {name}, cap problema. Tinc lloc el {date} a les {time}, te'l reservo?",
            ),
            follow_ups=("Perfecte. Quant dura la instal·lació, més o menys?", "Sí, reserva-me'l, si us plau."),
            closings=(
                "Sol durar una hora, i el tècnic s'emporta l'aparell vell si vols. Fins aviat!",
                "Reservat per al {date} a les {time}. Rebràs la confirmació per correu.",
            ),
        ),
        "password": MatterText(
            subjects=("No puc entrar al meu compte", "Restablir la contrasenya"),
            openings=(
                "Bon dia,\n\nHe intentat restablir la contrasenya, però no m'arriba el correu. Ja he mirat al "
                "correu brossa.\n\n{name}",
                "Bones,\n\nEl meu compte diu que està bloquejat després de diversos intents. M'ajudeu?\n\n{name}",
            ),
            chat_openings=(
                "No m'arriba el correu per canviar la contrasenya",
                "Em surt «compte bloquejat», què faig?",
            ),
            replies=(
                "Hola {name}, t'he enviat un enllaç nou per restablir la contrasenya; caduca d'aquí a 30 minuts. "
                "Aquí tens els passos: {link}",
                "Hola {name}, he desbloquejat el teu compte. Per seguretat, canvia la contrasenya quan entris: {link}",
            ),
            follow_ups=("Ara sí, ja he pogut entrar.", "Encara no m'arriba el correu..."),
            closings=(
                "Genial! Si torna a passar, escriu-nos per aquí.",
                "La teva adreça tenia una errada al compte; ja l'he corregida i t'he tornat a enviar l'enllaç.",
            ),
        ),
        "return": MatterText(
            subjects=("Devolució de la comanda {order}", "Vull tornar un producte"),
            openings=(
                "Bon dia,\n\nVull tornar {product}: fa un soroll molt fort quan funciona. El vaig comprar fa "
                "{days} dies.\n\nGràcies,\n{name}",
                "Bones,\n\nM'ha arribat {product} amb un cop al lateral. El vull tornar o que me'l canvieu.\n\n{name}",
            ),
            chat_openings=("Com puc fer una devolució?", "M'ha arribat el producte trencat, què faig?"),
            replies=(
                "Hola {name}, sento les molèsties. T'he generat l'etiqueta de devolució i un missatger el passarà "
                "a recollir; quan arribi al magatzem et retornem {amount}. Més informació: {link}",
                "Hola {name}, sentim el cop. Ens pots enviar una foto de l'embalatge i de l'aparell per tramitar "
                "el canvi?",
            ),
            follow_ups=("Us adjunto les fotos.", "Quant triga a arribar el reemborsament?"),
            closings=(
                "Gràcies, ja està tramitat: t'enviem una unitat nova i el transportista s'endurà la malmesa.",
                "El reemborsament es fa en 5-7 dies des que rebem el producte, amb el mateix mètode de pagament.",
            ),
        ),
        "product": MatterText(
            subjects=("Dubte sobre un producte", "Consulta abans de comprar"),
            openings=(
                "Bon dia,\n\nEstic pensant a comprar {product}. Quant consumeix l'any? Té garantia ampliada?\n\n{name}",
                "Bona tarda,\n\nUna pregunta: es pot encastar {product}? Tinc un forat de 60 cm.\n\n{name}",
            ),
            chat_openings=("Teniu estoc de {product}?", "Una pregunta sobre {product}: quant ocupa?"),
            replies=(
                "Hola {name}, {product} té classe energètica A i 3 anys de garantia; la pots ampliar a 5 anys "
                "per 39 €.",
                "Hola {name}, sí, en tenim estoc, i si la demanes avui t'arriba el {date}.",
            ),
            follow_ups=("I es pot pagar a terminis?", "Genial, doncs la demano ara."),
            closings=(
                "Sí, la pots pagar en 3 terminis sense interessos en acabar la compra.",
                "Perfecte! Qualsevol dubte amb la comanda, ens dius.",
            ),
        ),
    },
    "en": {
        "order": MatterText(
            subjects=("Status of my order {order}", "Where is my order {order}?"),
            openings=(
                "Hello,\n\nI placed order {order} {days} days ago and it still says \u201cprocessing\u201d. "
                "Could you tell me when it will ship?\n\nThanks,\n{name}",
                "Good afternoon,\n\nI'd like to know the status of order {order}. I haven't had any shipping "
                "email.\n\nBest,\n{name}",
            ),
            chat_openings=(
                "Hi, could you tell me how order {order} is doing?",
                "Hello, order {order} still hasn't left the warehouse, what's going on?",
            ),
            replies=(
                "Hi {name}, I've checked order {order}: it left the warehouse yesterday and should reach you "
                "within 24-48 hours. You can track it here: {link}",
                "Hi {name}, thanks for getting in touch. Order {order} is waiting for an item that is back in "
                "stock tomorrow; we'll ship it as soon as it arrives and let you know.",
            ),
            follow_ups=(
                "OK. Can I change the delivery address? I'm at work all this week.",
                "Great. Can you confirm it arrives before {date}?",
            ),
            closings=(
                "Done: I've changed the delivery address of order {order}. Anything else, just let us know.",
                "Yes, delivery is planned for {date}. You'll get a text message with the time slot.",
            ),
        ),
        "delivery": MatterText(
            subjects=("Delivery of order {order} is late", "Order {order} has not arrived"),
            openings=(
                "Hello,\n\nOrder {order} was due on {date} and I still haven't heard anything. Tracking hasn't "
                "updated for {days} days. What happened?\n\n{name}",
                "Good morning,\n\nI've been waiting all morning for the courier with {product} and nobody came "
                "or called. I'm quite annoyed.\n\n{name}",
            ),
            chat_openings=(
                "My order {order} is {days} days late, can you help?",
                "Hi, the courier says I wasn't home but I was 😠",
            ),
            replies=(
                "Hi {name}, I'm very sorry about the delay. I've opened a claim with the courier: the parcel is "
                "at their depot and will be delivered tomorrow morning.",
                "Hi {name}, sorry for the trouble. I've rebooked the delivery for {date} between 9am and 2pm. "
                "Does that work for you?",
            ),
            follow_ups=(
                "OK, but if it doesn't arrive tomorrow I want to cancel the order.",
                "That works, thanks. Do I need to be in or can a neighbour take it?",
            ),
            closings=(
                "Understood. I've made a note: if it isn't delivered tomorrow we'll cancel it and refund you "
                "without you having to do anything.",
                "Any adult can take it with the order number {order}. Thanks for your patience!",
            ),
        ),
        "invoice": MatterText(
            subjects=("Invoice for order {order}", "Mistake on invoice {invoice}"),
            openings=(
                "Hello,\n\nI need the invoice for order {order} in my company's name. I'll send the tax details "
                "whenever you're ready.\n\nThanks,\n{name}",
                "Hi,\n\nInvoice {invoice} charges me {amount}, but the basket price was lower. Could you look "
                "into it?\n\n{name}",
            ),
            chat_openings=("Hi, where can I download the invoice for my order?", "You charged me twice for {order}"),
            replies=(
                "Hi {name}, you can download the invoice from \u201cMy account \u203a Orders\u201d: {link}. If "
                "you need it in a company's name, send us the VAT number and company name and we'll reissue it.",
                "Hi {name}, you're right: the discount wasn't applied on invoice {invoice}. I've requested a "
                "refund of the difference; it will show on your card within 3-5 working days.",
            ),
            follow_ups=(
                "Here are the details: Harbour Design Ltd, VAT GB000000000, 12 High Street, Bristol.",
                "Will you email me the corrected invoice?",
            ),
            closings=(
                "The new invoice is in your inbox. Thanks for letting us know.",
                "Yes, I've just sent it. If you can't see it, please check your spam folder.",
            ),
        ),
        "appointment": MatterText(
            subjects=("Booking the installation", "Change my technician appointment"),
            openings=(
                "Hello,\n\nYou've delivered {product} and I'd like to book the installation. Mornings suit "
                "me best.\n\nThanks,\n{name}",
                "Good morning,\n\nI have a technician visit on {date} at {time} but I won't be in. Can we move "
                "it?\n\n{name}",
            ),
            chat_openings=(
                "Hi, I'd like to book someone to install {product}",
                "Can I change my technician appointment on {date}?",
            ),
            replies=(
                "Hi {name}, I've booked the technician for {date} at {time}. We'll send you a WhatsApp reminder "
                "the day before.",
                "Hi {name}, no problem. I have a slot on {date} at {time}, shall I book it?",
            ),
            follow_ups=("Perfect. Roughly how long does the installation take?", "Yes please, book it."),
            closings=(
                "It usually takes an hour, and the technician can take the old appliance away. See you soon!",
                "Booked for {date} at {time}. You'll get the confirmation by email.",
            ),
        ),
        "password": MatterText(
            subjects=("I can't log in to my account", "Password reset"),
            openings=(
                "Hello,\n\nI tried to reset my password but the email never arrives. I've checked spam.\n\n{name}",
                "Hi,\n\nMy account says it's locked after a few attempts. Can you help?\n\n{name}",
            ),
            chat_openings=(
                "The password reset email isn't arriving",
                "It says \u201caccount locked\u201d, what do I do?",
            ),
            replies=(
                "Hi {name}, I've sent you a new password reset link; it expires in 30 minutes. Here are the "
                "steps: {link}",
                "Hi {name}, I've unlocked your account. For safety, please change your password when you log "
                "in: {link}",
            ),
            follow_ups=("That worked, I'm in now.", "Still no email, I'm afraid..."),
            closings=(
                "Great! If it happens again, just message us here.",
                "Your address had a typo on the account; I've fixed it and sent the link again.",
            ),
        ),
        "return": MatterText(
            subjects=("Return for order {order}", "I want to return a product"),
            openings=(
                "Hello,\n\nI'd like to return {product}: it makes a very loud noise when running. I bought it "
                "{days} days ago.\n\nThanks,\n{name}",
                "Hi,\n\nMy order arrived today, but {product} has a dent on the side. I'd like to return it "
                "or get a replacement.\n\n{name}",
            ),
            chat_openings=("How do I return something?", "My product arrived broken, what should I do?"),
            replies=(
                "Hi {name}, sorry for the trouble. I've created your return label and a courier will collect it; "
                "once it reaches our warehouse we'll refund {amount}. More here: {link}",
                "Hi {name}, sorry about the dent. Could you send us a photo of the box and the appliance so we "
                "can arrange the replacement?",
            ),
            follow_ups=("Photos attached.", "How long does the refund take?"),
            closings=(
                "Thanks, all arranged: we're sending a new unit and the courier will take the damaged one.",
                "Refunds take 5-7 days from when we receive the item, to the same payment method.",
            ),
        ),
        "product": MatterText(
            subjects=("Question about a product", "Question before I buy"),
            openings=(
                "Hello,\n\nI'm thinking of buying {product}. How much energy does it use a year? Is there an "
                "extended warranty?\n\n{name}",
                "Good afternoon,\n\nQuick question: can {product} be built in? I have a 60 cm gap.\n\n{name}",
            ),
            chat_openings=("Do you have {product} in stock?", "A question about {product}: how big is it?"),
            replies=(
                "Hi {name}, {product} is energy class A with a 3-year warranty, which you can extend to 5 years "
                "for €39.",
                "Hi {name}, yes, it's in stock, and if you order today it arrives on {date}.",
            ),
            follow_ups=("Can I pay in instalments?", "Great, I'll order it now."),
            closings=(
                "Yes, you can pay in 3 interest-free instalments at checkout.",
                "Perfect! Any questions about the order, just let us know.",
            ),
        ),
    },
}
