package io.pikko.admin;

/**
 * What the node tells the admin API about itself, read on demand: its running count of commands,
 * its clients, and the commands it has sent to each slot (indexed by slot).
 */
public record NodeFigures(long commandsProcessed, long connectedClients, long[] slotCommands) {}
