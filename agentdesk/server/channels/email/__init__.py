"""The email channel: parsing, quote folding, safe HTML, composing replies, IMAP in, SMTP out.

Nothing here touches the database; the server stores what these functions return.
"""
