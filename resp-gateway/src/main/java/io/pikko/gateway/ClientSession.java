package io.pikko.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.pikko.protocol.SlotHash;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * The state Redis keeps per client: selected database, protocol, name, authentication, whether
 * replies are sent (CLIENT REPLY). Written
 * only on the connection's event loop; other threads read it for CLIENT LIST.
 */
public final class ClientSession {
    private final long id;
    private final Channel channel;
    private final long createdMillis = System.currentTimeMillis();
    private volatile long lastInteractionMillis = createdMillis;
    private volatile int db;
    private volatile int protocol = 2;
    private volatile String name = "";
    private volatile boolean authenticated;
    private volatile String lastCommand = "NULL";
    private boolean repliesOff;
    private boolean skipNext;
    private volatile boolean blocked;
    private final BitSet writtenSlots = new BitSet(SlotHash.SLOTS);
    /** Commands queued in MULTI, -1 outside one, as CLIENT LIST's multi= shows. */
    private volatile int multi = -1;
    private volatile Consumer<Boolean> unblocker = error -> {};
    private volatile Subscriptions subscriptions;

    ClientSession(long id, Channel channel, boolean authenticated) {
        this.id = id;
        this.channel = channel;
        this.authenticated = authenticated;
    }

    public long id() {
        return id;
    }

    Channel channel() {
        return channel;
    }

    public int db() {
        return db;
    }

    void select(int db) {
        this.db = db;
    }

    public int protocol() {
        return protocol;
    }

    void setProtocol(int protocol) {
        this.protocol = protocol;
    }

    public String name() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    boolean authenticated() {
        return authenticated;
    }

    void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /** CLIENT REPLY ON, OFF or SKIP: SKIP drops the reply of the command after it. */
    void replyMode(String mode) {
        repliesOff = mode.equals("OFF");
        skipNext = mode.equals("SKIP");
    }

    /**
     * Whether the reply of a command starting now is dropped: while replies are off, or once
     * after CLIENT REPLY SKIP. Asked once per command, before it runs.
     */
    boolean dropsReply() {
        boolean skip = skipNext;
        skipNext = false;
        return repliesOff || skip;
    }

    /** What RESET leaves: database 0, RESP2, no name, replies on, authenticated only without a password. */
    void reset(boolean authenticated) {
        db = 0;
        protocol = 2;
        name = "";
        repliesOff = false;
        skipNext = false;
        this.authenticated = authenticated;
    }

    boolean blocked() {
        return blocked;
    }

    void blocked(boolean value) {
        blocked = value;
    }

    void multi(int queued) {
        multi = queued;
    }

    /** What CLIENT UNBLOCK does to this connection; set once, by the connection, when it opens. */
    void onUnblock(Consumer<Boolean> action) {
        unblocker = action;
    }

    /** CLIENT UNBLOCK: the connection's wait ends, on its own event loop; {@code error}: with the UNBLOCKED error. */
    void unblock(boolean error) {
        channel.eventLoop().execute(() -> unblocker.accept(error));
    }

    /** A command that may write went to {@code slot}: WAIT waits for that slot's replicas. Event loop only. */
    void mayHaveWritten(int slot) {
        writtenSlots.set(slot);
    }

    /** The slots this connection may have written, for WAIT. */
    int[] writtenSlots() {
        return writtenSlots.stream().toArray();
    }

    void touched(String command) {
        lastCommand = command;
    }

    /** The client sent something or read its replies (Redis's lastinteraction). */
    void interacted() {
        lastInteractionMillis = System.currentTimeMillis();
    }

    long idleMillis(long nowMillis) {
        return nowMillis - lastInteractionMillis;
    }

    /** Bytes of replies written to the channel that have not reached the socket yet (Redis's omem). */
    long outputBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /** Redis's client flags: x in MULTI, b blocked, P subscribed, N for none. */
    private String flags(boolean subscribed) {
        String flags = (multi >= 0 ? "x" : "") + (blocked ? "b" : "") + (subscribed ? "P" : "");
        return flags.isEmpty() ? "N" : flags;
    }

    /** Redis's file events: r while requests are read, w while replies wait to be written. */
    private String events() {
        return (channel.config().isAutoRead() ? "r" : "") + (outputBytes() > 0 ? "w" : "");
    }

    String address() {
        return GatewayServer.hostPort(channel.remoteAddress());
    }

    String localAddress() {
        return GatewayServer.hostPort(channel.localAddress());
    }

    /** The connection's subscriptions, which CLIENT LIST counts. */
    void subscriptions(Subscriptions value) {
        subscriptions = value;
    }

    /** One line of CLIENT LIST, with Redis's field names. */
    String describe() {
        Subscriptions subs = subscriptions;
        int channels = subs == null ? 0 : subs.channels();
        int patterns = subs == null ? 0 : subs.patterns();
        int shardChannels = subs == null ? 0 : subs.shardChannels();
        long now = System.currentTimeMillis();
        return "id=" + id
                + " addr=" + address()
                + " laddr=" + localAddress()
                + " fd=-1"
                + " name=" + name
                + " age=" + (now - createdMillis) / 1000
                + " idle=" + (now - lastInteractionMillis) / 1000
                + " flags=" + flags(channels + patterns + shardChannels > 0)
                + " db=" + db
                + " sub=" + channels + " psub=" + patterns + " ssub=" + shardChannels + " multi=" + multi
                + " omem=" + outputBytes()
                + " events=" + events()
                + " cmd=" + lastCommand
                + " user=default redir=-1"
                + " resp=" + protocol;
    }
}
