<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ca" sourcelanguage="en">
<context>
    <name>AgentsModel</name>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Presència</translation>
    </message>
    <message>
        <source>In state for</source>
        <translation>En aquest estat des de fa</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <source>%1 (active / capacity)</source>
        <translation>%1 (actives / capacitat)</translation>
    </message>
    <message>
        <source>A change is waiting to be sent</source>
        <translation>Hi ha un canvi pendent d&apos;enviar</translation>
    </message>
</context>
<context>
    <name>AssigneePicker</name>
    <message>
        <source>Assign to</source>
        <translation>Assignar a</translation>
    </message>
    <message>
        <source>Nobody (unassign)</source>
        <translation>Ningú (desassignar)</translation>
    </message>
</context>
<context>
    <name>CallbacksView</name>
    <message>
        <source>requested</source>
        <translation>sol·licitada</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>programada</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>Trucades de retorn</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>Només les meves</translation>
    </message>
    <message>
        <source>Callbacks to make</source>
        <translation>Trucades per retornar</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>Agafar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Feta</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perduda</translation>
    </message>
    <message>
        <source>call</source>
        <translation>trucar</translation>
    </message>
    <message>
        <source>taken by %1</source>
        <translation>agafada per %1</translation>
    </message>
    <message>
        <source>not taken</source>
        <translation>sense agafar</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>a qualsevol hora</translation>
    </message>
    <message>
        <source>This callback is still on its way to the server.</source>
        <translation>Aquesta trucada de retorn encara va cap al servidor.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Sense canvis: %1</translation>
    </message>
