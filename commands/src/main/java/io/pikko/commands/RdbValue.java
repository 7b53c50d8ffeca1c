package io.pikko.commands;

import java.util.List;

/** A value read from a DUMP payload, in the shape Pikko stores it. */
sealed interface RdbValue {

    record Str(byte[] value) implements RdbValue {}

    record ListValue(List<byte[]> elements) implements RdbValue {}

    /** Distinct members. */
    record SetValue(List<byte[]> members) implements RdbValue {}

    /** Distinct fields, each followed by its value. */
    record HashValue(List<byte[]> fieldsAndValues) implements RdbValue {}

    /** Distinct members with their scores (never NaN). */
    record ZSetValue(List<byte[]> members, List<Double> scores) implements RdbValue {}
}
