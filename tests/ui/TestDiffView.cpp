// The diff of a saved version with the draft: the summary, the rows shown (with folded unchanged
// stretches), the titles, the gutter and the row colours in both looks.

#include "ui/editor/CodeEditor.h"
#include "ui/editor/DiffTextView.h"
#include "ui/editor/DiffView.h"
#include "ui/shell/Theme.h"

#include <QLabel>
#include <QTest>
#include <QTextBlock>

#include <memory>

namespace {

QString numberedLines(int count, int changed = 0)
{
    QStringList lines;
    for (int i = 1; i <= count; ++i)
        lines.append(i == changed ? QStringLiteral("LINE %1").arg(i) : QStringLiteral("line %1").arg(i));
    return lines.join(QLatin1Char('\n'));
}

DiffTextView *body(const DiffView &view)
{
    return qobject_cast<DiffTextView *>(view.textView());
}

/// The rows as "fold N" or the line's text, in order.
QStringList describeRows(const DiffView &view)
{
    QStringList rows;
    for (const DiffTextView::Row &row : body(view)->rows())
        rows.append(row.diffIndex < 0 ? QStringLiteral("fold %1").arg(row.folded)
                                      : view.diff().at(row.diffIndex).text);
    return rows;
}

} // namespace

class TestDiffView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void summary_data();
    void summary();
    void equalTextsShowEveryLine();
    void longUnchangedStretchesFold();
    void shortUnchangedStretchesStay();
    void titles();
    void gutterGrowsWithLineNumbers();
    void isReadOnly();
    void rowColors_data();
    void rowColors();

private:
    std::unique_ptr<DiffView> m_view;
};

void TestDiffView::initTestCase()
{
    Theme::instance().apply(Theme::Mode::Light);
}

void TestDiffView::init()
{
    m_view = std::make_unique<DiffView>();
    m_view->resize(600, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QVERIFY(body(*m_view));
}

void TestDiffView::cleanup()
{
    m_view.reset();
    Theme::instance().apply(Theme::Mode::Light);
}

void TestDiffView::summary_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<int>("added");
    QTest::addColumn<int>("removed");

    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    QTest::newRow("equal") << s("a\nb") << s("a\nb") << s("No differences") << 0 << 0;
    QTest::newRow("both empty") << QString() << QString() << s("No differences") << 0 << 0;
    QTest::newRow("lines added") << s("a") << s("a\nb\nc") << s("+2 \u22120") << 2 << 0;
    QTest::newRow("lines removed") << s("a\nb\nc") << s("c") << s("+0 \u22122") << 0 << 2;
    QTest::newRow("line replaced") << s("a\nb") << s("a\nB") << s("+1 \u22121") << 1 << 1;
    QTest::newRow("from nothing") << QString() << s("x\ny") << s("+2 \u22120") << 2 << 0;
}

void TestDiffView::summary()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, summary);
    QFETCH(int, added);
    QFETCH(int, removed);

    m_view->setTexts(before, after);

    QCOMPARE(m_view->summaryText(), summary);
    QCOMPARE(m_view->counts().added, added);
    QCOMPARE(m_view->counts().removed, removed);
    auto *label = m_view->findChild<QLabel *>(QStringLiteral("diffSummary"));
    QVERIFY(label);
    QCOMPARE(label->accessibleName(), summary);
    QVERIFY(label->text().contains(added + removed == 0 ? summary : QString::number(added)));
}

void TestDiffView::equalTextsShowEveryLine()
{
    const QString text = numberedLines(20);
    m_view->setTexts(text, text);

    QCOMPARE(body(*m_view)->rows().size(), 20);
    QCOMPARE(m_view->textView()->toPlainText(), text);
    QCOMPARE(m_view->summaryText(), QStringLiteral("No differences"));
}

