package io.pikko.actors;

import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of this slot that a Codis migration (SLOTSMGRT*) is sending to another server: writes
 * to them wait (TRYAGAIN) until the migration deletes them here, after the target acknowledged
 * them, or lets them go. Each lock has a lease, so a migration that vanished cannot hold writes
 * back for ever; one whose lease lapsed may not delete, so a write let in meanwhile is never lost.
 */
final class CodisKeyLocks {
    private record LockedKey(int db, String key) {
        static LockedKey of(int db, byte[] key) {
            return new LockedKey(db, new String(key, StandardCharsets.ISO_8859_1));
        }
    }

    private record Lock(long id, long deadline) {}

    private final Map<LockedKey, Lock> locks = new HashMap<>();

    boolean isEmpty() {
        return locks.isEmpty();
    }

    /** Whether a live lock holds {@code key} of {@code db}; lapsed locks are dropped on the way. */
    boolean holds(int db, byte[] key, long now) {
        if (locks.isEmpty()) {
            return false;
        }
        LockedKey locked = LockedKey.of(db, key);
        Lock lock = locks.get(locked);
        if (lock == null) {
            return false;
        }
        if (lock.deadline() <= now) {
            locks.remove(locked);
            return false;
        }
        return true;
    }

    /** Whether {@code op} would write a key a migration holds. */
    boolean refuses(SlotOp op, Optional<ResolvedCommand> command, long now) {
        if (locks.isEmpty()) {
            return false;
        }
        if (command.isPresent()) {
            return anyHeld(command.get(), now);
        }
        if (op instanceof SlotOp.Transaction transaction) {
            for (SlotOp.RunCommand run : transaction.commands()) {
                Optional<ResolvedCommand> resolved = ResolvedCommand.of(run);
                if (resolved.isPresent() && resolved.get().isWrite() && anyHeld(resolved.get(), now)) {
                    return true;
                }
            }
            return false;
        }
        if (op instanceof SlotOp.RunScript script) {
            return script.keys().stream().anyMatch(key -> holds(script.db(), key, now));
        }
        return op instanceof SlotOp.FlushKeys;
    }

    private boolean anyHeld(ResolvedCommand command, long now) {
        for (byte[] key : command.keys()) {
            if (command.writesOtherDatabases() ? anyDb(key, now) : holds(command.db(), key, now)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyDb(byte[] key, long now) {
        String name = new String(key, StandardCharsets.ISO_8859_1);
        return locks.entrySet().stream().anyMatch(e -> e.getKey().key().equals(name) && e.getValue().deadline() > now);
    }

    /**
     * Takes the keys that exist, answering {@code [key, type, pttl, length]} for each; {@code run}
     * runs a read-only command on the slot.
     */
    Reply lock(SlotOp.CodisLock op, long now, Function<SlotOp.RunCommand, Reply> run) {
        for (byte[] key : op.keys()) {
            Lock lock = locks.get(LockedKey.of(op.db(), key));
            if (lock != null && lock.id() != op.lockId() && lock.deadline() > now) {
                return Reply.error("ERR key '" + new String(key, StandardCharsets.UTF_8) + "' is being migrated by another migration");
            }
        }
        List<Reply> taken = new ArrayList<>();
        for (byte[] key : op.keys()) {
            Reply type = run.apply(new SlotOp.RunCommand(op.db(), "type", List.of("type".getBytes(), key)));
            if (type.isError()) {
                return type;
            }
            String typeName = type instanceof Reply.Simple simple ? simple.text() : "none";
            if (typeName.equals("none")) {
                continue;
            }
            Reply pttl = run.apply(new SlotOp.RunCommand(op.db(), "pttl", List.of("pttl".getBytes(), key)));
            String lengthCommand = switch (typeName) {
                case "list" -> "llen";
                case "hash" -> "hlen";
                case "set" -> "scard";
                case "zset" -> "zcard";
                default -> "strlen";
            };
            Reply length = run.apply(new SlotOp.RunCommand(op.db(), lengthCommand, List.of(lengthCommand.getBytes(), key)));
            if (pttl.isError() || length.isError()) {
                return pttl.isError() ? pttl : length;
            }
            locks.put(LockedKey.of(op.db(), key), new Lock(op.lockId(), now + op.leaseMillis()));
            taken.add(Reply.array(List.of(Reply.bulk(key), Reply.bulk(typeName), pttl, length)));
        }
        return Reply.array(taken);
    }

    /**
     * Ends the lock on {@code op}'s keys. With {@code delete}: the keys to delete, or empty when
     * the lock on one of them lapsed or was never taken (then nothing is released either, and the
     * caller answers an error).
     */
    Optional<List<byte[]>> unlock(SlotOp.CodisUnlock op, long now) {
        if (op.delete()) {
            for (byte[] key : op.keys()) {
                Lock lock = locks.get(LockedKey.of(op.db(), key));
                if (lock == null || lock.id() != op.lockId() || lock.deadline() <= now) {
                    release(op);
                    return Optional.empty();
                }
            }
        }
        release(op);
        return Optional.of(op.keys());
    }

    private void release(SlotOp.CodisUnlock op) {
        for (byte[] key : op.keys()) {
            LockedKey locked = LockedKey.of(op.db(), key);
            Lock lock = locks.get(locked);
            if (lock != null && lock.id() == op.lockId()) {
                locks.remove(locked);
            }
        }
    }
}
