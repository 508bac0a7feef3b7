"""Phrase banks of the demo data: customer-service matters in Spanish, Catalan and English.

The demo company is a fictional appliance retailer, Llum & Casa, that sells online, delivers
and sends technicians to install what it sells. Every address and domain is under the
reserved `.example` top-level domain, so no seeded message can ever reach a real mailbox.

Templates take these fields: {name} (the customer's first name), {agent}, {order},
{invoice}, {product}, {date}, {time}, {amount}, {days} and {link} (a help-centre article).
"""
