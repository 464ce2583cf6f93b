"""Delivery channels. A channel that cannot be reached at all holds every message, in order,
until it is back; a message the other end refuses is retried and may finally fail."""


class ChannelDown(Exception):
    """The server could not be reached: nothing was delivered, the message waits."""


class MessageRefused(Exception):
    """The server answered and refused this message: counts as a failed attempt."""
