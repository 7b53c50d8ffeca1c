package io.pikko.gateway;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where the cluster's function libraries are kept (the node's dashboard), as the gateway sees it:
 * the last copy this node heard of, a fresh one, and a change made only against the revision read.
 */
public interface FunctionStore {
    /** The libraries' code at one revision of the store, in the order they were loaded. */
    record LibraryCodes(long revision, List<byte[]> codes) {}

    /** The copy this node has now, without asking anyone; refreshed in the background. */
    LibraryCodes cached();

    /** The libraries as the store has them now. */
    CompletionStage<LibraryCodes> latest();

    /**
     * Makes {@code codes} the cluster's libraries if they are still at {@code revision}: true when
     * done (every node sees them from then on), false when someone changed them meanwhile.
     */
    CompletionStage<Boolean> replace(long revision, List<byte[]> codes);
}
