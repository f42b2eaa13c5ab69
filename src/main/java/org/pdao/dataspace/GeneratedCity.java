package org.pdao.dataspace;

import java.util.List;

/** What {@link SyntheticCity#generate} wrote: the seed, the number of residents and one entry per file. */
public record GeneratedCity(long seed, int residents, List<GeneratedFile> files) {

    public GeneratedCity {
        files = List.copyOf(files);
    }

    /** The entry for {@code fileName}, e.g. {@code residents.csv}. */
    public GeneratedFile file(String fileName) {
        return files.stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no file " + fileName));
    }
}
