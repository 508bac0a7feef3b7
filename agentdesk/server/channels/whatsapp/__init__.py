"""The WhatsApp channel over Meta's Cloud API: webhook signatures, payload parsing, the 24-hour
window, the Graph API client, and a strict stand-in of the Graph API for tests and the demo.

Nothing here touches the database; the server stores what these functions return.
"""
