<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AssigneePicker</name>
    <message>
        <source>Assign to</source>
        <translation>Asignar a</translation>
    </message>
    <message>
        <source>Nobody (unassign)</source>
        <translation>Nadie (desasignar)</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Go to…</source>
        <translation>Ir a…</translation>
    </message>
    <message>
        <source>Search conversations, contacts and commands</source>
        <translation>Buscar conversaciones, contactos y comandos</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <source>Command palette and search</source>
        <translation>Paleta de comandos y búsqueda</translation>
    </message>
    <message>
        <source>Go to the inbox list</source>
        <translation>Ir a la bandeja de entrada</translation>
    </message>
    <message>
        <source>Show my conversations</source>
        <translation>Mostrar mis conversaciones</translation>
    </message>
    <message>
        <source>Show unassigned conversations</source>
        <translation>Mostrar las conversaciones sin asignar</translation>
    </message>
    <message>
        <source>Show all conversations</source>
        <translation>Mostrar todas las conversaciones</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Add a private note</source>
        <translation>Añadir una nota privada</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Mark pending</source>
        <translation>Marcar como pendiente</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posponer</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Asignarme a mí</translation>
    </message>
    <message>
        <source>Show the customer&apos;s timeline</source>
        <translation>Mostrar el historial del cliente</translation>
    </message>
    <message>
        <source>Undo the last merge</source>
        <translation>Deshacer la última fusión</translation>
    </message>
    <message>
        <source>Show keyboard shortcuts</source>
        <translation>Mostrar los atajos de teclado</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Synchronize now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>Only your team sees a note (N)</source>
        <translation>Solo tu equipo ve las notas (N)</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>Responder a</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>name@example.com, …</source>
        <translation>nombre@example.com, …</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Write a reply… (/ for canned responses, Ctrl+Enter to send)</source>
        <translation>Escribe una respuesta… (/ para respuestas predefinidas, Ctrl+Enter para enviar)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Reply via</source>
        <translation>Responder por</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>The WhatsApp 24-hour window closed on %1: only an approved template can be sent.</source>
        <translation>La ventana de 24 horas de WhatsApp se cerró el %1: solo se puede enviar una plantilla aprobada.</translation>
    </message>
    <message>
        <source>WhatsApp window open for %1 h more</source>
        <translation>Ventana de WhatsApp abierta %1 h más</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>The server refused the session; sign in again.</source>
        <translation>El servidor ha rechazado la sesión; vuelve a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>No conversation selected</source>
        <translation>Ninguna conversación seleccionada</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Cliente desconocido</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>No enviado: %1</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>%1 accepted a suggestion: %2</source>
        <translation>%1 aceptó una sugerencia: %2</translation>
    </message>
    <message>
        <source>%1 dismissed a suggestion: %2</source>
        <translation>%1 descartó una sugerencia: %2</translation>
    </message>
    <message>
        <source>Appointment: %1</source>
        <translation>Cita: %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Asignada a %1</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Conversation started</source>
        <translation>Conversación iniciada</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Hide quoted text</source>
        <translation>Ocultar el texto citado</translation>
    </message>
    <message>
        <source>Merged with another contact</source>
        <translation>Fusionado con otro contacto</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>Show quoted text</source>
        <translation>Mostrar el texto citado</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Pospuesta hasta el %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Estado: %1 → %2</translation>
    </message>
    <message>
        <source>Survey: CSAT %1</source>
        <translation>Encuesta: CSAT %1</translation>
    </message>
    <message>
        <source>The visitor left after waiting %1 s</source>
        <translation>El visitante abandonó el chat tras esperar %1 s</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>WhatsApp reminder scheduled for %1</source>
        <translation>Recordatorio de WhatsApp programado para el %1</translation>
    </message>
    <message>
        <source>WhatsApp reminder sent</source>
        <translation>Recordatorio de WhatsApp enviado</translation>
    </message>
    <message>
        <source>Woke up from snooze</source>
        <translation>Reactivada tras posponerse</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>adjunto</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>No customer</source>
        <translation>Ningún cliente</translation>
    </message>
    <message>
        <source>Customer timeline</source>
        <translation>Historial del cliente</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Mostrar anteriores</translation>
    </message>
    <message>
        <source>Merge with another contact…</source>
        <translation>Fusionar con otro contacto…</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Cliente desconocido</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Cliente desconocido</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>vencido hace %1</translation>
    </message>
    <message>
        <source>due in %1</source>
        <translation>vence en %1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Pospuesta</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Chat web</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to AgentDesk</source>
        <translation>Iniciar sesión en AgentDesk</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Keep me signed in for this session only (no system keyring)</source>
        <translation>Recordarme solo durante esta sesión (sin el llavero del sistema)</translation>
    </message>
    <message>
        <source>Without a keyring your sign-in is not saved anywhere; you sign in again next time.</source>
        <translation>Sin llavero, tu inicio de sesión no se guarda en ningún sitio; la próxima vez tendrás que volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>Fill in the server, your user name and your password.</source>
        <translation>Indica el servidor, tu nombre de usuario y tu contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Downloading your conversations: %1 of %2</source>
        <translation>Descargando tus conversaciones: %1 de %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversación</translation>
    </message>
    <message>
        <source>&amp;AgentDesk</source>
        <translation>&amp;AgentDesk</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversación</numerusform>
            <numerusform>%n conversaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) newly assigned to you</source>
        <translation>
            <numerusform>Se te ha asignado %n conversación nueva</numerusform>
            <numerusform>Se te han asignado %n conversaciones nuevas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AgentDesk — %n open for you</source>
        <translation>
            <numerusform>AgentDesk — %n conversación abierta para ti</numerusform>
            <numerusform>AgentDesk — %n conversaciones abiertas para ti</numerusform>
        </translation>
    </message>
    <message>
        <source>Contacts merged. Ctrl+Z undoes it.</source>
        <translation>Contactos fusionados. Ctrl+Z lo deshace.</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n pendiente de envío</numerusform>
            <numerusform>%n pendientes de envío</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n no enviado</numerusform>
            <numerusform>%n no enviados</numerusform>
        </translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <source>Synchronizing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <source>You are offline. Everything stays readable; what you write is kept and sent when the connection returns.</source>
        <translation>No tienes conexión. Puedes seguir leyéndolo todo; lo que escribas se guarda y se enviará cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>The server ended your session. Sign in again to send what is waiting.</source>
        <translation>El servidor ha cerrado tu sesión. Vuelve a iniciar sesión para enviar lo pendiente.</translation>
    </message>
    <message>
        <source>Synchronizing… %1%</source>
        <translation>Sincronizando… %1&#xa0;%</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge contacts</source>
        <translation>Fusionar contactos</translation>
    </message>
    <message>
        <source>Find the other contact by name, email or phone</source>
        <translation>Busca el otro contacto por nombre, correo electrónico o teléfono</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionar</translation>
    </message>
    <message>
        <source>Keep: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Se conserva: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>After merging, %1 will have: %2. Its history joins this one; you can undo it.</source>
        <translation>Tras la fusión, %1 tendrá: %2. Su historial se une a este; puedes deshacerlo.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mías</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Colas</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Desktop notification for a newly assigned conversation or a mention</source>
        <translation>Notificación de escritorio cuando se te asigna una conversación o te mencionan</translation>
    </message>
    <message>
        <source>Play a sound too</source>
        <translation>Reproducir también un sonido</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Server profiles</source>
        <translation>Perfiles de servidor</translation>
    </message>
    <message>
        <source>A new language applies the next time AgentDesk starts.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie AgentDesk.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
