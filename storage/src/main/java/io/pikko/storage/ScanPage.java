package io.pikko.storage;

import java.util.List;

/** One step of a slot scan: the matching keys found, and the key to continue after (null when done). */
public record ScanPage(List<byte[]> keys, byte[] continueAfter) {}
