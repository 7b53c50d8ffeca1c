package io.pikko.gateway;

import io.pikko.protocol.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The cluster address of a Pikko node known by its RESP address, as a replica of it (SLAVEOF)
 * needs it: asked over RESP, as any client would, from INFO's {@code pikko_cluster_address}. A
 * server that is not Pikko (a redis-server) has none, and one that is itself a replica would
 * start its entities for the reads; both are refused with a word on why.
 */
public final class UpstreamAddress {
    private static final int TIMEOUT_MILLIS = 3000;

    private UpstreamAddress() {}

    /** {@code auth}: the password to send first (CONFIG SET masterauth), or empty for none. */
    public static CompletionStage<String> of(String master, String auth, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> {
            int colon = master.lastIndexOf(':');
            try (CodisTargetConnection connection = CodisTargetConnection.open(master.substring(0, colon),
                    Integer.parseInt(master.substring(colon + 1)), TIMEOUT_MILLIS)) {
                if (!auth.isEmpty()) {
                    Reply answer = connection.call(List.of(bytes("AUTH"), bytes(auth)));
                    if (answer.isError()) {
                        throw new IllegalStateException(master + " refused masterauth: " + text(answer));
                    }
                }
                if (connection.info("replication", "role").filter("slave"::equals).isPresent()) {
                    throw new IllegalStateException(master + " is itself a replica, and Pikko does not chain replicas:"
                            + " name its master");
                }
                return connection.info("server", "pikko_cluster_address").orElseThrow(() -> new IllegalStateException(
                        master + " did not give its cluster address: a Pikko node replicates only another Pikko node"
                        + (auth.isEmpty() ? " (or the master wants a password: CONFIG SET masterauth)" : "")));
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach " + master + ": " + e.getMessage(), e);
            }
        }, blocking);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Reply reply) {
        if (reply instanceof Reply.Bulk bulk) {
            return new String(bulk.value(), StandardCharsets.UTF_8);
        }
        return reply instanceof Reply.Error error ? error.text() : reply.toString();
    }
}
