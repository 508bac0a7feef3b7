/*
 * AgentDesk web chat widget: no dependencies, one file, embedded with
 *   <script src="https://SERVER/webchat/QUEUE_ID/widget.js" async></script>
 *
 * Every text from visitors and agents goes into the page through textContent, never as HTML.
 * Nothing is lost or shown twice across a dropped connection: a message stays in the outbox
 * (sessionStorage, so a reload keeps it too) until the server acknowledges its client id, and
 * is sent again after every reconnect; replies are shown by server id once, and the widget
 * tells the server the last one it saw, so a reconnect brings exactly the missed ones.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var match = script && /^(https?:\/\/[^/]+)\/webchat\/(\d+)\/widget\.js/.exec(script.src);
  if (!match) {
    console.warn("AgentDesk web chat: load widget.js from /webchat/<queue>/widget.js");
    return;
  }
  var base = match[1];
  var queue = match[2];
  var socketUrl = base.replace(/^http/, "ws") + "/api/v1/webchat/" + queue + "/ws";
  var storeKey = "agentdesk-webchat:" + base + ":" + queue + ":";
  var pageStart = Date.now();

  var HEARTBEAT_MS = 10000;
  var SILENCE_MS = 25000;

  var state = {
    ws: null,
    online: false,
    historyLoaded: false,
    retryMs: 500,
    retryTimer: null,
    heardAt: 0,
    maxText: 2000,
    chatting: false,
    outbox: load("outbox", []),
    lastSeen: load("last_seen", 0),
    shownOut: {},
    shownIn: {},
    typingTimer: null,
    offerTimer: null,
  };

  function load(name, fallback) {
    try {
      var raw = sessionStorage.getItem(storeKey + name);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }

  function save(name, value) {
    try {
      sessionStorage.setItem(storeKey + name, JSON.stringify(value));
    } catch (e) {
      /* private mode: the outbox then lives as long as the page */
    }
  }

  function token(value) {
    try {
      if (value === undefined) return localStorage.getItem(storeKey + "token");
      localStorage.setItem(storeKey + "token", value);
    } catch (e) {
      return null;
    }
    return value;
  }

  function newId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function input(cls, type, placeholder, maxLength) {
    var i = el("input", cls);
    i.type = type;
    i.placeholder = placeholder;
    i.maxLength = maxLength;
    return i;
  }

  // ---------------------------------------------------------------- the user interface

  var host = document.getElementById("agentdesk-webchat");
  if (!host) {
    host = el("div");
    host.id = "agentdesk-webchat";
    document.body.appendChild(host);
  }
  var root = host.attachShadow({ mode: "open" });
  var style = el("link");
  style.rel = "stylesheet";
  style.href = base + "/webchat/" + queue + "/widget.css";
  root.appendChild(style);

  var ui = {};
  ui.launcher = button("adw-launcher", "Chat with us", function () {
    openPanel();
  });
  ui.panel = el("section", "adw-panel");
  ui.panel.hidden = true;
  var header = el("div", "adw-header");
  ui.title = el("span", "adw-title", "Chat");
  ui.end = button("adw-end", "End chat", endChat);
  ui.minimize = button("adw-minimize", "–", function () {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
  });
  header.append(ui.title, ui.end, ui.minimize);
  ui.status = el("div", "adw-status", "Connecting…");
  ui.status.dataset.state = "connecting";
  ui.body = el("div", "adw-body");
  ui.greeting = el("p", "adw-greeting");
  ui.log = el("ol", "adw-log");
  ui.typing = el("div", "adw-typing");
  ui.typing.hidden = true;
  ui.notice = el("div", "adw-note adw-notice");
  ui.offer = el("div", "adw-offer");
  ui.offer.hidden = true;
  ui.body.append(ui.greeting, ui.offer, ui.log, ui.typing, ui.notice);

  ui.forms = el("div", "adw-forms");
  ui.details = form("Your name and email", [
    (ui.name = input("adw-name", "text", "Name", 200)),
    (ui.email = input("adw-email", "email", "Email", 320)),
  ], "Save", sendProfile);
  ui.confirm = form("Confirm your email", [(ui.code = input("adw-code", "text", "Code from the email", 12))], "Confirm", function () {
    sendFrame({ type: "confirm", code: ui.code.value });
  });
  ui.confirm.hidden = true;
  ui.transcript = form("Email me this chat", [(ui.transcriptEmail = input("adw-transcript-email", "email", "Email", 320))], "Send", function () {
    sendFrame({ type: "transcript", email: ui.transcriptEmail.value || ui.email.value || null });
  });
  ui.callback = form("Call me back", [(ui.phone = input("adw-phone", "tel", "Phone number", 40))], "Request", function () {
    sendFrame({ type: "callback", phone: ui.phone.value, name: ui.name.value || null });
  });
  ui.forms.append(ui.details, ui.confirm, ui.transcript, ui.callback);

  var composer = el("div", "adw-composer");
  ui.input = el("textarea", "adw-input");
  ui.input.placeholder = "Write a message…";
  ui.input.maxLength = state.maxText;
  ui.input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  });
  ui.send = button("adw-send", "Send", submit);
  composer.append(ui.input, ui.send);
  ui.panel.append(header, ui.status, ui.body, ui.forms, composer);
  root.append(ui.launcher, ui.panel);

  function form(title, fields, action, onSubmit) {
    var box = el("details", "adw-form");
    box.append(el("summary", null, title));
    var row = el("div", "adw-row");
    fields.forEach(function (f) {
      row.append(f);
    });
    row.append(button("adw-submit", action, onSubmit));
    box.append(row);
    return box;
  }

  function openPanel() {
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.input.focus();
  }

  function setStatus(name, text) {
    ui.status.dataset.state = name;
    ui.status.textContent = text;
  }

  function note(text) {
    ui.notice.textContent = text;
  }

  function bubble(direction, text, author) {
    var item = el("li", "adw-msg");
    item.dataset.direction = direction;
    if (author) item.append(el("span", "adw-author", author));
    item.append(el("span", "adw-text", text));
    ui.log.append(item);
    ui.body.scrollTop = ui.body.scrollHeight;
    return item;
  }

  // ---------------------------------------------------------------- messages

  function submit() {
    var text = ui.input.value.trim();
    if (!text) return;
    ui.input.value = "";
    var item = { client_id: newId(), text: text };
    state.outbox.push(item);
    save("outbox", state.outbox);
    showPending(item);
    state.chatting = true;
    ui.offer.hidden = true;
    if (state.online) sendFrame({ type: "message", client_id: item.client_id, text: item.text });
  }

  function showPending(item) {
    if (state.shownIn[item.client_id]) return;
    var node = bubble("in", item.text);
    node.dataset.clientId = item.client_id;
    node.dataset.state = "pending";
    state.shownIn[item.client_id] = node;
  }

  function acknowledged(clientId, id) {
    state.outbox = state.outbox.filter(function (x) {
      return x.client_id !== clientId;
    });
    save("outbox", state.outbox);
    var node = state.shownIn[clientId];
    if (node) {
      node.dataset.state = "sent";
      if (id) node.dataset.id = id;
    }
  }

  function failed(clientId, detail) {
    state.outbox = state.outbox.filter(function (x) {
      return x.client_id !== clientId;
    });
    save("outbox", state.outbox);
    var node = state.shownIn[clientId];
    if (node) node.dataset.state = "failed";
    note(detail);
  }

  function showMessage(m) {
    if (m.direction === "in") {
      var known = state.shownIn[m.client_id];
      if (known) {
        known.dataset.state = "sent";
        return;
      }
      var node = bubble("in", m.text);
      node.dataset.state = "sent";
      node.dataset.id = m.id;
      if (m.client_id) {
        node.dataset.clientId = m.client_id;
        state.shownIn[m.client_id] = node;
      }
      return;
    }
    if (!state.shownOut[m.id]) {
      var reply = bubble("out", m.text, m.author);
      reply.dataset.id = m.id;
      state.shownOut[m.id] = reply;
      ui.typing.hidden = true;
    }
    if (m.id > state.lastSeen) {
      state.lastSeen = m.id;
      save("last_seen", state.lastSeen);
    }
  }

  function sendSeen() {
    if (state.lastSeen) sendFrame({ type: "seen", id: state.lastSeen });
  }

  function endChat() {
    sendFrame({ type: "close" });
  }

  function sendProfile() {
    sendFrame({ type: "profile", name: ui.name.value || null, email: ui.email.value || null });
  }

  // ---------------------------------------------------------------- the connection

  function sendFrame(frame) {
    if (state.ws && state.online) state.ws.send(JSON.stringify(frame));
  }

  function connect() {
    clearTimeout(state.retryTimer);
    if (state.ws) return;
    var ws = new WebSocket(socketUrl);
    state.ws = ws;
    setStatus("connecting", "Connecting…");
    ws.onopen = function () {
      state.heardAt = Date.now();
      ws.send(
        JSON.stringify({
          type: "hello",
          token: token(),
          last_seen: state.lastSeen,
          history: !state.historyLoaded,
          page: location.href,
        })
      );
    };
    ws.onmessage = function (e) {
      state.heardAt = Date.now();
      var frame;
      try {
        frame = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      handle(frame);
    };
    ws.onclose = function (e) {
      if (state.ws !== ws) return;
      state.ws = null;
      state.online = false;
      if (e.code === 1008) {
        setStatus("refused", "This chat is not available on this site.");
        return;
      }
      setStatus("offline", "Connection lost; reconnecting…");
      var wait = e.code === 4429 ? 10000 : state.retryMs;
      state.retryMs = Math.min(state.retryMs * 2, 10000);
      state.retryTimer = setTimeout(connect, wait);
    };
  }

  function drop() {
    // The socket may be dead without knowing it: close it and start over.
    if (state.ws) {
      var ws = state.ws;
      ws.onclose({ code: 1006 });
      ws.close();
    }
  }

  function handle(f) {
    switch (f.type) {
      case "welcome":
        state.online = true;
        state.retryMs = 500;
        token(f.token);
        setStatus("online", "Connected");
        ui.title.textContent = f.name;
        ui.greeting.textContent = f.greeting || "";
        state.maxText = f.max_text;
        ui.input.maxLength = f.max_text;
        if (f.visitor_name && !ui.name.value) ui.name.value = f.visitor_name;
        if (f.unverified_email) {
          ui.email.value = f.unverified_email;
          ui.confirm.hidden = false;
        }
        if (state.historyLoaded) resend();
        if (!state.chatting) reportActivity();
        break;
      case "history":
        state.historyLoaded = true;
        if (f.messages.length) state.chatting = true;
        f.messages.forEach(showMessage);
        state.outbox.forEach(showPending);
        sendSeen();
        resend();
        break;
      case "message":
        showMessage(f);
        sendSeen();
        break;
      case "ack":
        acknowledged(f.client_id, f.id);
        break;
      case "typing":
        ui.typing.textContent = (f.author || "The agent") + " is typing…";
        ui.typing.hidden = !f.on;
        clearTimeout(state.typingTimer);
        if (f.on)
          state.typingTimer = setTimeout(function () {
            ui.typing.hidden = true;
          }, 6000);
        break;
      case "offer":
        showOffer(f);
        break;
      case "offer_check":
        clearTimeout(state.offerTimer);
        state.offerTimer = setTimeout(reportActivity, Math.max(500, f.in * 1000));
        break;
      case "profile":
        if (f.email_status === "code_sent") {
          ui.confirm.hidden = false;
          ui.confirm.open = true;
          note("We emailed a code to " + f.email + ".");
        } else if (f.email_status === "unverified") {
          ui.confirm.hidden = false;
          note("We will email you a code to confirm " + f.email + " once the chat starts.");
        } else if (f.email_status === "unavailable") {
          note("Saved. This chat cannot confirm email addresses.");
        } else {
          note("Saved.");
        }
        break;
      case "email_confirmed":
        ui.confirm.hidden = true;
        note("Thank you: " + f.email + " is confirmed.");
        break;
      case "transcript":
        note(
          f.status === "queued"
            ? "The transcript is on its way to " + f.email + "."
            : f.status === "awaiting_confirmation"
            ? "Enter the code we emailed to " + f.email + "; the transcript follows."
            : "Your request for a transcript is noted."
        );
        if (f.status === "awaiting_confirmation") ui.confirm.hidden = false;
        break;
      case "callback":
        ui.offer.hidden = true;
        note("We will call you at " + f.phone + ".");
        break;
      case "closed":
        state.chatting = false;
        state.historyLoaded = true;
        ui.typing.hidden = true;
        ui.transcript.open = true;
        note(f.abandoned ? "Chat ended. Sorry we could not answer in time." : "Chat ended. Thank you!");
        break;
      case "error":
        if (f.code === "rate_limited") {
          setTimeout(resend, Math.max(500, f.retry_after * 1000));
        } else if (f.client_id) {
          failed(f.client_id, f.detail);
        } else {
          note(f.detail);
        }
        break;
      case "ping":
        sendFrame({ type: "pong" });
        break;
    }
  }

  function resend() {
    state.outbox.forEach(function (item) {
      sendFrame({ type: "message", client_id: item.client_id, text: item.text });
    });
  }

  function reportActivity() {
    if (state.chatting) return;
    sendFrame({ type: "activity", url: location.href, seconds: (Date.now() - pageStart) / 1000 });
  }

  function showOffer(f) {
    while (ui.offer.firstChild) ui.offer.removeChild(ui.offer.firstChild);
    ui.offer.dataset.offer = f.offer;
    ui.offer.append(el("p", "adw-offer-text", f.text));
    if (f.offer === "callback") {
      ui.offer.append(
        button("adw-offer-accept", "Call me back", function () {
          ui.callback.open = true;
          ui.phone.focus();
        })
      );
    } else {
      ui.offer.append(
        button("adw-offer-accept", "Chat now", function () {
          ui.offer.hidden = true;
          ui.input.focus();
        })
      );
    }
    ui.offer.hidden = false;
    openPanel();
  }

  setInterval(function () {
    if (!state.ws || !state.online) return;
    if (Date.now() - state.heardAt > SILENCE_MS) drop();
    else sendFrame({ type: "ping" });
  }, HEARTBEAT_MS);
  window.addEventListener("offline", drop);
  window.addEventListener("online", function () {
    state.retryMs = 500;
    connect();
  });

  fetch(base + "/api/v1/webchat/" + queue + "/config", { mode: "cors", credentials: "omit" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (cfg) {
      ui.title.textContent = cfg.name;
      ui.greeting.textContent = cfg.greeting || "";
      if (host.dataset.open === "true") openPanel();
      connect();
    })
    .catch(function (err) {
      host.remove();
      console.warn("AgentDesk web chat is not available here:", err.message);
    });
})();
