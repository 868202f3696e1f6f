// The find bar of the script editor: match counts, next and previous with wrap-around, case, the keys
// (Ctrl+F, Enter, Shift+Enter, F3, Esc) and the highlights in the editor.

#include "ui/editor/CodeEditor.h"
#include "ui/editor/FindBar.h"
#include "ui/shell/Theme.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace {

const QString kScript = QStringLiteral("const user = event.user;\n"
                                       "if (!user) {\n"
                                       "  return;\n"
                                       "}\n"
                                       "const User = 'x'; // user");

/// Where @p needle starts in @p text, every time.
QList<int> positionsOf(const QString &text, const QString &needle, Qt::CaseSensitivity sensitivity)
{
    QList<int> positions;
    for (auto at = text.indexOf(needle, 0, sensitivity); at >= 0;
         at = text.indexOf(needle, at + 1, sensitivity))
        positions.append(static_cast<int>(at));
    return positions;
}

/// The ranges of @p editor's extra selections that have no full-width background (the search matches).
QList<std::pair<int, int>> highlightedRanges(const QPlainTextEdit &editor)
{
    QList<std::pair<int, int>> ranges;
    for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
        if (!selection.format.boolProperty(QTextFormat::FullWidthSelection))
            ranges.append({selection.cursor.selectionStart(), selection.cursor.selectionEnd()});
    }
    return ranges;
}

} // namespace

class TestFindBar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void counts_data();
    void counts();
    void nextAndPreviousWrapAround();
    void searchStartsAtTheCursor();
    void caseToggle();
    void highlightsEveryMatch();
    void escapeCloses();
    void ctrlFOpensWithTheSelection();
    void f3FromTheEditor();
    void followsEditsWhileOpen();
    void worksOnAPlainTextEdit();

private:
    QLineEdit *field() const { return m_bar->findChild<QLineEdit *>(QStringLiteral("findField")); }
    QString status() const { return m_bar->findChild<QLabel *>(QStringLiteral("findStatus"))->text(); }
    int selectionStart() const { return m_editor->textCursor().selectionStart(); }

    std::unique_ptr<QWidget> m_window;
    CodeEditor *m_editor = nullptr;
    FindBar *m_bar = nullptr;
};

void TestFindBar::initTestCase()
{
    Theme::instance().apply(Theme::Mode::Light);
}

void TestFindBar::init()
{
    m_window = std::make_unique<QWidget>();
    auto *layout = new QVBoxLayout(m_window.get());
    m_editor = new CodeEditor(m_window.get());
    m_editor->setPlainText(kScript);
    m_bar = new FindBar(m_editor, m_window.get());
    layout->addWidget(m_bar);
    layout->addWidget(m_editor);
    m_window->resize(600, 300);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_editor->setFocus();
    QTRY_VERIFY(m_editor->hasFocus());
    QVERIFY(!m_bar->isVisible());
}

void TestFindBar::cleanup()
{
    m_window.reset();
}

void TestFindBar::counts_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expectedStatus");

    QTest::newRow("any case") << QStringLiteral("user") << false << 5 << QStringLiteral("1 of 5");
    QTest::newRow("matching case") << QStringLiteral("user") << true << 4 << QStringLiteral("1 of 4");
    QTest::newRow("one match") << QStringLiteral("return") << false << 1 << QStringLiteral("1 of 1");
    QTest::newRow("no match") << QStringLiteral("USER") << true << 0 << QStringLiteral("No results");
    QTest::newRow("with punctuation")
        << QStringLiteral("event.user;") << false << 1 << QStringLiteral("1 of 1");
}

