package org.pdao.dataspace.internal.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.ResidentIdNumber;
import org.pdao.identity.Uscc;

/**
 * The format a column's values are checked against while profiling, decided from its catalog field:
 * resident ID numbers (GB 11643), unified social credit codes (GB 32100) and mainland mobile numbers
 * (11 digits starting 13–19). See docs/ingestion.md for how a field is recognised.
 */
public enum ColumnFormat {
    ID_NUMBER, USCC, PHONE;

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    /** As {@link #accepts(String)}, for a value's UTF-8 bytes: ID and mobile numbers are checked without a string. */
    public boolean accepts(byte[] value) {
        return switch (this) {
            case ID_NUMBER -> ResidentIdNumber.isValid(value);
            case USCC -> Uscc.isValid(new String(value, java.nio.charset.StandardCharsets.ISO_8859_1));
            case PHONE -> isMobile(value);
        };
    }

    private static boolean isMobile(byte[] value) {
        if (value.length != 11 || value[0] != '1' || value[1] < '3' || value[1] > '9') {
            return false;
        }
        for (int i = 2; i < 11; i++) {
            if (value[i] < '0' || value[i] > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean accepts(String value) {
        return switch (this) {
            case ID_NUMBER -> ResidentIdNumber.isValid(value);
            case USCC -> Uscc.isValid(value);
            case PHONE -> value.length() == 11 && MOBILE.matcher(value).matches();
        };
    }

    /**
     * The format of a catalog field: an ID number when it is the person key or its name ends in
     * {@code id_number}, {@code id_card} or is {@code legal_person_id}, or its label speaks of
     * 身份号码/身份证; a USCC when its name is or ends in {@code uscc} or its label says 统一社会信用代码;
     * a mobile number when its name is or ends in {@code phone}/{@code mobile} or its label has
     * 电话/手机. Otherwise none.
     */
    public static Optional<ColumnFormat> of(CatalogResourceView.Field field) {
        String name = field.name().toLowerCase(Locale.ROOT);
        String label = field.label();
        if (name.endsWith("uscc") || label.contains("统一社会信用代码") || label.contains("信用代码")) {
            return Optional.of(USCC);
        }
        if (name.endsWith("id_number") || name.endsWith("id_card") || name.equals("legal_person_id")
                || label.contains("身份号码") || label.contains("身份证")
                || (field.personKey() && (name.endsWith("_id") || label.contains("证件号")))) {
            return Optional.of(ID_NUMBER);
        }
        if (name.endsWith("phone") || name.endsWith("mobile") || label.contains("电话") || label.contains("手机")) {
            return Optional.of(PHONE);
        }
        return Optional.empty();
    }
}
