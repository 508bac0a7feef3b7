<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AgentsModel</name>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Presencia</translation>
    </message>
    <message>
        <source>In state for</source>
        <translation>En este estado desde hace</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activas</translation>
    </message>
    <message>
        <source>%1 (active / capacity)</source>
        <translation>%1 (activas / capacidad)</translation>
    </message>
    <message>
        <source>A change is waiting to be sent</source>
        <translation>Hay un cambio pendiente de enviar</translation>
    </message>
</context>
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
    <name>CallbacksView</name>
    <message>
        <source>requested</source>
        <translation>solicitada</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>programada</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>Devoluciones de llamada</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>Solo las mías</translation>
    </message>
    <message>
        <source>Callbacks to make</source>
        <translation>Llamadas por devolver</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>Tomar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdida</translation>
    </message>
    <message>
        <source>call</source>
        <translation>llamar</translation>
    </message>
    <message>
        <source>taken by %1</source>
        <translation>tomada por %1</translation>
    </message>
    <message>
        <source>not taken</source>
        <translation>sin tomar</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>a cualquier hora</translation>
    </message>
    <message>
        <source>This callback is still on its way to the server.</source>
        <translation>Esta devolución de llamada aún va camino del servidor.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Sin cambios: %1</translation>
    </message>
</context>
<context>
    <name>CapacityDialog</name>
    <message>
        <source>Capacity of %1</source>
        <translation>Capacidad de %1</translation>
    </message>
    <message>
        <source>Conversations at once, per channel:</source>
        <translation>Conversaciones a la vez, por canal:</translation>
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
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>Supervisión</translation>
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
        <source>Show the notes that mention me</source>
        <translation>Mostrar las notas que me mencionan</translation>
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
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>Pick a WhatsApp template</source>
        <translation>Elegir una plantilla de WhatsApp</translation>
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
    <message>
        <source>Set my presence</source>
        <translation>Cambiar mi presencia</translation>
    </message>
    <message>
        <source>Open the wallboard</source>
        <translation>Abrir el panel de colas</translation>
    </message>
    <message>
        <source>Move to another queue</source>
        <translation>Mover a otra cola</translation>
    </message>
    <message>
        <source>Change an agent&apos;s capacity</source>
        <translation>Cambiar la capacidad de un agente</translation>
    </message>
    <message>
        <source>Set a queue&apos;s thresholds</source>
        <translation>Definir los umbrales de una cola</translation>
    </message>
    <message>
        <source>Knowledge base and callbacks</source>
        <translation>Base de conocimiento y devoluciones de llamada</translation>
    </message>
    <message>
        <source>Manage the knowledge base</source>
        <translation>Gestionar la base de conocimiento</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>Nuevo artículo</translation>
    </message>
    <message>
        <source>Save the article</source>
        <translation>Guardar el artículo</translation>
    </message>
    <message>
        <source>Delete the article</source>
        <translation>Eliminar el artículo</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>Buscar artículos</translation>
    </message>
    <message>
        <source>Show callbacks</source>
        <translation>Mostrar las devoluciones de llamada</translation>
    </message>
    <message>
        <source>Mark the callback done</source>
        <translation>Marcar la llamada como hecha</translation>
    </message>
    <message>
        <source>Mark the callback missed</source>
        <translation>Marcar la llamada como perdida</translation>
    </message>
    <message>
        <source>Review this conversation</source>
        <translation>Revisar esta conversación</translation>
    </message>
    <message>
        <source>Comment on the selected message</source>
        <translation>Comentar el mensaje seleccionado</translation>
    </message>
    <message>
        <source>Submit the review</source>
        <translation>Enviar la revisión</translation>
    </message>
    <message>
        <source>Acknowledge the review</source>
        <translation>Dar por leída la revisión</translation>
    </message>
    <message>
        <source>Dispute the review (type the reason)</source>
        <translation>Discrepar de la revisión (escribe el motivo)</translation>
    </message>
    <message>
        <source>Next in the review queue</source>
        <translation>Siguiente en la cola de revisión</translation>
    </message>
    <message>
        <source>Previous in the review queue</source>
        <translation>Anterior en la cola de revisión</translation>
    </message>
    <message>
        <source>Show feedback</source>
        <translation>Mostrar los comentarios de calidad</translation>
    </message>
    <message>
        <source>Show the review queue</source>
        <translation>Mostrar la cola de revisión</translation>
    </message>
    <message>
        <source>Open the QA dashboard</source>
        <translation>Abrir el panel de calidad</translation>
    </message>
    <message>
        <source>Export the QA dashboard to CSV</source>
        <translation>Exportar el panel de calidad a CSV</translation>
    </message>
    <message>
        <source>Edit the QA scorecards</source>
        <translation>Editar las fichas de evaluación</translation>
    </message>
    <message>
        <source>Save the scorecard</source>
        <translation>Guardar la ficha</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>(no criterion)</source>
        <translation>(sin criterio)</translation>
    </message>
    <message>
        <source>A better wording (optional)</source>
        <translation>Una redacción mejor (opcional)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>Better wording</source>
        <translation>Mejor redacción</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Comment on the message</source>
        <translation>Comentar el mensaje</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
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
        <source>Attach…</source>
        <translation>Adjuntar…</translation>
    </message>
    <message>
        <source>Attach files (Ctrl+Shift+A), or drop them here</source>
        <translation>Adjunta archivos (Ctrl+Mayús+A) o suéltalos aquí</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>The customer will read:</source>
        <translation>El cliente leerá:</translation>
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
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>%1 is not a file that can be read</source>
        <translation>%1 no es un archivo que se pueda leer</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 está vacío</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>Files go with replies, not with notes: remove them or write a reply.</source>
        <translation>Los archivos van con las respuestas, no con las notas: quítalos o escribe una respuesta.</translation>
    </message>
    <message>
        <source>A template carries no files: remove them, or send them once the customer writes.</source>
        <translation>Una plantilla no lleva archivos: quítalos o envíalos cuando el cliente escriba.</translation>
    </message>
    <message>
        <source>The web chat cannot carry files: send a link, or reply by email or WhatsApp.</source>
        <translation>El chat web no puede llevar archivos: envía un enlace o responde por correo o WhatsApp.</translation>
    </message>
    <message>
        <source>WhatsApp carries one file per message: send the others in further replies.</source>
        <translation>WhatsApp lleva un archivo por mensaje: envía los demás en otras respuestas.</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than the %3 WhatsApp takes.</source>
        <translation>%1 (%2) supera los %3 que admite WhatsApp.</translation>
    </message>
    <message>
        <source>The files add up to %1, more than the %2 an email can carry safely.</source>
        <translation>Los archivos suman %1, más de los %2 que un correo puede llevar con seguridad.</translation>
    </message>
    <message>
        <source>This WhatsApp number has no approved templates: an admin adds them to its queue&apos;s settings.</source>
        <translation>Este número de WhatsApp no tiene plantillas aprobadas: un administrador las añade en los ajustes de su cola.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>The server refused the session; sign in again.</source>
        <translation>El servidor ha rechazado la sesión; vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The saved sign-in for %1 stays in the keyring: %2</source>
        <translation>El inicio de sesión guardado para %1 sigue en el llavero: %2</translation>
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
        <source>%1 mentioned %2</source>
        <translation>%1 mencionó a %2</translation>
    </message>
    <message>
        <source>%1 moved the conversation to another queue</source>
        <translation>%1 movió la conversación a otra cola</translation>
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
        <source>Callback made: %1</source>
        <translation>Llamada devuelta: %1</translation>
    </message>
    <message>
        <source>Callback missed: %1</source>
        <translation>Llamada perdida: %1</translation>
    </message>
    <message>
        <source>Callback requested: %1</source>
        <translation>Llamada solicitada: %1</translation>
    </message>
    <message>
        <source>Callback scheduled: %1</source>
        <translation>Llamada programada: %1</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Contact merge undone</source>
        <translation>Fusión de contactos deshecha</translation>
    </message>
    <message>
        <source>Conversation started</source>
        <translation>Conversación iniciada</translation>
    </message>
    <message>
        <source>First-response target missed (due %1)</source>
        <translation>Objetivo de primera respuesta incumplido (vencía %1)</translation>
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
        <source>Moved to another queue</source>
        <translation>Movida a otra cola</translation>
    </message>
    <message>
        <source>Moved to another queue by the overflow rule</source>
        <translation>Movida a otra cola por la regla de desbordamiento</translation>
    </message>
    <message>
        <source>Offered to continue by %1</source>
        <translation>Se ofreció seguir por %1</translation>
    </message>
    <message>
        <source>Offered to continue by %1 after waiting %2</source>
        <translation>Se ofreció seguir por %1 tras esperar %2</translation>
    </message>
    <message>
        <source>Order %1: %2</source>
        <translation>Pedido %1: %2</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>Resolution target missed (due %1)</source>
        <translation>Objetivo de resolución incumplido (vencía %1)</translation>
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
        <source>Survey: %1 %2</source>
        <translation>Encuesta: %1 %2</translation>
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
        <source>a callback</source>
        <translation>una devolución de llamada</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>adjunto</translation>
    </message>
