package io.pikko.gateway;

import io.pikko.commands.script.FunctionSet;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The node's function libraries compiled, over the store that keeps them: compiled again only when their revision changes. */
final class Functions {
    private final FunctionStore store;
    private volatile FunctionSet compiled = FunctionSet.of(-1, List.of());

    Functions(FunctionStore store) {
        this.store = store;
    }

    /** What this node knows now, for FCALL: no round trip. */
    FunctionSet cached() {
        return compiled(store.cached());
    }

    /** The libraries as the store has them now, for FUNCTION LIST and changes, and for an FCALL that found nothing here. */
    CompletionStage<FunctionSet> latest() {
        return store.latest().thenApply(this::compiled);
    }

    CompletionStage<Boolean> replace(long revision, List<byte[]> codes) {
        return store.replace(revision, codes);
    }

    private FunctionSet compiled(FunctionStore.LibraryCodes codes) {
        FunctionSet current = compiled;
        if (current.revision() == codes.revision()) {
            return current;
        }
        FunctionSet next = FunctionSet.of(codes.revision(), codes.codes());
        if (next.revision() > compiled.revision()) {
            compiled = next;
        }
        return next;
    }
}