</context>
<context>
    <name>CapacityDialog</name>
    <message>
        <source>Capacity of %1</source>
        <translation>Capacitat de %1</translation>
    </message>
    <message>
        <source>Conversations at once, per channel:</source>
        <translation>Converses alhora, per canal:</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Go to…</source>
        <translation>Anar a…</translation>
    </message>
    <message>
        <source>Search conversations, contacts and commands</source>
        <translation>Cercar converses, contactes i ordres</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cercar</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Navigation</source>
        <translation>Navegació</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicació</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualitat</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>Supervisió</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Conversa següent</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversa anterior</translation>
    </message>
    <message>
        <source>Command palette and search</source>
        <translation>Paleta d&apos;ordres i cerca</translation>
    </message>
    <message>
        <source>Go to the inbox list</source>
        <translation>Anar a la safata d&apos;entrada</translation>
    </message>
    <message>
        <source>Show my conversations</source>
        <translation>Mostrar les meves converses</translation>
    </message>
    <message>
        <source>Show unassigned conversations</source>
        <translation>Mostrar les converses sense assignar</translation>
    </message>
    <message>
        <source>Show all conversations</source>
        <translation>Mostrar totes les converses</translation>
    </message>
    <message>
        <source>Show the notes that mention me</source>
        <translation>Mostrar les notes que em mencionen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respondre</translation>
    </message>
    <message>
        <source>Add a private note</source>
        <translation>Afegir una nota privada</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resoldre</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reobrir</translation>
    </message>
    <message>
        <source>Mark pending</source>
        <translation>Marcar com a pendent</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posposar</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assignar</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Assignar-me-la</translation>
    </message>
    <message>
        <source>Show the customer&apos;s timeline</source>
        <translation>Mostrar l&apos;historial del client</translation>
    </message>
    <message>
        <source>Undo the last merge</source>
        <translation>Desfer l&apos;última fusió</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar fitxers</translation>
    </message>
    <message>
        <source>Pick a WhatsApp template</source>
        <translation>Triar una plantilla de WhatsApp</translation>
    </message>
    <message>
        <source>Show keyboard shortcuts</source>
        <translation>Mostrar les dreceres de teclat</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuració</translation>
    </message>
    <message>
        <source>Synchronize now</source>
        <translation>Sincronitzar ara</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sortir</translation>
    </message>
    <message>
        <source>Set my presence</source>
        <translation>Canviar la meva presència</translation>
    </message>
    <message>
        <source>Open the wallboard</source>
        <translation>Obrir el tauler de cues</translation>
    </message>
    <message>
        <source>Move to another queue</source>
        <translation>Moure a una altra cua</translation>
    </message>
    <message>
        <source>Change an agent&apos;s capacity</source>
        <translation>Canviar la capacitat d&apos;un agent</translation>
    </message>
    <message>
        <source>Set a queue&apos;s thresholds</source>
        <translation>Definir els llindars d&apos;una cua</translation>
    </message>
    <message>
        <source>Knowledge base and callbacks</source>
        <translation>Base de coneixement i trucades de retorn</translation>
    </message>
    <message>
        <source>Manage the knowledge base</source>
        <translation>Gestionar la base de coneixement</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>Article nou</translation>
    </message>
    <message>
        <source>Save the article</source>
        <translation>Desar l&apos;article</translation>
    </message>
    <message>
        <source>Delete the article</source>
        <translation>Eliminar l&apos;article</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>Cercar articles</translation>
    </message>
    <message>
        <source>Show callbacks</source>
        <translation>Mostrar les trucades de retorn</translation>
    </message>
    <message>
        <source>Mark the callback done</source>
        <translation>Marcar la trucada com a feta</translation>
    </message>
    <message>
        <source>Mark the callback missed</source>
        <translation>Marcar la trucada com a perduda</translation>
    </message>
    <message>
        <source>Review this conversation</source>
        <translation>Revisar aquesta conversa</translation>
    </message>
    <message>
        <source>Comment on the selected message</source>
        <translation>Comentar el missatge seleccionat</translation>
    </message>
    <message>
        <source>Submit the review</source>
        <translation>Enviar la revisió</translation>
    </message>
    <message>
        <source>Acknowledge the review</source>
        <translation>Donar per llegida la revisió</translation>
    </message>
    <message>
        <source>Dispute the review (type the reason)</source>
        <translation>Discrepar de la revisió (cal escriure&apos;n el motiu)</translation>
    </message>
    <message>
        <source>Next in the review queue</source>
        <translation>Següent a la cua de revisió</translation>
    </message>
    <message>
        <source>Previous in the review queue</source>
        <translation>Anterior a la cua de revisió</translation>
    </message>
    <message>
        <source>Show feedback</source>
        <translation>Mostrar els comentaris de qualitat</translation>
    </message>
    <message>
        <source>Show the review queue</source>
        <translation>Mostrar la cua de revisió</translation>
    </message>
    <message>
        <source>Open the QA dashboard</source>
        <translation>Obrir el tauler de qualitat</translation>
    </message>
    <message>
        <source>Export the QA dashboard to CSV</source>
        <translation>Exportar el tauler de qualitat a CSV</translation>
    </message>
    <message>
        <source>Edit the QA scorecards</source>
        <translation>Editar les fitxes d&apos;avaluació</translation>
    </message>
    <message>
        <source>Save the scorecard</source>
        <translation>Desar la fitxa</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>(no criterion)</source>
        <translation>(sense criteri)</translation>
    </message>
    <message>
        <source>A better wording (optional)</source>
        <translation>Una redacció millor (opcional)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>Better wording</source>
        <translation>Redacció millor</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentari</translation>
    </message>
    <message>
        <source>Comment on the message</source>
        <translation>Comentar el missatge</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criteri</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respondre</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravetat</translation>
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
        <translation>Només el teu equip veu les notes (N)</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>Respondre a</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Assumpte</translation>
    </message>
    <message>
        <source>name@example.com, …</source>
        <translation>nom@example.com, …</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Missatge</translation>
    </message>
    <message>
        <source>Write a reply… (/ for canned responses, Ctrl+Enter to send)</source>
        <translation>Escriu una resposta… (/ per a respostes predefinides, Ctrl+Enter per enviar)</translation>
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
        <translation>Adjunta fitxers (Ctrl+Maj+A) o deixa&apos;ls anar aquí</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>The customer will read:</source>
        <translation>El client llegirà:</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Reply via</source>
        <translation>Respondre per</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Afegir nota</translation>
    </message>
    <message>
        <source>The WhatsApp 24-hour window closed on %1: only an approved template can be sent.</source>
        <translation>La finestra de 24 hores de WhatsApp es va tancar el %1: només es pot enviar una plantilla aprovada.</translation>
    </message>
    <message>
        <source>WhatsApp window open for %1 h more</source>
        <translation>Finestra de WhatsApp oberta %1 h més</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar fitxers</translation>
    </message>
    <message>
        <source>%1 is not a file that can be read</source>
        <translation>%1 no és un fitxer que es pugui llegir</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 és buit</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Treure %1</translation>
    </message>
    <message>
        <source>Files go with replies, not with notes: remove them or write a reply.</source>
        <translation>Els fitxers van amb les respostes, no amb les notes: treu-los o escriu una resposta.</translation>
    </message>
    <message>
        <source>A template carries no files: remove them, or send them once the customer writes.</source>
        <translation>Una plantilla no porta fitxers: treu-los o envia&apos;ls quan el client escrigui.</translation>
    </message>
    <message>
        <source>The web chat cannot carry files: send a link, or reply by email or WhatsApp.</source>
        <translation>El xat web no pot portar fitxers: envia un enllaç o respon per correu o WhatsApp.</translation>
    </message>
    <message>
        <source>WhatsApp carries one file per message: send the others in further replies.</source>
        <translation>WhatsApp porta un fitxer per missatge: envia els altres en altres respostes.</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than the %3 WhatsApp takes.</source>
        <translation>%1 (%2) supera els %3 que admet WhatsApp.</translation>
    </message>
    <message>
        <source>The files add up to %1, more than the %2 an email can carry safely.</source>
        <translation>Els fitxers sumen %1, més dels %2 que un correu pot portar amb seguretat.</translation>
    </message>
    <message>
        <source>This WhatsApp number has no approved templates: an admin adds them to its queue&apos;s settings.</source>
        <translation>Aquest número de WhatsApp no té plantilles aprovades: un administrador les afegeix a la configuració de la seva cua.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>The server refused the session; sign in again.</source>
        <translation>El servidor ha rebutjat la sessió; torna a iniciar la sessió.</translation>
    </message>
    <message>
        <source>The saved sign-in for %1 stays in the keyring: %2</source>
        <translation>L&apos;inici de sessió desat per a %1 continua al clauer: %2</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>No conversation selected</source>
        <translation>No hi ha cap conversa seleccionada</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tornar-ho a provar</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Client desconegut</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sense assignar</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>No enviat: %1</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>%1 accepted a suggestion: %2</source>
        <translation>%1 ha acceptat un suggeriment: %2</translation>
    </message>
    <message>
        <source>%1 dismissed a suggestion: %2</source>
        <translation>%1 ha descartat un suggeriment: %2</translation>
    </message>
    <message>
        <source>%1 mentioned %2</source>
        <translation>%1 va mencionar %2</translation>
    </message>
    <message>
        <source>%1 moved the conversation to another queue</source>
        <translation>%1 va moure la conversa a una altra cua</translation>
    </message>
    <message>
        <source>Appointment: %1</source>
        <translation>Cita: %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Assignada a %1</translation>
    </message>
    <message>
        <source>Callback made: %1</source>
        <translation>Trucada retornada: %1</translation>
    </message>
    <message>
        <source>Callback missed: %1</source>
        <translation>Trucada perduda: %1</translation>
    </message>
    <message>
        <source>Callback requested: %1</source>
        <translation>Trucada sol·licitada: %1</translation>
    </message>
    <message>
        <source>Callback scheduled: %1</source>
        <translation>Trucada programada: %1</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Contact merge undone</source>
        <translation>Fusió de contactes desfeta</translation>
    </message>
    <message>
        <source>Conversation started</source>
        <translation>Conversa iniciada</translation>
    </message>
    <message>
        <source>First-response target missed (due %1)</source>
        <translation>Objectiu de primera resposta incomplert (vencia %1)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Hide quoted text</source>
        <translation>Amagar el text citat</translation>
    </message>
    <message>
        <source>Merged with another contact</source>
        <translation>Fusionat amb un altre contacte</translation>
    </message>
    <message>
        <source>Moved to another queue</source>
        <translation>Moguda a una altra cua</translation>
    </message>
    <message>
        <source>Moved to another queue by the overflow rule</source>
        <translation>Moguda a una altra cua per la regla de desbordament</translation>
    </message>
    <message>
        <source>Offered to continue by %1</source>
        <translation>S&apos;ha ofert continuar per %1</translation>
    </message>
    <message>
        <source>Offered to continue by %1 after waiting %2</source>
        <translation>S&apos;ha ofert continuar per %1 després d&apos;esperar %2</translation>
    </message>
    <message>
        <source>Order %1: %2</source>
        <translation>Comanda %1: %2</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Nota privada</translation>
    </message>
    <message>
        <source>Resolution target missed (due %1)</source>
        <translation>Objectiu de resolució incomplert (vencia %1)</translation>
    </message>
    <message>
        <source>Show quoted text</source>
        <translation>Mostrar el text citat</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Posposada fins al %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Estat: %1 → %2</translation>
    </message>
    <message>
        <source>Survey: %1 %2</source>
        <translation>Enquesta: %1 %2</translation>
    </message>
    <message>
        <source>The visitor left after waiting %1 s</source>
        <translation>El visitant ha abandonat el xat després d&apos;esperar %1 s</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Per a</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sense assignar</translation>
    </message>
    <message>
        <source>WhatsApp reminder scheduled for %1</source>
        <translation>Recordatori de WhatsApp programat per al %1</translation>
    </message>
    <message>
        <source>WhatsApp reminder sent</source>
        <translation>Recordatori de WhatsApp enviat</translation>
    </message>
    <message>
        <source>Woke up from snooze</source>
        <translation>Reactivada després de posposar-se</translation>
    </message>
    <message>
        <source>a callback</source>
        <translation>una trucada de retorn</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>adjunt</translation>
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
        <translation>Cap client</translation>
    </message>
    <message>
        <source>Customer timeline</source>
        <translation>Historial del client</translation>
    </message>
    <message>
        <source>Show older</source>
        <translation>Mostrar anteriors</translation>
    </message>
    <message>
        <source>Merge with another contact…</source>
        <translation>Fusionar amb un altre contacte…</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Client desconegut</translation>
    </message>
