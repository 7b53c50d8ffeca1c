package io.pikko.gateway;

import io.pikko.commands.PlainRdbPayload;
import io.pikko.protocol.GlobPattern;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sending side of Codis's migrations, as codis-server 3.2 does them: the keys (with their tag
 * groups) are locked against writes in their slots, sent to the target over RESP, and deleted
 * here only after the target acknowledged every one of them; on any failure they are unlocked
 * and stay here, whole. Sync commands send {@code SLOTSRESTORE key ttl dump...}; semi-async ones
 * stream {@code SLOTSRESTORE-ASYNC} messages, a big collection in chunks of {@code maxbulks}
 * members, with a window of unacknowledged messages. Runs on a migration thread.
 */
final class CodisMigrationSender {
    /** Messages sent ahead of their acknowledgements. */
    private static final int WINDOW = 64;

    /** Where the keys go, and how long any step may wait for the target (ms). */
    record Target(String host, int port, int timeout) {
        String address() {
            return host + ":" + port;
        }
    }

    /** A key this migration holds: its slot, type, TTL when locked (-1: none) and length. */
    private record Held(int slot, byte[] key, String type, long pttl, long length) {}

    private final CodisSlotAccess slots;
    private final GatewayContext gateway;
    private final int db;
    private final Target target;
    private final long lockId = ThreadLocalRandom.current().nextLong();
    private final long leaseMillis;
    private final Map<Integer, List<byte[]>> locked = new LinkedHashMap<>();
    private long lockedAt;
    private long renewedAt;

    private CodisMigrationSender(Call call, Target target) {
        this.slots = new CodisSlotAccess(call.connection());
        this.gateway = call.gateway();
        this.db = call.session().db();
        this.target = target;
        this.leaseMillis = Math.max(30_000L, 4L * target.timeout());
    }

    // ---- semi-async ----

    /**
     * SLOTSMGRT[TAG]SLOT-ASYNC ({@code keys} null: up to {@code numkeys} keys of {@code slot}) and
     * SLOTSMGRT[TAG]ONE-ASYNC ({@code keys} given). The client is answered when the batch is done:
     * {@code [moved, keys left in the slot]}, or the number moved for given keys.
     */
    static void async(Call call, Target target, boolean withTags, int maxbulks, int maxbytes, int slot, int numkeys,
                      List<byte[]> keys) {
        CodisMigrations registry = call.gateway().codis();
        CodisMigrations.Batch batch = new CodisMigrations.Batch(target.timeout(), maxbulks, maxbytes);
        int db = call.session().db();
        if (!registry.begin(db, batch)) {
            call.reply(Reply.error("ERR the specified DB is being migrated"));
            return;
        }
        CodisMigrationSender sender = new CodisMigrationSender(call, target);
        registry.submit(() -> {
            Reply reply;
            boolean failed = false;
            try {
                reply = sender.runAsync(batch, withTags, slot, numkeys, keys);
            } catch (CodisMigrationFailure failure) {
                reply = Reply.error(failure.getMessage());
                failed = true;
            }
            registry.end(db, batch, reply, failed);
            Reply answer = reply;
            call.connection().onEventLoop(() -> call.reply(answer));
        });
    }

    private Reply runAsync(CodisMigrations.Batch batch, boolean withTags, int slot, int numkeys, List<byte[]> given)
            throws CodisMigrationFailure {
        CodisMigrations registry = gateway.codis();
        CodisTargetConnection connection;
        try {
            connection = registry.asyncTarget(db, target.host(), target.port(), target.timeout());
        } catch (IOException e) {
            throw new CodisMigrationFailure("ERR create client to " + target.address() + " failed (" + e.getMessage() + ")");
        }
        List<byte[]> keys = given != null ? given : slotKeys(slot, numkeys);
        List<Held> held = lock(withTags ? withTagGroups(keys) : keys);
        batch.keys = held.stream().map(Held::key).toList();
        long moved;
        try {
            int rdbVersion = connection.rdbVersion(gateway.config().requirePass());
            AckWindow window = new AckWindow(connection, batch, target);
            if (registry.firstUse(db)) {
                if (gateway.config().passwordRequired()) {
                    window.send(List.of(bytes("SLOTSRESTORE-ASYNC-AUTH"), bytes(gateway.config().requirePass())));
                }
                window.send(List.of(bytes("SLOTSRESTORE-ASYNC-SELECT"), bytes(Integer.toString(db))));
            }
            Map<Held, byte[]> whole = readWhole(held, batch.maxbulks, rdbVersion);
            for (Held key : held) {
                sendAsync(window, key, whole.get(key));
                renewIfDue();
            }
            window.drain();
            moved = deleteHeld();
        } catch (IOException e) {
            releaseHeld();
            throw new CodisMigrationFailure("ERR migration to " + target.address() + " failed: "
                    + (e instanceof SocketTimeoutException ? "no acknowledgement within " + target.timeout() + " ms" : e.getMessage())
                    + "; the keys stay here");
        } catch (CodisMigrationFailure failure) {
            releaseHeld();
            throw failure;
        }
        batch.removedKeys = moved;
        if (given != null) {
            return Reply.integer(moved);
        }
        return Reply.array(List.of(Reply.integer(moved), slots.askOk(slot, new SlotOp.CountKeys(db))));
    }

