package org.pdao.dataspace;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.pdao.identity.Uscc;

/**
 * A synthetic demo city of the Taizhou (泰州, 321200) area: residents, enterprises, social insurance
 * payments and medical visits as UTF-8 CSV files with a header. Deterministic: the same seed and size
 * give byte-identical files. Streaming: every row is written as it is generated and each resident's
 * data comes from its own random stream, so memory does not grow with the size (tested at 1e4,
 * usable to 1e7 residents; ID numbers stay unique up to about 12 million residents). The data carries the skew of real data: a tiny district, rare diagnoses
 * and people appearing in several tables. None of it is real.
 */
public final class SyntheticCity {

    public static final String RESIDENTS = "residents.csv";
    public static final String ENTERPRISES = "enterprises.csv";
    public static final String SOCIAL_INSURANCE = "social_insurance.csv";
    public static final String MEDICAL_VISITS = "medical_visits.csv";

    /** The district of the city that has very few residents (under 1 %). */
    public static final String TINY_DISTRICT = "321271";

    record Region(String code, String name, double weight) {}

    static final List<Region> REGIONS = List.of(
            new Region("321202", "泰州市海陵区", 0.20),
            new Region("321203", "泰州市高港区", 0.10),
            new Region("321204", "泰州市姜堰区", 0.16),
            new Region("321281", "兴化市", 0.26),
            new Region("321282", "靖江市", 0.13),
            new Region("321283", "泰兴市", 0.115),
            new Region(TINY_DISTRICT, "泰州医药高新技术产业开发区", 0.005),
            new Region("320102", "南京市玄武区", 0.008),
            new Region("320211", "无锡市滨湖区", 0.006),
            new Region("321002", "扬州市广陵区", 0.008),
            new Region("310115", "上海市浦东新区", 0.005),
            new Region("341102", "滁州市琅琊区", 0.003));

    private static final double[] REGION_WEIGHTS = REGIONS.stream().mapToDouble(Region::weight).toArray();