</context>
<context>
    <name>DashboardWorkspace</name>
    <message>
        <source>QA dashboard</source>
        <translation>Tauler de qualitat</translation>
    </message>
</context>
<context>
    <name>ForgetServer</name>
    <message>
        <source>%1 change(s) written here were never sent and will be lost.</source>
        <translation>%1 canvi(s) fets aquí no s&apos;han enviat i es perdran.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Oblidar</translation>
    </message>
    <message>
        <source>Forget %1? Your saved sign-in and the conversations kept on this computer for it are deleted.</source>
        <translation>Vols oblidar %1? S&apos;esborren l&apos;inici de sessió desat i les converses que aquest ordinador en guarda.</translation>
    </message>
    <message>
        <source>Forget server</source>
        <translation>Oblidar el servidor</translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <source>Unknown customer</source>
        <translation>Client desconegut</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sense assignar</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>vençut fa %1</translation>
    </message>
    <message>
        <source>due in %1</source>
        <translation>venç d&apos;aquí a %1</translation>
    </message>
</context>
<context>
    <name>IntervalChart</name>
    <message>
        <source>Intervals chart</source>
        <translation>Gràfic d&apos;intervals</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Ofertes</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Ateses</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonades</translation>
    </message>
    <message>
        <source>Service level %</source>
        <translation>Nivell de servei %</translation>
    </message>
    <message>
        <source>Occupancy %</source>
        <translation>Ocupació %</translation>
    </message>
    <message>
        <source>No intervals yet</source>
        <translation>Encara no hi ha intervals</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactes</translation>
    </message>
