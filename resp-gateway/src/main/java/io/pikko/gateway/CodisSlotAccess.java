package io.pikko.gateway;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Codis migration's way to its node's slots from the thread that talks to the target: each
 * request goes through the calling client's connection, on its event loop, and the thread waits
 * for the answer (the connection's request timeout bounds the wait).
 */
final class CodisSlotAccess {
    private final ClientConnection connection;
    private final long waitMillis;

    CodisSlotAccess(ClientConnection connection) {
        this.connection = connection;
        this.waitMillis = connection.gateway().settings().requestTimeout().toMillis() + 5_000;
    }

    Reply ask(int slot, SlotOp op) throws CodisMigrationFailure {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        connection.onEventLoop(() -> connection.slots().ask(slot, op, answer::complete));
        try {
            return answer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodisMigrationFailure("ERR interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new CodisMigrationFailure("ERR slot " + slot + " did not answer the migration");
        }
    }

    /** {@link #ask}, with an error answer as a failure. */
    Reply askOk(int slot, SlotOp op) throws CodisMigrationFailure {
        Reply reply = ask(slot, op);
        if (reply instanceof Reply.Error error) {
            throw new CodisMigrationFailure(error.text());
        }
        return reply;
    }
}