void TestDiffView::longUnchangedStretchesFold()
{
    m_view->setTexts(numberedLines(30), numberedLines(30, 15));

    const QStringList folded = {
        QStringLiteral("fold 11"),
        QStringLiteral("line 12"),
        QStringLiteral("line 13"),
        QStringLiteral("line 14"),
        QStringLiteral("line 15"),
        QStringLiteral("LINE 15"),
        QStringLiteral("line 16"),
        QStringLiteral("line 17"),
        QStringLiteral("line 18"),
        QStringLiteral("fold 12"),
    };
    QCOMPARE(describeRows(*m_view), folded);
    QCOMPARE(m_view->textView()->blockCount(), folded.size());
    QCOMPARE(m_view->textView()->document()->findBlockByNumber(1).text(), QStringLiteral("line 12"));
    QVERIFY(m_view->textView()->document()->findBlockByNumber(0).text().isEmpty());

    m_view->setContextLines(-1);
    QCOMPARE(describeRows(*m_view).size(), 31);
    QVERIFY(!describeRows(*m_view).join(QLatin1Char(',')).contains(QLatin1String("fold")));

    m_view->setContextLines(0);
    QCOMPARE(describeRows(*m_view),
             (QStringList {QStringLiteral("fold 14"),
                           QStringLiteral("line 15"),
                           QStringLiteral("LINE 15"),
                           QStringLiteral("fold 15")}));
}

void TestDiffView::shortUnchangedStretchesStay()
{
    m_view->setTexts(numberedLines(10), numberedLines(10, 5));

    // Line 1 is four lines from the change: one line is not worth a fold.
    QCOMPARE(describeRows(*m_view).size(), 11);
    QCOMPARE(describeRows(*m_view).first(), QStringLiteral("line 1"));
}

void TestDiffView::titles()
{
    m_view->setTitles(QStringLiteral("Version 3"), QStringLiteral("Draft"));

    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("diffBeforeTitle"))->text(),
             QStringLiteral("Version 3"));
    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("diffAfterTitle"))->text(), QStringLiteral("Draft"));
    QVERIFY(m_view->accessibleName().contains(QLatin1String("Version 3")));
    QVERIFY(m_view->accessibleName().contains(QLatin1String("Draft")));
}

void TestDiffView::gutterGrowsWithLineNumbers()
{
    m_view->setTexts(numberedLines(9), numberedLines(9, 2));
    const int narrow = m_view->textView()->lineNumberAreaWidth();
    m_view->setTexts(numberedLines(9), numberedLines(120, 2));
    const int wider = m_view->textView()->lineNumberAreaWidth();
    m_view->setTexts(numberedLines(120), numberedLines(120, 2));
    const int widest = m_view->textView()->lineNumberAreaWidth();

    QVERIFY(wider > narrow); // the new side's numbers have three digits
    QVERIFY(widest > wider); // and now the old side's too
    auto *gutter = m_view->textView()->findChild<QWidget *>(QStringLiteral("lineNumberArea"));
    QVERIFY(gutter);
    QCOMPARE(gutter->width(), widest);
}

void TestDiffView::isReadOnly()
{
    m_view->setTexts(QStringLiteral("a"), QStringLiteral("b"));
    const QString shown = m_view->textView()->toPlainText();
    QVERIFY(m_view->textView()->isReadOnly());

    QTest::keyClicks(m_view->textView(), QStringLiteral("typed"));
    QTest::keyClick(m_view->textView(), Qt::Key_Return);

    QCOMPARE(m_view->textView()->toPlainText(), shown);
}

void TestDiffView::rowColors_data()
{
    QTest::addColumn<Theme::Mode>("mode");

    QTest::newRow("light") << Theme::Mode::Light;
    QTest::newRow("dark") << Theme::Mode::Dark;
}

void TestDiffView::rowColors()
{
    QFETCH(Theme::Mode, mode);

    Theme::instance().apply(mode);
    m_view->setTexts(QStringLiteral("same\nold\nsame too"), QStringLiteral("same\nnew\nsame too"));
    CodeEditor *text = m_view->textView();
    const QImage image = text->viewport()->grab().toImage();
    const auto pixelOfRow = [&](int row) {
        const QPoint center
            = text->cursorRect(QTextCursor(text->document()->findBlockByNumber(row))).center();
        return image.pixelColor(image.width() - 4, center.y());
    };

    const QColor base = text->palette().color(QPalette::Base);
    const QColor same = pixelOfRow(0);
    const QColor removed = pixelOfRow(1);
    const QColor added = pixelOfRow(2);
    QCOMPARE(same, base);
    QVERIFY2(removed.red() > removed.green() && removed.red() > removed.blue(), qPrintable(removed.name()));
    QVERIFY2(added.green() > added.red() && added.green() > added.blue(), qPrintable(added.name()));
    // A tint, not a block of colour: the text on it stays readable.
    const int baseLightness = base.lightness();
    QVERIFY(std::abs(removed.lightness() - baseLightness) < 40);
    QVERIFY(std::abs(added.lightness() - baseLightness) < 40);
}

QTEST_MAIN(TestDiffView)

#include "TestDiffView.moc"