</context>
<context>
    <name>KbManager</name>
    <message>
        <source>Knowledge base</source>
        <translation>Base de coneixement</translation>
    </message>
    <message>
        <source>Search titles, tags and text</source>
        <translation>Cercar en títols, etiquetes i text</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>Cercar articles</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>comma-separated, e.g. password, access</source>
        <translation>separades per comes, p. ex. contrasenya, accés</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Títol</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetes</translation>
    </message>
    <message>
        <source>Self-service link</source>
        <translation>Enllaç d&apos;autoservei</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>WhatsApp snippet</source>
        <translation>Fragment per a WhatsApp</translation>
    </message>
    <message>
        <source>Web chat snippet</source>
        <translation>Fragment per al xat web</translation>
    </message>
    <message>
        <source>Email snippet</source>
        <translation>Fragment per al correu</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nou</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Desar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>a title</source>
        <translation>un títol</translation>
    </message>
    <message>
        <source>the article</source>
        <translation>l&apos;article</translation>
    </message>
    <message>
        <source>Write %1 first.</source>
        <translation>Escriu primer %1.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> i </translation>
    </message>
    <message>
        <source>Saved; sending…</source>
        <translation>Desat; s&apos;està enviant…</translation>
    </message>
    <message>
        <source>Deleted; sending…</source>
        <translation>Eliminat; s&apos;està enviant…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No desat: %1</translation>
    </message>
    <message>
        <source>Saved on the server.</source>
        <translation>Desat al servidor.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Open</source>
        <translation>Oberta</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendent</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Posposada</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resolta</translation>
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
        <translation>Absent</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupat</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correu electrònic</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconnectat</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Xat web</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Rebut</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Pendent d&apos;enviament</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviat</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Lliurat</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Llegit</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No lliurat</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to AgentDesk</source>
        <translation>Iniciar la sessió a AgentDesk</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adreça del servidor</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Oblidar</translation>
    </message>
    <message>
        <source>Forget this server: its saved sign-in and what is kept on this computer</source>
        <translation>Oblidar aquest servidor: l&apos;inici de sessió desat i el que es guarda en aquest ordinador</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;usuari</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contrasenya</translation>
    </message>
    <message>
        <source>Keep me signed in for this session only (no system keyring)</source>
        <translation>Recordar-me només durant aquesta sessió (sense el clauer del sistema)</translation>
    </message>
    <message>
        <source>Without a keyring your sign-in is not saved anywhere; you sign in again next time.</source>
        <translation>Sense clauer, l&apos;inici de sessió no es desa enlloc; la propera vegada hauràs de tornar a iniciar la sessió.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar la sessió</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Usuari</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contrasenya</translation>
    </message>
    <message>
        <source>Fill in the server, your user name and your password.</source>
        <translation>Indica el servidor, el teu nom d&apos;usuari i la teva contrasenya.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>S&apos;està iniciant la sessió…</translation>
    </message>
    <message>
        <source>Downloading your conversations: %1 of %2</source>
        <translation>S&apos;estan baixant les teves converses: %1 de %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Conversations</source>
        <translation>Converses</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Conversa</translation>
    </message>
    <message>
        <source>&amp;AgentDesk</source>
        <translation>&amp;AgentDesk</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Tancar la sessió</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversa</numerusform>
            <numerusform>%n converses</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent: a file could not be read (%1)</source>
        <translation>No enviat: no s&apos;ha pogut llegir un fitxer (%1)</translation>
    </message>
    <message>
        <source>Uploading %1… %p%</source>
        <translation>S&apos;està pujant %1… %p%</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) newly assigned to you</source>
        <translation>
            <numerusform>T&apos;han assignat %n conversa nova</numerusform>
            <numerusform>T&apos;han assignat %n converses noves</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AgentDesk — %n open for you</source>
        <translation>
            <numerusform>AgentDesk — %n conversa oberta per a tu</numerusform>
            <numerusform>AgentDesk — %n converses obertes per a tu</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 mentioned you: %2</source>
        <translation>%1 t&apos;ha mencionat: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n new mention(s) of you</source>
        <translation>
            <numerusform>%n menció nova</numerusform>
            <numerusform>%n mencions noves</numerusform>
        </translation>
    </message>
    <message>
        <source>Contacts merged. Ctrl+Z undoes it.</source>
        <translation>Contactes fusionats. Ctrl+Z ho desfà.</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n pendent d&apos;enviament</numerusform>
            <numerusform>%n pendents d&apos;enviament</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n no enviat</numerusform>
            <numerusform>%n no enviats</numerusform>
        </translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Actualitzat</translation>
    </message>
    <message>
        <source>Synchronizing…</source>
        <translation>S&apos;està sincronitzant…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sense connexió</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sessió tancada</translation>
    </message>
    <message>
        <source>You are offline. Everything stays readable; what you write is kept and sent when the connection returns.</source>
        <translation>No tens connexió. Pots continuar llegint-ho tot; el que escriguis es desa i s&apos;enviarà quan torni la connexió.</translation>
    </message>
    <message>
        <source>The server ended your session. Sign in again to send what is waiting.</source>
        <translation>El servidor ha tancat la teva sessió. Torna a iniciar la sessió per enviar el que està pendent.</translation>
    </message>
    <message>
        <source>Synchronizing… %1%</source>
        <translation>S&apos;està sincronitzant… %1&#xa0;%</translation>
    </message>