</context>
<context>
    <name>CriterionRow</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
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
    <name>DashboardWorkspace</name>
    <message>
        <source>QA dashboard</source>
        <translation>Panel de calidad</translation>
    </message>
</context>
<context>
    <name>ForgetServer</name>
    <message>
        <source>%1 change(s) written here were never sent and will be lost.</source>
        <translation>%1 cambio(s) hechos aquí no se enviaron y se perderán.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Olvidar</translation>
    </message>
    <message>
        <source>Forget %1? Your saved sign-in and the conversations kept on this computer for it are deleted.</source>
        <translation>¿Olvidar %1? Se borran el inicio de sesión guardado y las conversaciones que este ordenador guarda de él.</translation>
    </message>
    <message>
        <source>Forget server</source>
        <translation>Olvidar el servidor</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
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
    <name>IntervalChart</name>
    <message>
        <source>Intervals chart</source>
        <translation>Gráfico de intervalos</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Ofrecidas</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendidas</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonadas</translation>
    </message>
    <message>
        <source>Service level %</source>
        <translation>Nivel de servicio %</translation>
    </message>
    <message>
        <source>Occupancy %</source>
        <translation>Ocupación %</translation>
    </message>
    <message>
        <source>No intervals yet</source>
        <translation>Aún no hay intervalos</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