</context>
<context>
    <name>SnoozePicker</name>
    <message>
        <source>Snooze until</source>
        <translation>Posponer hasta</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>Dentro de 1 hora</translation>
    </message>
    <message>
        <source>In 4 hours</source>
        <translation>Dentro de 4 horas</translation>
    </message>
    <message>
        <source>Tomorrow 9:00</source>
        <translation>Mañana a las 9:00</translation>
    </message>
    <message>
        <source>Next Monday 9:00</source>
        <translation>El próximo lunes a las 9:00</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <source>%1 conversations wait in «%2», over its capacity of %3.</source>
        <translation>%1 conversaciones esperan en «%2», por encima de su capacidad de %3.</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>An appointment «%1» is on the timeline for %2, with no reminder sent or scheduled.</source>
        <translation>Hay una cita «%1» en el historial para el %2, sin recordatorio enviado ni programado.</translation>
    </message>
    <message>
        <source>Offer a callback</source>
        <translation>Ofrecer una llamada</translation>
    </message>
    <message>
        <source>Offer another channel</source>
        <translation>Ofrecer otro canal</translation>
    </message>
    <message>
        <source>Repeat contact: escalate or fix it for good</source>
        <translation>Contacto repetido: escálalo o resuélvelo de una vez</translation>
    </message>
    <message>
        <source>Schedule a WhatsApp reminder for %1</source>
        <translation>Programar un recordatorio de WhatsApp para el %1</translation>
    </message>
    <message>
        <source>Send the self-service link «%1»</source>
        <translation>Enviar el enlace de autoservicio «%1»</translation>
    </message>
    <message>
        <source>Send the template «%1»</source>
        <translation>Enviar la plantilla «%1»</translation>
    </message>
    <message>
        <source>The 24-hour WhatsApp window is closed: the customer %1; only approved templates can be sent.</source>
        <translation>La ventana de 24 horas de WhatsApp está cerrada: el cliente %1; solo se pueden enviar plantillas aprobadas.</translation>
    </message>
    <message>
        <source>The customer has waited %1 (first-response target %2).</source>
        <translation>El cliente lleva %1 esperando (objetivo de primera respuesta: %2).</translation>
    </message>
    <message>
        <source>The customer wrote %1, which the article «%2» answers.</source>
        <translation>El cliente escribió %1, y el artículo «%2» lo responde.</translation>
    </message>
    <message>
        <source>This customer has written %1 times in %2 days about «%3» (%4).</source>
        <translation>Este cliente ha escrito %1 veces en %2 días sobre «%3» (%4).</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>cita</translation>
    </message>
    <message>
        <source>last wrote %1 ago</source>
        <translation>escribió por última vez hace %1</translation>
    </message>
    <message>
        <source>never wrote on WhatsApp</source>
        <translation>nunca ha escrito por WhatsApp</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>Suggestions</source>
        <translation>Sugerencias</translation>
    </message>
    <message>
        <source>Suggested next actions</source>
        <translation>Próximas acciones sugeridas</translation>
    </message>
    <message>
        <source>%1% sure</source>
        <translation>%1 % de confianza</translation>
    </message>
    <message>
        <source>Enter accepts, Del dismisses</source>
        <translation>Intro acepta, Supr descarta</translation>
    </message>
</context>
</TS>
