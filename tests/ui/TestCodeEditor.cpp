// The script editor: typing (indentation, Tab), the line-number gutter, problems shown on their lines and
// the moves to a line.

#include "ui/editor/CodeEditor.h"
#include "ui/shell/Theme.h"

#include <QApplication>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QToolTip>

#include <memory>

namespace {

/// Types @p keys into @p editor: '\n' is Return, '\t' Tab, '\b' Shift+Tab; other text is typed as is.
void type(CodeEditor *editor, const QString &keys)
{
    QString chunk;
    const auto flush = [&] {
        QTest::keyClicks(editor, chunk);
        chunk.clear();
    };
    for (const QChar c : keys) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\t') || c == QLatin1Char('\b')) {
            flush();
            const Qt::Key key = c == QLatin1Char('\n') ? Qt::Key_Return
                : c == QLatin1Char('\t')               ? Qt::Key_Tab
                                                       : Qt::Key_Backtab;
            QTest::keyClick(editor, key, key == Qt::Key_Backtab ? Qt::ShiftModifier : Qt::NoModifier);
        } else {
            chunk.append(c);
        }
    }
    flush();
}

QString numberedLines(int count)
{
    QStringList lines;
    for (int i = 1; i <= count; ++i)
        lines.append(QStringLiteral("line %1").arg(i));
    return lines.join(QLatin1Char('\n'));
}

QList<QTextEdit::ExtraSelection> selectionsWith(const CodeEditor &editor, bool wave)
{
    QList<QTextEdit::ExtraSelection> found;
    for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
        if ((selection.format.underlineStyle() == QTextCharFormat::WaveUnderline) == wave)
            found.append(selection);
    }
    return found;
}

/// The middle of @p line (1-based) in the editor's viewport.
QPoint pointOfLine(const CodeEditor &editor, int line)
{
    QTextCursor cursor(editor.document()->findBlockByNumber(line - 1));
    return editor.cursorRect(cursor).center() + QPoint(4, 0);
}

} // namespace

class TestCodeEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void typing_data();
    void typing();
    void tabIndentsSelectedLines();
    void readOnlyIgnoresEditingKeys();
    void lineNumberAreaGrowsWithDigits();
    void currentLineIsHighlighted();
    void diagnosticsMarkTheirLine_data();
    void diagnosticsMarkTheirLine();
    void diagnosticsOutsideTheTextAreKeptButNotShown();
    void hoverShowsTheProblem();
    void searchSelectionsStayWithDiagnostics();
    void goToLine_data();
    void goToLine();
    void clickInGutterMovesToTheLine();

private:
    std::unique_ptr<CodeEditor> m_editor;
};

void TestCodeEditor::initTestCase()
{
    Theme::instance().apply(Theme::Mode::Light);
}

