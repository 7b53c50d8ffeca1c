package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.protocol.Route;
import org.junit.jupiter.api.Test;

/** The command table (in the protocol) and the implementations (here) must name the same commands. */
class SlotHandlersTest {
    @Test
    void everyCommandRunOnASlotHasAnImplementation() {
        for (CommandSpec spec : CommandTable.all()) {
            if (spec.route() == Route.SLOT || spec.route() == Route.SPLIT) {
                assertTrue(SlotHandlers.has(spec.name()), spec.name() + " is in the table but has no implementation");
            }
        }
    }
}
