package io.pikko.commands;

/** One member of a sorted set with its score. */
record ZSetEntry(byte[] member, double score) {}
