package io.pikko.actors.pubsub;

import io.pikko.protocol.KeyspaceEventFlags;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.KeyspaceEvents;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Keyspace events as Redis publishes them: {@code __keyspace@<db>__:<key>} with the event's name,
 * and {@code __keyevent@<db>__:<event>} with the key, each when {@code notify-keyspace-events}
 * (read from {@code flags} at each event) enables it. They go through the hub like any PUBLISH.
 */
public final class PubSubKeyspaceEvents implements KeyspaceEvents {
    private final ActorRef<PubSubHub.Command> hub;
    private final IntSupplier flags;

    public PubSubKeyspaceEvents(ActorRef<PubSubHub.Command> hub, IntSupplier flags) {
        this.hub = hub;
        this.flags = flags;
    }

    @Override
    public void notify(KeyspaceEventType type, String event, int db, byte[] key) {
        int enabled = flags.getAsInt();
        if (!KeyspaceEventFlags.publishes(enabled, type)) {
            return;
        }
        byte[] eventName = event.getBytes(StandardCharsets.US_ASCII);
        if ((enabled & KeyspaceEventFlags.KEYSPACE) != 0) {
            hub.tell(new PubSubHub.Publish(false, concat("__keyspace@" + db + "__:", key), eventName, null));
        }
        if ((enabled & KeyspaceEventFlags.KEYEVENT) != 0) {
            hub.tell(new PubSubHub.Publish(false, concat("__keyevent@" + db + "__:", eventName), key, null));
        }
    }

    private static byte[] concat(String prefix, byte[] rest) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] joined = new byte[head.length + rest.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(rest, 0, joined, head.length, rest.length);
        return joined;
    }
}
