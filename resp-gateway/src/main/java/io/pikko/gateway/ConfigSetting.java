package io.pikko.gateway;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting CONFIG GET and SET know, under its Redis name and, for some, an old alias (the
 * {@code ziplist} names, {@code slave-*}). {@code read} gives the value CONFIG GET shows;
 * {@code write}, for a mutable setting, applies a value its {@code value} kind accepted.
 */
record ConfigSetting(String name, String alias, boolean mutable, ConfigValue value,
                     Function<GatewayContext, String> read, BiConsumer<GatewayContext, String> write) {}
