package org.pdao.dataspace;


/**
 * Resident identity numbers (公民身份号码) by GB 11643-1999: a six-digit region code, the birth date
 * (yyyyMMdd), a three-digit sequence whose last digit is odd for men and even for women, and an
 * ISO 7064 MOD 11-2 check character ('X' for 10).
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdNumber() {}

    /** Whether {@code candidate} is a well-formed 18-character number with a real date and a matching check character. */
    public static boolean isValid(String candidate) {
        return candidate != null && candidate.length() == 18 && isValid(i -> candidate.charAt(i));
    }

    /** As {@link #isValid(String)}, for the value's bytes (ASCII; any other byte makes it invalid), making no string. */
    public static boolean isValid(byte[] candidate) {
        return candidate != null && candidate.length == 18 && isValid(i -> candidate[i] & 0xFF);
    }

    private static boolean isValid(java.util.function.IntUnaryOperator at) {
        int sum = 0;
        int[] digits = new int[17];
        for (int i = 0; i < 17; i++) {
            int c = at.applyAsInt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            digits[i] = c - '0';
            sum += digits[i] * WEIGHTS[i];
        }
        int year = number(digits, 6, 4);
        int month = number(digits, 10, 2);
        int day = number(digits, 12, 2);
        if (year < 1850 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return false;
        }
        return CHECK[sum % 11] == at.applyAsInt(17);
    }

    private static int number(int[] digits, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + digits[i];
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The ISO 7064 MOD 11-2 check character over the first 17 digits. */
    public static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Whether the number belongs to a man (odd 17th digit). */
    public static boolean isMale(String valid) {
        return (valid.charAt(16) - '0') % 2 == 1;
    }
}
