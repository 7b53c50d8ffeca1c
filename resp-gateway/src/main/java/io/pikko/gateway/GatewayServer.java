package io.pikko.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.pikko.gateway.resp.RespDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.pikko.actors.pubsub.PubSubHub;
import io.pikko.actors.replication.ReplicationBoard;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/** The RESP listener of a node: Netty event loops decoding requests and handing them to connections. */
public final class GatewayServer implements AutoCloseable {
    private final GatewaySettings settings;
    private final RuntimeConfig config;
    private final ClientRegistry clients = new ClientRegistry();
    private final ServerStats stats = new ServerStats();
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers;
    private volatile GatewayContext context;
    private final Optional<TlsListener> tls;
    private Channel listener;
    private Channel tlsListener;

    public GatewayServer(GatewaySettings settings, RuntimeConfig config, Optional<TlsListener> tls) {
        this.settings = settings;
        this.config = config;
        this.tls = tls;
        this.workers = new NioEventLoopGroup(settings.ioThreads());
    }

    /**
     * Binds the port (and the TLS port), but accepts no connection until {@link #open}: the node
     * learns its RESP address (and fails fast when a port is taken) before it joins the cluster
     * under that name.
     */
    public void bind() throws ListenFailure {
        listener = listen(settings.port(), null);
        if (tls.isPresent()) {
            tlsListener = listen(tls.get().port(), tls.get().context());
        }
    }

    private Channel listen(int port, SslContext sslContext) throws ListenFailure {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // Replies past the high mark not yet taken by the socket make a client's channel
                // unwritable: its connection then stops reading and running its requests (backpressure).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1024 * 1024, 4 * 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (sslContext != null) {
                            channel.pipeline().addLast(sslContext.newHandler(channel.alloc()));
                        }
                        ClientConnection connection = new ClientConnection(context);
                        channel.pipeline()
                                .addLast(new FlushConsolidationHandler(256, true))
                                .addLast(new RespDecoder(context.config()::protoMaxBulkLen, connection::awaitingAuth))
                                .addLast(connection);
                    }
                });
        ChannelFuture bound = bootstrap.bind(settings.host(), port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ListenFailure(sslContext != null, settings.host(), port, bound.cause());
        }
        return bound.channel();
    }

    /**
     * Starts accepting clients, whose requests go through {@code router}, whose pub/sub goes
     * through {@code pubsub} and whose function libraries are kept in {@code functions}.
     */
    public void open(SlotRouter router, ActorSystem<?> system, ActorRef<PubSubHub.Command> pubsub, ServerControl control,
                     FunctionStore functions, ReplicationBoard replication) {
        context = new GatewayContext(settings, config, clients, stats, router, system, pubsub, control, this::port,
                new ScriptCache(), new Functions(functions), new CodisMigrations(), replication);
        system.systemActorOf(LostRequests.create(router), "lost-requests", Props.empty());
        for (Channel channel : listeners()) {
            channel.config().setAutoRead(true);
            channel.read();
        }
    }

    private List<Channel> listeners() {
        return Stream.of(listener, tlsListener).filter(Objects::nonNull).toList();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The TLS listener's port, if there is one. */
    public OptionalInt tlsPort() {
        return tlsListener == null ? OptionalInt.empty()
                : OptionalInt.of(((InetSocketAddress) tlsListener.localAddress()).getPort());
    }

    /** The settings CONFIG SET changes; the node's slots read notify-keyspace-events from it. */
    public RuntimeConfig config() {
        return config;
    }

    public ServerStats stats() {
        return stats;
    }

    public ClientRegistry clients() {
        return clients;
    }

    static String hostPort(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** Stops accepting, closes every client, and waits for the event loops to end. */
    @Override
    public void close() {
        for (Channel channel : listeners()) {
            channel.close().awaitUninterruptibly();
        }
        clients.closeAll();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