</context>
<context>
    <name>MentionsList</name>
    <message>
        <source>Mentions</source>
        <translation>Mencions</translation>
    </message>
    <message>
        <source>Notes that mention you</source>
        <translation>Notes que et mencionen</translation>
    </message>
    <message>
        <source>%1 mentioned you · %2 · %3</source>
        <translation>%1 t&apos;ha mencionat · %2 · %3</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Client desconegut</translation>
    </message>
    <message>
        <source>No one has mentioned you yet.</source>
        <translation>Encara no t&apos;ha mencionat ningú.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge contacts</source>
        <translation>Fusionar contactes</translation>
    </message>
    <message>
        <source>Find the other contact by name, email or phone</source>
        <translation>Cerca l&apos;altre contacte per nom, correu electrònic o telèfon</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionar</translation>
    </message>
    <message>
        <source>Keep: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Es conserva: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>After merging, %1 will have: %2. Its history joins this one; you can undo it.</source>
        <translation>Després de la fusió, %1 tindrà: %2. El seu historial s&apos;uneix a aquest; ho pots desfer.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Views</source>
        <translation>Vistes</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meves</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sense assignar</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Totes</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Cues</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canals</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estat</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualitat</translation>
    </message>
</context>
<context>
    <name>PresenceSelector</name>
    <message>
        <source>My presence</source>
        <translation>La meva presència</translation>
    </message>
    <message>
        <source>Your presence: work is routed to you while you are available or busy</source>
        <translation>La teva presència: t&apos;arriba feina mentre estàs disponible o ocupat</translation>
    </message>
</context>
<context>
    <name>QaComments</name>
    <message>
        <source>Better: %1</source>
        <translation>Millor: %1</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crític</translation>
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
        <translation>Greu</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>Lleu</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Respondre</translation>
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
        <translation>Tauler de qualitat — AgentDesk</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Agrupar per</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criteri</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Interval</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Per setmana</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Per dia</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Període</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Últim %n dia</numerusform>
            <numerusform>Últims %n dies</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualitzar</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Nota mitjana</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>Taxa d&apos;aprovats</translation>
    </message>
    <message>
        <source>Critical fails</source>
        <translation>Errors crítics</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendència</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Loading the figures…</source>
        <translation>S&apos;estan carregant les xifres…</translation>
    </message>
    <message>
        <source>The server does not show you the QA dashboard: %1</source>
        <translation>El servidor no et mostra el tauler de qualitat: %1</translation>
    </message>
    <message>
        <source>The QA dashboard is computed by the server and cannot be shown offline (%1). It will load when the connection returns.</source>
        <translation>El tauler de qualitat el calcula el servidor i no es pot mostrar sense connexió (%1). Es carregarà quan torni la connexió.</translation>
    </message>
    <message>
        <source>No submitted reviews in this period.</source>
        <translation>No hi ha revisions enviades en aquest període.</translation>
    </message>
    <message numerus="yes">
        <source>%n submitted review(s) in this period.</source>
        <translation>
            <numerusform>%n revisió enviada en aquest període.</numerusform>
            <numerusform>%n revisions enviades en aquest període.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n criteria scored in this period.</source>
        <translation>
            <numerusform>%n criteri puntuat en aquest període.</numerusform>
            <numerusform>%n criteris puntuats en aquest període.</numerusform>
        </translation>
    </message>
    <message>
        <source>per week</source>
        <translation>per setmana</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>per dia</translation>
    </message>
    <message>
        <source>Export the QA dashboard</source>
        <translation>Exportar el tauler de qualitat</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fitxers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>S&apos;està exportant…</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>No exportat: %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportat a %1</translation>
    </message>
</context>
<context>
    <name>QaList</name>
    <message>
        <source>Review queues</source>
        <translation>Cues de revisió</translation>
    </message>
    <message>
        <source>New review queue…</source>
        <translation>Nova cua de revisió…</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>Reviews you wrote</source>
        <translation>Revisions que has escrit</translation>
    </message>
    <message>
        <source>Reviews of your work</source>
        <translation>Revisions de la teva feina</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Cua de revisió</translation>
    </message>
    <message>
        <source>Queue of %1</source>
        <translation>Cua de %1</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>esborrany</translation>
    </message>
    <message>
        <source>%1 · acknowledged</source>
        <translation>%1 · acceptada</translation>
    </message>
    <message>
        <source>%1 · disputed</source>
        <translation>%1 · discutida</translation>
    </message>
    <message>
        <source>%1 · new</source>
        <translation>%1 · nova</translation>
    </message>
</context>
<context>
    <name>QaWorkspace</name>
    <message>
        <source>Quality review</source>
        <translation>Revisió de qualitat</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Comentaris de qualitat</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>Cua de revisió</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Conversa %1</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Client desconegut</translation>
    </message>
    <message>
        <source>Start a review, then select a message (or some of its text) to comment on.</source>
        <translation>Comença una revisió i selecciona un missatge (o part del seu text) per comentar-lo.</translation>
    </message>
    <message>
        <source>Drawing the review queue…</source>
        <translation>S&apos;està preparant la cua de revisió…</translation>
    </message>
    <message>
        <source>The review queue was refused: %1</source>
        <translation>S&apos;ha rebutjat la cua de revisió: %1</translation>
    </message>
    <message>
        <source>Open a review of your work to dispute it.</source>
        <translation>Obre una revisió de la teva feina per discutir-la.</translation>
    </message>
    <message>
        <source>&amp;Quality</source>
        <translation>&amp;Qualitat</translation>
    </message>
