package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The semantics of arithmetic, one value at a time, with PostgreSQL's overflow and rounding rules. */
public final class Scalars {
    private Scalars() {
    }

    public static MillraceException outOfRange(TypeKind kind) {
        return new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, switch (kind) {
            case SMALLINT -> "smallint out of range";
            case INTEGER -> "integer out of range";
            case BIGINT -> "bigint out of range";
            case REAL, DOUBLE -> "value out of range: overflow";
            default -> "numeric field overflow";
        });
    }

    public static MillraceException divisionByZero() {
        return new MillraceException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** Checks that {@code v} fits the integer kind. */
    public static long checkRange(long v, TypeKind kind) {
        switch (kind) {
            case SMALLINT -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(kind);
                }
            }
            case INTEGER -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(kind);
                }
            }
            default -> {
            }
        }
        return v;
    }

    public static long add(long a, long b, TypeKind kind) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw outOfRange(kind);
        }
        return checkRange(r, kind);
    }

    public static long subtract(long a, long b, TypeKind kind) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw outOfRange(kind);
        }
        return checkRange(r, kind);
    }

    public static long multiply(long a, long b, TypeKind kind) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            throw outOfRange(kind);
        }
        return checkRange(lo, kind);
    }

    /** Integer division truncates toward zero. */
    public static long divide(long a, long b, TypeKind kind) {
        if (b == 0) {
            throw divisionByZero();
        }
        if (b == -1) {
            return negate(a, kind);
        }
        return a / b;
    }

    public static long modulo(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        if (b == -1) {
            return 0;
        }
        return a % b;
    }

    public static long negate(long a, TypeKind kind) {
        if (a == Long.MIN_VALUE) {
            throw outOfRange(kind);
        }
        return checkRange(-a, kind);
    }

    /** Rounds a double result to float precision for REAL, and rejects overflow from finite inputs. */
    public static double checkDouble(double r, double a, double b, TypeKind kind) {
        if (kind == TypeKind.REAL) {
            float f = (float) r;
            if (Float.isInfinite(f) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
                throw outOfRange(kind);
            }
            return f;
        }
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw outOfRange(kind);
        }
        return r;
    }

    public static double divide(double a, double b, TypeKind kind) {
        if (b == 0) {
            throw divisionByZero();
        }
        return checkDouble(a / b, a, b, kind);
    }

    public static double modulo(double a, double b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a % b;
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, divisionScale(a, b), RoundingMode.HALF_UP);
    }

    public static BigDecimal modulo(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.remainder(b);
    }

    /**
     * The result scale PostgreSQL picks for numeric division: at least 16 significant digits,
     * and no fewer fraction digits than either input. PostgreSQL stores numerics in base 10000
     * digits; the weights and first digits below are in that base, as its rule is.
     */
    static int divisionScale(BigDecimal a, BigDecimal b) {
        int[] wa = weightAndFirstDigit(a);
        int[] wb = weightAndFirstDigit(b);
        int qweight = wa[0] - wb[0];
        if (wa[1] <= wb[1]) {
            qweight--;
        }
        int rscale = 16 - qweight * 4;
        rscale = Math.max(rscale, Math.max(a.scale(), 0));
        rscale = Math.max(rscale, Math.max(b.scale(), 0));
        return Math.min(rscale, 1000);
    }

    private static int[] weightAndFirstDigit(BigDecimal v) {
        if (v.signum() == 0) {
            return new int[] {0, 0};
        }
        BigDecimal abs = v.abs().stripTrailingZeros();
        String plain = abs.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String frac = dot < 0 ? "" : plain.substring(dot + 1);
        if (!intPart.equals("0")) {
            int pad = (4 - intPart.length() % 4) % 4;
            String padded = "0".repeat(pad) + intPart;
            return new int[] {padded.length() / 4 - 1, Integer.parseInt(padded.substring(0, 4))};
        }
        int pad = (4 - frac.length() % 4) % 4;
        String padded = frac + "0".repeat(pad);
        for (int g = 0; g * 4 < padded.length(); g++) {
            int d = Integer.parseInt(padded.substring(g * 4, g * 4 + 4));
            if (d != 0) {
                return new int[] {-(g + 1), d};
            }
        }
        return new int[] {0, 0};
    }

    /**
     * Applies a numeric(p,s) type modifier: rounds (half away from zero) to the scale, checks the
     * precision, and with {@code padScale} pads to the scale as casts and stores do.
     */
    public static BigDecimal applyNumericTypmod(BigDecimal v, DataType type, boolean padScale) {
        if (type.precision() == DataType.UNSPECIFIED) {
            return v;
        }
        int scale = Math.max(type.scale(), 0);
        BigDecimal r = padScale || v.scale() > scale ? v.setScale(scale, RoundingMode.HALF_UP) : v;
        int integerDigits = r.precision() - r.scale();
        if (r.signum() != 0 && integerDigits > type.precision() - scale) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                    0, "A field with precision " + type.precision() + ", scale " + scale
                            + " must round to an absolute value less than 10^" + (type.precision() - scale) + ".",
                    null, null);
        }
        return r;
    }

    /** Rounds half to even as PostgreSQL's rint() does for float to integer casts. */
    public static long doubleToLong(double d, TypeKind target) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw outOfRange(target);
        }
        double r = Math.rint(d);
        if (r < -9.223372036854775808E18 || r >= 9.223372036854775808E18) {
            throw outOfRange(target);
        }
        return checkRange((long) r, target);
    }

    /** Rounds half away from zero as PostgreSQL's numeric to integer casts do. */
    public static long decimalToLong(BigDecimal d, TypeKind target) {
        BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
        if (r.toBigInteger().bitLength() > 63) {
            throw outOfRange(target);
        }
        return checkRange(r.longValueExact(), target);
    }

    /** A double as a numeric, through its shortest decimal form as PostgreSQL does. */
    public static BigDecimal doubleToDecimal(double d, TypeKind from) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot convert " + (Double.isNaN(d) ? "NaN" : "infinity") + " to numeric");
        }
        BigDecimal b = from == TypeKind.REAL ? new BigDecimal(Float.toString((float) d)) : new BigDecimal(Double.toString(d));
        b = b.stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    public static int compare(double a, double b) {
        // PostgreSQL orders NaN above every number and treats it as equal to itself.
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }
}
