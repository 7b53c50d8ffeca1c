package io.pikko.actors.pubsub;

import java.util.Arrays;

/** A channel or pattern name as bytes, with value equality, to key subscriptions by. */
public final class ChannelName {
    private final byte[] bytes;
    private final int hash;

    public ChannelName(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelName name && hash == name.hash && Arrays.equals(bytes, name.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
