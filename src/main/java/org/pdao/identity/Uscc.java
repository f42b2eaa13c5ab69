package org.pdao.identity;

import java.util.Optional;

/**
 * A unified social credit code (统一社会信用代码) checked by GB 32100-2015: 18 characters from the
 * code set without I, O, Z, S, V; a registration-authority code, an organization-type code, a
 * six-digit administrative division code, the nine-character organization code (with its own
 * GB 11714 check character) and the check character over the first 17 characters.
 */
public record Uscc(String value) {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    public Uscc {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate).isEmpty();
    }

    /** Why {@code candidate} is not a valid USCC, in English, or empty when it is valid. */
    public static Optional<String> problemWith(String candidate) {
        if (candidate == null || candidate.length() != 18) {
            return Optional.of("a USCC has 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(candidate.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " is not in the GB 32100 code set");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(candidate.charAt(i))) {
                return Optional.of("characters 3-8 are an administrative division code");
            }
        }
        if (checkCharacter(candidate.substring(0, 17)) != candidate.charAt(17)) {
            return Optional.of("the check character (18th) does not match");
        }
        return Optional.empty();
    }

    /** The GB 32100-2015 check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }

    /**
     * The GB 11714 check character of an eight-character organization code body, used by
     * generators of demo data so that codes look like real ones.
     */
    public static char organizationCodeCheck(String first8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = first8.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * ORG_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** Builds a valid USCC from its parts: registration authority, type, division, 8-char organization body. */
    public static Uscc compose(char registrationAuthority, char type, String division, String orgBody) {
        String first17 = "" + registrationAuthority + type + division + orgBody + organizationCodeCheck(orgBody);
        return new Uscc(first17 + checkCharacter(first17));
    }

    @Override
    public String toString() {
        return value;
    }
}
