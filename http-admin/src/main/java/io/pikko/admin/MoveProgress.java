package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows slot moves until each has cut over (its action gone from the list), showing one live line
 * on a terminal: slots done, the moves' keys/s and the ETA of the slowest running one.
 */
final class MoveProgress {
    private static final long POLL_MILLIS = 1000;

    private final AdminClient client;
    private final PrintStream out;
    private final boolean show;

    MoveProgress(AdminClient client, PrintStream out, boolean show) {
        this.client = client;
        this.out = out;
        this.show = show;
    }

    /** Returns the actions as they stood when the last of the slots cut over. */
    JsonNode await(List<Integer> slots) throws AdminClient.Failure {
        while (true) {
            JsonNode view = client.get("/api/actions");
            Map<Integer, JsonNode> bySlot = new HashMap<>();
            view.get("actions").forEach(action -> bySlot.put(action.get("slot").asInt(), action));
            int done = 0;
            double keysPerSec = 0;
            Long eta = 0L;
            for (int slot : slots) {
                JsonNode action = bySlot.get(slot);
                if (action == null) {
                    done++;
                    continue;
                }
                JsonNode progress = action.get("progress");
                if (progress != null && !progress.isNull()) {
                    keysPerSec += progress.get("keys_per_sec").asDouble();
                    JsonNode seconds = progress.get("eta_seconds");
                    eta = eta == null || seconds.isNull() ? null : Math.max(eta, seconds.asLong());
                }
            }
            if (show) {
                out.print("\rslots done " + done + "/" + slots.size()
                        + ", keys/s " + String.format(Locale.ROOT, "%.0f", keysPerSec)
                        + ", ETA " + (done == slots.size() ? "0s" : eta == null ? "-" : MigrationTables.duration(
                                JsonBodies.MAPPER.getNodeFactory().numberNode(eta))) + "   ");
                out.flush();
            }
            if (done == slots.size()) {
                if (show) {
                    out.println();
                }
                return view;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminClient.Failure("interrupted while waiting for the moves", AdminClient.Failure.UNREACHABLE);
            }
        }
    }
}
