package io.pikko.admin;

/** What the node tells the admin API about itself, read on demand. */
public record NodeFigures(long commandsProcessed, long connectedClients) {}
