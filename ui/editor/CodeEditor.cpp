#include "CodeEditor.h"

#include "ui/editor/EditorColors.h"
#include "ui/editor/LineNumberArea.h"
#include "ui/shell/Theme.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace {

constexpr int kIndentWidth = 2;
constexpr int kMarkerSpace = 16; ///< room for the problem marker, left of the numbers
constexpr int kGutterPadding = 12; ///< between the numbers and the text

const QString &indentUnit()
{
    static const QString unit(kIndentWidth, QLatin1Char(' '));
    return unit;
}

int leadingSpaces(const QString &text)
{
    int count = 0;
    while (count < text.size() && text.at(count) == QLatin1Char(' '))
        ++count;
    return count;
}

QString leadingWhitespace(const QString &text)
{
    int count = 0;
    while (count < text.size() && (text.at(count) == QLatin1Char(' ') || text.at(count) == QLatin1Char('\t')))
        ++count;
    return text.left(count);
}

/// The bracket that closes @p opener, or a null QChar when @p opener opens nothing.
QChar closerOf(QChar opener)
{
    switch (opener.unicode()) {
    case '{':
        return QLatin1Char('}');
    case '(':
        return QLatin1Char(')');
    case '[':
        return QLatin1Char(']');
    default:
        return {};
    }
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new LineNumberArea(this))
{
    setAccessibleName(tr("Code"));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        updateExtraSelections();
        m_lineNumberArea->update();
    });

    applyFontMetrics();
    updateExtraSelections();
}

void CodeEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    updateExtraSelections();
    m_lineNumberArea->update();
    Q_EMIT diagnosticsChanged(static_cast<int>(m_diagnostics.size()));
}

void CodeEditor::clearDiagnostics()
{
    setDiagnostics({});
}

QString CodeEditor::diagnosticMessage(int line) const
{
    QStringList messages;
    for (const Diagnostic &diagnostic : m_diagnostics) {
        if (diagnostic.line == line)
            messages.append(diagnostic.message);
    }
    return messages.join(QLatin1Char('\n'));
}

void CodeEditor::goToLine(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(qBound(1, line, blockCount()) - 1);
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + qBound(1, column, block.length()) - 1);
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

int CodeEditor::cursorLine() const
{
    return textCursor().blockNumber() + 1;
}

int CodeEditor::cursorColumn() const
{
    return textCursor().positionInBlock() + 1;
}

int CodeEditor::lineNumberAreaWidth() const
{
    const int digits = static_cast<int>(QString::number(qMax(1, blockCount())).size());
    return kMarkerSpace + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + kGutterPadding;
}

void CodeEditor::setSearchSelections(const QList<QTextEdit::ExtraSelection> &selections)
{
    m_searchSelections = selections;
    updateExtraSelections();
}

void CodeEditor::paintGutterLine(QPainter &painter, const QTextBlock &block, const QRect &rect)
{
    const int line = block.blockNumber() + 1;
    const bool problem = !diagnosticMessage(line).isEmpty();
    const bool current = !isReadOnly() && line == cursorLine();
    const QRect numberRect(
        kMarkerSpace, rect.top(), rect.width() - kMarkerSpace - kGutterPadding, fontMetrics().height());
    if (problem) {
        const QColor danger = Theme::instance().color(QStringLiteral("danger"));
        const int size = fontMetrics().height() / 3 + 1;
        painter.setPen(Qt::NoPen);
        painter.setBrush(danger);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.drawEllipse(
            QRectF((kMarkerSpace - size) / 2.0 + 1, numberRect.center().y() - size / 2.0 + 1, size, size));
        painter.setPen(danger);
    } else {
        painter.setPen(palette().color(current ? QPalette::Text : QPalette::PlaceholderText));
    }
    painter.drawText(numberRect, Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection currentLine;
        const qreal tint = EditorColors::isDark(palette()) ? 0.10 : 0.07;
        currentLine.format.setBackground(
            EditorColors::mix(palette().color(QPalette::Base), palette().color(QPalette::Highlight), tint));
        currentLine.format.setProperty(QTextFormat::FullWidthSelection, true);
        currentLine.cursor = textCursor();
        currentLine.cursor.clearSelection();
        selections.append(currentLine);
    }

    const QColor danger = Theme::instance().color(QStringLiteral("danger"));
    const QColor problemLine = EditorColors::mix(palette().color(QPalette::Base), danger, 0.08);
    for (const Diagnostic &diagnostic : std::as_const(m_diagnostics)) {
        if (diagnostic.line < 1 || diagnostic.line > blockCount())
            continue;
        const QTextBlock block = document()->findBlockByNumber(diagnostic.line - 1);
        QTextEdit::ExtraSelection background;
        background.format.setBackground(problemLine);
        background.format.setProperty(QTextFormat::FullWidthSelection, true);
        background.cursor = QTextCursor(block);
        selections.append(background);

        // The wave runs from the column to the end of the line, or over the whole line's text.
        const QString text = block.text();
        const int firstVisible = leadingSpaces(text);
        int start = qMax(diagnostic.column - 1, firstVisible);
        if (start >= text.size())
            start = firstVisible;
        if (start >= text.size())
            continue;
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(danger);
        underline.cursor = QTextCursor(block);
        underline.cursor.setPosition(block.position() + start);
        underline.cursor.setPosition(block.position() + static_cast<int>(text.size()),
                                     QTextCursor::KeepAnchor);
        selections.append(underline);
    }
    selections.append(m_searchSelections);
    setExtraSelections(selections);
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateLineNumberAreaWidth();
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (isReadOnly()) {
        QPlainTextEdit::keyPressEvent(event);
    } else if (event->key() == Qt::Key_Tab && modifiers == Qt::NoModifier) {
        const QTextCursor cursor = textCursor();
        if (document()->findBlock(cursor.selectionStart()) != document()->findBlock(cursor.selectionEnd()))
            indentLines(false);
        else
            insertPlainText(indentUnit());
    } else if (event->key() == Qt::Key_Backtab) {
        indentLines(true);
    } else if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
               && !(modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        insertNewLine();
    } else if (!outdentBeforeClosingBracket(event->text())) {
        QPlainTextEdit::keyPressEvent(event);
    }
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
        applyFontMetrics();
        break;
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
    case QEvent::ReadOnlyChange:
        updateExtraSelections();
        m_lineNumberArea->update();
        break;
    default:
        break;
    }
}

