package io.pikko.gateway;

import io.pikko.protocol.Args;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Route;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * codis-server 3.2's slot commands beyond SLOTSINFO and SLOTSHASHKEY, with its arguments, replies
 * and error texts: SLOTSSCAN, SLOTSDEL, SLOTSCHECK, Pikko's SLOTSDIGEST, the sync and semi-async migrations (see
 * {@link CodisMigrationSender}), their receiving side (see {@link CodisRestoreReceiver}) and
 * SLOTSMGRT-EXEC-WRAPPER, through which Codis's proxy reaches keys of a slot being migrated.
 */
final class CodisSlotCommands {
    private CodisSlotCommands() {}

    static void run(Call call) {
        switch (call.name()) {
            case "slotsscan" -> slotsScan(call);
            case "slotsdel" -> slotsDel(call);
            case "slotsdigest" -> slotsDigest(call);
            case "slotscheck" -> slotsCheck(call);
            case "slotsrestore" -> CodisRestoreReceiver.slotsRestore(call);
            case "slotsmgrtslot" -> syncMigration(call, false, true);
            case "slotsmgrttagslot" -> syncMigration(call, true, true);
            case "slotsmgrtone" -> syncMigration(call, false, false);
            case "slotsmgrttagone" -> syncMigration(call, true, false);
            case "slotsmgrtslot-async" -> asyncMigration(call, false, true);
            case "slotsmgrttagslot-async" -> asyncMigration(call, true, true);
            case "slotsmgrtone-async" -> asyncMigration(call, false, false);
            case "slotsmgrttagone-async" -> asyncMigration(call, true, false);
            case "slotsmgrt-async-fence" -> call.gateway().codis().fence(call.session().db(),
                    reply -> call.connection().onEventLoop(() -> call.reply(reply)));
            case "slotsmgrt-async-cancel" -> call.reply(Reply.integer(call.gateway().codis().cancel(call.session().db()) ? 1 : 0));
            case "slotsmgrt-async-status" -> call.reply(call.gateway().codis().status(call.session().db()));
            case "slotsmgrt-exec-wrapper" -> execWrapper(call);
            case "slotsrestore-async" -> CodisRestoreReceiver.restoreAsync(call);
            case "slotsrestore-async-auth" -> CodisRestoreReceiver.auth(call);
            case "slotsrestore-async-select" -> CodisRestoreReceiver.select(call);
            case "slotsrestore-async-ack" -> CodisRestoreReceiver.ackCommand(call);
            default -> call.reply(Reply.error("ERR unknown command '" + call.name() + "'"));
        }
    }

    /** SLOTSSCAN slot cursor [COUNT count]: {@code [next cursor, [keys...]]} of one slot. */
    private static void slotsScan(Call call) {
        OptionalLong slot = slot(call, call.arg(1));
        if (slot.isEmpty()) {
            return;
        }
        OptionalLong cursor = KeyspaceCommands.unsignedCursor(call.arg(2));
        if (cursor.isEmpty()) {
            call.reply(Reply.error("ERR invalid cursor"));
            return;
        }
        if (call.argc() != 3 && call.argc() != 5) {
            call.reply(Errors.wrongArity("slotsscan"));
            return;
        }
        int count = 10;
        if (call.argc() == 5) {
            if (!Args.is(call.arg(3), "count")) {
                call.reply(Errors.SYNTAX);
                return;
            }
            OptionalLong n = codisInt(call, call.arg(4));
            if (n.isEmpty()) {
                return;
            }
            if (n.getAsLong() < 1) {
                call.reply(Errors.SYNTAX);
                return;
            }
            count = (int) n.getAsLong();
        }
        SlotOp op = new SlotOp.ScanKeys(call.session().db(), cursor.getAsLong(), count, null, null);
        call.slots().ask((int) slot.getAsLong(), op, reply -> {
            if (reply.isError()) {
                call.reply(reply);
                return;
            }
            List<Reply> parts = ((Reply.Array) reply).items();
            long next = ((Reply.Int) parts.get(0)).value();
            call.reply(Reply.array(List.of(Reply.bulk(Long.toUnsignedString(next)), parts.get(1))));
        });
    }

    /** SLOTSDEL slot...: every key of those slots deleted; {@code [slot, keys left]} for each. */
    private static void slotsDel(Call call) {
        int[] slots = slotArgs(call);
        if (slots == null) {
            return;
        }
        int db = call.session().db();
        call.slots().askAll(slots, slot -> new SlotOp.FlushKeys(db), flushed -> {
            for (Reply reply : flushed) {
                if (reply.isError()) {
                    call.reply(reply);
                    return;
                }
            }
            call.slots().askAll(slots, slot -> new SlotOp.CountKeys(db), counts -> {
                List<Reply> out = new ArrayList<>();
                for (int i = 0; i < slots.length; i++) {
                    if (counts.get(i).isError()) {
                        call.reply(counts.get(i));
                        return;
                    }
                    out.add(Reply.array(List.of(Reply.integer(slots[i]), counts.get(i))));
                }
                call.reply(Reply.array(out));
            });
        });
    }