    /**
     * The values of the keys that go in one message (strings, and DUMP payloads of collections of
     * at most {@code maxbulks} members), read with one request per slot.
     */
    private Map<Held, byte[]> readWhole(List<Held> held, int maxbulks, int rdbVersion) throws CodisMigrationFailure {
        Map<Integer, List<Held>> bySlot = new LinkedHashMap<>();
        for (Held key : held) {
            if (key.type().equals("string") || key.length() <= maxbulks) {
                bySlot.computeIfAbsent(key.slot(), s -> new ArrayList<>()).add(key);
            }
        }
        Map<Held, byte[]> values = new java.util.HashMap<>();
        for (Map.Entry<Integer, List<Held>> slot : bySlot.entrySet()) {
            List<SlotOp.RunCommand> reads = new ArrayList<>();
            for (Held key : slot.getValue()) {
                String command = key.type().equals("string") ? "get" : "dump";
                reads.add(new SlotOp.RunCommand(db, command, List.of(bytes(command), key.key())));
            }
            List<Reply> replies = ((Reply.Array) slots.askOk(slot.getKey(), new SlotOp.Transaction(reads, 0))).items();
            for (int i = 0; i < replies.size(); i++) {
                if (!(replies.get(i) instanceof Reply.Bulk value)) {
                    throw new CodisMigrationFailure("ERR cannot read key '" + new String(slot.getValue().get(i).key(),
                            StandardCharsets.UTF_8) + "' to migrate it: " + replies.get(i));
                }
                boolean dumped = !slot.getValue().get(i).type().equals("string");
                values.put(slot.getValue().get(i), dumped ? forTarget(value.value(), rdbVersion) : value.value());
            }
        }
        return values;
    }

    /** A DUMP payload as the target reads it: Pikko's own, or in plain form for a server of an older RDB (codis-server 3.2). */
    private static byte[] forTarget(byte[] payload, int rdbVersion) throws CodisMigrationFailure {
        if (rdbVersion >= PlainRdbPayload.CURRENT) {
            return payload;
        }
        return PlainRdbPayload.of(payload, rdbVersion)
                .orElseThrow(() -> new CodisMigrationFailure("ERR cannot rewrite a DUMP payload for RDB " + rdbVersion));
    }

    /** One key's messages: delete, then its value whole ({@code whole} not null) or in chunks followed by its real TTL. */
    private void sendAsync(AckWindow window, Held key, byte[] whole) throws IOException, CodisMigrationFailure {
        byte[] restore = bytes("SLOTSRESTORE-ASYNC");
        window.send(List.of(restore, bytes("delete"), key.key()));
        if (whole != null) {
            window.send(List.of(restore, bytes(key.type().equals("string") ? "string" : "object"), key.key(), ttl(key), whole));
            return;
        }
        int maxbulks = window.batch.maxbulks;
        String kind = switch (key.type()) {
            case "list" -> "list";
            case "hash" -> "hash";
            case "set" -> "dict";
            default -> "zset";
        };
        byte[] chunkTtl = bytes(Long.toString(3L * target.timeout()));
        byte[] hint = bytes(Long.toString(key.length()));
        ChunkReader chunks = new ChunkReader(key, maxbulks);
        List<byte[]> members;
        while ((members = chunks.next()) != null) {
            if (members.isEmpty()) {
                continue;
            }
            List<byte[]> message = new ArrayList<>(members.size() + 5);
            message.addAll(List.of(restore, bytes(kind), key.key(), chunkTtl, hint));
            message.addAll(members);
            window.send(message);
            renewIfDue();
        }
        window.send(List.of(restore, bytes("expire"), key.key(), ttl(key)));
    }

    /** A big collection read a chunk at a time; it cannot change meanwhile, its key being locked. */
    private final class ChunkReader {
        private final Held key;
        private final int maxbulks;
        private String cursor = "0";
        private long index;
        private boolean done;

