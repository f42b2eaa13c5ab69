package org.pdao.jurisdiction;

import java.util.List;

/** The typed value of a profile entry. */
public sealed interface EntryValue permits TimeLimit, EntryValue.Count, EntryValue.Flag, EntryValue.Items,
        EntryValue.Text {

    /** A plain number such as a protection level or a number of consecutive results. */
    record Count(long value) implements EntryValue {}

    /** A switch. */
    record Flag(boolean value) implements EntryValue {}

    /** An ordered list (clauses, roles of an approval chain, consequences). */
    record Items(List<ListItem> items) implements EntryValue {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** A text. */
    record Text(LocalizedText text) implements EntryValue {}
}