</context>
<context>
    <name>QueuePicker</name>
    <message>
        <source>Move to queue</source>
        <translation>Moure a una cua</translation>
    </message>
    <message>
        <source>The conversation moves with its messages, notes and files.</source>
        <translation>La conversa es mou amb els seus missatges, notes i fitxers.</translation>
    </message>
</context>
<context>
    <name>QueueTile</name>
    <message>
        <source>Thresholds…</source>
        <translation>Llindars…</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Converses</translation>
    </message>
    <message>
        <source>Queue %1</source>
        <translation>Cua %1</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Quality review</source>
        <translation>Revisió de qualitat</translation>
    </message>
    <message>
        <source>Reviews of this conversation</source>
        <translation>Revisions d&apos;aquesta conversa</translation>
    </message>
    <message>
        <source>Scorecard</source>
        <translation>Fitxa d&apos;avaluació</translation>
    </message>
    <message>
        <source>Start review</source>
        <translation>Començar la revisió</translation>
    </message>
    <message>
        <source>Summary for the agent</source>
        <translation>Resum per a l&apos;agent</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Desar l&apos;esborrany</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Why you disagree (needed to dispute)</source>
        <translation>Per què no hi estàs d&apos;acord (cal per discutir)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acceptar</translation>
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
        <translation>%1 — esborrany</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Critical: failing it fails the whole review</source>
        <translation>Crític: si falla, falla tota la revisió</translation>
    </message>
    <message>
        <source>Choose a scorecard and start a review.</source>
        <translation>Tria una fitxa d&apos;avaluació i comença una revisió.</translation>
    </message>
    <message>
        <source>Score: — (nothing answered yet)</source>
        <translation>Nota: — (encara no hi ha respostes)</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <source>critical criterion failed (%1 before it)</source>
        <translation>criteri crític fallat (%1 abans)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>aprovada</translation>
    </message>
    <message>
        <source>below the pass mark</source>
        <translation>per sota de l&apos;aprovat</translation>
    </message>
    <message numerus="yes">
        <source>%n criteria left</source>
        <translation>
            <numerusform>Queda %n criteri</numerusform>
            <numerusform>Queden %n criteris</numerusform>
        </translation>
    </message>
    <message>
        <source>No review of this conversation yet</source>
        <translation>Aquesta conversa encara no té revisions</translation>
    </message>
    <message>
        <source>the agent</source>
        <translation>l&apos;agent</translation>
    </message>
    <message>
        <source>a reviewer</source>
        <translation>un revisor</translation>
    </message>
    <message>
        <source>%1&apos;s work, reviewed by %2</source>
        <translation>Feina de %1, revisada per %2</translation>
    </message>
    <message>
        <source>Scorecard: %1, version %2</source>
        <translation>Fitxa: %1, versió %2</translation>
    </message>
    <message>
        <source>(a newer version exists; this review keeps its own)</source>
        <translation>(hi ha una versió més nova; aquesta revisió conserva la seva)</translation>
    </message>
    <message>
        <source>The agent</source>
        <translation>L&apos;agent</translation>
    </message>
    <message>
        <source>%1 acknowledged this review.</source>
        <translation>%1 va acceptar aquesta revisió.</translation>
    </message>
    <message>
        <source>%1 disputed this review: %2</source>
        <translation>%1 va discutir aquesta revisió: %2</translation>
    </message>
    <message>
        <source>Acknowledge this review, or dispute it with a reason.</source>
        <translation>Accepta aquesta revisió o discuteix-la amb un motiu.</translation>
    </message>
    <message>
        <source>Waiting for %1 to respond.</source>
        <translation>S&apos;espera la resposta de %1.</translation>
    </message>
    <message numerus="yes">
        <source>Calibration: %n submitted review(s); the spread shows from two.</source>
        <translation>
            <numerusform>Calibratge: %n revisió enviada; la dispersió es mostra a partir de dues.</numerusform>
            <numerusform>Calibratge: %n revisions enviades; la dispersió es mostra a partir de dues.</numerusform>
        </translation>
    </message>
    <message>
        <source>Calibration: %1 · range %2 · standard deviation %3</source>
        <translation>Calibratge: %1 · interval %2 · desviació típica %3</translation>
    </message>
    <message>
        <source>Most apart: %1</source>
        <translation>Més diferents: %1</translation>
    </message>
    <message>
        <source>Answer every criterion before submitting: %1</source>
        <translation>Respon tots els criteris abans d&apos;enviar: %1</translation>
    </message>
    <message>
        <source>Say why you dispute the review.</source>
        <translation>Digues per què discuteixes la revisió.</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>New review queue</source>
        <translation>Nova cua de revisió</translation>
    </message>
    <message>
        <source>e.g. Week 47</source>
        <translation>p. ex. Setmana 47</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Títol</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canals</translation>
    </message>
    <message>
        <source>Conversations per agent</source>
        <translation>Converses per agent</translation>
    </message>
    <message>
        <source>Resolved in the last days</source>
        <translation>Resoltes en els últims dies</translation>
    </message>
    <message>
        <source>At random</source>
        <translation>A l&apos;atzar</translation>
    </message>
    <message>
        <source>More of those with a low CSAT</source>
        <translation>Més de les que tenen un CSAT baix</translation>
    </message>
    <message>
        <source>More of those with a long handle time</source>
        <translation>Més de les que tenen un temps de gestió llarg</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Triar</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <source>Scores over time</source>
        <translation>Notes al llarg del temps</translation>
    </message>
    <message>
        <source>No submitted reviews in this period</source>
        <translation>No hi ha revisions enviades en aquest període</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Nota mitjana</translation>
    </message>
