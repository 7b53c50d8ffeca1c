package io.pikko.gateway;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MGET, MSET, DEL, UNLINK, EXISTS and TOUCH, split as Codis splits them: one sub-command per slot,
 * sent in parallel, merged in key order. Any failed part fails the whole command.
 */
final class SplitCommands {
    private SplitCommands() {}

    /** The keys (and for MSET their values) that fall in one slot, with their places in the request. */
    private record Part(int slot, List<byte[]> args, List<Integer> positions) {}

    static void run(Call call) {
        // The command table's arity check has made sure MSET comes in whole key-value pairs.
        int step = call.name().equals("mset") ? 2 : 1;
        List<Part> parts = split(call, step);
        if (parts.size() == 1) {
            // The common case needs no merge: the slot's answer is the answer.
            call.slots().ask(parts.get(0).slot(), new SlotOp.RunCommand(call.session().db(), call.name(), call.args()), call::reply);
            return;
        }
        int[] slots = parts.stream().mapToInt(Part::slot).toArray();
        Map<Integer, Part> bySlot = new LinkedHashMap<>();
        parts.forEach(p -> bySlot.put(p.slot(), p));
        call.slots().askAll(slots,
                slot -> new SlotOp.RunCommand(call.session().db(), call.name(), bySlot.get(slot).args()),
                replies -> merge(call, parts, replies));
    }

    private static List<Part> split(Call call, int step) {
        Map<Integer, Part> bySlot = new LinkedHashMap<>();
        for (int i = 1; i < call.argc(); i += step) {
            int slot = SlotHash.slotOf(call.arg(i));
            Part part = bySlot.computeIfAbsent(slot, s -> {
                List<byte[]> args = new ArrayList<>();
                args.add(call.arg(0));
                return new Part(s, args, new ArrayList<>());
            });
            for (int j = 0; j < step; j++) {
                part.args().add(call.arg(i + j));
            }
            part.positions().add(i);
        }
        return new ArrayList<>(bySlot.values());
    }

    private static void merge(Call call, List<Part> parts, List<Reply> replies) {
        for (Reply reply : replies) {
            if (reply.isError()) {
                call.reply(reply);
                return;
            }
        }
        switch (call.name()) {
            case "mget" -> {
                Reply[] values = new Reply[call.argc() - 1];
                for (int p = 0; p < parts.size(); p++) {
                    List<Reply> items = ((Reply.Array) replies.get(p)).items();
                    List<Integer> positions = parts.get(p).positions();
                    for (int k = 0; k < positions.size(); k++) {
                        values[positions.get(k) - 1] = items.get(k);
                    }
                }
                call.reply(Reply.array(List.of(values)));
            }
            case "mset" -> call.reply(Reply.OK);
            default -> call.reply(Reply.integer(replies.stream().mapToLong(r -> ((Reply.Int) r).value()).sum()));
        }
    }
}
