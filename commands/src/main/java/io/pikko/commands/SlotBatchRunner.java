package io.pikko.commands;

import io.pikko.protocol.KeyspaceEvents;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.storage.SlotBatch;
import io.pikko.storage.SlotKeyspace;
import java.util.function.Function;

/**
 * Runs commands on a slot's keyspace, each in a batch of its own at the clock's time, committed
 * after the command returns; then hands the command's keyspace events on. This is the whole of
 * what a command needs around it; the slot entity (in actors) decides when each runs, and the
 * commands' tests run them through here without an entity.
 */
public final class SlotBatchRunner {
    private final SlotKeyspace keyspace;
    private final NodeClock clock;
    private final KeyspaceEvents events;
    private final ScanCursors scanCursors = new ScanCursors();
    private final KeyEventLog eventLog = new KeyEventLog();
    private boolean trackChanges;
    /** The batch of the last run, kept (closed) to ask what it changed. */
    private SlotBatch last;

    /** {@code events} hears what each committed command did to keys. */
    public SlotBatchRunner(SlotKeyspace keyspace, NodeClock clock, KeyspaceEvents events) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.events = events;
    }

    /** Runs a client's command; a failure is thrown, and nothing of it is committed. */
    public Reply run(ResolvedCommand command) {
        return inBatch(command.db(), ctx -> command.handler().run(ctx, command.run().args()));
    }

    /** Any work on a batch of the slot for database {@code db}, committed after it returns. */
    public Reply inBatch(int db, Function<SlotContext, Reply> body) {
        last = null;
        try (SlotBatch batch = keyspace.begin(clock.millis())) {
            if (trackChanges) {
                batch.trackChanges();
            }
            last = batch;
            Reply reply = body.apply(new SlotContext(db, keyspace.databases(), batch, scanCursors, eventLog));
            batch.commit();
            eventLog.flushTo(events);
            return reply;
        } finally {
            // A command that failed leaves no event for the next one.
            eventLog.flushTo(KeyspaceEvents.NONE);
        }
    }

    /** Whether runs keep which keys they change: only while some key of the slot is watched. */
    public void trackChanges(boolean value) {
        trackChanges = value;
    }

    /** Whether the last run changed {@code key}; while changes are not tracked, whether it changed anything. */
    public boolean lastChanged(int db, byte[] key) {
        return last != null && last.changed(db, key);
    }

    /** Where the slot's SCAN-like commands stopped, shared by every run on the slot. */
    public ScanCursors scanCursors() {
        return scanCursors;
    }
}