bool CodeEditor::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QPlainTextEdit::viewportEvent(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QString message = diagnosticMessage(lineAt(help->pos().y()));
    if (message.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), message, viewport());
    return true;
}

void CodeEditor::paintLineNumberArea(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (block.isVisible() && bottom >= event->rect().top()) {
            painter.save();
            paintGutterLine(painter, block, QRect(0, top, m_lineNumberArea->width(), bottom - top));
            painter.restore();
        }
        block = block.next();
        top = bottom;
    }
}

int CodeEditor::lineAt(int y) const
{
    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= y) {
        const qreal bottom = top + blockBoundingRect(block).height();
        if (y < bottom)
            return block.isVisible() ? block.blockNumber() + 1 : 0;
        block = block.next();
        top = bottom;
    }
    return 0;
}

void CodeEditor::updateLineNumberAreaWidth()
{
    const int width = lineNumberAreaWidth();
    setViewportMargins(width, 0, 0, 0);
    const QRect contents = contentsRect();
    m_lineNumberArea->setGeometry(QRect(contents.left(), contents.top(), width, contents.height()));
}

void CodeEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
}

void CodeEditor::applyFontMetrics()
{
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * kIndentWidth);
    updateLineNumberAreaWidth();
}

void CodeEditor::insertNewLine()
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    cursor.removeSelectedText();
    const QString text = cursor.block().text();
    const int column = cursor.positionInBlock();
    const QString before = text.left(column);
    const QString indent = leadingWhitespace(before);

    // Spaces right of the cursor would only push the next line's text to the right.
    const int spacesAfter = leadingSpaces(text.mid(column));
    cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, spacesAfter);
    cursor.removeSelectedText();

    const QString trimmedBefore = before.trimmed();
    const QChar closer = trimmedBefore.isEmpty() ? QChar() : closerOf(trimmedBefore.back());
    const QChar next = column + spacesAfter < text.size() ? text.at(column + spacesAfter) : QChar();
    if (closer.isNull()) {
        cursor.insertText(QLatin1Char('\n') + indent);
    } else {
        cursor.insertText(QLatin1Char('\n') + indent + indentUnit());
        if (next == closer) {
            // Between a pair of brackets: the closing one goes on a line of its own, under the opening line.
            const int inside = cursor.position();
            cursor.insertText(QLatin1Char('\n') + indent);
            cursor.setPosition(inside);
        }
    }
    cursor.endEditBlock();
    setTextCursor(cursor);
    ensureCursorVisible();
}

void CodeEditor::indentLines(bool outdent)
{
    QTextCursor cursor = textCursor();
    QTextBlock first = document()->findBlock(cursor.selectionStart());
    QTextBlock last = document()->findBlock(cursor.selectionEnd());
    // A selection that ends at the start of a line does not take that line along.
    if (last != first && cursor.selectionEnd() == last.position())
        last = last.previous();

    cursor.beginEditBlock();
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        QTextCursor edit(block);
        if (outdent) {
            edit.movePosition(
                QTextCursor::Right, QTextCursor::KeepAnchor, qMin(kIndentWidth, leadingSpaces(block.text())));
            edit.removeSelectedText();
        } else {
            edit.insertText(indentUnit());
        }
        if (block == last)
            break;
    }
    cursor.endEditBlock();

    if (first != last) {
        cursor.setPosition(first.position());
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
        setTextCursor(cursor);
    }
}

bool CodeEditor::outdentBeforeClosingBracket(const QString &typed)
{
    static const QString closers = QStringLiteral("})]");
    QTextCursor cursor = textCursor();
    if (typed.size() != 1 || !closers.contains(typed) || cursor.hasSelection())
        return false;
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    if (before.isEmpty() || leadingSpaces(before) != before.size())
        return false;
    cursor.beginEditBlock();
    cursor.movePosition(
        QTextCursor::Left, QTextCursor::KeepAnchor, qMin(kIndentWidth, static_cast<int>(before.size())));
    cursor.insertText(typed);
    cursor.endEditBlock();
    setTextCursor(cursor);
    return true;
}
