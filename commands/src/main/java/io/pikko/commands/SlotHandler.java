package io.pikko.commands;

import io.pikko.protocol.Reply;
import java.util.List;

/** The body of one command on its slot. Arity has been checked; {@code args} include the name. */
@FunctionalInterface
public interface SlotHandler {
    Reply run(SlotContext ctx, List<byte[]> args);
}