</context>
<context>
    <name>KbManager</name>
    <message>
        <source>Knowledge base</source>
        <translation>Base de conocimiento</translation>
    </message>
    <message>
        <source>Search titles, tags and text</source>
        <translation>Buscar en títulos, etiquetas y texto</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>Buscar artículos</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artículos</translation>
    </message>
    <message>
        <source>comma-separated, e.g. password, access</source>
        <translation>separadas por comas, p. ej. contraseña, acceso</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Self-service link</source>
        <translation>Enlace de autoservicio</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>WhatsApp snippet</source>
        <translation>Fragmento para WhatsApp</translation>
    </message>
    <message>
        <source>Web chat snippet</source>
        <translation>Fragmento para el chat web</translation>
    </message>
    <message>
        <source>Email snippet</source>
        <translation>Fragmento para el correo</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>a title</source>
        <translation>un título</translation>
    </message>
    <message>
        <source>the article</source>
        <translation>el artículo</translation>
    </message>
    <message>
        <source>Write %1 first.</source>
        <translation>Escribe primero %1.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Saved; sending…</source>
        <translation>Guardado; enviando…</translation>
    </message>
    <message>
        <source>Deleted; sending…</source>
        <translation>Eliminado; enviando…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>Saved on the server.</source>
        <translation>Guardado en el servidor.</translation>
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
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
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
        <source>Forget</source>
        <translation>Olvidar</translation>
    </message>
    <message>
        <source>Forget this server: its saved sign-in and what is kept on this computer</source>
        <translation>Olvidar este servidor: su inicio de sesión guardado y lo que se guarda en este ordenador</translation>
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
    <message>
        <source>Not sent: a file could not be read (%1)</source>
        <translation>No enviado: no se pudo leer un archivo (%1)</translation>
    </message>
    <message>
        <source>Uploading %1… %p%</source>
        <translation>Subiendo %1… %p%</translation>
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
        <source>%1 mentioned you: %2</source>
        <translation>%1 te mencionó: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n new mention(s) of you</source>
        <translation>
            <numerusform>%n mención nueva</numerusform>
            <numerusform>%n menciones nuevas</numerusform>
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
    <name>MentionsList</name>
    <message>
        <source>Mentions</source>
        <translation>Menciones</translation>
    </message>
    <message>
        <source>Notes that mention you</source>
        <translation>Notas que te mencionan</translation>
    </message>
    <message>
        <source>%1 mentioned you · %2 · %3</source>
        <translation>%1 te mencionó · %2 · %3</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Cliente desconocido</translation>
    </message>
    <message>
        <source>No one has mentioned you yet.</source>
        <translation>Nadie te ha mencionado todavía.</translation>
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
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
</context>
<context>
    <name>PresenceSelector</name>
    <message>
        <source>My presence</source>
        <translation>Mi presencia</translation>
    </message>
    <message>
        <source>Your presence: work is routed to you while you are available or busy</source>
        <translation>Tu presencia: te llega trabajo mientras estás disponible u ocupado</translation>
    </message>