void TestCodeEditor::init()
{
    m_editor = std::make_unique<CodeEditor>();
    m_editor->setObjectName(QStringLiteral("code"));
    m_editor->resize(600, 400);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void TestCodeEditor::cleanup()
{
    QToolTip::hideText();
    m_editor.reset();
}

void TestCodeEditor::typing_data()
{
    QTest::addColumn<QString>("initial");
    QTest::addColumn<int>("cursor"); // position to type at; -1 for the end
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("line"); // the cursor afterwards, 1-based
    QTest::addColumn<int>("column");

    const auto s = [](const char *text) { return QString::fromUtf8(text); };
    QTest::newRow("tab inserts two spaces") << QString() << -1 << s("\tx") << s("  x") << 1 << 4;
    QTest::newRow("enter keeps the indentation")
        << s("  foo();") << -1 << s("\nbar();") << s("  foo();\n  bar();") << 2 << 9;
    QTest::newRow("enter after a brace indents")
        << QString() << -1 << s("if (ok) {\nreturn;") << s("if (ok) {\n  return;") << 2 << 10;
    QTest::newRow("nested braces") << QString() << -1 << s("a {\nb {\nc") << s("a {\n  b {\n    c") << 3 << 6;
    QTest::newRow("closing brace outdents")
        << QString() << -1 << s("f() {\nx;\n}") << s("f() {\n  x;\n}") << 3 << 2;
    QTest::newRow("enter between brackets opens a line")
        << s("run(() => {});") << 11 << s("\n") << s("run(() => {\n  \n});") << 2 << 3;
    QTest::newRow("enter drops the spaces right of the cursor")
        << s("  a;   b;") << 4 << s("\n") << s("  a;\n  b;") << 2 << 3;
    QTest::newRow("array literal") << QString() << -1 << s("const a = [\n1,\n]") << s("const a = [\n  1,\n]")
                                   << 3 << 2;
    QTest::newRow("shift+tab outdents") << s("    x") << -1 << s("\b") << s("  x") << 1 << 4;
}

void TestCodeEditor::typing()
{
    QFETCH(QString, initial);
    QFETCH(int, cursor);
    QFETCH(QString, keys);
    QFETCH(QString, expected);
    QFETCH(int, line);
    QFETCH(int, column);

    m_editor->setPlainText(initial);
    QTextCursor textCursor(m_editor->document());
    textCursor.setPosition(cursor < 0 ? static_cast<int>(initial.size()) : cursor);
    m_editor->setTextCursor(textCursor);

    type(m_editor.get(), keys);

    QCOMPARE(m_editor->toPlainText(), expected);
    QCOMPARE(m_editor->cursorLine(), line);
    QCOMPARE(m_editor->cursorColumn(), column);
}

void TestCodeEditor::tabIndentsSelectedLines()
{
    const QString text = QStringLiteral("a\nb\n  c\nd");
    m_editor->setPlainText(text);
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(0);
    cursor.setPosition(m_editor->document()->findBlockByNumber(3).position(), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(
        cursor); // lines 1 to 3: a selection ending at the start of line 4 leaves it alone

    QTest::keyClick(m_editor.get(), Qt::Key_Tab);
    QCOMPARE(m_editor->toPlainText(), QStringLiteral("  a\n  b\n    c\nd"));
    QCOMPARE(m_editor->textCursor().selectedText(), QStringLiteral("  a\u2029  b\u2029    c"));

    QTest::keyClick(m_editor.get(), Qt::Key_Backtab, Qt::ShiftModifier);
    QTest::keyClick(m_editor.get(), Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(m_editor->toPlainText(), QStringLiteral("a\nb\nc\nd"));

    m_editor->undo();
    m_editor->undo();
    QCOMPARE(m_editor->toPlainText(), QStringLiteral("  a\n  b\n    c\nd"));
    m_editor->undo();
    QCOMPARE(m_editor->toPlainText(), text);
}

void TestCodeEditor::readOnlyIgnoresEditingKeys()
{
    m_editor->setPlainText(QStringLiteral("if (a) {"));
    m_editor->setReadOnly(true);
    m_editor->moveCursor(QTextCursor::End);

    type(m_editor.get(), QStringLiteral("\t\nx"));

    QCOMPARE(m_editor->toPlainText(), QStringLiteral("if (a) {"));
    const auto fullWidth = [this] {
        const auto selections = m_editor->extraSelections();
        return std::count_if(selections.cbegin(), selections.cend(), [](const QTextEdit::ExtraSelection &s) {
            return s.format.boolProperty(QTextFormat::FullWidthSelection);
        });
    };
    QCOMPARE(fullWidth(), 0); // no current-line highlight in a read-only view
    m_editor->setReadOnly(false);
    QCOMPARE(fullWidth(), 1);
}

void TestCodeEditor::lineNumberAreaGrowsWithDigits()
{
    auto *gutter = m_editor->findChild<QWidget *>(QStringLiteral("lineNumberArea"));
    QVERIFY(gutter);
    int previousWidth = 0;
    for (const int lines : {1, 9, 10, 99, 100, 999, 1000}) {
        m_editor->setPlainText(numberedLines(lines));
        const int width = m_editor->lineNumberAreaWidth();
        const bool newDigit = lines == 10 || lines == 100 || lines == 1000;
        if (newDigit)
            QVERIFY2(width > previousWidth, qPrintable(QStringLiteral("%1 lines").arg(lines)));
        else if (previousWidth > 0)
            QCOMPARE(width, previousWidth);
        QCOMPARE(gutter->width(), width);
        QVERIFY(m_editor->viewport()->geometry().left() >= gutter->geometry().right());
        previousWidth = width;
    }
}

void TestCodeEditor::currentLineIsHighlighted()
{
    m_editor->setPlainText(numberedLines(5));
    for (const int line : {2, 5, 1}) {
        m_editor->goToLine(line);
        const auto selections = selectionsWith(*m_editor, false);
        QCOMPARE(selections.size(), 1);
        QVERIFY(selections.first().format.boolProperty(QTextFormat::FullWidthSelection));
        QCOMPARE(selections.first().cursor.blockNumber() + 1, line);
    }
}

void TestCodeEditor::diagnosticsMarkTheirLine_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("underlined");

    QTest::newRow("whole line, skipping the indentation") << 2 << 1 << QStringLiteral("return user;");
    QTest::newRow("from the column") << 2 << 10 << QStringLiteral("user;");
    QTest::newRow("column past the end: whole line") << 3 << 40 << QStringLiteral("}");
    QTest::newRow("first line") << 1 << 1 << QStringLiteral("function f(user) {");
}

void TestCodeEditor::diagnosticsMarkTheirLine()
{
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, underlined);

    m_editor->setPlainText(QStringLiteral("function f(user) {\n  return user;\n}"));
    QSignalSpy changed(m_editor.get(), &CodeEditor::diagnosticsChanged);

    m_editor->setDiagnostics({{line, column, QStringLiteral("Unexpected token")}});

    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.takeFirst().at(0).toInt(), 1);
    const auto waves = selectionsWith(*m_editor, true);
    QCOMPARE(waves.size(), 1);
    QCOMPARE(waves.first().cursor.blockNumber() + 1, line);
    QCOMPARE(waves.first().cursor.selectedText(), underlined);
    QCOMPARE(waves.first().format.underlineColor(), Theme::instance().color(QStringLiteral("danger")));
    QCOMPARE(m_editor->diagnosticMessage(line), QStringLiteral("Unexpected token"));

    m_editor->clearDiagnostics();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.takeFirst().at(0).toInt(), 0);
    QVERIFY(selectionsWith(*m_editor, true).isEmpty());
    QCOMPARE(selectionsWith(*m_editor, false).size(), 1); // only the current line is left
    QVERIFY(m_editor->diagnosticMessage(line).isEmpty());
}