void TestFindBar::counts()
{
    QFETCH(QString, needle);
    QFETCH(bool, caseSensitive);
    QFETCH(int, count);
    QFETCH(QString, expectedStatus);

    m_bar->setCaseSensitive(caseSensitive);
    m_bar->open();
    QTest::keyClicks(field(), needle);

    QCOMPARE(m_bar->matchCount(), count);
    QCOMPARE(status(), expectedStatus);
    QCOMPARE(field()->property("invalid").toBool(), count == 0);
    QCOMPARE(m_bar->findChild<QToolButton *>(QStringLiteral("findNext"))->isEnabled(), count > 0);
    if (count > 0)
        QCOMPARE(m_editor->textCursor().selectedText().compare(needle, Qt::CaseInsensitive), 0);

    field()->clear();
    QCOMPARE(m_bar->matchCount(), 0);
    QCOMPARE(status(), QString());
}

void TestFindBar::nextAndPreviousWrapAround()
{
    const QList<int> starts = positionsOf(kScript, QStringLiteral("user"), Qt::CaseInsensitive);
    QCOMPARE(starts.size(), 5);
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("user"));
    QCOMPARE(m_bar->currentMatch(), 0);
    QSignalSpy changed(m_bar, &FindBar::matchesChanged);

    for (int i = 1; i <= 5; ++i) {
        QTest::keyClick(field(), Qt::Key_Return);
        const int expected = i % 5; // after the last match the first
        QCOMPARE(m_bar->currentMatch(), expected);
        QCOMPARE(selectionStart(), starts.at(expected));
        QCOMPARE(status(), QStringLiteral("%1 of 5").arg(expected + 1));
    }
    QCOMPARE(changed.count(), 5);
    QCOMPARE(changed.last(), (QList<QVariant> {0, 5}));

    QTest::keyClick(field(), Qt::Key_Return, Qt::ShiftModifier); // before the first match the last
    QCOMPARE(m_bar->currentMatch(), 4);
    QCOMPARE(selectionStart(), starts.at(4));
    QTest::keyClick(field(), Qt::Key_Enter, Qt::ShiftModifier | Qt::KeypadModifier);
    QCOMPARE(m_bar->currentMatch(), 3);

    QTest::mouseClick(m_bar->findChild<QToolButton *>(QStringLiteral("findPrevious")), Qt::LeftButton);
    QCOMPARE(m_bar->currentMatch(), 2);
    QTest::mouseClick(m_bar->findChild<QToolButton *>(QStringLiteral("findNext")), Qt::LeftButton);
    QCOMPARE(m_bar->currentMatch(), 3);
    QVERIFY(field()->hasFocus() || m_bar->isAncestorOf(QApplication::focusWidget()));
}

void TestFindBar::searchStartsAtTheCursor()
{
    m_editor->goToLine(3); // below the first three matches
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("user"));

    QCOMPARE(m_bar->currentMatch(), 3);
    QCOMPARE(status(), QStringLiteral("4 of 5"));
    QCOMPARE(selectionStart(), static_cast<int>(kScript.indexOf(QStringLiteral("User"))));
}

void TestFindBar::caseToggle()
{
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("user"));
    QCOMPARE(m_bar->matchCount(), 5);
    auto *toggle = m_bar->findChild<QToolButton *>(QStringLiteral("findCaseSensitive"));
    QVERIFY(toggle);
    QVERIFY(!toggle->accessibleName().isEmpty());

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(m_bar->isCaseSensitive());
    QCOMPARE(m_bar->matchCount(), 4);
    QCOMPARE(status(), QStringLiteral("1 of 4"));

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!m_bar->isCaseSensitive());
    QCOMPARE(m_bar->matchCount(), 5);
}

void TestFindBar::highlightsEveryMatch()
{
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("user"));
    QTest::keyClick(field(), Qt::Key_Return);

    QList<std::pair<int, int>> expected;
    for (const int start : positionsOf(kScript, QStringLiteral("user"), Qt::CaseInsensitive))
        expected.append({start, start + 4});
    QCOMPARE(highlightedRanges(*m_editor), expected);
    const QTextEdit::ExtraSelection current = m_editor->extraSelections().at(1 + m_bar->currentMatch());
    QCOMPARE(current.format.background().color(), m_editor->palette().color(QPalette::Highlight));
}

