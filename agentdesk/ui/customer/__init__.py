"""The customer panel: identities, attributes and the one cross-channel timeline."""
