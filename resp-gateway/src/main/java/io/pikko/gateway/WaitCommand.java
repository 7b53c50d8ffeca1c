package io.pikko.gateway;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import java.util.OptionalLong;

/**
 * WAIT numreplicas timeout: how many replicas hold every write this connection made. Each slot the
 * connection wrote asks its master, which answers once that many of its replicas have what it had
 * written by then, or when the timeout (ms, 0: none) is up; the reply is the smallest of those
 * counts. A connection that wrote nothing has no slot whose replicas count, and hears 0 at once.
 */
final class WaitCommand {
    private WaitCommand() {}

    static void run(Call call) {
        OptionalLong replicas = Args.parseLong(call.arg(1));
        OptionalLong timeout = Args.parseLong(call.arg(2));
        if (replicas.isEmpty() || timeout.isEmpty()) {
            call.reply(Errors.NOT_INTEGER);
            return;
        }
        if (timeout.getAsLong() < 0) {
            call.reply(Reply.error("ERR timeout is negative"));
            return;
        }
        int[] slots = call.session().writtenSlots();
        if (slots.length == 0) {
            call.reply(Reply.integer(0));
            return;
        }
        int wanted = (int) Math.max(0, Math.min(replicas.getAsLong(), Integer.MAX_VALUE));
        SlotOp op = new SlotOp.AwaitReplicas(wanted, timeout.getAsLong());
        long[] fewest = {Long.MAX_VALUE};
        int[] remaining = {slots.length};
        Reply[] failure = {null};
        for (int slot : slots) {
            call.slots().askBlocking(slot, op, timeout.getAsLong(), reply -> {
                if (reply instanceof Reply.Int count) {
                    fewest[0] = Math.min(fewest[0], count.value());
                } else if (failure[0] == null) {
                    failure[0] = reply;
                }
                if (--remaining[0] == 0) {
                    call.reply(failure[0] != null ? failure[0] : Reply.integer(fewest[0]));
                }
            });
        }
    }
}
