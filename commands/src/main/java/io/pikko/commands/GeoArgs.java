package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Parses the arguments geo commands share (coordinates, distances with a unit, box sizes) with
 * Redis's checks and error texts. A refused argument throws {@link Refused}, carrying the error
 * reply, which the command returns as it is.
 */
final class GeoArgs {
    /** A request Redis refuses, with the error it answers. */
    static final class Refused extends RuntimeException {
        private final transient Reply reply;

        Refused(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }

    private GeoArgs() {}

    /** A double as getDoubleFromObjectOrReply reads it; {@code message} replaces the default error. */
    static double number(byte[] arg, String message) {
        OptionalDouble value = Args.parseDouble(arg);
        if (value.isEmpty()) {
            throw new Refused(message == null ? Errors.NOT_FLOAT : Reply.error("ERR " + message));
        }
        return value.getAsDouble();
    }

    /** {longitude, latitude} from two arguments, both numbers and within the geohash range. */
    static double[] lonLat(List<byte[]> args, int at) {
        double longitude = number(args.get(at), null);
        double latitude = number(args.get(at + 1), null);
        if (!GeoHash.validCoordinates(longitude, latitude)) {
            throw new Refused(Reply.error("ERR invalid longitude,latitude pair "
                    + GeoFormat.sixDecimals(longitude) + "," + GeoFormat.sixDecimals(latitude)));
        }
        return new double[] {longitude, latitude};
    }

    /** Metres per unit for m, km, ft and mi. */
    static double unit(byte[] arg) {
        return switch (Args.text(arg).toLowerCase(Locale.ROOT)) {
            case "m" -> 1;
            case "km" -> 1000;
            case "ft" -> 0.3048;
            case "mi" -> 1609.34;
            default -> throw new Refused(Reply.error("ERR unsupported unit provided. please use M, KM, FT, MI"));
        };
    }

    /** A radius and its unit: {radius, metres per unit}. */
    static double[] radius(List<byte[]> args, int at) {
        double radius = number(args.get(at), "need numeric radius");
        if (radius < 0) {
            throw new Refused(Reply.error("ERR radius cannot be negative"));
        }
        return new double[] {radius, unit(args.get(at + 1))};
    }

    /** A box and its unit: {width, height, metres per unit}. */
    static double[] box(List<byte[]> args, int at) {
        double width = number(args.get(at), "need numeric width");
        double height = number(args.get(at + 1), "need numeric height");
        if (height < 0 || width < 0) {
            throw new Refused(Reply.error("ERR height or width cannot be negative"));
        }
        return new double[] {width, height, unit(args.get(at + 2))};
    }
}