</context>
<context>
    <name>QaComments</name>
    <message>
        <source>Better: %1</source>
        <translation>Mejor: %1</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>Grave</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Leve</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
</context>
<context>
    <name>QaDashboard</name>
    <message>
        <source>QA dashboard — AgentDesk</source>
        <translation>Panel de calidad — AgentDesk</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Agrupar por</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalo</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Por semana</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Por día</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Último %n día</numerusform>
            <numerusform>Últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Revisiones</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Nota media</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>Tasa de aprobados</translation>
    </message>
    <message>
        <source>Critical fails</source>
        <translation>Fallos críticos</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendencia</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Loading the figures…</source>
        <translation>Cargando las cifras…</translation>
    </message>
    <message>
        <source>The server does not show you the QA dashboard: %1</source>
        <translation>El servidor no te muestra el panel de calidad: %1</translation>
    </message>
    <message>
        <source>The QA dashboard is computed by the server and cannot be shown offline (%1). It will load when the connection returns.</source>
        <translation>El panel de calidad lo calcula el servidor y no se puede mostrar sin conexión (%1). Se cargará cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>No submitted reviews in this period.</source>
        <translation>No hay revisiones enviadas en este periodo.</translation>
    </message>
    <message numerus="yes">
        <source>%n submitted review(s) in this period.</source>
        <translation>
            <numerusform>%n revisión enviada en este periodo.</numerusform>
            <numerusform>%n revisiones enviadas en este periodo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n criteria scored in this period.</source>
        <translation>
            <numerusform>%n criterio puntuado en este periodo.</numerusform>
            <numerusform>%n criterios puntuados en este periodo.</numerusform>
        </translation>
    </message>
    <message>
        <source>per week</source>
        <translation>por semana</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>por día</translation>
    </message>
    <message>
        <source>Export the QA dashboard</source>
        <translation>Exportar el panel de calidad</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>No exportado: %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportado a %1</translation>
    </message>
</context>
<context>
    <name>QaList</name>
    <message>
        <source>Review queues</source>
        <translation>Colas de revisión</translation>
    </message>
    <message>
        <source>New review queue…</source>
        <translation>Nueva cola de revisión…</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Revisiones</translation>
    </message>
    <message>
        <source>Reviews you wrote</source>
        <translation>Revisiones que has escrito</translation>
    </message>
    <message>
        <source>Reviews of your work</source>
        <translation>Revisiones de tu trabajo</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Cola de revisión</translation>
    </message>
    <message>
        <source>Queue of %1</source>
        <translation>Cola de %1</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>%1 · acknowledged</source>
        <translation>%1 · aceptada</translation>
    </message>
    <message>
        <source>%1 · disputed</source>
        <translation>%1 · discutida</translation>
    </message>
    <message>
        <source>%1 · new</source>
        <translation>%1 · nueva</translation>
    </message>
