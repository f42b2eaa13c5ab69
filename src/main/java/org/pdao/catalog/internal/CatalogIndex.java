package org.pdao.catalog.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.pdao.shared.Page;

/**
 * The full-text index of both catalogs, with Chinese word segmentation (SmartChineseAnalyzer).
 * Changes are visible to searches as soon as {@link #put} or {@link #remove} returns.
 * Free of Spring so that the benchmark can run it alone.
 */
final class CatalogIndex implements Closeable {

    private static final String[] TEXT_FIELDS = {"name", "description", "fields"};

    private final Directory directory;
    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private CatalogIndex(Directory directory) throws IOException {
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
    }

    static CatalogIndex inMemory() {
        try {
            return new CatalogIndex(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CatalogIndex onDisk(Path path) {
        try {
            return new CatalogIndex(FSDirectory.open(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces one document, visible to searches on return. */
    void put(CatalogDocument d) {
        try {
            writer.updateDocument(new Term("key", key(d.kind(), d.id())), document(d));
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds many documents without refreshing after each; call {@link #refresh} at the end. */
    void add(CatalogDocument d) {
        try {
            writer.updateDocument(new Term("key", key(d.kind(), d.id())), document(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(CatalogDocument.Kind kind, UUID id) {
        try {
            writer.deleteDocuments(new Term("key", key(kind, id)));
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void refresh() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Page<SearchHit> search(SearchQuery q) {
        Query query = query(q);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int want = (q.page() + 1) * q.size();
                boolean ranked = q.text() != null && !q.text().isBlank();
                TopDocs top = ranked ? searcher.search(query, want)
                        : searcher.search(query, want, new Sort(new SortField("sortName", SortField.Type.STRING)));
                List<SearchHit> hits = new ArrayList<>();
                Highlighter highlighter = ranked ? new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"),
                        new SimpleHTMLEncoder(), new QueryScorer(query)) : null;
                for (int i = q.page() * q.size(); i < top.scoreDocs.length; i++) {
                    ScoreDoc sd = top.scoreDocs[i];
                    Document doc = searcher.storedFields().document(sd.doc);
                    hits.add(hit(doc, sd.score, highlighter));
                }
                long total = top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO
                        ? top.totalHits.value : searcher.count(query);
                return new Page<>(hits, q.page(), q.size(), total);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query query(SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (q.text() != null && !q.text().isBlank()) {
            b.add(everyWord(q.text().trim()), BooleanClause.Occur.MUST);
        } else {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        BooleanQuery.Builder kinds = new BooleanQuery.Builder();
        q.kinds().forEach(k -> kinds.add(new TermQuery(new Term("kind", k.name())), BooleanClause.Occur.SHOULD));
        b.add(kinds.build(), BooleanClause.Occur.FILTER);
        filter(b, "domain", q.domain());
        filter(b, "sharing", q.sharing());
        filter(b, "opening", q.opening());
        filter(b, "sourceUnit", q.sourceUnitId() == null ? null : q.sourceUnitId().toString());
        if (q.maxGrade() != null) {
            b.add(IntPoint.newRangeQuery("maxGrade", Integer.MIN_VALUE, q.maxGrade()), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /**
     * Every word of the text (as the Chinese analyzer segments it: 养老保险 → 养老, 保险; zq12ab → zq, 12, ab) must occur
     * in some text field, each word in any of them. A query parser would OR the words of one unspaced chunk across
     * fields, so a search for one entry's name also found every entry sharing any of its words.
     */
    private Query everyWord(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT_FIELDS[0], text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (!words.contains(term.toString())) {
                    words.add(term.toString());
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (words.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            for (String field : TEXT_FIELDS) {
                anyField.add(new TermQuery(new Term(field, word)), BooleanClause.Occur.SHOULD);
            }
            all.add(anyField.build(), BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    private static void filter(BooleanQuery.Builder b, String field, String value) {
        if (value != null && !value.isBlank()) {
            b.add(new TermQuery(new Term(field, value.trim())), BooleanClause.Occur.FILTER);
        }
    }

    private SearchHit hit(Document doc, float score, Highlighter highlighter) throws IOException {
        List<String> highlights = new ArrayList<>();
        if (highlighter != null) {
            for (String field : TEXT_FIELDS) {
                String text = doc.get(field);
                try {
                    String fragment = text == null ? null
                            : highlighter.getBestFragment(analyzer, field, text);
                    if (fragment != null) {
                        highlights.add(fragment);
                    }
                } catch (InvalidTokenOffsetsException e) {
                    // a fragment that cannot be highlighted is left out
                }
            }
        }
        return new SearchHit(CatalogDocument.Kind.valueOf(doc.get("kind")), UUID.fromString(doc.get("id")),
                doc.get("name"), doc.get("domain"), doc.get("category"),
                doc.getField("maxGradeStored").numericValue().intValue(), doc.get("sharing"), doc.get("opening"),
                UUID.fromString(doc.get("sourceUnit")), highlights, Float.isNaN(score) ? 0f : score);
    }

    private static Document document(CatalogDocument d) {
        Document doc = new Document();
        doc.add(new StringField("key", key(d.kind(), d.id()), Field.Store.NO));
        doc.add(new StringField("kind", d.kind().name(), Field.Store.YES));
        doc.add(new StringField("id", d.id().toString(), Field.Store.YES));
        doc.add(new TextField("name", d.name(), Field.Store.YES));
        doc.add(new org.apache.lucene.document.SortedDocValuesField("sortName",
                new org.apache.lucene.util.BytesRef(d.name())));
        doc.add(new TextField("description", d.description(), Field.Store.YES));
        doc.add(new TextField("fields", d.fieldText(), Field.Store.YES));
        doc.add(new StringField("domain", d.domain(), Field.Store.YES));
        doc.add(new StoredField("category", d.category()));
        doc.add(new IntPoint("maxGrade", d.maxGrade()));
        doc.add(new StoredField("maxGradeStored", d.maxGrade()));
        doc.add(new StringField("sharing", d.sharing(), Field.Store.YES));
        doc.add(new StringField("opening", d.opening(), Field.Store.YES));
        doc.add(new StringField("sourceUnit", d.sourceUnitId().toString(), Field.Store.YES));
        return doc;
    }

    private static String key(CatalogDocument.Kind kind, UUID id) {
        return kind.name() + ":" + id;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
