// SearchIndex: folding a search into words, when a new search narrows the last one, the texts kept in
// one block through inserts and removals, and matching against them.

#include "ui/applications/SearchIndex.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

QStringList textsOf(const SearchIndex &index)
{
    QStringList texts;
    for (int row = 0; row < index.size(); ++row) {
        const std::string_view text = index.text(row);
        texts.append(QString::fromUtf8(text.data(), qsizetype(text.size())));
    }
    return texts;
}

/// What the index must answer, by QString alone: the rows of @p texts holding every word of @p search.
QList<int> expectedMatches(const QStringList &texts, const QString &search)
{
    const QStringList words = search.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<int> rows;
    for (int row = 0; row < texts.size(); ++row) {
        const QString text = texts.at(row).toLower();
        if (std::all_of(words.cbegin(), words.cend(), [&text](const QString &w) { return text.contains(w); }))
            rows.append(row);
    }
    return rows;
}

} // namespace

class TestSearchIndex : public QObject
{
    Q_OBJECT

private slots:
    void words_data();
    void words();
    void narrows_data();
    void narrows();
    void insertAndRemoveKeepTheTexts();
    void matching_data();
    void matching();
    void narrowingFindsWhatAFreshSearchFinds();
};

void TestSearchIndex::words_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QByteArrayList>("expected");

    QTest::newRow("empty") << QString() << QByteArrayList {};
    QTest::newRow("only spaces") << QStringLiteral("   ") << QByteArrayList {};
    QTest::newRow("one word, folded") << QStringLiteral("Portal") << QByteArrayList {"portal"};
    QTest::newRow("spaces around and between")
        << QStringLiteral("  Customer   PORTAL ") << QByteArrayList {"customer", "portal"};
    QTest::newRow("a word twice, once") << QStringLiteral("app App") << QByteArrayList {"app"};
    QTest::newRow("beyond ASCII") << QStringLiteral("ÜBER Straße") << QByteArrayList {"über", "straße"};
}

void TestSearchIndex::words()
{
    QFETCH(QString, search);
    QFETCH(QByteArrayList, expected);
    QCOMPARE(SearchIndex::words(search), expected);
}

void TestSearchIndex::narrows_data()
{
    QTest::addColumn<QString>("previous");
    QTest::addColumn<QString>("next");
    QTest::addColumn<bool>("narrower");

    QTest::newRow("from nothing") << QString() << QStringLiteral("app") << true;
    QTest::newRow("a key typed") << QStringLiteral("ap") << QStringLiteral("app") << true;
    QTest::newRow("a word added") << QStringLiteral("app") << QStringLiteral("app 1") << true;
    QTest::newRow("the last word longer") << QStringLiteral("app 1") << QStringLiteral("app 12") << true;
    QTest::newRow("two words joined") << QStringLiteral("1 2") << QStringLiteral("12") << true;
    QTest::newRow("the same") << QStringLiteral("app") << QStringLiteral("APP") << true;
    QTest::newRow("a key deleted") << QStringLiteral("app") << QStringLiteral("ap") << false;
    QTest::newRow("cleared") << QStringLiteral("app") << QString() << false;
    QTest::newRow("a word dropped") << QStringLiteral("app 1") << QStringLiteral("app") << false;
    QTest::newRow("a word replaced") << QStringLiteral("portal") << QStringLiteral("mobile") << false;
    QTest::newRow("a key changed mid-word") << QStringLiteral("abc") << QStringLiteral("axc") << false;
}

void TestSearchIndex::narrows()
{
    QFETCH(QString, previous);
    QFETCH(QString, next);
    QFETCH(bool, narrower);
    QCOMPARE(SearchIndex::narrows(SearchIndex::words(previous), SearchIndex::words(next)), narrower);
}

