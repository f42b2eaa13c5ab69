package org.pdao.dataspace.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.internal.ingest.CsvSource;
import org.pdao.dataspace.internal.ingest.DatasetColumns;
import org.pdao.dataspace.internal.ingest.StagedLoad;

/**
 * A separate JVM that loads a CSV of social insurance payments into a raw store the way the platform
 * does, printing its progress; {@link KilledLoadTest} kills it midway. Arguments: store file, key
 * (hex), CSV file, dataset name.
 */
public final class KilledLoadChild {

    private KilledLoadChild() {}

    static final CatalogResourceView SOCIAL_INSURANCE = new CatalogResourceView(UUID.randomUUID(), "社会保险缴费记录",
            UUID.randomUUID(), "社会保障", "CONDITIONAL", "CONDITIONAL", "MONTHLY", List.of(
                    new CatalogResourceView.Field("id_number", "公民身份号码", "varchar", 4, true),
                    new CatalogResourceView.Field("month", "缴费月份", "varchar", 2, false),
                    new CatalogResourceView.Field("insurance_type", "险种", "varchar", 2, false),
                    new CatalogResourceView.Field("base", "缴费基数", "decimal", 3, false),
                    new CatalogResourceView.Field("amount", "实缴金额", "decimal", 3, false)), 1, null);

    public static void main(String[] args) throws Exception {
        System.out.println("ARROW " + StagedLoad.throughArrow());
        System.out.flush();
        try (RawStore store = RawStore.open(Path.of(args[0]), HexFormat.of().parseHex(args[1]));
                CsvSource source = new CsvSource(Path.of(args[2]), StandardCharsets.UTF_8)) {
            DatasetColumns columns = DatasetColumns.resolve(SOCIAL_INSURANCE, source.columns(), null, java.util.Map.of());
            StagedLoad.run(store.connection(), args[3], "stg_child", columns, source, rows -> {
                System.out.println("ROWS " + rows);
                System.out.flush();
            }, staged -> true);
            System.out.println("DONE");
        }
    }
}
