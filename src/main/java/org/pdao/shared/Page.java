package org.pdao.shared;

import java.util.List;

/** One page of a list: every list in the API pages ({@code page} from 0, {@code size} up to 200). */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public Page {
        items = List.copyOf(items);
    }

    public static int checkedSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("problem.page-size", MAX_SIZE);
        }
        return size;
    }

    public static int checkedPage(int page) {
        if (page < 0) {
            throw ProblemException.badRequest("problem.page-number");
        }
        return page;
    }
}
