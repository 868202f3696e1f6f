#include "LineNumberArea.h"

#include "ui/editor/CodeEditor.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

LineNumberArea::LineNumberArea(CodeEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{
    setObjectName(QStringLiteral("lineNumberArea"));
    setAccessibleName(tr("Line numbers"));
    setCursor(Qt::ArrowCursor);
}

QSize LineNumberArea::sizeHint() const
{
    return QSize(m_editor->lineNumberAreaWidth(), 0);
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_editor->paintLineNumberArea(event);
}

void LineNumberArea::mousePressEvent(QMouseEvent *event)
{
    const int line = m_editor->lineAt(qRound(event->position().y()));
    if (event->button() == Qt::LeftButton && line > 0)
        m_editor->goToLine(line);
}

bool LineNumberArea::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QString message = m_editor->diagnosticMessage(m_editor->lineAt(help->pos().y()));
    if (message.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), message, this);
    return true;
}