void TestCodeEditor::diagnosticsOutsideTheTextAreKeptButNotShown()
{
    m_editor->setPlainText(QStringLiteral("a\nb"));
    const QList<Diagnostic> diagnostics = {
        {2, 1, QStringLiteral("first")},
        {2, 1, QStringLiteral("second")},
        {7, 1, QStringLiteral("beyond the end")},
    };
    m_editor->setDiagnostics(diagnostics);

    QCOMPARE(m_editor->diagnostics(), diagnostics);
    const auto waves = selectionsWith(*m_editor, true);
    QCOMPARE(waves.size(), 2);
    QCOMPARE(waves.at(0).cursor.blockNumber(), 1);
    QCOMPARE(waves.at(1).cursor.blockNumber(), 1);
    QCOMPARE(m_editor->diagnosticMessage(2), QStringLiteral("first\nsecond"));
}

void TestCodeEditor::hoverShowsTheProblem()
{
    m_editor->setPlainText(QStringLiteral("const a = 1;\nconst b = ;\nconst c = 3;"));
    m_editor->setDiagnostics({{2, 11, QStringLiteral("SyntaxError: Unexpected token ';'")}});
    QWidget *viewport = m_editor->viewport();
    auto *gutter = m_editor->findChild<QWidget *>(QStringLiteral("lineNumberArea"));
    QVERIFY(gutter);

    const QPoint onLine2 = pointOfLine(*m_editor, 2);
    QHelpEvent overText(QEvent::ToolTip, onLine2, viewport->mapToGlobal(onLine2));
    QApplication::sendEvent(viewport, &overText);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("SyntaxError: Unexpected token ';'"));

    QToolTip::hideText();
    QTRY_VERIFY(!QToolTip::isVisible());
    const QPoint onLine1 = pointOfLine(*m_editor, 1);
    QHelpEvent overClean(QEvent::ToolTip, onLine1, viewport->mapToGlobal(onLine1));
    QApplication::sendEvent(viewport, &overClean);
    QVERIFY(!QToolTip::isVisible());

    const QPoint inGutter(gutter->width() / 2, onLine2.y());
    QHelpEvent overGutter(QEvent::ToolTip, inGutter, gutter->mapToGlobal(inGutter));
    QApplication::sendEvent(gutter, &overGutter);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("SyntaxError: Unexpected token ';'"));
}

