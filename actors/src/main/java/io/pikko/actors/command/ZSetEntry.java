package io.pikko.actors.command;

/** One member of a sorted set with its score. */
record ZSetEntry(byte[] member, double score) {}
