<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ca" sourcelanguage="en">
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
</context>
<context>
    <name>Controller</name>
    <message>
        <source>The server refused the session; sign in again.</source>
        <translation>El servidor ha rebutjat la sessió; torna a iniciar la sessió.</translation>
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
        <source>Appointment: %1</source>
        <translation>Cita: %1</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Assignada a %1</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Conversation started</source>
        <translation>Conversa iniciada</translation>
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
        <source>Private note</source>
        <translation>Nota privada</translation>
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
        <source>Survey: CSAT %1</source>
        <translation>Enquesta: CSAT %1</translation>
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
        <source>attachment</source>
        <translation>adjunt</translation>
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
        <source>Email</source>
        <translation>Correu electrònic</translation>
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
</TS>
