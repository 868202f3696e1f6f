#include "core/common/TextDiff.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <vector>

namespace {

/// A diff written compactly, one entry a line: "=1,1 text", "-2,0 text" or "+0,2 text".
QStringList describe(const QList<DiffLine> &diff)
{
    QStringList result;
    for (const DiffLine &line : diff) {
        const QChar sign = line.kind == DiffLine::Kind::Same ? QLatin1Char('=')
            : line.kind == DiffLine::Kind::Added             ? QLatin1Char('+')
                                                             : QLatin1Char('-');
        result.append(
            QStringLiteral("%1%2,%3 %4").arg(sign).arg(line.oldLine).arg(line.newLine).arg(line.text));
    }
    return result;
}

QStringList sideOf(const QList<DiffLine> &diff, DiffLine::Kind kept)
{
    QStringList result;
    for (const DiffLine &line : diff) {
        if (line.kind == DiffLine::Kind::Same || line.kind == kept)
            result.append(line.text);
    }
    return result;
}

/// The length of the longest common subsequence, by dynamic programming: what a minimal diff keeps.
int lcsLength(const QStringList &a, const QStringList &b)
{
    std::vector<int> previous(static_cast<size_t>(b.size()) + 1, 0);
    std::vector<int> current(previous.size(), 0);
    for (const QString &line : a) {
        for (qsizetype j = 0; j < b.size(); ++j) {
            const auto k = static_cast<size_t>(j);
            current[k + 1] = line == b.at(j) ? previous[k] + 1 : std::max(previous[k + 1], current[k]);
        }
        std::swap(previous, current);
    }
    return previous.back();
}

/// A source file of @p count lines drawn from a small vocabulary, so that lines repeat as in real code.
QStringList randomLines(QRandomGenerator &random, int count)
{
    static const QStringList vocabulary = {
        QStringLiteral("}"),
        QStringLiteral("  return;"),
        QStringLiteral(""),
        QStringLiteral("  const user = event.user;"),
        QStringLiteral("  if (!user) {"),
        QStringLiteral("    api.access.deny('no user');"),
        QStringLiteral("exports.onExecutePostLogin = async (event, api) => {"),
        QStringLiteral("  // log the attempt"),
    };
    QStringList lines;
    for (int i = 0; i < count; ++i) {
        const bool unique = random.bounded(3) == 0;
        lines.append(unique ? QStringLiteral("  line%1();").arg(random.bounded(100000))
                            : vocabulary.at(random.bounded(static_cast<int>(vocabulary.size()))));
    }
    return lines;
}

} // namespace

class TestTextDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lines_data();
    void lines();
    void counts();
    void largeFiles_data();
    void largeFiles();
};

void TestTextDiff::lines_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");

    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    QTest::newRow("equal") << s("a\nb\nc") << s("a\nb\nc")
                           << QStringList {s("=1,1 a"), s("=2,2 b"), s("=3,3 c")};
    QTest::newRow("both empty") << QString() << QString() << QStringList();
    QTest::newRow("empty before") << QString() << s("a\nb") << QStringList {s("+0,1 a"), s("+0,2 b")};
    QTest::newRow("empty after") << s("a\nb") << QString() << QStringList {s("-1,0 a"), s("-2,0 b")};
    QTest::newRow("insert at start") << s("b\nc") << s("a\nb\nc")
                                     << QStringList {s("+0,1 a"), s("=1,2 b"), s("=2,3 c")};
    QTest::newRow("insert in the middle")
        << s("a\nc") << s("a\nb\nc") << QStringList {s("=1,1 a"), s("+0,2 b"), s("=2,3 c")};
    QTest::newRow("insert at end") << s("a\nb") << s("a\nb\nc")
                                   << QStringList {s("=1,1 a"), s("=2,2 b"), s("+0,3 c")};
    QTest::newRow("delete") << s("a\nb\nc\nd") << s("a\nd")
                            << QStringList {s("=1,1 a"), s("-2,0 b"), s("-3,0 c"), s("=4,2 d")};
    QTest::newRow("replace one line")
        << s("a\nb\nc") << s("a\nB\nc") << QStringList {s("=1,1 a"), s("-2,0 b"), s("+0,2 B"), s("=3,3 c")};
    QTest::newRow("replace a stretch: removed lines first")
        << s("a\nb\nc\nd") << s("a\nX\nY\nd")
        << QStringList {s("=1,1 a"), s("-2,0 b"), s("-3,0 c"), s("+0,2 X"), s("+0,3 Y"), s("=4,4 d")};
    QTest::newRow("nothing in common")
        << s("a\nb") << s("c") << QStringList {s("-1,0 a"), s("-2,0 b"), s("+0,1 c")};
    QTest::newRow("trailing newline added")
        << s("a\nb") << s("a\nb\n") << QStringList {s("=1,1 a"), s("=2,2 b"), s("+0,3 ")};
    QTest::newRow("trailing newline on both")
        << s("a\n") << s("b\n") << QStringList {s("-1,0 a"), s("+0,1 b"), s("=2,2 ")};
    QTest::newRow("repeated lines keep the most")
        << s("}\n}\nx\n}") << s("}\nx\n}\n}")
        << QStringList {s("=1,1 }"), s("-2,0 }"), s("=3,2 x"), s("+0,3 }"), s("=4,4 }")};
    QTest::newRow("indentation counts") << s("  a") << s("a") << QStringList {s("-1,0   a"), s("+0,1 a")};
}