void TestFindBar::escapeCloses()
{
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("user"));
    QVERIFY(!highlightedRanges(*m_editor).isEmpty());
    QSignalSpy changed(m_bar, &FindBar::matchesChanged);

    QTest::keyClick(field(), Qt::Key_Escape);

    QVERIFY(!m_bar->isVisible());
    QTRY_VERIFY(m_editor->hasFocus());
    QVERIFY(highlightedRanges(*m_editor).isEmpty());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first(), (QList<QVariant> {-1, 0}));

    // Open again, then Esc from the editor closes it too; an Esc with the bar closed is the editor's.
    m_bar->open();
    QCOMPARE(m_bar->matchCount(), 5);
    m_editor->setFocus();
    QTRY_VERIFY(m_editor->hasFocus());
    QTest::keyClick(m_editor, Qt::Key_Escape);
    QVERIFY(!m_bar->isVisible());
    QTest::keyClick(m_editor, Qt::Key_Escape);
    QVERIFY(!m_bar->isVisible());
    QCOMPARE(m_editor->toPlainText(), kScript);
}

void TestFindBar::ctrlFOpensWithTheSelection()
{
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(static_cast<int>(kScript.indexOf(QStringLiteral("event"))));
    cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, 5);
    m_editor->setTextCursor(cursor);

    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);

    QVERIFY(m_bar->isVisible());
    QCOMPARE(field()->text(), QStringLiteral("event"));
    QTRY_VERIFY(field()->hasFocus());
    QCOMPARE(field()->selectedText(), QStringLiteral("event"));
    QCOMPARE(status(), QStringLiteral("1 of 1"));

    // A selection over several lines is no search text: the last one stays.
    cursor.setPosition(0);
    cursor.movePosition(QTextCursor::Down, QTextCursor::KeepAnchor);
    m_editor->setTextCursor(cursor);
    m_editor->setFocus();
    QTRY_VERIFY(m_editor->hasFocus());
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(field()->text(), QStringLiteral("event"));
}

void TestFindBar::f3FromTheEditor()
{
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("const"));
    QCOMPARE(m_bar->currentMatch(), 0);
    m_editor->setFocus();
    QTRY_VERIFY(m_editor->hasFocus());

    QTest::keyClick(m_editor, Qt::Key_F3);
    QCOMPARE(m_bar->currentMatch(), 1);
    QTest::keyClick(m_editor, Qt::Key_F3);
    QCOMPARE(m_bar->currentMatch(), 0);
    QTest::keyClick(m_editor, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(m_bar->currentMatch(), 1);
    QCOMPARE(m_editor->toPlainText(), kScript);
}

void TestFindBar::followsEditsWhileOpen()
{
    m_bar->open();
    QTest::keyClicks(field(), QStringLiteral("user"));
    QCOMPARE(m_bar->matchCount(), 5);
    QSignalSpy changed(m_bar, &FindBar::matchesChanged);

    QTextCursor cursor(m_editor->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QStringLiteral("\nlog(user);"));

    QCOMPARE(m_bar->matchCount(), 6);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.last().at(1).toInt(), 6);
    QCOMPARE(highlightedRanges(*m_editor).size(), 6);
}

void TestFindBar::worksOnAPlainTextEdit()
{
    QPlainTextEdit plain;
    plain.setPlainText(QStringLiteral("a b a b a"));
    FindBar bar(&plain);
    bar.setSearchText(QStringLiteral("a"));
    bar.open();

    QCOMPARE(bar.matchCount(), 3);
    QCOMPARE(highlightedRanges(plain).size(), 3);
    bar.findPrevious();
    QCOMPARE(bar.currentMatch(), 2);
    bar.dismiss();
    QVERIFY(plain.extraSelections().isEmpty());
}

QTEST_MAIN(TestFindBar)

#include "TestFindBar.moc"