</context>
<context>
    <name>ScorecardEditor</name>
    <message>
        <source>Scorecards — AgentDesk</source>
        <translation>Fitxes d&apos;avaluació — AgentDesk</translation>
    </message>
    <message>
        <source>Scorecards and their versions</source>
        <translation>Fitxes d&apos;avaluació i les seves versions</translation>
    </message>
    <message>
        <source>New scorecard</source>
        <translation>Fitxa nova</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>Nota d&apos;aprovat</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Criteris</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Secció</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criteri</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clau</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripció</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Pes</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>N/A allowed</source>
        <translation>S&apos;admet N/A</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Crític</translation>
    </message>
    <message>
        <source>Add criterion</source>
        <translation>Afegir un criteri</translation>
    </message>
    <message>
        <source>Remove criterion</source>
        <translation>Treure el criteri</translation>
    </message>
    <message>
        <source>Criteria with the same section are grouped under it. Scores are weighted by the weights; a failed critical criterion (No, or 1–2) fails the whole review.</source>
        <translation>Els criteris amb la mateixa secció s&apos;agrupen a sota. Les notes es ponderen amb els pesos; un criteri crític fallat (No, o 1–2) suspèn tota la revisió.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Desar</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versió %1</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>s&apos;està desant…</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actual</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s) scored with it</source>
        <translation>
            <numerusform>%n revisió puntuada amb aquesta</numerusform>
            <numerusform>%n revisions puntuades amb aquesta</numerusform>
        </translation>
    </message>
    <message>
        <source>Version %1 of %2. Saving makes version %3; reviews already scored keep their version (%4).</source>
        <translation>Versió %1 de %2. En desar es crea la versió %3; les revisions ja puntuades conserven la seva versió (%4).</translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n revisió</numerusform>
            <numerusform>%n revisions</numerusform>
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
        <translation>La fitxa necessita un nom.</translation>
    </message>
    <message>
        <source>Criterion %1 needs a title.</source>
        <translation>El criteri %1 necessita un títol.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>S&apos;està desant…</translation>
    </message>
    <message>
        <source>The server refused the scorecard: %1</source>
        <translation>El servidor ha rebutjat la fitxa: %1</translation>
    </message>
    <message>
        <source>Saved as version %1.</source>
        <translation>Desada com a versió %1.</translation>
    </message>
</context>
<context>
    <name>ScorecardWorkspace</name>
    <message>
        <source>Scorecards</source>
        <translation>Fitxes d&apos;avaluació</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuració</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Segons el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clar</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Fosc</translation>
    </message>
    <message>
        <source>Desktop notification for a newly assigned conversation or a mention</source>
        <translation>Notificació d&apos;escriptori quan se t&apos;assigna una conversa o et mencionen</translation>
    </message>
    <message>
        <source>Play a sound too</source>
        <translation>Reproduir també un so</translation>
    </message>
    <message>
        <source>Forget server…</source>
        <translation>Oblidar el servidor…</translation>
    </message>
    <message>
        <source>Delete its saved sign-in and the conversations kept on this computer</source>
        <translation>Esborra l&apos;inici de sessió desat i les converses guardades en aquest ordinador</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Llengua</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Server profiles</source>
        <translation>Perfils de servidor</translation>
    </message>
    <message>
        <source>A new language applies the next time AgentDesk starts.</source>
        <translation>La nova llengua s&apos;aplicarà la propera vegada que s&apos;iniciï AgentDesk.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Dreceres de teclat</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grup</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acció</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tecles</translation>
    </message>
</context>
<context>
    <name>SnoozePicker</name>
    <message>
        <source>Snooze until</source>
        <translation>Posposar fins a</translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation>D&apos;aquí a 1 hora</translation>
    </message>
    <message>
        <source>In 4 hours</source>
        <translation>D&apos;aquí a 4 hores</translation>
    </message>
    <message>
        <source>Tomorrow 9:00</source>
        <translation>Demà a les 9:00</translation>
    </message>
    <message>
        <source>Next Monday 9:00</source>
        <translation>Dilluns vinent a les 9:00</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <source>%1 conversations wait in «%2», over its capacity of %3.</source>
        <translation>%1 converses esperen a «%2», per sobre de la seva capacitat de %3.</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 dies</translation>
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
        <translation>Hi ha una cita «%1» a l&apos;historial per al %2, sense cap recordatori enviat ni programat.</translation>
    </message>
    <message>
        <source>Offer a callback</source>
        <translation>Oferir una trucada</translation>
    </message>
    <message>
        <source>Offer another channel</source>
        <translation>Oferir un altre canal</translation>
    </message>
    <message>
        <source>Repeat contact: escalate or fix it for good</source>
        <translation>Contacte repetit: escala-ho o resol-ho definitivament</translation>
    </message>
    <message>
        <source>Schedule a WhatsApp reminder for %1</source>
        <translation>Programar un recordatori de WhatsApp per al %1</translation>
    </message>
    <message>
        <source>Send the self-service link «%1»</source>
        <translation>Enviar l&apos;enllaç d&apos;autoservei «%1»</translation>
    </message>
    <message>
        <source>Send the template «%1»</source>
        <translation>Enviar la plantilla «%1»</translation>
    </message>
    <message>
        <source>The 24-hour WhatsApp window is closed: the customer %1; only approved templates can be sent.</source>
        <translation>La finestra de 24 hores de WhatsApp és tancada: el client %1; només es poden enviar plantilles aprovades.</translation>
    </message>
    <message>
        <source>The customer has waited %1 (first-response target %2).</source>
        <translation>El client fa %1 que espera (objectiu de primera resposta: %2).</translation>
    </message>
    <message>
        <source>The customer wrote %1, which the article «%2» answers.</source>
        <translation>El client va escriure %1, i l&apos;article «%2» hi respon.</translation>
    </message>
    <message>
        <source>This customer has written %1 times in %2 days about «%3» (%4).</source>
        <translation>Aquest client ha escrit %1 vegades en %2 dies sobre «%3» (%4).</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>cita</translation>
    </message>
    <message>
        <source>last wrote %1 ago</source>
        <translation>va escriure per última vegada fa %1</translation>
    </message>
    <message>
        <source>never wrote on WhatsApp</source>
        <translation>no ha escrit mai per WhatsApp</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>Suggestions</source>
        <translation>Suggeriments</translation>
    </message>
    <message>
        <source>Suggested next actions</source>
        <translation>Properes accions suggerides</translation>
    </message>
    <message>
        <source>%1% sure</source>
        <translation>%1 % de confiança</translation>
    </message>
    <message>
        <source>Enter accepts, Del dismisses</source>
        <translation>Retorn accepta, Supr descarta</translation>
    </message>
