package io.pikko.gateway;

/** The settings CONFIG SET may change while the node runs; read by every connection. */
public final class RuntimeConfig {
    private volatile String requirePass;
    private volatile long protoMaxBulkLen;
    private volatile int maxClients;

    public RuntimeConfig(String requirePass, long protoMaxBulkLen, int maxClients) {
        this.requirePass = requirePass == null ? "" : requirePass;
        this.protoMaxBulkLen = protoMaxBulkLen;
        this.maxClients = maxClients;
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
}