        ChunkReader(Held key, int maxbulks) {
            this.key = key;
            this.maxbulks = maxbulks;
        }

        List<byte[]> next() throws CodisMigrationFailure {
            if (done) {
                return null;
            }
            switch (key.type()) {
                case "list" -> {
                    List<byte[]> items = bulks(run(key, "lrange", Long.toString(index), Long.toString(index + maxbulks - 1)));
                    index += maxbulks;
                    done = index >= key.length() || items.isEmpty();
                    return items;
                }
                case "zset" -> {
                    List<byte[]> items = bulks(run(key, "zrange", Long.toString(index), Long.toString(index + maxbulks - 1), "WITHSCORES"));
                    index += maxbulks;
                    done = index >= key.length() || items.isEmpty();
                    for (int i = 1; i < items.size(); i += 2) {
                        double score = Double.parseDouble(scoreText(items.get(i)));
                        items.set(i, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                                .putLong(Double.doubleToRawLongBits(score)).array());
                    }
                    return items;
                }
                default -> {
                    String scan = key.type().equals("hash") ? "hscan" : "sscan";
                    List<Reply> page = ((Reply.Array) run(key, scan, cursor, "COUNT", Integer.toString(maxbulks))).items();
                    cursor = new String(((Reply.Bulk) page.get(0)).value(), StandardCharsets.US_ASCII);
                    done = cursor.equals("0");
                    return bulks(page.get(1));
                }
            }
        }
    }

    private static String scoreText(byte[] score) {
        String text = new String(score, StandardCharsets.US_ASCII);
        return switch (text) {
            case "inf", "+inf" -> "Infinity";
            case "-inf" -> "-Infinity";
            default -> text;
        };
    }

    /** Keeps the locks alive through a long batch (a big key in many chunks). */
    private void renewIfDue() throws CodisMigrationFailure {
        long now = System.currentTimeMillis();
        if (now - renewedAt < leaseMillis / 4) {
            return;
        }
        for (Map.Entry<Integer, List<byte[]>> slot : locked.entrySet()) {
            slots.askOk(slot.getKey(), new SlotOp.CodisLock(db, slot.getValue(), lockId, leaseMillis));
        }
        renewedAt = now;
    }

    /** Sends messages ahead of their acknowledgements, up to {@link #WINDOW} of them or maxbytes. */
    private static final class AckWindow {
        private final CodisTargetConnection connection;
        final CodisMigrations.Batch batch;
        private final Target target;
        private final Deque<Long> sizes = new ArrayDeque<>();
        private long bytesInFlight;

        AckWindow(CodisTargetConnection connection, CodisMigrations.Batch batch, Target target) {
            this.connection = connection;
            this.batch = batch;
            this.target = target;
        }

        void send(List<byte[]> message) throws IOException, CodisMigrationFailure {
            connection.write(message);
            long size = message.stream().mapToLong(arg -> arg.length + 16L).sum();
            sizes.add(size);
            bytesInFlight += size;
            batch.sendingMessages = sizes.size();
            while (sizes.size() >= WINDOW || (bytesInFlight > batch.maxbytes && sizes.size() > 1)) {
                connection.flush();
                ack();
            }
        }

        void drain() throws IOException, CodisMigrationFailure {
            connection.flush();
            while (!sizes.isEmpty()) {
                ack();
            }
        }

        private void ack() throws IOException, CodisMigrationFailure {
            Reply reply = connection.read();
            bytesInFlight -= sizes.remove();
            batch.sendingMessages = sizes.size();
            if (reply instanceof Reply.Error error) {
                throw new CodisMigrationFailure("ERR target " + target.address() + " refused the migration: "
                        + error.text() + "; the keys stay here");
            }
            List<Reply> items = reply instanceof Reply.Array array ? array.items() : List.of();
            if (items.size() != 3 || !(items.get(0) instanceof Reply.Bulk name)
                    || !new String(name.value(), StandardCharsets.US_ASCII).equalsIgnoreCase("SLOTSRESTORE-ASYNC-ACK")) {
                throw new CodisMigrationFailure("ERR target " + target.address()
                        + " answered something that is not SLOTSRESTORE-ASYNC-ACK; the keys stay here");
            }
            String errno = text(items.get(1));
            if (!errno.equals("0")) {
                throw new CodisMigrationFailure("ERR target " + target.address() + " refused the migration: ["
                        + errno + "] " + text(items.get(2)) + "; the keys stay here");
            }
        }

        private static String text(Reply reply) {
            return reply instanceof Reply.Bulk bulk ? new String(bulk.value(), StandardCharsets.UTF_8)
                    : reply instanceof Reply.Int number ? Long.toString(number.value()) : String.valueOf(reply);
        }
    }

