package io.pikko.actors.migration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.protocol.CborSerializable;

/** What a slot's migration session tells the dashboard, each naming the session it belongs to. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
        @JsonSubTypes.Type(value = MigrationReport.Prepared.class, name = "prepared"),
        @JsonSubTypes.Type(value = MigrationReport.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = MigrationReport.ReadyToCommit.class, name = "ready-to-commit"),
        @JsonSubTypes.Type(value = MigrationReport.Failed.class, name = "failed"),
})
public sealed interface MigrationReport extends CborSerializable {
    int slot();

    long session();

    /** The target has cleared its copy of the slot and takes batches. */
    record Prepared(int slot, long session) implements MigrationReport {}

    /** Keys sent so far (copy and catch-up), keys of the snapshot still to send, bytes sent, keys a second. */
    record Progress(int slot, long session, long keysMoved, long keysLeft, long bytesMoved, double keysPerSecond)
            implements MigrationReport {}

    /**
     * Everything is on the target and the source refuses writes: the dashboard may give the slot to
     * the target group now. The source stays sealed until told to commit or abort.
     */
    record ReadyToCommit(int slot, long session, long keysMoved, long bytesMoved) implements MigrationReport {}

    /** The session ended without moving the slot; the source serves it as before. */
    record Failed(int slot, long session, String reason) implements MigrationReport {}
}