void TestTextDiff::lines()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QStringList, expected);

    const QList<DiffLine> diff = TextDiff::lines(before, after);
    QCOMPARE(describe(diff), expected);
}

void TestTextDiff::counts()
{
    const QList<DiffLine> diff
        = TextDiff::lines(QStringLiteral("a\nb\nc\nd"), QStringLiteral("a\nX\nc\nY\nZ"));
    const TextDiff::Counts counts = TextDiff::counts(diff);
    QCOMPARE(counts.added, 3);
    QCOMPARE(counts.removed, 2);
    QVERIFY(!counts.isEmpty());
    QVERIFY(TextDiff::counts(TextDiff::lines(QStringLiteral("same"), QStringLiteral("same"))).isEmpty());
}

void TestTextDiff::largeFiles_data()
{
    QTest::addColumn<int>("edits"); // random line edits applied to a 2,000-line file; -1: a whole new file

    QTest::newRow("a few edits") << 12;
    QTest::newRow("many edits") << 400;
    QTest::newRow("nothing in common") << -1;
}

void TestTextDiff::largeFiles()
{
    QFETCH(int, edits);

    QRandomGenerator random(20261107u);
    const QStringList before = randomLines(random, 2000);
    QStringList after = before;
    if (edits < 0) {
        after.clear();
        for (int i = 0; i < 2000; ++i)
            after.append(QStringLiteral("other %1").arg(i));
    }
    for (int i = 0; i < edits; ++i) {
        const int at = random.bounded(static_cast<int>(after.size()));
        switch (random.bounded(3)) {
        case 0:
            after.removeAt(at);
            break;
        case 1:
            after.insert(at, QStringLiteral("  inserted%1();").arg(i));
            break;
        default:
            after[at] = QStringLiteral("  replaced%1();").arg(i);
        }
    }

    QElapsedTimer timer;
    timer.start();
    const QList<DiffLine> diff
        = TextDiff::lines(before.join(QLatin1Char('\n')), after.join(QLatin1Char('\n')));
    const qint64 elapsedMs = timer.elapsed();

    QCOMPARE(sideOf(diff, DiffLine::Kind::Removed), before);
    QCOMPARE(sideOf(diff, DiffLine::Kind::Added), after);
    int oldLine = 0;
    int newLine = 0;
    for (const DiffLine &line : diff) {
        QCOMPARE(line.oldLine, line.kind == DiffLine::Kind::Added ? 0 : ++oldLine);
        QCOMPARE(line.newLine, line.kind == DiffLine::Kind::Removed ? 0 : ++newLine);
    }
    const auto same = std::count_if(
        diff.cbegin(), diff.cend(), [](const DiffLine &line) { return line.kind == DiffLine::Kind::Same; });
    QCOMPARE(int(same), lcsLength(before, after));
    // Generous, for a loaded machine: the diff itself takes a few milliseconds.
    QVERIFY2(elapsedMs < 2000, qPrintable(QStringLiteral("took %1 ms").arg(elapsedMs)));
}

QTEST_APPLESS_MAIN(TestTextDiff)

#include "TestTextDiff.moc"