</context>
<context>
    <name>QaWorkspace</name>
    <message>
        <source>Quality review</source>
        <translation>Revisión de calidad</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Comentarios de calidad</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Cola de revisión</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Conversación %1</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Cliente desconocido</translation>
    </message>
    <message>
        <source>Start a review, then select a message (or some of its text) to comment on.</source>
        <translation>Empieza una revisión y selecciona un mensaje (o parte de su texto) para comentarlo.</translation>
    </message>
    <message>
        <source>Drawing the review queue…</source>
        <translation>Preparando la cola de revisión…</translation>
    </message>
    <message>
        <source>The review queue was refused: %1</source>
        <translation>Se rechazó la cola de revisión: %1</translation>
    </message>
    <message>
        <source>Open a review of your work to dispute it.</source>
        <translation>Abre una revisión de tu trabajo para discutirla.</translation>
    </message>
    <message>
        <source>&amp;Quality</source>
        <translation>Ca&amp;lidad</translation>
    </message>
</context>
<context>
    <name>QueuePicker</name>
    <message>
        <source>Move to queue</source>
        <translation>Mover a una cola</translation>
    </message>
    <message>
        <source>The conversation moves with its messages, notes and files.</source>
        <translation>La conversación se mueve con sus mensajes, notas y archivos.</translation>
    </message>
</context>
<context>
    <name>QueueTile</name>
    <message>
        <source>Thresholds…</source>
        <translation>Umbrales…</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Queue %1</source>
        <translation>Cola %1</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Quality review</source>
        <translation>Revisión de calidad</translation>
    </message>
    <message>
        <source>Reviews of this conversation</source>
        <translation>Revisiones de esta conversación</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>Ficha de evaluación</translation>
    </message>
    <message>
        <source>Start review</source>
        <translation>Empezar la revisión</translation>
    </message>
    <message>
        <source>Summary for the agent</source>
        <translation>Resumen para el agente</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Guardar borrador</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Why you disagree (needed to dispute)</source>
        <translation>Por qué no estás de acuerdo (necesario para discutir)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Discutir</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <source>%1 — draft</source>
        <translation>%1 — borrador</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Critical: failing it fails the whole review</source>
        <translation>Crítico: si falla, falla toda la revisión</translation>
    </message>
    <message>
        <source>Choose a scorecard and start a review.</source>
        <translation>Elige una ficha de evaluación y empieza una revisión.</translation>
    </message>
    <message>
        <source>Score: — (nothing answered yet)</source>
        <translation>Nota: — (aún no hay respuestas)</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <source>critical criterion failed (%1 before it)</source>
        <translation>criterio crítico fallado (%1 antes)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>aprobada</translation>
    </message>
    <message>
        <source>below the pass mark</source>
        <translation>por debajo del aprobado</translation>
    </message>
    <message numerus="yes">
        <source>%n criteria left</source>
        <translation>
            <numerusform>Queda %n criterio</numerusform>
            <numerusform>Quedan %n criterios</numerusform>
        </translation>
    </message>
    <message>
        <source>No review of this conversation yet</source>
        <translation>Esta conversación aún no tiene revisiones</translation>
    </message>
    <message>
        <source>the agent</source>
        <translation>el agente</translation>
    </message>
    <message>
        <source>a reviewer</source>
        <translation>un revisor</translation>
    </message>
    <message>
        <source>%1&apos;s work, reviewed by %2</source>
        <translation>Trabajo de %1, revisado por %2</translation>
    </message>
    <message>
        <source>Scorecard: %1, version %2</source>
        <translation>Ficha: %1, versión %2</translation>
    </message>
    <message>
        <source>(a newer version exists; this review keeps its own)</source>
        <translation>(hay una versión más nueva; esta revisión conserva la suya)</translation>
    </message>
    <message>
        <source>The agent</source>
        <translation>El agente</translation>
    </message>
    <message>
        <source>%1 acknowledged this review.</source>
        <translation>%1 aceptó esta revisión.</translation>
    </message>
    <message>
        <source>%1 disputed this review: %2</source>
        <translation>%1 discutió esta revisión: %2</translation>
    </message>
    <message>
        <source>Acknowledge this review, or dispute it with a reason.</source>
        <translation>Acepta esta revisión o discútela con un motivo.</translation>
    </message>
    <message>
        <source>Waiting for %1 to respond.</source>
        <translation>Esperando la respuesta de %1.</translation>
    </message>
    <message numerus="yes">
        <source>Calibration: %n submitted review(s); the spread shows from two.</source>
        <translation>
            <numerusform>Calibración: %n revisión enviada; la dispersión se muestra a partir de dos.</numerusform>
            <numerusform>Calibración: %n revisiones enviadas; la dispersión se muestra a partir de dos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Calibration: %1 · range %2 · standard deviation %3</source>
        <translation>Calibración: %1 · rango %2 · desviación típica %3</translation>
    </message>
    <message>
        <source>Most apart: %1</source>
        <translation>Más distintos: %1</translation>
    </message>
    <message>
        <source>Answer every criterion before submitting: %1</source>
        <translation>Responde a todos los criterios antes de enviar: %1</translation>
    </message>
    <message>
        <source>Say why you dispute the review.</source>
        <translation>Di por qué discutes la revisión.</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>New review queue</source>
        <translation>Nueva cola de revisión</translation>
    </message>
    <message>
        <source>e.g. Week 47</source>
        <translation>p. ej. Semana 47</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canales</translation>
    </message>
    <message>
        <source>Conversations per agent</source>
        <translation>Conversaciones por agente</translation>
    </message>
    <message>
        <source>Resolved in the last days</source>
        <translation>Resueltas en los últimos días</translation>
    </message>
    <message>
        <source>At random</source>
        <translation>Al azar</translation>
    </message>
    <message>
        <source>More of those with a low CSAT</source>
        <translation>Más de las que tienen un CSAT bajo</translation>
    </message>
    <message>
        <source>More of those with a long handle time</source>
        <translation>Más de las que tienen un tiempo de gestión largo</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Elegir</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <source>Scores over time</source>
        <translation>Notas a lo largo del tiempo</translation>
    </message>
    <message>
        <source>No submitted reviews in this period</source>
        <translation>No hay revisiones enviadas en este periodo</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Nota media</translation>
    </message>