    /**
     * SLOTSDIGEST slot...: {@code [slot, keys, digest-hex]} for each, over every database, from the
     * node that serves the slot (Pikko's own, for comparing servers slot by slot).
     */
    private static void slotsDigest(Call call) {
        int[] slots = slotArgs(call);
        if (slots == null) {
            return;
        }
        call.slots().askAll(slots, slot -> new SlotOp.DigestKeys(), digests -> {
            List<Reply> out = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                Reply digest = digests.get(i);
                if (digest.isError()) {
                    call.reply(digest);
                    return;
                }
                List<Reply> parts = new ArrayList<>();
                parts.add(Reply.integer(slots[i]));
                parts.addAll(((Reply.Array) digest).items());
                out.add(Reply.array(parts));
            }
            call.reply(Reply.array(out));
        });
    }

    /** SLOTSCHECK: OK when every key of the database lies in the slot it hashes to. */
    private static void slotsCheck(Call call) {
        int[] all = new int[SlotHash.SLOTS];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        byte[] everything = {'*'};
        call.slots().askAll(all, slot -> new SlotOp.ListKeys(call.session().db(), everything), replies -> {
            for (int slot = 0; slot < replies.size(); slot++) {
                Reply reply = replies.get(slot);
                if (reply.isError()) {
                    call.reply(reply);
                    return;
                }
                for (Reply key : ((Reply.Array) reply).items()) {
                    byte[] name = ((Reply.Bulk) key).value();
                    if (SlotHash.slotOf(name) != slot) {
                        call.reply(Reply.error("ERR step 2, miss = '" + Args.text(name) + "'"));
                        return;
                    }
                }
            }
            call.reply(Reply.OK);
        });
    }

    /** SLOTSMGRT[TAG]SLOT / SLOTSMGRT[TAG]ONE host port timeout slot|key. */
    private static void syncMigration(Call call, boolean withTags, boolean bySlot) {
        OptionalLong port = Args.parseLong(call.arg(2));
        if (port.isEmpty() || port.getAsLong() < 1 || port.getAsLong() > 65535) {
            call.reply(Reply.error("ERR Can't connect to target node: invalid port " + Args.text(call.arg(2))));
            return;
        }
        OptionalLong timeout = codisInt(call, call.arg(3));
        if (timeout.isEmpty()) {
            return;
        }
        if (timeout.getAsLong() < 0) {
            call.reply(Reply.error("ERR invalid timeout = " + timeout.getAsLong()));
            return;
        }
        int slot = -1;
        byte[] key = null;
        if (bySlot) {
            OptionalLong s = slot(call, call.arg(4));
            if (s.isEmpty()) {
                return;
            }
            slot = (int) s.getAsLong();
        } else {
            key = call.arg(4);
        }
        var target = new CodisMigrationSender.Target(Args.text(call.arg(1)), (int) port.getAsLong(),
                timeout.getAsLong() == 0 ? 100 : (int) timeout.getAsLong());
        CodisMigrationSender.sync(call, target, withTags, slot, key);
    }

    /**
     * SLOTSMGRT[TAG]SLOT-ASYNC host port timeout maxbulks maxbytes slot numkeys and
     * SLOTSMGRT[TAG]ONE-ASYNC host port timeout maxbulks maxbytes key...; zero means codis-server's default.
     */
    private static void asyncMigration(Call call, boolean withTags, boolean bySlot) {
        OptionalLong port = bounded(call, 2, "port", 1, 65535);
        OptionalLong timeout = port.isEmpty() ? port : bounded(call, 3, "timeout", 0, Integer.MAX_VALUE);
        OptionalLong maxbulks = timeout.isEmpty() ? timeout : bounded(call, 4, "maxbulks", 0, Integer.MAX_VALUE);
        OptionalLong maxbytes = maxbulks.isEmpty() ? maxbulks : bounded(call, 5, "maxbytes", 0, Integer.MAX_VALUE);
        if (maxbytes.isEmpty()) {
            return;
        }
        int slot = -1;
        int numkeys = 0;
        List<byte[]> keys = null;
        if (bySlot) {
            OptionalLong s = bounded(call, 6, "slot", 0, SlotHash.SLOTS - 1);
            OptionalLong n = s.isEmpty() ? s : bounded(call, 7, "numkeys", 0, Integer.MAX_VALUE);
            if (n.isEmpty()) {
                return;
            }
            slot = (int) s.getAsLong();
            numkeys = n.getAsLong() == 0 ? 100 : (int) n.getAsLong();
        } else {
            keys = List.copyOf(call.args().subList(6, call.argc()));
        }
        int bulks = maxbulks.getAsLong() == 0 ? 200 : (int) Math.min(maxbulks.getAsLong(), 512 * 1024);
        int bytes = maxbytes.getAsLong() == 0 ? 512 * 1024 : (int) Math.min(maxbytes.getAsLong(), Integer.MAX_VALUE / 2);
        var target = new CodisMigrationSender.Target(Args.text(call.arg(1)), (int) port.getAsLong(),
                timeout.getAsLong() == 0 ? 30_000 : (int) timeout.getAsLong());
        CodisMigrationSender.async(call, target, withTags, bulks, bytes, slot, numkeys, keys);
    }

    /**
     * SLOTSMGRT-EXEC-WRAPPER hashkey command args...: {@code [0, err]} the key is not here (go to
     * the target), {@code [1, err]} it is being migrated (try again), {@code [2, reply]} run here,
     * {@code [-1, err]} a bad request.
     */
    private static void execWrapper(Call call) {
        String name = Args.text(call.arg(2)).toLowerCase(Locale.ROOT);
        CommandSpec spec = CommandTable.lookup(name).orElse(null);
        if (spec == null || (spec.route() != Route.SLOT && spec.route() != Route.SPLIT)) {
            call.reply(wrapped(-1, Reply.error("ERR invalid command specified (" + Args.text(call.arg(2)) + ")")));
            return;
        }
        List<byte[]> args = call.args().subList(2, call.argc());
        if (!spec.arityAccepts(args.size())) {
            call.reply(wrapped(-1, Reply.error("ERR wrong number of arguments for command (" + Args.text(call.arg(2)) + ")")));
            return;
        }
        byte[] hashKey = call.arg(1);
        int slot = SlotHash.slotOf(hashKey);
        for (int position : spec.keyPositions(args)) {
            if (SlotHash.slotOf(args.get(position)) != slot) {
                call.reply(wrapped(-1, Errors.crossSlot()));
                return;
            }
        }
        int db = call.session().db();
        SlotOp.RunCommand command = new SlotOp.RunCommand(db, name, List.copyOf(args));
        call.slots().ask(slot, new SlotOp.CodisWrapped(db, hashKey, command), reply ->
                call.reply(reply instanceof Reply.Array ? reply : wrapped(-1, reply)));
    }

    private static Reply wrapped(int code, Reply reply) {
        return Reply.array(List.of(Reply.integer(code), reply));
    }

    /** codis-server's async argument check: an integer within bounds, else "invalid value of NAME (arg)". */
    private static OptionalLong bounded(Call call, int index, String name, long min, long max) {
        OptionalLong value = Args.parseLong(call.arg(index));
        if (value.isEmpty() || value.getAsLong() < min || value.getAsLong() > max) {
            call.reply(Reply.error("ERR invalid value of " + name + " (" + Args.text(call.arg(index)) + ")"));
            return OptionalLong.empty();
        }
        return value;
    }

    /** codis-server's parse_slot: an integer in 0..1023, else its error is answered. */
    /** Every argument after the command's name as a slot; null (the error answered) at the first that is not one. */
    private static int[] slotArgs(Call call) {
        int[] slots = new int[call.argc() - 1];
        for (int i = 1; i < call.argc(); i++) {
            OptionalLong slot = slot(call, call.arg(i));
            if (slot.isEmpty()) {
                return null;
            }
            slots[i - 1] = (int) slot.getAsLong();
        }
        return slots;
    }

    private static OptionalLong slot(Call call, byte[] arg) {
        OptionalLong value = codisInt(call, arg);
        if (value.isPresent() && (value.getAsLong() < 0 || value.getAsLong() >= SlotHash.SLOTS)) {
            call.reply(Reply.error("ERR invalid slot number = " + value.getAsLong()));
            return OptionalLong.empty();
        }
        return value;
    }

    /** codis-server's parse_int: a 32-bit integer, else its error is answered and the result empty. */
    static OptionalLong codisInt(Call call, byte[] arg) {
        OptionalLong value = Args.parseLong(arg);
        if (value.isEmpty()) {
            call.reply(Errors.NOT_INTEGER);
            return value;
        }
        if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            call.reply(Reply.error("ERR value is out of range"));
            return OptionalLong.empty();
        }
        return value;
    }
}
