package io.pikko.dashboard;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Where the dashboard announces every new topology the moment it is journaled, so each node's
 * view changes at once rather than at its next poll. A topic instance runs on the dashboard and
 * on every node; instances of the same name find each other. An announcement can be lost (a node
 * briefly unreachable), which is why the nodes keep polling too.
 */
public final class TopologyTopic {
    private static final String NAME = "pikko-topology";

    private TopologyTopic() {}

    public static Behavior<Topic.Command<Topology>> create() {
        return Topic.create(Topology.class, NAME);
    }
}
