package dev.claudemesh.message;

/** Something that happened to a session: a message arrived, it went idle or busy, a lease expired. */
public record Event(long seq, String type, String messageId, String kind, long at) {}
