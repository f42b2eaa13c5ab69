package org.pdao.jurisdiction;

/** A text in Chinese and English. */
public record LocalizedText(String zh, String en) {

    public String in(boolean chinese) {
        return chinese || en.isBlank() ? zh : en;
    }
}