</context>
<context>
    <name>ScorecardEditor</name>
    <message>
        <source>Scorecards — AgentDesk</source>
        <translation>Fichas de evaluación — AgentDesk</translation>
    </message>
    <message>
        <source>Scorecards and their versions</source>
        <translation>Fichas de evaluación y sus versiones</translation>
    </message>
    <message>
        <source>New scorecard</source>
        <translation>Nueva ficha</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>Nota de aprobado</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Criterios</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Sección</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>N/A allowed</source>
        <translation>Se admite N/A</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <source>Add criterion</source>
        <translation>Añadir criterio</translation>
    </message>
    <message>
        <source>Remove criterion</source>
        <translation>Quitar criterio</translation>
    </message>
    <message>
        <source>Criteria with the same section are grouped under it. Scores are weighted by the weights; a failed critical criterion (No, or 1–2) fails the whole review.</source>
        <translation>Los criterios con la misma sección se agrupan bajo ella. Las notas se ponderan con los pesos; un criterio crítico fallado (No, o 1–2) suspende toda la revisión.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>guardando…</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actual</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s) scored with it</source>
        <translation>
            <numerusform>%n revisión puntuada con ella</numerusform>
            <numerusform>%n revisiones puntuadas con ella</numerusform>
        </translation>
    </message>
    <message>
        <source>Version %1 of %2. Saving makes version %3; reviews already scored keep their version (%4).</source>
        <translation>Versión %1 de %2. Al guardar se crea la versión %3; las revisiones ya puntuadas conservan su versión (%4).</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n revisión</numerusform>
            <numerusform>%n revisiones</numerusform>
        </translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Yes / No</source>
        <translation>Sí / No</translation>
    </message>
    <message>
        <source>1 to 5</source>
        <translation>1 a 5</translation>
    </message>
    <message>
        <source>The scorecard needs a name.</source>
        <translation>La ficha necesita un nombre.</translation>
    </message>
    <message>
        <source>Criterion %1 needs a title.</source>
        <translation>El criterio %1 necesita un título.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>The server refused the scorecard: %1</source>
        <translation>El servidor rechazó la ficha: %1</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>Guardada como versión %1.</translation>
    </message>
