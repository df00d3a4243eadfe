package dev.claudemesh.api;

import dev.claudemesh.message.MessageKind;

/**
 * The body of {@code POST /v1/messages}. {@code from} is a session id, or {@code cli}/{@code tray} for a person;
 * {@code inReplyTo} may be null.
 */
public record SendRequest(String from, String to, MessageKind kind, String body, String inReplyTo) {}
