"""The backend contract (pydantic models shared with the mock) and the client that speaks it."""
