package io.pikko.commands;

import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEvents;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Route;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StoreOptions;
import io.pikko.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs command lines the way a node does, without the node: the gateway's checks of the command
 * table (a name it knows, its arity, all keys in one slot), then the slot's {@link SlotBatchRunner}
 * on a real RocksDB store, the command's implementation and real commit, at the time of a
 * {@link ManualClock}. What only the gateway does (splitting a multi-slot command, keyspace-wide
 * commands, connection commands) and a blocking command's waiting are refused: their tests are in node.
 */
final class CommandHarness implements AutoCloseable {
    static final int DATABASES = 16;
    /** 2023-11-14, a time with room for expiry times either side. */
    static final long START_MILLIS = 1_700_000_000_000L;

    private final ManualClock clock = new ManualClock(START_MILLIS);
    private final PikkoStore store;
    /** The slots used, each with a runner of its own as each slot's entity has (its own SCAN cursors). */
    private final Map<Integer, Slot> slots = new HashMap<>();
    private int db;

    /** A store in {@code dir}, with small caches so that it opens quickly. */
    CommandHarness(Path dir) {
        store = PikkoStore.open(new StoreOptions(dir, FsyncPolicy.NO, 8L << 20, 4L << 20), clock);
    }

    ManualClock clock() {
        return clock;
    }

    /** The database the next commands run on, as SELECT sets it for a client. */
    void select(int db) {
        this.db = db;
    }

    Reply call(String... words) {
        return call(Arrays.stream(words).map(word -> word.getBytes(StandardCharsets.UTF_8)).toList());
    }

    Reply call(List<byte[]> args) {
        String name = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        CommandSpec spec = CommandTable.lookup(name)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in the command table"));
        if (!spec.arityAccepts(args.size())) {
            return Errors.wrongArity(name);
        }
        if (spec.route() != Route.SLOT && spec.route() != Route.SPLIT) {
            throw new IllegalArgumentException(name + " runs in the gateway, not on a slot: its tests are in node");
        }
        ResolvedCommand command = ResolvedCommand.of(new SlotOp.RunCommand(db, name, args)).orElseThrow();
        SlotBatchRunner runner = runner(slotOf(command));
        Optional<BlockingCall> blocking = command.blockingCall();
        if (blocking.isEmpty()) {
            return runner.run(command);
        }
        // The entity's first try of a blocking command; the waiting is the entity's, tested in node.
        Reply reply = runner.inBatch(db, blocking.get()::attempt);
        if (reply == null) {
            throw new IllegalStateException(name + " would wait for data: blocking is tested in node");
        }
        return reply;
    }

    /**
     * Empties every database of every slot used and starts each slot's runner afresh (no SCAN
     * cursors), back on database 0, as FLUSHALL and a new connection would; the clock goes on.
     */
    void reset() {
        slots.replaceAll((slot, used) -> {
            for (int db = 0; db < DATABASES; db++) {
                used.keyspace().flush(db);
            }
            return new Slot(used.keyspace(), new SlotBatchRunner(used.keyspace(), clock, KeyspaceEvents.NONE));
        });
        db = 0;
    }

    /** The keys of the current database, the slots' counts added up as DBSIZE does. */
    long dbsize() {
        return slots.values().stream().mapToLong(slot -> slot.keyspace().count(db)).sum();
    }

    /** SLOTSDIGEST's part in one slot, as the slot's entity computes it. */
    SlotDigest digest(int slot) {
        runner(slot);
        return SlotDigest.of(slots.get(slot).keyspace(), clock.millis());
    }

    @Override
    public void close() {
        store.close();
    }

    /** The keys' slot; a keyless form runs on slot 0, as the gateway sends it. */
    private static int slotOf(ResolvedCommand command) {
        List<byte[]> keys = command.keys();
        int slot = keys.isEmpty() ? 0 : SlotHash.slotOf(keys.get(0));
        for (byte[] key : keys) {
            if (SlotHash.slotOf(key) != slot) {
                throw new IllegalArgumentException(command.name()
                        + " names keys of several slots, which the gateway splits or refuses: use {tags}, or test it in node");
            }
        }
        return slot;
    }

    private SlotBatchRunner runner(int slot) {
        return slots.computeIfAbsent(slot, s -> {
            SlotKeyspace keyspace = new SlotKeyspace(store, s, DATABASES);
            return new Slot(keyspace, new SlotBatchRunner(keyspace, clock, KeyspaceEvents.NONE));
        }).runner();
    }

    private record Slot(SlotKeyspace keyspace, SlotBatchRunner runner) {}
}
