package io.pikko.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The settings CONFIG SET may change while the node runs; read by every connection. Besides
 * Pikko's own, it keeps the value of every other Redis setting CONFIG knows, by canonical name.
 */
public final class RuntimeConfig {
    private final Map<String, String> values = new ConcurrentHashMap<>(ConfigSettings.defaults());
    private volatile String requirePass;
    private volatile long protoMaxBulkLen;
    private volatile int maxClients;
    private volatile OutputBufferLimits outputBufferLimits;
    private volatile int idleTimeoutSeconds;
    /** notify-keyspace-events as {@link io.pikko.protocol.KeyspaceEventFlags}; the node's slots read it at each write. */
    private volatile int notifyKeyspaceEvents;

    /**
     * @param idleTimeoutSeconds Redis's timeout: a client idle this long is closed; 0 never closes one
     */
    public RuntimeConfig(String requirePass, long protoMaxBulkLen, int maxClients,
                         OutputBufferLimits outputBufferLimits, int idleTimeoutSeconds, int notifyKeyspaceEvents) {
        this.requirePass = requirePass == null ? "" : requirePass;
        this.protoMaxBulkLen = protoMaxBulkLen;
        this.maxClients = maxClients;
        this.outputBufferLimits = outputBufferLimits;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.notifyKeyspaceEvents = notifyKeyspaceEvents;
    }

    public String requirePass() {
        return requirePass;
    }

    public boolean passwordRequired() {
        return !requirePass.isEmpty();
    }

    public void setRequirePass(String requirePass) {
        this.requirePass = requirePass;
    }

    public long protoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    public void setProtoMaxBulkLen(long protoMaxBulkLen) {
        this.protoMaxBulkLen = protoMaxBulkLen;
    }

    public int maxClients() {
        return maxClients;
    }

    public void setMaxClients(int maxClients) {
        this.maxClients = maxClients;
    }

    public OutputBufferLimits outputBufferLimits() {
        return outputBufferLimits;
    }

    public void setOutputBufferLimits(OutputBufferLimits limits) {
        this.outputBufferLimits = limits;
    }

    public int idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public void setIdleTimeoutSeconds(int seconds) {
        this.idleTimeoutSeconds = seconds;
    }

    /** A kept setting's value, as CONFIG GET shows it. */
    public String value(String name) {
        return values.get(name);
    }

    void setValue(String name, String value) {
        values.put(name, value);
    }

    /** busy-reply-threshold (lua-time-limit): after this long a script's slot answers its other clients BUSY. */
    public long busyReplyThresholdMillis() {
        return Long.parseLong(values.get("busy-reply-threshold"));
    }

    public int notifyKeyspaceEvents() {
        return notifyKeyspaceEvents;
    }

    public void setNotifyKeyspaceEvents(int flags) {
        this.notifyKeyspaceEvents = flags;
    }
}
