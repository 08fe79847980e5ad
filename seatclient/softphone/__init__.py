"""Call control: an abstract phone with a ``State`` and signals, the backend CTI phone, and a fake for tests."""

from seatclient.softphone.base import AbstractPhone, CallerStory, PhoneCall, PhoneCommandRefused, PhoneState

__all__ = ["AbstractPhone", "CallerStory", "PhoneCall", "PhoneCommandRefused", "PhoneState"]