</context>
<context>
    <name>SupervisorWorkspace</name>
    <message>
        <source>&amp;Supervision</source>
        <translation>&amp;Supervisió</translation>
    </message>
    <message>
        <source>AgentDesk wallboard</source>
        <translation>Tauler de cues d&apos;AgentDesk</translation>
    </message>
    <message>
        <source>Not moved: %1</source>
        <translation>No moguda: %1</translation>
    </message>
    <message>
        <source>Your presence was not changed: %1</source>
        <translation>La teva presència no ha canviat: %1</translation>
    </message>
</context>
<context>
    <name>ThresholdDialog</name>
    <message>
        <source>Thresholds of %1</source>
        <translation>Llindars de %1</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Xifra</translation>
    </message>
    <message>
        <source>Warn at</source>
        <translation>Avís a</translation>
    </message>
    <message>
        <source>Alert at</source>
        <translation>Alerta a</translation>
    </message>
    <message>
        <source>Worse when higher</source>
        <translation>Pitjor com més alta</translation>
    </message>
    <message>
        <source>Worse when lower</source>
        <translation>Pitjor com més baixa</translation>
    </message>
    <message>
        <source>%1: warn at</source>
        <translation>%1: avís a</translation>
    </message>
    <message>
        <source>%1: alert at</source>
        <translation>%1: alerta a</translation>
    </message>
    <message>
        <source>A dash means no limit. Waits and times are in seconds.</source>
        <translation>Un guionet vol dir sense límit. Les esperes i els temps van en segons.</translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <source>Waiting now</source>
        <translation>En espera ara</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Espera més llarga</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Nivell de servei</translation>
    </message>
    <message>
        <source>Abandonment</source>
        <translation>Abandonament</translation>
    </message>
    <message>
        <source>Handle time</source>
        <translation>Temps de gestió</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera resposta</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resoltes</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>Ocupació</translation>
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
        <translation>Autoservei</translation>
    </message>
    <message>
        <source>Repeat contacts</source>
        <translation>Contactes repetits</translation>
    </message>
    <message>
        <source>Wallboard — AgentDesk</source>
        <translation>Tauler de cues — AgentDesk</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>No figures yet. They are being fetched from the server.</source>
        <translation>Encara no hi ha xifres. S&apos;estan demanant al servidor.</translation>
    </message>
    <message>
        <source>Intervals</source>
        <translation>Intervals</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Converses</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cua</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Període</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Avui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últims 7 dies</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>Cua:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Període:</translation>
    </message>
    <message>
        <source>Change capacity…</source>
        <translation>Canviar la capacitat…</translation>
    </message>
    <message>
        <source>Choose a queue&apos;s tile to see its conversations.</source>
        <translation>Tria el requadre d&apos;una cua per veure&apos;n les converses.</translation>
    </message>
    <message>
        <source>The queue&apos;s conversations</source>
        <translation>Les converses de la cua</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>Reassignar…</translation>
    </message>
    <message>
        <source>Move to queue…</source>
        <translation>Moure a una cua…</translation>
    </message>
    <message>
        <source>Open in the workspace</source>
        <translation>Obrir a l&apos;espai de treball</translation>
    </message>
    <message>
        <source>Figures of %1</source>
        <translation>Xifres de %1</translation>
    </message>
    <message>
        <source>Showing the figures of %1: %2</source>
        <translation>Xifres de %1: %2</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerta</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avís</translation>
    </message>
    <message>
        <source>%1: %2 is %3 (%4)</source>
        <translation>%1: %2 és %3 (%4)</translation>
    </message>
    <message>
        <source>Updating the figures…</source>
        <translation>S&apos;estan actualitzant les xifres…</translation>
    </message>
    <message>
        <source>No figures yet: %1</source>
        <translation>Encara no hi ha xifres: %1</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>No fet: %1</translation>
    </message>
    <message>
        <source>Conversations of %1</source>
        <translation>Converses de %1</translation>
    </message>
</context>
</TS>
