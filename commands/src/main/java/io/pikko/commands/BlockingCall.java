package io.pikko.commands;

import io.pikko.protocol.Reply;
import java.util.List;

/**
 * One blocking command (BLPOP, BLMOVE, BZPOPMIN, ...) with its arguments read: it answers at once
 * when one of its keys has data, or else its client waits on its keys until a command gives one
 * of them data or the timeout passes.
 */
public interface BlockingCall {

    /**
     * Runs the command as Redis does on arrival: the reply when a key has data, or an error (bad
     * arguments, a key of the wrong type); null when the client must wait.
     */
    Reply attempt(SlotContext ctx);

    /**
     * Serves the waiting client from {@code key}, one of its keys, which a command has just given
     * data: the reply, or null when the key cannot serve it (absent, or of another type).
     */
    Reply serve(SlotContext ctx, byte[] key);

    /** The keys it waits on, in the order given. */
    List<byte[]> keys();

    /** How long it may wait, in milliseconds; 0 for ever. */
    long timeoutMillis();

    /**
     * The answer when it finds no data but may not wait (in Redis, inside MULTI or a script): a
     * null array, as a timeout gives.
     */
    default Reply cannotWait() {
        return Reply.NIL_ARRAY;
    }

    /** The key that serving it pushes to (BLMOVE's destination), which may wake other clients; null for a pop. */
    default byte[] destination() {
        return null;
    }
}