    // ---- sync ----

    /**
     * SLOTSMGRT[TAG]SLOT ({@code key} null: one key of {@code slot}, with its tag group) and
     * SLOTSMGRT[TAG]ONE: the keys go in one {@code SLOTSRESTORE}; answers {@code [moved, left]}
     * or the number moved.
     */
    static void sync(Call call, Target target, boolean withTags, int slot, byte[] key) {
        CodisMigrationSender sender = new CodisMigrationSender(call, target);
        call.gateway().codis().submit(() -> {
            Reply reply;
            try {
                reply = sender.runSync(withTags, slot, key);
            } catch (CodisMigrationFailure failure) {
                reply = Reply.error(failure.getMessage());
            }
            Reply answer = reply;
            call.connection().onEventLoop(() -> call.reply(answer));
        });
    }

    private Reply runSync(boolean withTags, int slot, byte[] key) throws CodisMigrationFailure {
        CodisMigrations registry = gateway.codis();
        CodisTargetConnection connection;
        try {
            connection = registry.syncTarget(target.host(), target.port(), target.timeout());
        } catch (SocketTimeoutException e) {
            throw new CodisMigrationFailure("IOERR error or timeout connecting to the client");
        } catch (IOException e) {
            throw new CodisMigrationFailure("ERR Can't connect to target node: " + e.getMessage());
        }
        List<byte[]> keys = key != null ? List.of(key) : slotKeys(slot, 1);
        long moved = 0;
        if (!keys.isEmpty()) {
            synchronized (connection) {
                moved = sendSync(connection, withTags ? withTagGroups(keys) : keys);
            }
        }
        if (key != null) {
            return Reply.integer(moved);
        }
        return Reply.array(List.of(Reply.integer(moved), slots.askOk(slot, new SlotOp.CountKeys(db))));
    }

    private long sendSync(CodisTargetConnection connection, List<byte[]> keys) throws CodisMigrationFailure {
        List<Held> held = lock(keys);
        if (held.isEmpty()) {
            return 0;
        }
        String step = "reading from";
        try {
            int rdbVersion = connection.rdbVersion(gateway.config().requirePass());
            step = "writing to";
            List<byte[]> restore = new ArrayList<>();
            restore.add(bytes("SLOTSRESTORE"));
            for (Held one : held) {
                restore.add(one.key());
                restore.add(ttl(one));
                restore.add(forTarget(((Reply.Bulk) run(one, "dump")).value(), rdbVersion));
            }
            connection.timeout(target.timeout());
            boolean auth = gateway.config().passwordRequired() && !connection.authenticated;
            boolean select = connection.selectedDb != db;
            if (auth) {
                connection.write(List.of(bytes("AUTH"), bytes(gateway.config().requirePass())));
            }
            if (select) {
                connection.write(List.of(bytes("SELECT"), bytes(Integer.toString(db))));
            }
            connection.write(restore);
            connection.flush();
            step = "reading from";
            if (auth) {
                expectOk(connection.read(), "auth failed");
                connection.authenticated = true;
            }
            if (select) {
                expectOk(connection.read(), "select failed");
                connection.selectedDb = db;
            }
            expectOk(connection.read(), "migration failed");
            return deleteHeld();
        } catch (IOException e) {
            releaseHeld();
            gateway.codis().dropSync(connection);
            throw new CodisMigrationFailure("IOERR error or timeout " + step + " target");
        } catch (CodisMigrationFailure failure) {
            releaseHeld();
            gateway.codis().dropSync(connection);
            throw failure;
        }
    }

    private static void expectOk(Reply reply, String what) throws CodisMigrationFailure {
        if (!(reply instanceof Reply.Simple)) {
            String detail = reply instanceof Reply.Error error ? error.text() : String.valueOf(reply);
            throw new CodisMigrationFailure("ERR error on slotsrestore, " + what + " (" + detail + ")");
        }
    }

    // ---- both ----

    /** Up to {@code count} keys of the slot, from its start: what earlier batches left. */
    private List<byte[]> slotKeys(int slot, int count) throws CodisMigrationFailure {
        Reply scan = slots.askOk(slot, new SlotOp.ScanKeys(db, 0, count, null, null));
        return bulks(((Reply.Array) scan).items().get(1));
    }