    private static final String[] STREETS = {"鼓楼南路", "海陵北路", "青年南路", "东进东路", "济川东路", "凤凰路",
        "迎春西路", "人民西路", "五一路", "昭阳路", "英武路", "阳山路", "百花路", "新河路", "梅兰东路", "春晖路"};

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "高", "林", "罗", "顾", "丁", "钱", "缪", "储", "季", "蒋", "沈", "卢", "葛"};
    private static final double[] SURNAME_WEIGHTS = {7.4, 7.2, 7.0, 5.5, 5.2, 3.2, 2.4, 2.2, 2.1, 2.0, 2.3, 1.6,
        1.3, 1.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.8, 1.2, 1.0, 0.8, 0.4, 0.3, 0.5, 0.6, 0.7, 0.6, 0.5};
    private static final String MALE_CHARS = "伟强军磊洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林";
    private static final String FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英华燕红梅琳雪婷慧颖倩洁莉萍丹瑶佳";

    private static final int[] PHONE_PREFIXES = {134, 135, 136, 137, 138, 139, 150, 151, 152, 157, 158, 159, 182,
        183, 184, 187, 188, 198, 130, 131, 132, 155, 156, 185, 186, 166, 133, 153, 180, 181, 189, 177, 173, 199};

    record Diagnosis(String code, double weight, double meanCost) {}

    static final List<Diagnosis> DIAGNOSES = List.of(
            new Diagnosis("J06.9", 18.0, 160), new Diagnosis("I10", 14.0, 260), new Diagnosis("E11.9", 9.0, 320),
            new Diagnosis("K29.7", 6.0, 280), new Diagnosis("J20.9", 5.5, 210), new Diagnosis("M54.5", 4.5, 240),
            new Diagnosis("K21.0", 3.5, 300), new Diagnosis("J18.9", 3.0, 1800), new Diagnosis("I25.1", 2.8, 900),
            new Diagnosis("N39.0", 2.5, 260), new Diagnosis("E78.5", 2.4, 230), new Diagnosis("H10.9", 2.0, 120),
            new Diagnosis("L30.9", 1.8, 150), new Diagnosis("R51", 1.6, 180), new Diagnosis("I63.9", 1.2, 9000),
            new Diagnosis("K80.2", 0.8, 7000), new Diagnosis("S52.5", 0.6, 5200), new Diagnosis("C34.9", 0.35, 26000),
            new Diagnosis("C16.9", 0.3, 24000), new Diagnosis("A15.0", 0.08, 6000),
            new Diagnosis("G35", 0.05, 12000), new Diagnosis("E84.9", 0.02, 30000));

    private static final double[] DIAGNOSIS_WEIGHTS = DIAGNOSES.stream().mapToDouble(Diagnosis::weight).toArray();

    private static final String[] HOSPITALS = {"泰州市人民医院", "泰州市中医院", "泰州市第二人民医院", "泰州市第四人民医院",
        "兴化市人民医院", "靖江市人民医院", "泰兴市人民医院", "泰州市姜堰人民医院", "海陵区城东社区卫生服务中心"};

    private static final String[] INDUSTRIES = {"制造业", "批发和零售业", "建筑业", "信息传输、软件和信息技术服务业",
        "交通运输、仓储和邮政业", "住宿和餐饮业", "租赁和商务服务业", "科学研究和技术服务业", "农、林、牧、渔业"};
    private static final String[] INDUSTRY_WORDS = {"机械制造", "商贸", "建设工程", "信息科技", "物流", "餐饮管理",
        "企业管理咨询", "生物医药科技", "农业发展"};
    private static final String TRADE_NAME_CHARS = "华泰海润恒盛鑫达通宏远兴昌隆裕丰瑞祥凤城天德旺春江";
    private static final String ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final int BIRTH_SPAN_DAYS = (int) (LocalDate.of(2007, 12, 31).toEpochDay() - FIRST_BIRTH.toEpochDay());
    private static final int PAYMENT_MONTHS = 6;

    private SyntheticCity() {}

    /** Writes the four CSV files for {@code residents} residents into {@code dir} and returns their row counts and SM3 digests. */
    public static GeneratedCity generate(long seed, int residents, Path dir) {
        if (residents < 1) {
            throw new IllegalArgumentException("at least one resident");
        }
        try {
            Files.createDirectories(dir);
            List<GeneratedFile> files = new ArrayList<>();
            try (CsvOut people = new CsvOut(dir, RESIDENTS, "id_number,name,gender,birth_date,phone,region_code,address,monthly_income");
                    CsvOut payments = new CsvOut(dir, SOCIAL_INSURANCE, "id_number,month,insurance_type,base,amount");
                    CsvOut visits = new CsvOut(dir, MEDICAL_VISITS, "id_number,visit_date,hospital,icd10,cost")) {
                for (int i = 0; i < residents; i++) {
                    writeResident(seed, i, residents, people, payments, visits);
                }
                files.add(people.finish());
                files.add(payments.finish());
                files.add(visits.finish());
            }
            try (CsvOut enterprises = new CsvOut(dir, ENTERPRISES, "uscc,name,legal_person_id,industry,registered_capital_wan")) {
                int count = Math.max(1, residents / 20);
                for (int e = 0; e < count; e++) {
                    writeEnterprise(seed, e, residents, enterprises);
                }
                files.add(1, enterprises.finish());
            }
            return new GeneratedCity(seed, residents, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resident ID number of resident {@code index}, recomputed from its own random stream. */
    static String idNumber(long seed, int index, int residents) {
        SplittableRandom r = stream(seed, index, 1);
        Region region = REGIONS.get(pick(r, REGION_WEIGHTS));
        // a seeded permutation of the residents spread over the birth days gives every resident its
        // own (birth date, sequence) pair: ID numbers are unique without remembering any of them
        long position = permuted(seed, index, residents);
        long days = BIRTH_SPAN_DAYS + 1L;
        long day = position * days / residents;
        long firstOfDay = (day * residents + days - 1) / days;
        LocalDate birth = FIRST_BIRTH.plusDays(day);
        boolean male = r.nextBoolean();
        int sequence = (int) (position - firstOfDay) * 2 + (male ? 1 : 0);
        StringBuilder id = new StringBuilder(18).append(region.code())
                .append(padded(birth.getYear(), 4)).append(padded(birth.getMonthValue(), 2))
                .append(padded(birth.getDayOfMonth(), 2)).append(padded(sequence % 1000, 3));
        return id.append(ResidentIdNumber.checkCharacter(id)).toString();
    }

    private static void writeResident(long seed, int i, int residents, CsvOut people, CsvOut payments, CsvOut visits) throws IOException {
        String id = idNumber(seed, i, residents);
        boolean male = ResidentIdNumber.isMale(id);
        SplittableRandom r = stream(seed, i, 2);
        String name = SURNAMES[pick(r, SURNAME_WEIGHTS)] + givenName(r, male);
        String phone = PHONE_PREFIXES[r.nextInt(PHONE_PREFIXES.length)] + padded(r.nextInt(100_000_000), 8);
        String regionCode = id.substring(0, 6);
        Region region = REGIONS.stream().filter(g -> g.code().equals(regionCode)).findFirst().orElseThrow();
        String address = region.name() + STREETS[r.nextInt(STREETS.length)] + (1 + r.nextInt(399)) + "号";
        double income = logNormal(r, Math.log(5200), 0.65);
        String birth = id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
        people.row(id, name, male ? "男" : "女", birth, phone, regionCode, address, money(income));

        int birthYear = Integer.parseInt(id.substring(6, 10));
        boolean workingAge = birthYear >= 1965 && birthYear <= 2005;
        if (workingAge && r.nextDouble() < 0.78) {
            double base = Math.min(24_042, Math.max(4_494, income));
            int months = 1 + r.nextInt(PAYMENT_MONTHS);
            for (int m = PAYMENT_MONTHS - months + 1; m <= PAYMENT_MONTHS; m++) {
                String month = "2025-" + (m < 10 ? "0" : "") + m;
                payments.row(id, month, "PENSION", money(base), money(base * 0.08));
                if (r.nextDouble() < 0.9) {
                    payments.row(id, month, "MEDICAL", money(base), money(base * 0.02));
                }
            }
        }
        int count = r.nextDouble() < 0.5 ? 0 : 1 + (int) Math.floor(-Math.log(1 - r.nextDouble()) * 1.5);
        for (int v = 0; v < count; v++) {
            Diagnosis d = DIAGNOSES.get(pick(r, DIAGNOSIS_WEIGHTS));
            LocalDate date = LocalDate.of(2025, 1, 1).plusDays(r.nextInt(181));
            visits.row(id, date.toString(), HOSPITALS[r.nextInt(HOSPITALS.length)], d.code(),
                    money(logNormal(r, Math.log(d.meanCost()), 0.5)));
        }
    }

    private static void writeEnterprise(long seed, int e, int residents, CsvOut out) throws IOException {
        SplittableRandom r = stream(seed, e, 3);
        int industry = r.nextInt(INDUSTRIES.length);
        String name = "泰州" + TRADE_NAME_CHARS.charAt(r.nextInt(TRADE_NAME_CHARS.length()))
                + TRADE_NAME_CHARS.charAt(r.nextInt(TRADE_NAME_CHARS.length())) + INDUSTRY_WORDS[industry] + "有限公司";
        StringBuilder body = new StringBuilder(8);
        body.append("MA").append(padded(r.nextInt(100), 2));
        for (int k = 0; k < 4; k++) {
            body.append(ORG_CODE_CHARS.charAt(r.nextInt(ORG_CODE_CHARS.length())));
        }
        String division = REGIONS.get(r.nextInt(6)).code();
        Uscc uscc = Uscc.compose('9', '1', division, body.toString());
        String legalPerson = idNumber(seed, r.nextInt(residents), residents);
        out.row(uscc.value(), name, legalPerson, INDUSTRIES[industry], money(logNormal(r, Math.log(200), 1.2)));
    }

    private static String padded(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static String givenName(SplittableRandom r, boolean male) {
        String pool = male ? MALE_CHARS : FEMALE_CHARS;
        String first = String.valueOf(pool.charAt(r.nextInt(pool.length())));
        return r.nextDouble() < 0.3 ? first : first + pool.charAt(r.nextInt(pool.length()));
    }

    /** A seeded permutation of the numbers 0 to size - 1: a four-round Feistel network with cycle walking. */
    static long permuted(long seed, long index, long size) {
        int halfBits = Math.max(1, (64 - Long.numberOfLeadingZeros(Math.max(1, size - 1)) + 1) / 2);
        long mask = (1L << halfBits) - 1;
        long x = index;
        do {
            long left = x >>> halfBits;
            long right = x & mask;
            for (int round = 0; round < 4; round++) {
                long mixed = new SplittableRandom(seed * 31 + round * 0x632BE59BD9B4E019L + right).nextLong() & mask;
                long next = left ^ mixed;
                left = right;
                right = next;
            }
            x = (left << halfBits) | right;
        } while (x >= size);
        return x;
    }

    private static SplittableRandom stream(long seed, long index, int purpose) {
        long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + purpose * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }

    private static int pick(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int k = 0; k < weights.length; k++) {
            x -= weights[k];
            if (x < 0) {
                return k;
            }
        }
        return weights.length - 1;
    }

    /** Log-normal by Box-Muller on the resident's own stream (no platform-dependent Gaussian). */
    private static double logNormal(SplittableRandom r, double mu, double sigma) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.exp(mu + sigma * z);
    }

    private static String money(double amount) {
        long cents = Math.round(amount * 100);
        long fraction = cents % 100;
        return cents / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** A CSV file that digests (SM3) every byte as it is written. */
    private static final class CsvOut implements AutoCloseable {

        private final String fileName;
        private final SM3Digest digest = new SM3Digest();
        private final CountingDigestStream bytes;
        private final Writer writer;
        private long rows;
        private boolean finished;

        CsvOut(Path dir, String fileName, String header) throws IOException {
            this.fileName = fileName;
            this.bytes = new CountingDigestStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(fileName)), 1 << 16), digest);
            this.writer = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
            writer.write(header);
            writer.write('\n');
        }

        void row(String... values) throws IOException {
            for (int k = 0; k < values.length; k++) {
                if (k > 0) {
                    writer.write(',');
                }
                writer.write(quoted(values[k]));
            }
            writer.write('\n');
            rows++;
        }

        GeneratedFile finish() throws IOException {
            writer.flush();
            finished = true;
            writer.close();
            byte[] out = new byte[digest.getDigestSize()];
            digest.doFinal(out, 0);
            return new GeneratedFile(fileName, rows, bytes.count, Hex.toHexString(out));
        }

        private static String quoted(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                writer.close();
            }
        }
    }

    private static final class CountingDigestStream extends FilterOutputStream {

        private final SM3Digest digest;
        private long count;

        CountingDigestStream(OutputStream out, SM3Digest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }
    }
}
