#include "ConsoleView.h"

#include "ui/editor/EditorColors.h"
#include "ui/shell/Theme.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>

namespace {

constexpr int kTimeWidth = 8; ///< characters of the right-aligned time column
constexpr int kLevelWidth = 5; ///< characters of the level column ("error")
constexpr int kAccentWidth = 3; ///< the coloured bar at the left of a warning or an error

QString levelName(ConsoleView::Level level)
{
    switch (level) {
    case ConsoleView::Level::Info:
        return QStringLiteral("info");
    case ConsoleView::Level::Warn:
        return QStringLiteral("warn");
    case ConsoleView::Level::Error:
        return QStringLiteral("error");
    case ConsoleView::Level::Log:
        break;
    }
    return QStringLiteral("log");
}

} // namespace

ConsoleView::ConsoleView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setAccessibleName(tr("Console output"));
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Nothing logged yet: console.log() output shows here."));
    connect(&Theme::instance(), &Theme::changed, this, &ConsoleView::render);
}

void ConsoleView::setLines(const QList<ConsoleLine> &lines)
{
    m_lines = lines;
    render();
}

void ConsoleView::appendLine(const ConsoleLine &line)
{
    QScrollBar *scroll = verticalScrollBar();
    const bool atBottom = scroll->value() == scroll->maximum();
    m_lines.append(line);
    insertLine(line);
    if (atBottom)
        scroll->setValue(scroll->maximum());
}

void ConsoleView::clearLines()
{
    setLines({});
}

ConsoleView::Level ConsoleView::levelOf(const QString &level)
{
    const QString name = level.toLower();
    if (name == QLatin1String("info"))
        return Level::Info;
    if (name == QLatin1String("warn") || name == QLatin1String("warning"))
        return Level::Warn;
    if (name == QLatin1String("error"))
        return Level::Error;
    return Level::Log;
}

QString ConsoleView::timeText(double atMs)
{
    return QStringLiteral("%1 ms").arg(atMs, 0, 'f', atMs < 10 ? 1 : 0);
}

void ConsoleView::paintEvent(QPaintEvent *event)
{
    {
        QPainter painter(viewport());
        QTextBlock block = firstVisibleBlock();
        qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
        while (block.isValid() && top <= event->rect().bottom()) {
            const qreal height = blockBoundingRect(block).height();
            const auto level = static_cast<Level>(qMax(0, block.userState()));
            if (level == Level::Warn || level == Level::Error) {
                const QColor color = levelColor(level);
                const qreal tint = EditorColors::isDark(palette()) ? 0.14 : 0.09;
                painter.fillRect(QRectF(0, top, viewport()->width(), height),
                                 EditorColors::mix(palette().color(QPalette::Base), color, tint));
                painter.fillRect(QRectF(0, top, kAccentWidth, height), color);
            }
            block = block.next();
            top += height;
        }
    }
    QPlainTextEdit::paintEvent(event);
}

void ConsoleView::render()
{
    clear();
    for (const ConsoleLine &line : std::as_const(m_lines))
        insertLine(line);
}

void ConsoleView::insertLine(const ConsoleLine &line)
{
    const Level level = levelOf(line.level);
    QTextCharFormat time;
    time.setForeground(palette().color(QPalette::PlaceholderText));
    QTextCharFormat label;
    label.setForeground(levelColor(level));
    label.setFontWeight(QFont::DemiBold);
    QTextCharFormat text;
    text.setForeground(palette().color(QPalette::Text));

    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    if (!document()->isEmpty())
        cursor.insertBlock();
    const int firstBlock = cursor.blockNumber();
    cursor.insertText(timeText(line.atMs).rightJustified(kTimeWidth) + QLatin1String("  "), time);
    cursor.insertText(levelName(level).leftJustified(kLevelWidth) + QLatin1String("  "), label);
    // Lines after the first line of a message line up under its start.
    const QString indent(kTimeWidth + kLevelWidth + 4, QLatin1Char(' '));
    QString message = line.text;
    message.replace(QLatin1Char('\n'), QLatin1Char('\n') + indent);
    cursor.insertText(message, text);
    for (QTextBlock block = document()->findBlockByNumber(firstBlock); block.isValid(); block = block.next())
        block.setUserState(static_cast<int>(level));
    cursor.endEditBlock();
}

QColor ConsoleView::levelColor(Level level) const
{
    switch (level) {
    case Level::Info:
        return Theme::instance().color(QStringLiteral("info"));
    case Level::Warn:
        return Theme::instance().color(QStringLiteral("warning"));
    case Level::Error:
        return Theme::instance().color(QStringLiteral("danger"));
    case Level::Log:
        break;
    }
    return palette().color(QPalette::PlaceholderText);
}