void TestCodeEditor::searchSelectionsStayWithDiagnostics()
{
    m_editor->setPlainText(QStringLiteral("let a;\nlet b;"));
    QTextEdit::ExtraSelection match;
    match.cursor = QTextCursor(m_editor->document());
    match.cursor.setPosition(7);
    match.cursor.setPosition(10, QTextCursor::KeepAnchor);
    match.format.setBackground(Qt::yellow);
    m_editor->setSearchSelections({match});
    m_editor->setDiagnostics({{1, 1, QStringLiteral("unused")}});

    const auto selections = m_editor->extraSelections();
    const bool hasMatch
        = std::any_of(selections.cbegin(), selections.cend(), [](const QTextEdit::ExtraSelection &s) {
              return s.cursor.selectedText() == QLatin1String("let") && s.cursor.blockNumber() == 1;
          });
    QVERIFY(hasMatch);
    QCOMPARE(selectionsWith(*m_editor, true).size(), 1);

    m_editor->setSearchSelections({});
    m_editor->goToLine(2);
    QCOMPARE(m_editor->extraSelections().size(), selections.size() - 1);
}

void TestCodeEditor::goToLine_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("expectedLine");
    QTest::addColumn<int>("expectedColumn");

    QTest::newRow("start of a line") << 3 << 1 << 3 << 1;
    QTest::newRow("line and column") << 2 << 4 << 2 << 4;
    QTest::newRow("column past the end: end of line") << 2 << 80 << 2 << 7;
    QTest::newRow("line past the end: last line") << 99 << 1 << 40 << 1;
    QTest::newRow("line 0: first line") << 0 << 3 << 1 << 3;
}

void TestCodeEditor::goToLine()
{
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(int, expectedLine);
    QFETCH(int, expectedColumn);

    m_editor->setPlainText(numberedLines(40));
    m_editor->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_editor.get()));
    m_editor->clearFocus();

    m_editor->goToLine(line, column);

    QCOMPARE(m_editor->cursorLine(), expectedLine);
    QCOMPARE(m_editor->cursorColumn(), expectedColumn);
    QVERIFY(!m_editor->textCursor().hasSelection());
    QTRY_VERIFY(m_editor->hasFocus());
    const QRect cursorRect = m_editor->cursorRect();
    QVERIFY(m_editor->viewport()->rect().contains(cursorRect.center()));
}

void TestCodeEditor::clickInGutterMovesToTheLine()
{
    m_editor->setPlainText(numberedLines(8));
    auto *gutter = m_editor->findChild<QWidget *>(QStringLiteral("lineNumberArea"));
    QVERIFY(gutter);

    QTest::mouseClick(gutter, Qt::LeftButton, {}, QPoint(gutter->width() / 2, pointOfLine(*m_editor, 6).y()));

    QCOMPARE(m_editor->cursorLine(), 6);
    QCOMPARE(m_editor->cursorColumn(), 1);
}

QTEST_MAIN(TestCodeEditor)

#include "TestCodeEditor.moc"
