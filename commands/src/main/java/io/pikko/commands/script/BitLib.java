package io.pikko.commands.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** The {@code bit} library Redis ships (LuaBitOp's functions): 32-bit operations on Lua numbers. */
final class BitLib {
    private BitLib() {}

    private interface Binary {
        int apply(int a, int b);
    }

    private interface Shift {
        int apply(int x, int n);
    }

    static LuaTable table() {
        LuaTable bit = new LuaTable();
        bit.rawset("tobit", fn(args -> LuaValue.valueOf(bits(args.arg1()))));
        bit.rawset("bnot", fn(args -> LuaValue.valueOf(~bits(args.arg1()))));
        bit.rawset("band", fold((a, b) -> a & b));
        bit.rawset("bor", fold((a, b) -> a | b));
        bit.rawset("bxor", fold((a, b) -> a ^ b));
        bit.rawset("lshift", shift((x, n) -> x << n));
        bit.rawset("rshift", shift((x, n) -> x >>> n));
        bit.rawset("arshift", shift((x, n) -> x >> n));
        bit.rawset("rol", shift(Integer::rotateLeft));
        bit.rawset("ror", shift(Integer::rotateRight));
        bit.rawset("bswap", fn(args -> LuaValue.valueOf(Integer.reverseBytes(bits(args.arg1())))));
        bit.rawset("tohex", fn(args -> {
            int x = bits(args.arg1());
            int n = args.narg() >= 2 ? bits(args.arg(2)) : 8;
            boolean upper = n < 0;
            n = Math.min(Math.abs(n), 8);
            String hex = String.format(upper ? "%08X" : "%08x", x);
            return LuaValue.valueOf(hex.substring(8 - n));
        }));
        return bit;
    }

    /** LuaBitOp's normalisation: the number modulo 2^32, as a signed 32-bit value. */
    static int bits(LuaValue v) {
        return (int) (long) v.checkdouble();
    }

    private static VarArgFunction fn(java.util.function.Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }

    private static VarArgFunction fold(Binary op) {
        return fn(args -> {
            int acc = bits(args.arg1());
            for (int i = 2; i <= args.narg(); i++) {
                acc = op.apply(acc, bits(args.arg(i)));
            }
            return LuaValue.valueOf(acc);
        });
    }

    private static VarArgFunction shift(Shift op) {
        return fn(args -> LuaValue.valueOf(op.apply(bits(args.arg1()), bits(args.arg(2)) & 31)));
    }
}
