// The console of a script run: rows with time, level and text, the level colours in both looks, and the
// scrolling as lines come in.

#include "ui/editor/ConsoleView.h"
#include "ui/shell/Theme.h"

#include <QScrollBar>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <memory>

Q_DECLARE_METATYPE(ConsoleView::Level)

namespace {

/// The colour of the character at @p column of line @p line.
QColor colorAt(const ConsoleView &view, int line, int column)
{
    QTextCursor cursor(view.document()->findBlockByNumber(line));
    cursor.setPosition(cursor.block().position() + column + 1);
    return cursor.charFormat().foreground().color();
}

QList<ConsoleLine> manyLines(int count)
{
    QList<ConsoleLine> lines;
    for (int i = 0; i < count; ++i)
        lines.append({QStringLiteral("log"), QStringLiteral("line %1").arg(i), double(i)});
    return lines;
}

} // namespace

class TestConsoleView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void levelOf_data();
    void levelOf();
    void timeText_data();
    void timeText();
    void rowsShowTimeLevelAndText();
    void longMessagesLineUp();
    void levelColorsFollowTheme_data();
    void levelColorsFollowTheme();
    void appendKeepsTheBottomInView();
    void clearLines();

private:
    std::unique_ptr<ConsoleView> m_view;
};

void TestConsoleView::initTestCase()
{
    Theme::instance().apply(Theme::Mode::Light);
}

void TestConsoleView::init()
{
    m_view = std::make_unique<ConsoleView>();
    m_view->resize(500, 200);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestConsoleView::cleanup()
{
    m_view.reset();
    Theme::instance().apply(Theme::Mode::Light);
}

void TestConsoleView::levelOf_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ConsoleView::Level>("level");

    QTest::newRow("log") << QStringLiteral("log") << ConsoleView::Level::Log;
    QTest::newRow("info") << QStringLiteral("info") << ConsoleView::Level::Info;
    QTest::newRow("warn") << QStringLiteral("warn") << ConsoleView::Level::Warn;
    QTest::newRow("warning") << QStringLiteral("warning") << ConsoleView::Level::Warn;
    QTest::newRow("error, any case") << QStringLiteral("ERROR") << ConsoleView::Level::Error;
    QTest::newRow("debug counts as log") << QStringLiteral("debug") << ConsoleView::Level::Log;
    QTest::newRow("empty") << QString() << ConsoleView::Level::Log;
}

void TestConsoleView::levelOf()
{
    QFETCH(QString, name);
    QFETCH(ConsoleView::Level, level);

    QCOMPARE(ConsoleView::levelOf(name), level);
}

void TestConsoleView::timeText_data()
{
    QTest::addColumn<double>("atMs");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << 0.0 << QStringLiteral("0.0 ms");
    QTest::newRow("under ten: one decimal") << 3.25 << QStringLiteral("3.3 ms");
    QTest::newRow("ten and more: whole") << 12.4 << QStringLiteral("12 ms");
    QTest::newRow("seconds") << 1250.6 << QStringLiteral("1251 ms");
}

void TestConsoleView::timeText()
{
    QFETCH(double, atMs);
    QFETCH(QString, text);

    QCOMPARE(ConsoleView::timeText(atMs), text);
}

void TestConsoleView::rowsShowTimeLevelAndText()
{
    m_view->setLines({
        {QStringLiteral("log"), QStringLiteral("starting"), 0.4},
        {QStringLiteral("warn"), QStringLiteral("slow"), 12},
        {QStringLiteral("error"), QStringLiteral("failed"), 1250},
    });

    QCOMPARE(m_view->lines().size(), 3);
    QCOMPARE(m_view->toPlainText(),
             QStringLiteral("  0.4 ms  log    starting\n"
                            "   12 ms  warn   slow\n"
                            " 1250 ms  error  failed"));
    QCOMPARE(m_view->document()->findBlockByNumber(0).userState(), int(ConsoleView::Level::Log));
    QCOMPARE(m_view->document()->findBlockByNumber(1).userState(), int(ConsoleView::Level::Warn));
    QCOMPARE(m_view->document()->findBlockByNumber(2).userState(), int(ConsoleView::Level::Error));
    QVERIFY(m_view->isReadOnly());
}

void TestConsoleView::longMessagesLineUp()
{
    m_view->setLines(
        {{QStringLiteral("error"), QStringLiteral("TypeError: x is undefined\n    at line 3"), 5}});

    QCOMPARE(m_view->blockCount(), 2);
    const QString first = m_view->document()->firstBlock().text();
    const QString second = m_view->document()->lastBlock().text();
    QCOMPARE(second.indexOf(QLatin1String("    at line 3")), first.indexOf(QLatin1String("TypeError")));
    QCOMPARE(m_view->document()->lastBlock().userState(), int(ConsoleView::Level::Error));
}

void TestConsoleView::levelColorsFollowTheme_data()
{
    QTest::addColumn<Theme::Mode>("mode");

    QTest::newRow("light") << Theme::Mode::Light;
    QTest::newRow("dark") << Theme::Mode::Dark;
}

void TestConsoleView::levelColorsFollowTheme()
{
    QFETCH(Theme::Mode, mode);

    m_view->setLines({
        {QStringLiteral("warn"), QStringLiteral("slow"), 12},
        {QStringLiteral("error"), QStringLiteral("failed"), 20},
    });
    Theme::instance().apply(mode);

    const int levelColumn = 10;
    const int textColumn = 17;
    QCOMPARE(colorAt(*m_view, 0, levelColumn), Theme::instance().color(QStringLiteral("warning")));
    QCOMPARE(colorAt(*m_view, 1, levelColumn), Theme::instance().color(QStringLiteral("danger")));
    QCOMPARE(colorAt(*m_view, 1, textColumn), m_view->palette().color(QPalette::Text));
    QCOMPARE(colorAt(*m_view, 1, 0), m_view->palette().color(QPalette::PlaceholderText));
}

void TestConsoleView::appendKeepsTheBottomInView()
{
    m_view->setLines(manyLines(100));
    QScrollBar *scroll = m_view->verticalScrollBar();
    QVERIFY(scroll->maximum() > 0);
    scroll->setValue(scroll->maximum());

    m_view->appendLine({QStringLiteral("info"), QStringLiteral("one more"), 101});
    QCOMPARE(m_view->lines().size(), 101);
    QCOMPARE(m_view->document()->lastBlock().text().right(8), QStringLiteral("one more"));
    QCOMPARE(scroll->value(), scroll->maximum());

    scroll->setValue(0); // reading earlier lines: new ones do not pull the view down
    m_view->appendLine({QStringLiteral("info"), QStringLiteral("and another"), 102});
    QCOMPARE(scroll->value(), 0);
}

void TestConsoleView::clearLines()
{
    m_view->setLines(manyLines(3));
    m_view->clearLines();

    QVERIFY(m_view->lines().isEmpty());
    QVERIFY(m_view->document()->isEmpty());
    QVERIFY(!m_view->placeholderText().isEmpty());
}

QTEST_MAIN(TestConsoleView)

#include "TestConsoleView.moc"
