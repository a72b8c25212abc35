"""How sending a message can fail, as the send task needs to tell the cases apart."""


class TransientSendError(Exception):
    """Sending failed in a way that may work later: the task retries."""


class PermanentSendError(Exception):
    """Sending can never work for this message: it ends failed, with the reason."""


class MessageInFlight(Exception):
    """Another delivery of the task holds the message. Look again after the lease: by then it is
    sent, or its worker died and the message is marked failed."""
