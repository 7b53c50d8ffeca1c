package io.pikko.gateway;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.Args;
import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** Commands over the whole keyspace: every slot answers its part and the gateway merges them. */
final class KeyspaceCommands {
    private static final int[] ALL_SLOTS = allSlots();
    /** How many slots one SCAN call may visit before it returns a cursor, to bound its latency. */
    private static final int SCAN_MAX_SLOTS_PER_CALL = 64;

    private KeyspaceCommands() {}

    static void run(Call call) {
        switch (call.name()) {
            case "dbsize" -> dbsize(call);
            case "flushdb" -> flush(call, call.session().db(), "flushdb");
            case "flushall" -> flush(call, -1, "flushall");
            case "keys" -> keys(call);
            case "scan" -> scan(call);
            case "randomkey" -> randomKey(call);
            case "info" -> info(call);
            case "slotsinfo" -> slotsInfo(call);
            default -> call.reply(Reply.error("ERR unknown command '" + call.name() + "'"));
        }
    }

    private static int[] allSlots() {
        int[] slots = new int[SlotHash.SLOTS];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = i;
        }
        return slots;
    }

    /** Asks every slot; answers the first error if any slot failed, else hands on the replies. */
    private static void everySlot(Call call, IntFunction<SlotOp> op, Consumer<List<Reply>> merge) {
        call.slots().askAll(ALL_SLOTS, op, replies -> {
            for (Reply reply : replies) {
                if (reply.isError()) {
                    call.reply(reply);
                    return;
                }
            }
            merge.accept(replies);
        });
    }

    private static void dbsize(Call call) {
        int db = call.session().db();
        everySlot(call, slot -> new SlotOp.CountKeys(db),
                replies -> call.reply(Reply.integer(replies.stream().mapToLong(r -> ((Reply.Int) r).value()).sum())));
    }

    private static void flush(Call call, int db, String command) {
        if (call.argc() > 2 || (call.argc() == 2 && !Args.is(call.arg(1), "async") && !Args.is(call.arg(1), "sync"))) {
            call.reply(Errors.SYNTAX);
            return;
        }
        everySlot(call, slot -> new SlotOp.FlushKeys(db), replies -> call.reply(Reply.OK));
    }

    private static void keys(Call call) {
        byte[] pattern = call.arg(1);
        everySlot(call, slot -> new SlotOp.ListKeys(call.session().db(), pattern), replies -> {
            List<Reply> all = new ArrayList<>();
            replies.forEach(r -> all.addAll(((Reply.Array) r).items()));
            call.reply(Reply.array(all));
        });
    }

    private static void randomKey(Call call) {
        everySlot(call, slot -> new SlotOp.RandomKey(call.session().db()), replies -> {
            List<Reply> found = replies.stream().filter(r -> r instanceof Reply.Bulk).toList();
            call.reply(found.isEmpty() ? Reply.NIL : found.get(ThreadLocalRandom.current().nextInt(found.size())));
        });
    }

    /**
     * SCAN's cursor is {@code token << 10 | slot}: the slot being walked and the slot entity's
     * token for where it stopped in it. Zero starts at slot 0 and means "done" when returned.
     */
    private static void scan(Call call) {
        OptionalLong cursor = unsignedCursor(call.arg(1));
        if (cursor.isEmpty()) {
            call.reply(Reply.error("ERR invalid cursor"));
            return;
        }
        int count = 10;
        byte[] match = null;
        String type = null;
        for (int i = 2; i < call.argc(); i++) {
            String opt = Args.option(call.arg(i));
            if (i + 1 >= call.argc()) {
                call.reply(Errors.SYNTAX);
                return;
            }
            switch (opt) {
                case "COUNT" -> {
                    OptionalLong n = Args.parseLong(call.arg(++i));
                    if (n.isEmpty()) {
                        call.reply(Errors.NOT_INTEGER);
                        return;
                    }
                    if (n.getAsLong() < 1) {
                        call.reply(Errors.SYNTAX);
                        return;
                    }
                    count = (int) Math.min(n.getAsLong(), 100_000);
                }
                case "MATCH" -> match = call.arg(++i);
                case "TYPE" -> type = Args.text(call.arg(++i));
                default -> {
                    call.reply(Errors.SYNTAX);
                    return;
                }
            }
        }
        int slot = (int) (cursor.getAsLong() & (SlotHash.SLOTS - 1));
        long token = cursor.getAsLong() >>> 10;
        new ScanStep(call, count, match, type).step(slot, token);
    }

    /**
     * Reads a cursor as Redis does, with C's strtoul: an optional sign, then decimal digits (none
     * reads as 0); a negative number wraps around. Empty for anything else or more than 64 bits.
     */
    static OptionalLong unsignedCursor(byte[] arg) {
        String text = Args.text(arg);
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || (digits.isEmpty() && !text.isEmpty())) {
            return OptionalLong.empty();
        }
        if (digits.isEmpty()) {
            return OptionalLong.of(0);
        }
        try {
            long value = Long.parseUnsignedLong(digits);
            return OptionalLong.of(negative ? -value : value);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** One SCAN call walking slot after slot until it has COUNT keys or has visited enough slots. */
    private static final class ScanStep {
        private final Call call;
        private final int count;
        private final byte[] match;
        private final String type;
        private final List<Reply> keys = new ArrayList<>();
        private int slotsVisited;

        ScanStep(Call call, int count, byte[] match, String type) {
            this.call = call;
            this.count = count;
            this.match = match;
            this.type = type;
        }

        void step(int slot, long token) {
            slotsVisited++;
            SlotOp op = new SlotOp.ScanKeys(call.session().db(), token, count - keys.size(), match, type);
            call.slots().ask(slot, op, reply -> {
                if (reply.isError()) {
                    call.reply(reply);
                    return;
                }
                List<Reply> parts = ((Reply.Array) reply).items();
                long next = ((Reply.Int) parts.get(0)).value();
                keys.addAll(((Reply.Array) parts.get(1)).items());
                if (next != 0) {
                    finish((next << 10) | slot);
                } else if (slot + 1 >= SlotHash.SLOTS) {
                    finish(0);
                } else if (keys.size() >= count || slotsVisited >= SCAN_MAX_SLOTS_PER_CALL) {
                    finish(slot + 1);
                } else {
                    step(slot + 1, 0);
                }
            });
        }

        private void finish(long cursor) {
            call.reply(Reply.array(List.of(Reply.bulk(Long.toUnsignedString(cursor)), Reply.array(keys))));
        }
    }

    private static void info(Call call) {
        List<String> requested = new ArrayList<>();
        for (int i = 1; i < call.argc(); i++) {
            requested.add(Args.text(call.arg(i)));
        }
        var sections = ServerInfo.sections(requested);
        if (!sections.contains("keyspace")) {
            call.reply(new Reply.Verbatim("txt", ServerInfo.render(sections, call.gateway(), new long[0][])));
            return;
        }
        everySlot(call, slot -> new SlotOp.CountKeys(-1), replies -> {
            long[][] perDb = new long[call.gateway().settings().databases()][2];
            for (Reply reply : replies) {
                List<Reply> counts = ((Reply.Array) reply).items();
                for (int db = 0; db < perDb.length && db < counts.size(); db++) {
                    List<Reply> pair = ((Reply.Array) counts.get(db)).items();
                    perDb[db][0] += ((Reply.Int) pair.get(0)).value();
                    perDb[db][1] += ((Reply.Int) pair.get(1)).value();
                }
            }
            call.reply(new Reply.Verbatim("txt", ServerInfo.render(sections, call.gateway(), perDb)));
        });
    }

    /**
     * Codis's SLOTSINFO [start] [count]: {@code [slot, keys]} for each non-empty slot of the
     * selected database from start, over count slots (all the rest when count is absent).
     */
    private static void slotsInfo(Call call) {
        long start = 0;
        long count = SlotHash.SLOTS;
        if (call.argc() >= 2) {
            OptionalLong s = CodisSlotCommands.codisInt(call, call.arg(1));
            if (s.isEmpty()) {
                return;
            }
            if (s.getAsLong() < 0 || s.getAsLong() >= SlotHash.SLOTS) {
                call.reply(Reply.error("ERR invalid slot number = " + s.getAsLong()));
                return;
            }
            start = s.getAsLong();
        }
        if (call.argc() >= 3) {
            OptionalLong c = CodisSlotCommands.codisInt(call, call.arg(2));
            if (c.isEmpty()) {
                return;
            }
            if (c.getAsLong() < 0) {
                call.reply(Reply.error("ERR invalid slot count = " + c.getAsLong()));
                return;
            }
            count = c.getAsLong();
        }
        // Codis checks the arguments it reads before it counts them.
        if (call.argc() > 3) {
            call.reply(Errors.wrongArity("slotsinfo"));
            return;
        }
        int from = (int) start;
        int to = (int) Math.min(SlotHash.SLOTS, start + count);
        int[] slots = new int[Math.max(0, to - from)];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = from + i;
        }
        int db = call.session().db();
        call.slots().askAll(slots, slot -> new SlotOp.CountKeys(db), replies -> {
            List<Reply> out = new ArrayList<>();
            for (int i = 0; i < replies.size(); i++) {
                Reply r = replies.get(i);
                if (r.isError()) {
                    call.reply(r);
                    return;
                }
                long keys = ((Reply.Int) r).value();
                if (keys > 0) {
                    out.add(Reply.array(List.of(Reply.integer(slots[i]), Reply.integer(keys))));
                }
            }
            call.reply(Reply.array(out));
        });
    }
}
