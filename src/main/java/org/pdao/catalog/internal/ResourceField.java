package org.pdao.catalog.internal;

/** A validated field of a resource with its grade (1–4) and the grade's name in Chinese and English. */
record ResourceField(String name, String label, String type, int grade, String gradeNameZh, String gradeNameEn,
        String classification, boolean personKey) {

    static ResourceField of(String name, String label, String type, Grade grade, String classification,
            boolean personKey) {
        return new ResourceField(name, label, type, grade.level(), grade.nameZh(), grade.nameEn(), classification,
                personKey);
    }
}