void TestSearchIndex::insertAndRemoveKeepTheTexts()
{
    // Random inserts and removals at every position, checked against a plain list after each step.
    SearchIndex index;
    QStringList reference;
    QRandomGenerator random(17);
    for (int step = 0; step < 400; ++step) {
        if (reference.isEmpty() || random.bounded(3) != 0) {
            const int row = random.bounded(int(reference.size()) + 1);
            const QString text = QStringLiteral("App %1 Ä%2").arg(random.bounded(1000)).arg(step);
            index.insert(row, text);
            reference.insert(row, text.toLower());
        } else {
            const int row = random.bounded(int(reference.size()));
            index.remove(row);
            reference.removeAt(row);
        }
        QCOMPARE(index.size(), reference.size());
        QCOMPARE(textsOf(index), reference);
    }
    index.clear();
    QCOMPARE(index.size(), 0);
    index.append(QStringLiteral("Only One"));
    QCOMPARE(textsOf(index), QStringList {QStringLiteral("only one")});
}

void TestSearchIndex::matching_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QList<int>>("expected");

    // The texts: "Customer Portal abc123", "Customer Mobile def456", "Billing Backend abc789", "Ünïcode
    // Straße".
    QTest::newRow("no words: every row") << QString() << QList<int> {0, 1, 2, 3};
    QTest::newRow("a word in two rows") << QStringLiteral("customer") << QList<int> {0, 1};
    QTest::newRow("two words, any order") << QStringLiteral("portal customer") << QList<int> {0};
    QTest::newRow("part of a client ID") << QStringLiteral("ABC") << QList<int> {0, 2};
    QTest::newRow("not across two rows") << QStringLiteral("abc123customer") << QList<int> {};
    QTest::newRow("not across name and ID") << QStringLiteral("portalabc") << QList<int> {};
    QTest::newRow("beyond ASCII, folded") << QStringLiteral("ÜNÏ STRASSE") << QList<int> {};
    QTest::newRow("beyond ASCII") << QStringLiteral("ÜNÏ straße") << QList<int> {3};
    QTest::newRow("nothing") << QStringLiteral("xylophone") << QList<int> {};
}

void TestSearchIndex::matching()
{
    QFETCH(QString, search);
    QFETCH(QList<int>, expected);
    SearchIndex index;
    for (const char *text :
         {"Customer Portal abc123", "Customer Mobile def456", "Billing Backend abc789", "Ünïcode Straße"})
        index.append(QString::fromUtf8(text));
    const QByteArrayList words = SearchIndex::words(search);
    QCOMPARE(index.matchingAll(words), expected);
    QCOMPARE(index.matching({0, 1, 2, 3}, words), expected);
    // Candidates limit the answer.
    QList<int> odd;
    std::copy_if(
        expected.cbegin(), expected.cend(), std::back_inserter(odd), [](int row) { return row % 2; });
    QCOMPARE(index.matching({1, 3}, words), odd);
    for (int row = 0; row < index.size(); ++row)
        QCOMPARE(index.matches(row, words), expected.contains(row));
}

void TestSearchIndex::narrowingFindsWhatAFreshSearchFinds()
{
    // Typed one key at a time, each search that narrows the last is answered from the last one's rows only,
    // as ApplicationFilterModel does; it must find exactly what a search over every row finds.
    SearchIndex index;
    QStringList texts;
    QRandomGenerator random(23);
    for (int row = 0; row < 2000; ++row) {
        const QString text
            = QStringLiteral("app %1 %2").arg(random.bounded(5000)).arg(random.bounded(1u << 30), 0, 36);
        index.append(text);
        texts.append(text);
    }
    const QStringList typed {QStringLiteral("a"),
                             QStringLiteral("ap"),
                             QStringLiteral("app"),
                             QStringLiteral("app "),
                             QStringLiteral("app 1"),
                             QStringLiteral("app 12"),
                             QStringLiteral("app 12 "),
                             QStringLiteral("app 12 k"),
                             QStringLiteral("app 12"),
                             QStringLiteral("app 1"),
                             QStringLiteral("1 app"),
                             QStringLiteral("12app")};
    QByteArrayList words;
    QList<int> rows = index.matchingAll(words);
    for (const QString &search : typed) {
        const QByteArrayList next = SearchIndex::words(search);
        rows = SearchIndex::narrows(words, next) ? index.matching(rows, next) : index.matchingAll(next);
        words = next;
        QCOMPARE(rows, expectedMatches(texts, search));
    }
}

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "TestSearchIndex.moc"