    /** The keys and, for each with a {tag}, every key of its slot with the same tag. */
    private List<byte[]> withTagGroups(List<byte[]> keys) throws CodisMigrationFailure {
        Map<String, byte[]> all = new LinkedHashMap<>();
        Map<String, Boolean> tagsDone = new LinkedHashMap<>();
        for (byte[] key : keys) {
            all.putIfAbsent(latin1(key), key);
            byte[] tag = SlotHash.tagOf(key);
            if (tag == null || tagsDone.putIfAbsent(latin1(tag), true) != null) {
                continue;
            }
            byte[] pattern = bytes("*{" + GlobPattern.escape(latin1(tag)) + "}*", StandardCharsets.ISO_8859_1);
            Reply members = slots.askOk(SlotHash.slotOf(key), new SlotOp.ListKeys(db, pattern));
            for (byte[] member : bulks(members)) {
                byte[] memberTag = SlotHash.tagOf(member);
                if (memberTag != null && Arrays.equals(memberTag, tag)) {
                    all.putIfAbsent(latin1(member), member);
                }
            }
        }
        return new ArrayList<>(all.values());
    }

    /** Locks the keys in their slots; the ones that exist come back with their type, TTL and length. */
    private List<Held> lock(List<byte[]> keys) throws CodisMigrationFailure {
        Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
        for (byte[] key : keys) {
            bySlot.computeIfAbsent(SlotHash.slotOf(key), s -> new ArrayList<>()).add(key);
        }
        lockedAt = System.currentTimeMillis();
        renewedAt = lockedAt;
        List<Held> held = new ArrayList<>();
        for (Map.Entry<Integer, List<byte[]>> slot : bySlot.entrySet()) {
            Reply reply = slots.ask(slot.getKey(), new SlotOp.CodisLock(db, slot.getValue(), lockId, leaseMillis));
            if (reply instanceof Reply.Error error) {
                releaseHeld();
                throw new CodisMigrationFailure(error.text());
            }
            List<byte[]> taken = new ArrayList<>();
            for (Reply item : ((Reply.Array) reply).items()) {
                List<Reply> info = ((Reply.Array) item).items();
                byte[] key = ((Reply.Bulk) info.get(0)).value();
                taken.add(key);
                held.add(new Held(slot.getKey(), key, latin1(((Reply.Bulk) info.get(1)).value()),
                        ((Reply.Int) info.get(2)).value(), ((Reply.Int) info.get(3)).value()));
            }
            if (!taken.isEmpty()) {
                locked.put(slot.getKey(), taken);
            }
        }
        return held;
    }

    /** The target has them all: they leave here. */
    private long deleteHeld() throws CodisMigrationFailure {
        long deleted = 0;
        while (!locked.isEmpty()) {
            Map.Entry<Integer, List<byte[]>> slot = locked.entrySet().iterator().next();
            Reply reply = slots.ask(slot.getKey(), new SlotOp.CodisUnlock(db, slot.getValue(), lockId, true));
            locked.remove(slot.getKey());
            if (!(reply instanceof Reply.Int count)) {
                releaseHeld();
                throw new CodisMigrationFailure(reply instanceof Reply.Error error ? error.text() : "ERR delete failed");
            }
            deleted += count.value();
        }
        return deleted;
    }

    /** The migration failed: the keys stay here, writable again. */
    private void releaseHeld() {
        for (Map.Entry<Integer, List<byte[]>> slot : locked.entrySet()) {
            try {
                slots.ask(slot.getKey(), new SlotOp.CodisUnlock(db, slot.getValue(), lockId, false));
            } catch (CodisMigrationFailure e) {
                // The lease lets the keys go by itself.
            }
        }
        locked.clear();
    }

    private Reply run(Held key, String command, String... args) throws CodisMigrationFailure {
        List<byte[]> argv = new ArrayList<>();
        argv.add(bytes(command));
        argv.add(key.key());
        for (String arg : args) {
            argv.add(bytes(arg));
        }
        Reply reply = slots.askOk(key.slot(), new SlotOp.RunCommand(db, command, argv));
        if (reply instanceof Reply.Nil) {
            throw new CodisMigrationFailure("ERR key '" + new String(key.key(), StandardCharsets.UTF_8) + "' vanished while held");
        }
        return reply;
    }

    /** The TTL to send now: 0 for none, else what is left of it, at least 1 ms. */
    private byte[] ttl(Held key) {
        if (key.pttl() < 0) {
            return bytes("0");
        }
        return bytes(Long.toString(Math.max(1, lockedAt + key.pttl() - System.currentTimeMillis())));
    }

    private static List<byte[]> bulks(Reply reply) {
        List<byte[]> values = new ArrayList<>();
        for (Reply item : ((Reply.Array) reply).items()) {
            values.add(((Reply.Bulk) item).value());
        }
        return values;
    }

    private static String latin1(byte[] value) {
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text, java.nio.charset.Charset charset) {
        return text.getBytes(charset);
    }
}
