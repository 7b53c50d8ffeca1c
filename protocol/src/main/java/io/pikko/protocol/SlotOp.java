package io.pikko.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What a slot entity is asked to do: run a client's command, or its part of a keyspace-wide one. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
    @JsonSubTypes.Type(value = SlotOp.RunCommand.class, name = "run-command"),
    @JsonSubTypes.Type(value = SlotOp.CountKeys.class, name = "count-keys"),
    @JsonSubTypes.Type(value = SlotOp.ListKeys.class, name = "list-keys"),
    @JsonSubTypes.Type(value = SlotOp.ScanKeys.class, name = "scan-keys"),
    @JsonSubTypes.Type(value = SlotOp.RandomKey.class, name = "random-key"),
    @JsonSubTypes.Type(value = SlotOp.FlushKeys.class, name = "flush-keys"),
    @JsonSubTypes.Type(value = SlotOp.DigestKeys.class, name = "digest-keys"),
    @JsonSubTypes.Type(value = SlotOp.AwaitReplicas.class, name = "await-replicas"),
    @JsonSubTypes.Type(value = SlotOp.Watch.class, name = "watch"),
    @JsonSubTypes.Type(value = SlotOp.Transaction.class, name = "transaction"),
    @JsonSubTypes.Type(value = SlotOp.RunScript.class, name = "run-script"),
    @JsonSubTypes.Type(value = SlotOp.KillScript.class, name = "kill-script"),
    @JsonSubTypes.Type(value = SlotOp.CodisLock.class, name = "codis-lock"),
    @JsonSubTypes.Type(value = SlotOp.CodisUnlock.class, name = "codis-unlock"),
    @JsonSubTypes.Type(value = SlotOp.CodisWrapped.class, name = "codis-wrapped")
})
public sealed interface SlotOp extends CborSerializable {

    /** A client command whose keys all hash to this slot; {@code name} is lower case. */
    record RunCommand(int db, String name, List<byte[]> args) implements SlotOp {}

    /**
     * This slot's key count in a database (DBSIZE, SLOTSINFO); when {@code db} is -1 (INFO), per
     * database the pair {@code [keys, keys with a TTL]}.
     */
    record CountKeys(int db) implements SlotOp {}

    /** This slot's keys matching a pattern (KEYS). */
    record ListKeys(int db, byte[] pattern) implements SlotOp {}

    /**
     * One step of SCAN in this slot. {@code token} 0 starts at the beginning; the reply is
     * {@code [next token (0 when the slot is done), [keys...]]}.
     */
    record ScanKeys(int db, long token, int count, byte[] pattern, String type) implements SlotOp {}

    /** A random live key of this slot, or nil (RANDOMKEY). */
    record RandomKey(int db) implements SlotOp {}

    /** Removes every key of this slot in a database, or in all of them when {@code db} is -1. */
    record FlushKeys(int db) implements SlotOp {}

    /**
     * SLOTSDIGEST: this slot's live keys in every database and a SHA-1 of their contents,
     * {@code [keys, digest-hex]}, equal on two servers exactly when they hold the same data.
     */
    record DigestKeys() implements SlotOp {}

    /**
     * WAIT: answered with how many replicas hold every record this slot had written when the
     * request arrived, as soon as {@code replicas} of them do, else when {@code timeoutMillis}
     * (0: no limit) has passed.
     */
    record AwaitReplicas(int replicas, long timeoutMillis) implements SlotOp {}

    /**
     * WATCH: the slot remembers {@code keys} under {@code token}, chosen by the connection, until a
     * {@link Transaction} with that token runs. {@code extending}: the connection watched keys
     * under this token before, so an entity that does not know it (the slot moved) keeps the
     * token as broken. Answers OK.
     */
    record Watch(int db, List<byte[]> keys, long token, boolean extending) implements SlotOp {}

    /**
     * EXEC: runs {@code commands} one after another with nothing of the slot's in between, and
     * answers the array of their replies; a null array instead, running nothing, when
     * {@code watchToken} (0: none) is unknown here or one of its keys changed since WATCH.
     */
    record Transaction(List<RunCommand> commands, long watchToken) implements SlotOp {}

    /**
     * A Lua script (EVAL, EVALSHA, and their _RO forms) or a function (FCALL, FCALL_RO) run
     * atomically on this slot: {@code body} is the script itself, or for a function the code of
     * its library, so that any node can run it; {@code function} is the function's name, empty
     * for a script. {@code keys} all hash to this slot. {@code resp} is the protocol of the client
     * that asked, which decides how the result is converted; after {@code busyMillis} the slot
     * answers its other clients BUSY.
     */
    record RunScript(int db, byte[] body, String function, List<byte[]> keys, List<byte[]> args, boolean readOnly,
                     int resp, long busyMillis) implements SlotOp {
        /** Not named isFunction: Jackson would take that for a second "function" property. */
        public boolean runsFunction() {
            return !function.isEmpty();
        }
    }

    /**
     * SCRIPT KILL ({@code function} false) or FUNCTION KILL: stop the script or function running on
     * this slot, if it has not written; each refuses to stop the other kind, as in Redis.
     */
    record KillScript(boolean function) implements SlotOp {}
    /**
     * A Codis migration takes these keys: writes to them are answered TRYAGAIN until
     * {@link CodisUnlock} or until {@code leaseMillis} from now (the same {@code lockId} again
     * renews the lease). Answers, for each key that exists, {@code [key, type, pttl, length]};
     * an error, locking nothing, when another migration holds one of them.
     */
    record CodisLock(int db, List<byte[]> keys, long lockId, long leaseMillis) implements SlotOp {}

    /**
     * The migration {@code lockId} is done with these keys. With {@code delete} (the target holds
     * them) it deletes them and answers how many, or an error, deleting nothing, when its lock on
     * any of them lapsed; without, it only lets writes in again.
     */
    record CodisUnlock(int db, List<byte[]> keys, long lockId, boolean delete) implements SlotOp {}

    /**
     * SLOTSMGRT-EXEC-WRAPPER: {@code [0, error]} when {@code hashKey} is not here, {@code [1, error]}
     * when {@code command} writes and a migration holds {@code hashKey}, else {@code [2, reply]}.
     */
    record CodisWrapped(int db, byte[] hashKey, RunCommand command) implements SlotOp {}
}
