package org.pdao.dataspace.internal.access;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.crypto.Sm3;

/**
 * Applies one desensitization method to one raw value, in Java, while a workspace is materialised. Pure:
 * the same value, parameters, grant key, row seed and day give the same result. Values that do not parse
 * as their column's type become null rather than passing through raw.
 */
final class Desensitizer {

    /** What a method may use besides the value: the grant's pseudonym key, the row's noise seed, the day. */
    record Context(byte[] grantKey, byte[] rowSeed, LocalDate today) {}

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private Desensitizer() {}

    /** The pseudonym of a person key or identifier: HMAC-SM3 under the grant's key. */
    static String pseudonym(byte[] grantKey, String value, String encoding) {
        byte[] mac = Sm3.hmac(grantKey, value.getBytes(StandardCharsets.UTF_8));
        return "base64".equals(encoding) ? Base64.getUrlEncoder().withoutPadding().encodeToString(mac)
                : HexFormat.of().formatHex(mac);
    }

    /** The value after the method: a {@link String}, {@link Double}, {@link LocalDate} or null. */
    static @Nullable Object apply(DesensitizationMethod method, Map<String, String> params, @Nullable String value,
            ValueType type, Context context) {
        if (value == null || value.isEmpty() || method == DesensitizationMethod.MASK_NULL) {
            return null;
        }
        return switch (method) {
            case MASK_SHOW_FIRST_N -> showFirst(value, Integer.parseInt(params.get("n")), params.get("mask"));
            case MASK_SHOW_LAST_N -> showLast(value, Integer.parseInt(params.get("n")), params.get("mask"));
            case MASK_REDACT -> redact(value);
            case MASK_HASH -> Sm3.hex(concat(Sm3.hmac(context.grantKey(), "mask-hash-salt".getBytes(StandardCharsets.UTF_8)),
                    value.getBytes(StandardCharsets.UTF_8)));
            case MASK_NULL, SUPPRESS -> null;
            case MASK_DATE_SHOW_YEAR -> {
                LocalDate date = date(value);
                yield date == null ? null : LocalDate.of(date.getYear(), 1, 1);
            }
            case PSEUDONYMISE_HMAC_SM3 -> pseudonym(context.grantKey(), value, params.get("encoding"));
            case GENERALISE_AGE_BAND -> ageBand(date(value), Integer.parseInt(params.get("width")), context.today());
            case GENERALISE_DATE -> {
                LocalDate date = date(value);
                yield date == null ? null : "YEAR".equals(params.get("level")) ? String.valueOf(date.getYear())
                        : String.format("%04d-%02d", date.getYear(), date.getMonthValue());
            }
            case GENERALISE_REGION -> region(value.trim(), params.get("level"));
            case NOISE_BOUNDED -> noise(number(value), params, context.rowSeed());
            case KEEP_RAW_AGGREGATE_ONLY -> number(value);
        };
    }

    /** A value of a clear (grade 1–2, no rule) column, typed. */
    static @Nullable Object typed(@Nullable String value, ValueType type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (type) {
            case TEXT -> value;
            case NUMBER -> number(value);
            case DATE -> date(value);
        };
    }

    static String showFirst(String value, int n, String mask) {
        int[] cps = value.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            out.append(i < n ? Character.toString(cps[i]) : mask);
        }
        return out.toString();
    }

    static String showLast(String value, int n, String mask) {
        int[] cps = value.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            out.append(i >= cps.length - n ? Character.toString(cps[i]) : mask);
        }
        return out.toString();
    }

    static String redact(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp >= 'A' && cp <= 'Z') {
                out.append('X');
            } else if (cp >= 'a' && cp <= 'z') {
                out.append('x');
            } else if (Character.isDigit(cp)) {
                out.append('n');
            } else if (Character.isLetter(cp)) {
                out.append('*');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    static @Nullable String ageBand(@Nullable LocalDate birth, int width, LocalDate today) {
        if (birth == null || birth.isAfter(today)) {
            return null;
        }
        int age = Period.between(birth, today).getYears();
        int low = age / width * width;
        return width == 1 ? String.valueOf(low) : low + "-" + (low + width - 1);
    }

    static @Nullable String region(String code, String level) {
        if (!code.matches("[1-9][0-9]{5}")) {
            return null;
        }
        return "PROVINCE".equals(level) ? code.substring(0, 2) + "0000" : code.substring(0, 4) + "00";
    }

    static @Nullable Double noise(@Nullable Double value, Map<String, String> params, byte[] rowSeed) {
        if (value == null) {
            return null;
        }
        double scale = Double.parseDouble(params.get("scale"));
        double clamp = Double.parseDouble(params.get("clamp"));
        double u = new SplittableRandom(ByteBuffer.wrap(rowSeed, 0, Long.BYTES).getLong()).nextDouble();
        double noise;
        if ("UNIFORM".equals(params.get("distribution"))) {
            noise = (2 * u - 1) * scale;
        } else {
            double centred = u - 0.5;
            noise = -scale * Math.signum(centred) * Math.log(1 - 2 * Math.abs(centred));
        }
        noise = Math.max(-clamp, Math.min(clamp, noise));
        return BigDecimal.valueOf(value + noise).setScale(Integer.parseInt(params.get("decimals")),
                RoundingMode.HALF_UP).doubleValue();
    }

    static @Nullable Double number(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static @Nullable LocalDate date(String value) {
        String v = value.trim();
        try {
            return v.length() == 8 ? LocalDate.parse(v, BASIC) : LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
