"""Web chat: the widget a company embeds in its site, carried live over a visitor WebSocket.

Queue settings of a web-chat queue (`queue.settings`, all optional but `origins`)::

    {
      "origins": ["https://www.example.com"],   # sites allowed to embed the widget
      "greeting": "Hi! How can we help?",
      "abandon_grace_s": 60,                    # a visitor gone this long before any agent reply abandoned
      "email_queue_id": 3,                      # the mailbox that sends transcripts and confirmation codes
      "offers": [                               # proactive offers, first match wins
        {"after_s": 30, "url": "*/pricing*", "offer": "chat", "text": "Questions about prices?"},
        {"after_s": 90, "offer": "callback", "text": "Shall we call you?"}
      ],
      "limits": {"max_text": 2000, "visitor_per_s": 2, "visitor_burst": 20, "address_per_s": 5, "address_burst": 60}
    }
"""
