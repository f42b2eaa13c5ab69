package org.pdao.dataspace;

import java.time.DateTimeException;
import java.time.LocalDate;

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
        if (candidate == null || candidate.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(candidate.charAt(i)) || candidate.charAt(i) > '9') {
                return false;
            }
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(candidate.substring(6, 10)),
                    Integer.parseInt(candidate.substring(10, 12)), Integer.parseInt(candidate.substring(12, 14)));
            if (birth.getYear() < 1850) {
                return false;
            }
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
        return checkCharacter(candidate.substring(0, 17)) == candidate.charAt(17);
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