</context>
<context>
    <name>ScorecardWorkspace</name>
    <message>
        <source>Scorecards</source>
        <translation>Fichas de evaluación</translation>
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
        <source>Forget server…</source>
        <translation>Olvidar el servidor…</translation>
    </message>
    <message>
        <source>Delete its saved sign-in and the conversations kept on this computer</source>
        <translation>Borra su inicio de sesión guardado y las conversaciones guardadas en este ordenador</translation>
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
<context>
    <name>SupervisorWorkspace</name>
    <message>
        <source>&amp;Supervision</source>
        <translation>&amp;Supervisión</translation>
    </message>
    <message>
        <source>AgentDesk wallboard</source>
        <translation>Panel de colas de AgentDesk</translation>
    </message>
    <message>
        <source>Not moved: %1</source>
        <translation>No movida: %1</translation>
    </message>
    <message>
        <source>Your presence was not changed: %1</source>
        <translation>Tu presencia no cambió: %1</translation>
    </message>
</context>
<context>
    <name>ThresholdDialog</name>
    <message>
        <source>Thresholds of %1</source>
        <translation>Umbrales de %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Warn at</source>
        <translation>Aviso en</translation>
    </message>
    <message>
        <source>Alert at</source>
        <translation>Alerta en</translation>
    </message>
    <message>
        <source>Worse when higher</source>
        <translation>Peor cuanto más alta</translation>
    </message>
    <message>
        <source>Worse when lower</source>
        <translation>Peor cuanto más baja</translation>
    </message>
    <message>
        <source>%1: warn at</source>
        <translation>%1: aviso en</translation>
    </message>
    <message>
        <source>%1: alert at</source>
        <translation>%1: alerta en</translation>
    </message>
    <message>
        <source>A dash means no limit. Waits and times are in seconds.</source>
        <translation>Un guion significa sin límite. Las esperas y los tiempos van en segundos.</translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <source>Waiting now</source>
        <translation>En espera ahora</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Espera más larga</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Nivel de servicio</translation>
    </message>
    <message>
        <source>Abandonment</source>
        <translation>Abandono</translation>
    </message>
    <message>
        <source>Handle time</source>
        <translation>Tiempo de gestión</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resueltas</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>Ocupación</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>Deflection</source>
        <translation>Autoservicio</translation>
    </message>
    <message>
        <source>Repeat contacts</source>
        <translation>Contactos repetidos</translation>
    </message>
    <message>
        <source>Wallboard — AgentDesk</source>
        <translation>Panel de colas — AgentDesk</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>No figures yet. They are being fetched from the server.</source>
        <translation>Aún no hay cifras. Se están pidiendo al servidor.</translation>
    </message>
    <message>
        <source>Intervals</source>
        <translation>Intervalos</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>Cola:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Change capacity…</source>
        <translation>Cambiar la capacidad…</translation>
    </message>
    <message>
        <source>Choose a queue&apos;s tile to see its conversations.</source>
        <translation>Elige el recuadro de una cola para ver sus conversaciones.</translation>
    </message>
    <message>
        <source>The queue&apos;s conversations</source>
        <translation>Las conversaciones de la cola</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Reasignar…</translation>
    </message>
    <message>
        <source>Move to queue…</source>
        <translation>Mover a una cola…</translation>
    </message>
    <message>
        <source>Open in the workspace</source>
        <translation>Abrir en el espacio de trabajo</translation>
    </message>
    <message>
        <source>Figures of %1</source>
        <translation>Cifras de %1</translation>
    </message>
    <message>
        <source>Showing the figures of %1: %2</source>
        <translation>Cifras de %1: %2</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerta</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>%1: %2 is %3 (%4)</source>
        <translation>%1: %2 es %3 (%4)</translation>
    </message>
    <message>
        <source>Updating the figures…</source>
        <translation>Actualizando las cifras…</translation>
    </message>
    <message>
        <source>No figures yet: %1</source>
        <translation>Aún no hay cifras: %1</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>No hecho: %1</translation>
    </message>
    <message>
        <source>Conversations of %1</source>
        <translation>Conversaciones de %1</translation>
    </message>
</context>
</TS>
